-- The dashboard's unit figures (helper units, standards, priority sectors) without a pass over the
-- subtree's units at read time: every unit the figures count has a key (what the figures compare with
-- each window's as-of day), and every ancestor-or-self of the unit holds a count per key.
--
-- Kept by statement triggers in the writing transaction (units, helper units, standards and their
-- versions); recompute_unit_figures() rebuilds both tables from the base tables (bulk loads with the
-- triggers off, and the proof in test/api/dashboard-rollups-a.test.ts).

-- The lists of src/shared/domain: priority SECTORS, HELPER_UNIT_KINDS (a unit test compares them).
CREATE FUNCTION is_priority_sector(sector text) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(sector IN ('finance', 'banking', 'tax', 'social_insurance', 'investment', 'environment', 'construction', 'justice',
                             'procuracy', 'court', 'police', 'health', 'education', 'personnel', 'inspection'), false)
$$;

CREATE FUNCTION is_helper_unit_kind(kind text) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT kind IN ('province_committee', 'district_committee', 'affiliated_committee')
$$;

-- The key of every unit the figures count: the units that are not cells, and the priority-sector cells.
-- - priority_sector: the unit's priority sector, unless its parent is of the same sector (a unit inside
--   a committee of its sector counts with that committee); null for none;
-- - issues_standards: not a cell;
-- - helper_kind: a committee that must set up a helper unit, by its kind only (a grassroots committee
--   also counts when it is the dashboard's node: corrected at read time, see dashboard.repository.ts),
--   with the helper unit's day and whether it has a regulation;
-- - moral_on / professional_on: the first day a version of the unit's standard was issued;
-- - valid_to: the figures count a unit on the days before it closed.
-- LATERAL lookups so that a refresh of a few units reads a few index entries.
CREATE VIEW unit_figure_key_source AS
SELECT u.id AS unit_id, u.path,
       CASE WHEN is_priority_sector(u.sector) AND p.sector IS DISTINCT FROM u.sector THEN u.sector END AS priority_sector,
       u.kind <> 'cell' AS issues_standards,
       is_helper_unit_kind(u.kind) AS helper_kind,
       u.valid_to,
       h.established_on,
       coalesce(h.has_regulation, false) AS has_regulation,
       s.moral_on, s.professional_on
  FROM unit u
  LEFT JOIN unit p ON p.id = u.parent_id
  LEFT JOIN LATERAL (SELECT x.established_on, x.regulation_document_id IS NOT NULL AS has_regulation
                       FROM helper_unit x WHERE x.unit_id = u.id AND is_helper_unit_kind(u.kind)) h ON true
  LEFT JOIN LATERAL (SELECT min(v.issued_on) FILTER (WHERE c.kind = 'moral') AS moral_on,
                            min(v.issued_on) FILTER (WHERE c.kind = 'professional') AS professional_on
                       FROM conduct_standard c JOIN standard_version v ON v.standard_id = c.id
                      WHERE c.unit_id = u.id AND v.issued_on IS NOT NULL) s ON true
 WHERE u.kind <> 'cell' OR is_priority_sector(u.sector);

-- The keys as last added to the summary (with the path they were added along).
CREATE TABLE unit_figure_key (
  unit_id          bigint PRIMARY KEY,
  path             ltree NOT NULL,
  priority_sector  text,
  issues_standards boolean NOT NULL,
  helper_kind      boolean NOT NULL,
  valid_to         date,
  established_on   date,
  has_regulation   boolean NOT NULL,
  moral_on         date,
  professional_on  date
);

-- Units per ancestor-or-self and key. Rows whose count reaches 0 stay; readers skip them.
CREATE TABLE unit_figure_rollup (
  unit_id          bigint NOT NULL,
  priority_sector  text,
  issues_standards boolean NOT NULL,
  helper_kind      boolean NOT NULL,
  valid_to         date,
  established_on   date,
  has_regulation   boolean NOT NULL,
  moral_on         date,
  professional_on  date,
  n                integer NOT NULL
);
CREATE UNIQUE INDEX unit_figure_rollup_key ON unit_figure_rollup
  (unit_id, priority_sector, issues_standards, helper_kind, valid_to, established_on, has_regulation, moral_on, professional_on) NULLS NOT DISTINCT;

-- The district-level and affiliated committees (pilots and the pressing issue) of a subtree are read
-- through this small index instead of a pass over the subtree's units.
CREATE INDEX unit_pilot_committee_path ON unit USING gist (path) WHERE kind IN ('district_committee', 'affiliated_committee');

-- Bring the keys of `ids` up to date: each key that changed (or whose unit moved) is taken off its old
-- path's ancestors and added to its new path's ones; units that left the counted set lose their key.
-- The stored keys are locked first, in id order, and the new keys read afterwards (a fresh snapshot in
-- READ COMMITTED): two transactions refreshing one unit apply their differences one after the other.
CREATE FUNCTION unit_figures_refresh(ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
  PERFORM 1 FROM unit_figure_key WHERE unit_id = ANY (ids) ORDER BY unit_id FOR UPDATE;
  -- One statement: the summary, then the stored keys (updated, inserted, or deleted when the unit left
  -- the counted set: three disjoint sets of rows).
  WITH fresh AS (
    SELECT * FROM unit_figure_key_source WHERE unit_id = ANY (ids)
  ), stored AS (
    SELECT * FROM unit_figure_key WHERE unit_id = ANY (ids)
  ), changes AS (
    SELECT o.*, -1 AS sign FROM stored o LEFT JOIN fresh f ON f.unit_id = o.unit_id
     WHERE f.unit_id IS NULL OR ROW(f.*) IS DISTINCT FROM ROW(o.*)
    UNION ALL
    SELECT f.*, 1 FROM fresh f LEFT JOIN stored o ON o.unit_id = f.unit_id
     WHERE o.unit_id IS NULL OR ROW(f.*) IS DISTINCT FROM ROW(o.*)
  ), summary AS (
    INSERT INTO unit_figure_rollup AS r (unit_id, priority_sector, issues_standards, helper_kind, valid_to, established_on, has_regulation,
                                         moral_on, professional_on, n)
    SELECT a.id::bigint, c.priority_sector, c.issues_standards, c.helper_kind, c.valid_to, c.established_on, c.has_regulation,
           c.moral_on, c.professional_on, sum(c.sign)
      FROM changes c CROSS JOIN LATERAL unnest(string_to_array(c.path::text, '.')) AS a(id)
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
    HAVING sum(c.sign) <> 0
     ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9
    ON CONFLICT (unit_id, priority_sector, issues_standards, helper_kind, valid_to, established_on, has_regulation, moral_on, professional_on)
    DO UPDATE SET n = r.n + excluded.n
  ), gone AS (
    DELETE FROM unit_figure_key k
     WHERE k.unit_id IN (SELECT unit_id FROM changes WHERE sign = -1 EXCEPT SELECT unit_id FROM changes WHERE sign = 1)
  )
  INSERT INTO unit_figure_key AS k (unit_id, path, priority_sector, issues_standards, helper_kind, valid_to, established_on, has_regulation,
                                    moral_on, professional_on)
  SELECT unit_id, path, priority_sector, issues_standards, helper_kind, valid_to, established_on, has_regulation, moral_on, professional_on
    FROM changes WHERE sign = 1 ORDER BY unit_id
  ON CONFLICT (unit_id) DO UPDATE
     SET path = excluded.path, priority_sector = excluded.priority_sector, issues_standards = excluded.issues_standards,
         helper_kind = excluded.helper_kind, valid_to = excluded.valid_to, established_on = excluded.established_on,
         has_regulation = excluded.has_regulation, moral_on = excluded.moral_on, professional_on = excluded.professional_on;
END $$;

-- Units: created, deleted, or changed in what a key reads (kind, sector, closing day, parent, path: a
-- moved subtree changes the path of every unit in it). A unit's sector also decides whether its
-- children's priority sector counts, so their keys are refreshed too.
CREATE FUNCTION unit_figures_after_unit_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids bigint[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(n.id) INTO ids FROM new_rows n;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(o.id) INTO ids FROM old_rows o;
  ELSE
    WITH changed AS (
      SELECT n.id, n.sector IS DISTINCT FROM o.sector AS sector_changed
        FROM new_rows n JOIN old_rows o ON o.id = n.id
       WHERE (n.kind, n.sector, n.valid_to, n.parent_id, n.path) IS DISTINCT FROM (o.kind, o.sector, o.valid_to, o.parent_id, o.path)
    )
    SELECT array_agg(DISTINCT x.id) INTO ids FROM (
      SELECT id FROM changed
      UNION ALL
      SELECT c.id FROM unit c WHERE c.parent_id IN (SELECT id FROM changed WHERE sector_changed)
    ) x;
  END IF;
  PERFORM unit_figures_refresh(ids);
  RETURN NULL;
END $$;

CREATE TRIGGER unit_figures_insert AFTER INSERT ON unit
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION unit_figures_after_unit_change();
CREATE TRIGGER unit_figures_update AFTER UPDATE ON unit
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION unit_figures_after_unit_change();
CREATE TRIGGER unit_figures_delete AFTER DELETE ON unit
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION unit_figures_after_unit_change();

-- Helper units and standards (their unit_id), and standard versions (through their standard).
CREATE FUNCTION unit_figures_after_unit_row_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids bigint[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT n.unit_id) INTO ids FROM new_rows n;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT o.unit_id) INTO ids FROM old_rows o;
  ELSE
    SELECT array_agg(DISTINCT x.unit_id) INTO ids FROM (SELECT unit_id FROM old_rows UNION ALL SELECT unit_id FROM new_rows) x;
  END IF;
  PERFORM unit_figures_refresh(ids);
  RETURN NULL;
END $$;

CREATE FUNCTION unit_figures_after_version_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids bigint[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT c.unit_id) INTO ids FROM conduct_standard c WHERE c.id IN (SELECT standard_id FROM new_rows WHERE issued_on IS NOT NULL);
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT c.unit_id) INTO ids FROM conduct_standard c WHERE c.id IN (SELECT standard_id FROM old_rows WHERE issued_on IS NOT NULL);
  ELSE
    SELECT array_agg(DISTINCT c.unit_id) INTO ids FROM conduct_standard c
     WHERE c.id IN (SELECT o.standard_id FROM old_rows o JOIN new_rows n ON n.id = o.id
                     WHERE (n.standard_id, n.issued_on) IS DISTINCT FROM (o.standard_id, o.issued_on)
                    UNION ALL
                    SELECT n.standard_id FROM old_rows o JOIN new_rows n ON n.id = o.id
                     WHERE (n.standard_id, n.issued_on) IS DISTINCT FROM (o.standard_id, o.issued_on));
  END IF;
  PERFORM unit_figures_refresh(ids);
  RETURN NULL;
END $$;

CREATE TRIGGER helper_unit_figures_insert AFTER INSERT ON helper_unit
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION unit_figures_after_unit_row_change();
CREATE TRIGGER helper_unit_figures_update AFTER UPDATE ON helper_unit
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION unit_figures_after_unit_row_change();
CREATE TRIGGER helper_unit_figures_delete AFTER DELETE ON helper_unit
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION unit_figures_after_unit_row_change();
CREATE TRIGGER conduct_standard_figures_insert AFTER INSERT ON conduct_standard
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION unit_figures_after_unit_row_change();
CREATE TRIGGER conduct_standard_figures_update AFTER UPDATE ON conduct_standard
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION unit_figures_after_unit_row_change();
CREATE TRIGGER conduct_standard_figures_delete AFTER DELETE ON conduct_standard
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION unit_figures_after_unit_row_change();
CREATE TRIGGER standard_version_figures_insert AFTER INSERT ON standard_version
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION unit_figures_after_version_change();
CREATE TRIGGER standard_version_figures_update AFTER UPDATE ON standard_version
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION unit_figures_after_version_change();
CREATE TRIGGER standard_version_figures_delete AFTER DELETE ON standard_version
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION unit_figures_after_version_change();

-- Rebuild both tables from the base tables (bulk loads with the triggers off, and the proof in tests).
CREATE FUNCTION recompute_unit_figures() RETURNS void LANGUAGE sql AS $$
  DELETE FROM unit_figure_rollup;
  DELETE FROM unit_figure_key;
  INSERT INTO unit_figure_key (unit_id, path, priority_sector, issues_standards, helper_kind, valid_to, established_on, has_regulation,
                               moral_on, professional_on)
  SELECT unit_id, path, priority_sector, issues_standards, helper_kind, valid_to, established_on, has_regulation, moral_on, professional_on
    FROM unit_figure_key_source;
  INSERT INTO unit_figure_rollup (unit_id, priority_sector, issues_standards, helper_kind, valid_to, established_on, has_regulation,
                                  moral_on, professional_on, n)
  SELECT a.id::bigint, k.priority_sector, k.issues_standards, k.helper_kind, k.valid_to, k.established_on, k.has_regulation,
         k.moral_on, k.professional_on, count(*)
    FROM unit_figure_key k CROSS JOIN LATERAL unnest(string_to_array(k.path::text, '.')) AS a(id)
   GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
$$;

SELECT recompute_unit_figures();
