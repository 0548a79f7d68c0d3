-- Month end: 200 cell secretaries record their meeting in the same minute. Every recording adds to the
-- summary rows of all its ancestors, so every writer needs the same province and district rows. With
-- statement triggers those rows were locked at the INSERT, early in the request's transaction, and held
-- through a dozen more statements and the commit: writers queued one behind the other for seconds
-- (bench/month-end.ts). The summaries are now updated by deferred row triggers, at COMMIT, so a shared
-- row is held for the few milliseconds of the upserts and the commit itself.

-- Rows in key order, so that two committing writers lock their shared ancestors in the same order.
CREATE OR REPLACE FUNCTION meeting_rollup_apply(cell_ids bigint[], years integer[], months integer[], signs integer[],
                                                studied integer[], presents integer[], rolls integer[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO meeting_rollup AS r (unit_id, year, month, held, held_without_topic, present, roll)
  SELECT a.id::bigint, c.year, c.month,
         sum(c.sign * (c.studied > 0)::int), sum(c.sign * (c.studied = 0)::int), sum(c.sign * c.present), sum(c.sign * c.roll)
    FROM unnest(cell_ids, years, months, signs, studied, presents, rolls) AS c(cell_id, year, month, sign, studied, present, roll)
    JOIN unit u ON u.id = c.cell_id
    CROSS JOIN LATERAL unnest(string_to_array(u.path::text, '.')) AS a(id)
   GROUP BY 1, 2, 3
   ORDER BY 1, 2, 3
  ON CONFLICT (unit_id, year, month) DO UPDATE
     SET held = r.held + excluded.held, held_without_topic = r.held_without_topic + excluded.held_without_topic,
         present = r.present + excluded.present, roll = r.roll + excluded.roll;
$$;

-- One meeting row changed: its old contribution out, its new one in, then the cell's yearly mask (which
-- moves the cell between gap buckets through the cell_meeting_year triggers). Each event sees the row as
-- that event left it, so an insert followed by an update in one transaction nets to the final row.
CREATE FUNCTION meeting_rollup_after_row() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  counted_old boolean := TG_OP <> 'INSERT' AND OLD.kind = 'regular' AND OLD.held_on IS NOT NULL;
  counted_new boolean := TG_OP <> 'DELETE' AND NEW.kind = 'regular' AND NEW.held_on IS NOT NULL;
BEGIN
  IF TG_OP = 'UPDATE'
     AND (OLD.unit_id, OLD.year, OLD.month, OLD.studied_count, OLD.present_count, OLD.excused_count, OLD.absent_count, counted_old)
         IS NOT DISTINCT FROM (NEW.unit_id, NEW.year, NEW.month, NEW.studied_count, NEW.present_count, NEW.excused_count, NEW.absent_count, counted_new) THEN
    RETURN NULL;
  END IF;
  IF counted_old AND counted_new THEN
    PERFORM meeting_rollup_apply(ARRAY[OLD.unit_id, NEW.unit_id], ARRAY[OLD.year, NEW.year], ARRAY[OLD.month, NEW.month], ARRAY[-1, 1],
                                 ARRAY[OLD.studied_count, NEW.studied_count], ARRAY[OLD.present_count, NEW.present_count],
                                 ARRAY[OLD.present_count + OLD.excused_count + OLD.absent_count, NEW.present_count + NEW.excused_count + NEW.absent_count]);
  ELSIF counted_old THEN
    PERFORM meeting_rollup_apply(ARRAY[OLD.unit_id], ARRAY[OLD.year], ARRAY[OLD.month], ARRAY[-1], ARRAY[OLD.studied_count],
                                 ARRAY[OLD.present_count], ARRAY[OLD.present_count + OLD.excused_count + OLD.absent_count]);
  ELSIF counted_new THEN
    PERFORM meeting_rollup_apply(ARRAY[NEW.unit_id], ARRAY[NEW.year], ARRAY[NEW.month], ARRAY[1], ARRAY[NEW.studied_count],
                                 ARRAY[NEW.present_count], ARRAY[NEW.present_count + NEW.excused_count + NEW.absent_count]);
  END IF;
  IF TG_OP = 'INSERT' THEN
    PERFORM meeting_masks_refresh(ARRAY[NEW.unit_id], ARRAY[NEW.year]);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM meeting_masks_refresh(ARRAY[OLD.unit_id], ARRAY[OLD.year]);
  ELSE
    PERFORM meeting_masks_refresh(ARRAY[OLD.unit_id, NEW.unit_id], ARRAY[OLD.year, NEW.year]);
  END IF;
  RETURN NULL;
END $$;

DROP TRIGGER cell_meeting_rollup_insert ON cell_meeting;
DROP TRIGGER cell_meeting_rollup_update ON cell_meeting;
DROP TRIGGER cell_meeting_rollup_delete ON cell_meeting;
DROP FUNCTION meeting_rollup_after_insert();
DROP FUNCTION meeting_rollup_after_update();
DROP FUNCTION meeting_rollup_after_delete();

CREATE CONSTRAINT TRIGGER cell_meeting_rollup AFTER INSERT OR UPDATE OR DELETE ON cell_meeting
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION meeting_rollup_after_row();
