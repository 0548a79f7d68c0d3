-- Cascade roll-up: per requirement and per strict ancestor of the units that must act, how many acted
-- on time, late, or not yet (documents and conferences). A requirement has one due date, so "not yet"
-- splits into pending or overdue when read, for any today. The root view of a national tree reads one
-- row per child and requirement instead of every obligation (measured: ~1 s → ~20 ms at 267,000
-- obligations, bench/cascade.ts).
CREATE TABLE cascade_rollup (
  requirement_id    bigint NOT NULL REFERENCES cascade_requirement (id) ON DELETE CASCADE,
  unit_id           bigint NOT NULL REFERENCES unit (id),
  lineage           ltree NOT NULL,
  due_on            date NOT NULL,
  conference_due_on date,
  on_time           integer NOT NULL,
  late              integer NOT NULL,
  open              integer NOT NULL,
  c_on_time         integer NOT NULL,
  c_late            integer NOT NULL,
  c_open            integer NOT NULL,
  PRIMARY KEY (unit_id, requirement_id)
);
CREATE INDEX cascade_rollup_requirement_idx ON cascade_rollup (requirement_id);

CREATE FUNCTION refresh_cascade_rollup(requirement_ids bigint[]) RETURNS void LANGUAGE sql AS $$
  DELETE FROM cascade_rollup WHERE requirement_id = ANY (requirement_ids);
  INSERT INTO cascade_rollup (requirement_id, unit_id, lineage, due_on, conference_due_on, on_time, late, open, c_on_time, c_late, c_open)
  SELECT o.requirement_id, a.id::bigint, min(o.lineage::text)::ltree, min(o.due_on), min(o.conference_due_on),
         count(*) FILTER (WHERE o.done_on <= o.due_on)::int,
         count(*) FILTER (WHERE o.done_on > o.due_on)::int,
         count(*) FILTER (WHERE o.done_on IS NULL)::int,
         count(*) FILTER (WHERE o.conference_on <= o.conference_due_on)::int,
         count(*) FILTER (WHERE o.conference_on > o.conference_due_on)::int,
         count(*) FILTER (WHERE o.conference_due_on IS NOT NULL AND o.conference_on IS NULL)::int
    FROM cascade_obligation o
    JOIN unit u ON u.id = o.unit_id
    CROSS JOIN LATERAL unnest(string_to_array(subpath(u.path, 0, nlevel(u.path) - 1)::text, '.')) AS a(id)
   WHERE o.requirement_id = ANY (requirement_ids) AND nlevel(u.path) > 1
   GROUP BY o.requirement_id, a.id;
$$;

