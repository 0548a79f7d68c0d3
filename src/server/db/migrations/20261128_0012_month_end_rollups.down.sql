DROP TRIGGER IF EXISTS cell_meeting_rollup ON cell_meeting;
DROP FUNCTION IF EXISTS meeting_rollup_after_row();

CREATE FUNCTION meeting_rollup_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM meeting_rollup_apply(array_agg(unit_id), array_agg(year), array_agg(month), array_agg(1), array_agg(studied_count),
                               array_agg(present_count), array_agg(present_count + excused_count + absent_count))
     FROM new_rows WHERE kind = 'regular' AND held_on IS NOT NULL HAVING count(*) > 0;
  PERFORM meeting_masks_refresh(array_agg(unit_id), array_agg(year)) FROM new_rows HAVING count(*) > 0;
  RETURN NULL;
END $$;

CREATE FUNCTION meeting_rollup_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM meeting_rollup_apply(array_agg(unit_id), array_agg(year), array_agg(month), array_agg(sign), array_agg(studied_count),
                               array_agg(present_count), array_agg(present_count + excused_count + absent_count))
     FROM (SELECT -1 AS sign, * FROM old_rows UNION ALL SELECT 1, * FROM new_rows) c
    WHERE kind = 'regular' AND held_on IS NOT NULL HAVING count(*) > 0;
  PERFORM meeting_masks_refresh(array_agg(unit_id), array_agg(year))
     FROM (SELECT unit_id, year FROM old_rows UNION ALL SELECT unit_id, year FROM new_rows) c HAVING count(*) > 0;
  RETURN NULL;
END $$;

CREATE FUNCTION meeting_rollup_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM meeting_rollup_apply(array_agg(unit_id), array_agg(year), array_agg(month), array_agg(-1), array_agg(studied_count),
                               array_agg(present_count), array_agg(present_count + excused_count + absent_count))
     FROM old_rows WHERE kind = 'regular' AND held_on IS NOT NULL HAVING count(*) > 0;
  PERFORM meeting_masks_refresh(array_agg(unit_id), array_agg(year)) FROM old_rows HAVING count(*) > 0;
  RETURN NULL;
END $$;

CREATE TRIGGER cell_meeting_rollup_insert AFTER INSERT ON cell_meeting
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION meeting_rollup_after_insert();
CREATE TRIGGER cell_meeting_rollup_update AFTER UPDATE ON cell_meeting
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION meeting_rollup_after_update();
CREATE TRIGGER cell_meeting_rollup_delete AFTER DELETE ON cell_meeting
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION meeting_rollup_after_delete();
