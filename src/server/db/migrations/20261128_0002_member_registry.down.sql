DROP TABLE IF EXISTS member_import;
DROP INDEX IF EXISTS member_name_order_idx, member_unit_all_idx, member_birth_idx;
