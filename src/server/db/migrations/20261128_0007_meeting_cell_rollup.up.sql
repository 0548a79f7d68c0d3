-- Two more summaries so that the meeting matrix of the national root reads a few hundred rows instead of
-- scanning every cell of the tree (measured before: 1.0 s p95 at 286,399 cells).

-- Cells per unit above and including them, by the years they are open: a cell is open in year Y when
-- from_year <= Y <= to_year (9999 while it is open).
CREATE TABLE cell_span_rollup (
  unit_id   bigint NOT NULL,
  from_year integer NOT NULL,
  to_year   integer NOT NULL,
  cells     integer NOT NULL,
  PRIMARY KEY (unit_id, from_year, to_year)
);

-- The month (2–12) in which a cell's first run of two months without a held regular meeting ends, or 13
-- when it has none: with the months 1..k over, the cell missed two in a row exactly when this is <= k.
CREATE FUNCTION first_gap_end(held_mask integer) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN pairs = 0 THEN 13 ELSE position('1' IN reverse(pairs::bit(12)::text)) + 1 END
    FROM (SELECT (~held_mask & 4095) & ((~held_mask & 4095) >> 1) AS pairs) x
$$;

-- Cells with a row in cell_meeting_year per unit above and including them, by first_gap_end. Cells of
-- the year without any row had no meeting at all, so their gap ends in February: the reader adds them
-- from cell_span_rollup.
CREATE TABLE meeting_gap_rollup (
  unit_id bigint NOT NULL,
  year    integer NOT NULL,
  gap_end integer NOT NULL,
  cells   integer NOT NULL,
  PRIMARY KEY (unit_id, year, gap_end)
);

-- Rows are upserted in key order so that concurrent writers lock shared ancestors in the same order.
CREATE FUNCTION cell_span_apply(changes jsonb) RETURNS void LANGUAGE sql AS $$
  INSERT INTO cell_span_rollup AS r (unit_id, from_year, to_year, cells)
  SELECT a.id::bigint, c.from_year, c.to_year, sum(c.sign)
    FROM jsonb_to_recordset(changes) AS c(path text, from_year integer, to_year integer, sign integer)
    CROSS JOIN LATERAL unnest(string_to_array(c.path, '.')) AS a(id)
   GROUP BY 1, 2, 3
  HAVING sum(c.sign) <> 0
   ORDER BY 1, 2, 3
  ON CONFLICT (unit_id, from_year, to_year) DO UPDATE SET cells = r.cells + excluded.cells;
$$;

CREATE FUNCTION meeting_gap_apply(changes jsonb) RETURNS void LANGUAGE sql AS $$
  INSERT INTO meeting_gap_rollup AS r (unit_id, year, gap_end, cells)
  SELECT a.id::bigint, c.year, c.gap_end, sum(c.sign)
    FROM jsonb_to_recordset(changes) AS c(path text, year integer, gap_end integer, sign integer)
    CROSS JOIN LATERAL unnest(string_to_array(c.path, '.')) AS a(id)
   GROUP BY 1, 2, 3
  HAVING sum(c.sign) <> 0
   ORDER BY 1, 2, 3
  ON CONFLICT (unit_id, year, gap_end) DO UPDATE SET cells = r.cells + excluded.cells;
$$;

-- Units: a cell created, closed, reopened, moved or deleted changes the span rows along its old and new
-- paths; a moved cell also takes its gap rows from its old ancestors to its new ones.
CREATE FUNCTION cell_rollup_after_unit_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  spans jsonb;
  gaps  jsonb;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT jsonb_agg(jsonb_build_object('path', n.path::text, 'from_year', extract(year FROM n.valid_from)::int,
                                        'to_year', coalesce(extract(year FROM n.valid_to)::int, 9999), 'sign', 1))
      INTO spans FROM new_rows n WHERE n.kind IN ('cell', 'grassroots_cell');
  ELSIF TG_OP = 'DELETE' THEN
    SELECT jsonb_agg(jsonb_build_object('path', o.path::text, 'from_year', extract(year FROM o.valid_from)::int,
                                        'to_year', coalesce(extract(year FROM o.valid_to)::int, 9999), 'sign', -1))
      INTO spans FROM old_rows o WHERE o.kind IN ('cell', 'grassroots_cell');
  ELSE
    WITH changed AS (
      SELECT o.path AS old_path, o.kind AS old_kind, o.valid_from AS old_from, o.valid_to AS old_to,
             n.path AS new_path, n.kind AS new_kind, n.valid_from AS new_from, n.valid_to AS new_to
        FROM new_rows n JOIN old_rows o ON o.id = n.id
       WHERE (n.path, n.kind, n.valid_from, n.valid_to) IS DISTINCT FROM (o.path, o.kind, o.valid_from, o.valid_to)
         AND (n.kind IN ('cell', 'grassroots_cell') OR o.kind IN ('cell', 'grassroots_cell'))
    )
    SELECT jsonb_agg(x) INTO spans FROM (
      SELECT jsonb_build_object('path', old_path::text, 'from_year', extract(year FROM old_from)::int,
                                'to_year', coalesce(extract(year FROM old_to)::int, 9999), 'sign', -1) AS x
        FROM changed WHERE old_kind IN ('cell', 'grassroots_cell')
      UNION ALL
      SELECT jsonb_build_object('path', new_path::text, 'from_year', extract(year FROM new_from)::int,
                                'to_year', coalesce(extract(year FROM new_to)::int, 9999), 'sign', 1)
        FROM changed WHERE new_kind IN ('cell', 'grassroots_cell')
    ) s;
    WITH moved AS (
      SELECT n.id, o.path AS old_path, n.path AS new_path
        FROM new_rows n JOIN old_rows o ON o.id = n.id
       WHERE n.path IS DISTINCT FROM o.path AND n.kind IN ('cell', 'grassroots_cell')
    )
    SELECT jsonb_agg(x) INTO gaps FROM (
      SELECT jsonb_build_object('path', m.old_path::text, 'year', y.year, 'gap_end', first_gap_end(y.held_mask), 'sign', -1) AS x
        FROM moved m JOIN cell_meeting_year y ON y.unit_id = m.id
      UNION ALL
      SELECT jsonb_build_object('path', m.new_path::text, 'year', y.year, 'gap_end', first_gap_end(y.held_mask), 'sign', 1)
        FROM moved m JOIN cell_meeting_year y ON y.unit_id = m.id
    ) s;
  END IF;
  IF spans IS NOT NULL THEN PERFORM cell_span_apply(spans); END IF;
  IF gaps IS NOT NULL THEN PERFORM meeting_gap_apply(gaps); END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER unit_cell_rollup_insert AFTER INSERT ON unit
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cell_rollup_after_unit_change();
CREATE TRIGGER unit_cell_rollup_update AFTER UPDATE ON unit
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION cell_rollup_after_unit_change();
CREATE TRIGGER unit_cell_rollup_delete AFTER DELETE ON unit
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION cell_rollup_after_unit_change();

