DROP TRIGGER IF EXISTS unit_cell_rollup_insert ON unit;
DROP TRIGGER IF EXISTS unit_cell_rollup_update ON unit;
DROP TRIGGER IF EXISTS unit_cell_rollup_delete ON unit;
DROP TRIGGER IF EXISTS cell_meeting_year_gap_insert ON cell_meeting_year;
DROP TRIGGER IF EXISTS cell_meeting_year_gap_update ON cell_meeting_year;
DROP TRIGGER IF EXISTS cell_meeting_year_gap_delete ON cell_meeting_year;
DROP FUNCTION IF EXISTS cell_rollup_after_unit_change(), meeting_gap_after_mask_change(), recompute_cell_rollups(),
  cell_span_apply(jsonb), meeting_gap_apply(jsonb), first_gap_end(integer);
DROP TABLE IF EXISTS cell_span_rollup, meeting_gap_rollup;
-- Restore the form of migration 0005.
DROP FUNCTION IF EXISTS recompute_meeting_rollup();
CREATE FUNCTION recompute_meeting_rollup() RETURNS void LANGUAGE sql AS $$
  DELETE FROM meeting_rollup;
  DELETE FROM cell_meeting_year;
  INSERT INTO meeting_rollup (unit_id, year, month, held, held_without_topic, present, roll)
  SELECT a.id::bigint, m.year, m.month,
         count(*) FILTER (WHERE m.studied_count > 0), count(*) FILTER (WHERE m.studied_count = 0),
         sum(m.present_count), sum(m.present_count + m.excused_count + m.absent_count)
    FROM cell_meeting m JOIN unit u ON u.id = m.unit_id
    CROSS JOIN LATERAL unnest(string_to_array(u.path::text, '.')) AS a(id)
   WHERE m.kind = 'regular' AND m.held_on IS NOT NULL
   GROUP BY 1, 2, 3;
  INSERT INTO cell_meeting_year (unit_id, year, held_mask)
  SELECT unit_id, year, bit_or(CASE WHEN kind = 'regular' AND held_on IS NOT NULL THEN 1 << (month - 1) ELSE 0 END)
    FROM cell_meeting GROUP BY 1, 2;
$$;
