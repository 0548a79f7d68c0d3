DROP TABLE IF EXISTS audit_log, login_failure, session, account, member_position, member, unit CASCADE;
DROP FUNCTION IF EXISTS recompute_unit_counts(), member_counts_after_insert(), member_counts_after_update(),
  member_counts_after_delete(), apply_member_count_delta(bigint[], integer[]), unit_counts_after_insert();
DROP FUNCTION IF EXISTS fold_vi(text);