-- Yearly masks: a mask that changes moves its cell from one gap bucket to another along its path.
CREATE FUNCTION meeting_gap_after_mask_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  gaps jsonb;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT jsonb_agg(jsonb_build_object('path', u.path::text, 'year', n.year, 'gap_end', first_gap_end(n.held_mask), 'sign', 1))
      INTO gaps FROM new_rows n JOIN unit u ON u.id = n.unit_id;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT jsonb_agg(jsonb_build_object('path', u.path::text, 'year', o.year, 'gap_end', first_gap_end(o.held_mask), 'sign', -1))
      INTO gaps FROM old_rows o JOIN unit u ON u.id = o.unit_id;
  ELSE
    SELECT jsonb_agg(x) INTO gaps FROM (
      SELECT jsonb_build_object('path', u.path::text, 'year', o.year, 'gap_end', first_gap_end(o.held_mask), 'sign', -1) AS x
        FROM old_rows o JOIN new_rows n ON (n.unit_id, n.year) = (o.unit_id, o.year) JOIN unit u ON u.id = o.unit_id
       WHERE first_gap_end(n.held_mask) <> first_gap_end(o.held_mask)
      UNION ALL
      SELECT jsonb_build_object('path', u.path::text, 'year', n.year, 'gap_end', first_gap_end(n.held_mask), 'sign', 1)
        FROM old_rows o JOIN new_rows n ON (n.unit_id, n.year) = (o.unit_id, o.year) JOIN unit u ON u.id = n.unit_id
       WHERE first_gap_end(n.held_mask) <> first_gap_end(o.held_mask)
    ) s;
  END IF;
  IF gaps IS NOT NULL THEN PERFORM meeting_gap_apply(gaps); END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER cell_meeting_year_gap_insert AFTER INSERT ON cell_meeting_year
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION meeting_gap_after_mask_change();
CREATE TRIGGER cell_meeting_year_gap_update AFTER UPDATE ON cell_meeting_year
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION meeting_gap_after_mask_change();
CREATE TRIGGER cell_meeting_year_gap_delete AFTER DELETE ON cell_meeting_year
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION meeting_gap_after_mask_change();

-- Rebuild both from the units and the masks (bulk loads with triggers off, and the proof in the tests).
CREATE FUNCTION recompute_cell_rollups() RETURNS void LANGUAGE sql AS $$
  DELETE FROM cell_span_rollup;
  DELETE FROM meeting_gap_rollup;
  INSERT INTO cell_span_rollup (unit_id, from_year, to_year, cells)
  SELECT a.id::bigint, extract(year FROM u.valid_from)::int, coalesce(extract(year FROM u.valid_to)::int, 9999), count(*)
    FROM unit u CROSS JOIN LATERAL unnest(string_to_array(u.path::text, '.')) AS a(id)
   WHERE u.kind IN ('cell', 'grassroots_cell')
   GROUP BY 1, 2, 3;
  INSERT INTO meeting_gap_rollup (unit_id, year, gap_end, cells)
  SELECT a.id::bigint, y.year, first_gap_end(y.held_mask), count(*)
    FROM cell_meeting_year y JOIN unit u ON u.id = y.unit_id
    CROSS JOIN LATERAL unnest(string_to_array(u.path::text, '.')) AS a(id)
   GROUP BY 1, 2, 3;
$$;

-- recompute_meeting_rollup() rebuilds the masks; the gap summary follows in the same call, once, instead
-- of through the mask triggers row set by row set.
CREATE OR REPLACE FUNCTION recompute_meeting_rollup() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  ALTER TABLE cell_meeting_year DISABLE TRIGGER cell_meeting_year_gap_insert;
  ALTER TABLE cell_meeting_year DISABLE TRIGGER cell_meeting_year_gap_delete;
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
  ALTER TABLE cell_meeting_year ENABLE TRIGGER cell_meeting_year_gap_insert;
  ALTER TABLE cell_meeting_year ENABLE TRIGGER cell_meeting_year_gap_delete;
  DELETE FROM meeting_gap_rollup;
  INSERT INTO meeting_gap_rollup (unit_id, year, gap_end, cells)
  SELECT a.id::bigint, y.year, first_gap_end(y.held_mask), count(*)
    FROM cell_meeting_year y JOIN unit u ON u.id = y.unit_id
    CROSS JOIN LATERAL unnest(string_to_array(u.path::text, '.')) AS a(id)
   GROUP BY 1, 2, 3;
END $$;

SELECT recompute_cell_rollups();