-- The obligation rows, as computed by migration 0004.
CREATE FUNCTION refresh_cascade_obligation_rows(requirement_ids bigint[]) RETURNS void LANGUAGE sql AS $$
  WITH targets AS (
    SELECT r.id AS requirement_id, c.id AS unit_id, d.id AS parent_document_id, d.lineage,
           r.required_type, r.due_on, r.conference_due_on
      FROM cascade_requirement r
      JOIN party_document d ON d.id = r.document_id
      JOIN unit c ON c.parent_id = d.issuer_unit_id
     WHERE r.id = ANY (requirement_ids) AND c.kind = ANY (r.target_kinds) AND c.valid_to IS NULL
    UNION ALL
    SELECT r.id, c.id, d.id, d.lineage, r.required_type, r.due_on, r.conference_due_on
      FROM cascade_requirement r
      JOIN party_document d ON d.id = r.document_id AND d.issuer_unit_id IS NULL
      JOIN unit c ON c.id = d.owner_unit_id
     WHERE r.id = ANY (requirement_ids) AND c.kind = ANY (r.target_kinds) AND c.valid_to IS NULL
  ), filled AS (
    SELECT t.requirement_id, t.unit_id, t.lineage, t.due_on, t.conference_due_on,
           f.id AS document_id, f.issued_on AS done_on, m.id AS conference_id, m.held_on AS conference_on
      FROM targets t
      LEFT JOIN LATERAL (
        SELECT e.id, e.issued_on FROM party_document e
         WHERE e.implements_id = t.parent_document_id AND e.issuer_unit_id = t.unit_id AND e.doc_type = t.required_type
         ORDER BY e.issued_on, e.id LIMIT 1
      ) f ON true
      LEFT JOIN LATERAL (
        SELECT k.id, k.held_on FROM dissemination_conference k
         WHERE k.unit_id = t.unit_id
           AND EXISTS (SELECT 1 FROM conference_document kd WHERE kd.conference_id = k.id
                        AND (kd.document_id = t.parent_document_id OR kd.document_id = f.id))
         ORDER BY k.held_on, k.id LIMIT 1
      ) m ON t.conference_due_on IS NOT NULL
  ), removed AS (
    DELETE FROM cascade_obligation o
     WHERE o.requirement_id = ANY (requirement_ids)
       AND NOT EXISTS (SELECT 1 FROM filled f WHERE f.requirement_id = o.requirement_id AND f.unit_id = o.unit_id)
  )
  INSERT INTO cascade_obligation AS o (requirement_id, unit_id, lineage, due_on, conference_due_on, document_id, done_on, conference_id, conference_on)
  SELECT requirement_id, unit_id, lineage, due_on, conference_due_on, document_id, done_on, conference_id, conference_on FROM filled
  ON CONFLICT (requirement_id, unit_id) DO UPDATE
     SET lineage = excluded.lineage, due_on = excluded.due_on, conference_due_on = excluded.conference_due_on,
         document_id = excluded.document_id, done_on = excluded.done_on,
         conference_id = excluded.conference_id, conference_on = excluded.conference_on
   WHERE (o.lineage, o.due_on, o.conference_due_on, o.document_id, o.done_on, o.conference_id, o.conference_on)
         IS DISTINCT FROM (excluded.lineage, excluded.due_on, excluded.conference_due_on, excluded.document_id,
                           excluded.done_on, excluded.conference_id, excluded.conference_on);
$$;

-- The obligations function now keeps the roll-up of the requirements it refreshes.
-- The requirements are locked first, in id order: two transactions refreshing the same requirement
-- (two districts registering their plans at once) run one after the other, and the second one's
-- statements, each with a fresh snapshot, see the first one's committed document.
CREATE OR REPLACE FUNCTION refresh_cascade_obligations(requirement_ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM cascade_requirement WHERE id = ANY (requirement_ids) ORDER BY id FOR NO KEY UPDATE;
  PERFORM refresh_cascade_obligation_rows(requirement_ids);
  PERFORM refresh_cascade_rollup(requirement_ids);
END $$;

-- A moved subtree changes the ancestors of obligations under requirements issued inside it.
CREATE OR REPLACE FUNCTION cascade_after_unit_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM cascade_requirement) THEN
    PERFORM refresh_cascade_obligations(array(
      SELECT r.id FROM cascade_requirement r JOIN party_document d ON d.id = r.document_id
       WHERE d.issuer_unit_id IN (
               SELECT n.parent_id FROM new_rows n JOIN old_rows o ON o.id = n.id
                WHERE (n.parent_id, n.kind, n.valid_to) IS DISTINCT FROM (o.parent_id, o.kind, o.valid_to)
               UNION
               SELECT o.parent_id FROM new_rows n JOIN old_rows o ON o.id = n.id
                WHERE (n.parent_id, n.kind, n.valid_to) IS DISTINCT FROM (o.parent_id, o.kind, o.valid_to)
               UNION
               SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.path <> o.path)
          OR (d.issuer_unit_id IS NULL AND d.owner_unit_id IN (
               SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE (n.kind, n.valid_to) IS DISTINCT FROM (o.kind, o.valid_to)))));
  END IF;
  RETURN NULL;
END $$;

-- Requirements written by any path (service, demo, psql) refresh their obligations.
CREATE FUNCTION cascade_after_requirement_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM refresh_cascade_obligations(array(SELECT id FROM new_rows ORDER BY id));
  RETURN NULL;
END $$;
CREATE TRIGGER cascade_requirement_insert AFTER INSERT ON cascade_requirement
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cascade_after_requirement_change();
CREATE TRIGGER cascade_requirement_update AFTER UPDATE ON cascade_requirement
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cascade_after_requirement_change();

SELECT refresh_cascade_rollup(array(SELECT id FROM cascade_requirement));
