DROP TRIGGER IF EXISTS cascade_requirement_insert ON cascade_requirement;
DROP TRIGGER IF EXISTS cascade_requirement_update ON cascade_requirement;
DROP FUNCTION IF EXISTS cascade_after_requirement_change();
DROP TABLE IF EXISTS cascade_rollup;
-- Restore the single-function form of migration 0004.
CREATE OR REPLACE FUNCTION refresh_cascade_obligations(requirement_ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_cascade_obligation_rows(requirement_ids);
END $$;
DROP FUNCTION IF EXISTS refresh_cascade_rollup(bigint[]);
