-- Dashboard roll-ups of the dated small tables (issue #9): conferences, inspections, follow-ups,
-- nominations, commendations and publicity. The dashboard used to scan each table and join its unit by
-- path for every request; at a national tree that pass dominated the root dashboard. Each summary below
-- holds one row per ancestor-OR-SELF of the owning unit (unit_id = every element of the unit's path) and
-- per date key, so that a node reads its own rows (`WHERE unit_id = ANY (ids)`) and sums the days that
-- fall in each window: no scan of `unit` or of the source table at read time.
--
-- Kept by statement triggers with transition tables (bulk inserts aggregate once per statement): −old
-- +new, grouped and upserted in key order so that concurrent writers lock shared ancestor rows in the
-- same order. A row whose counts all reach 0 is left in place; reads skip it (HAVING … > 0). Deltas that
-- net to zero (an edited note) write nothing. No foreign key to unit: a summary row of zeros must not
-- stop a unit from being deleted.

CREATE TABLE conference_rollup (
  unit_id          bigint NOT NULL,
  held_on          date NOT NULL,
  conferences      integer NOT NULL DEFAULT 0,
  expected_cadres  bigint NOT NULL DEFAULT 0,
  attended_cadres  bigint NOT NULL DEFAULT 0,
  expected_members bigint NOT NULL DEFAULT 0,
  attended_members bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (unit_id, held_on)
);

-- Inspections and supervisions not cancelled, by the day they count on (held, else planned).
CREATE TABLE inspection_rollup (
  unit_id bigint NOT NULL,
  day     date NOT NULL,
  kind    text NOT NULL,
  held    boolean NOT NULL,
  n       integer NOT NULL DEFAULT 0,
  PRIMARY KEY (unit_id, day, kind, held)
);

-- Follow-ups are read "as of day d" (given once their activity's date is ≤ d; done on time, done late,
-- pending or overdue on d), so the summary stores EVENTS: the count of a state on d is the sum of its
-- deltas over the days ≤ d. For a follow-up given on g, due on u, done on c (null while not done):
--   on time  [max(g, c), ∞) when c ≤ u          late     [max(g, c), ∞) when c > u
--   pending  [g, min(c, u + 1))                 overdue  [max(g, u + 1), c)
-- each interval a +1 at its start and a −1 at its end (none when it is empty or endless).
CREATE TABLE follow_up_rollup (
  unit_id bigint NOT NULL,
  day     date NOT NULL,
  on_time integer NOT NULL DEFAULT 0,
  late    integer NOT NULL DEFAULT 0,
  pending integer NOT NULL DEFAULT 0,
  overdue integer NOT NULL DEFAULT 0,
  PRIMARY KEY (unit_id, day)
);

-- Exemplars nominated (not drafts) by year and state.
CREATE TABLE nomination_rollup (
  unit_id bigint NOT NULL,
  year    integer NOT NULL,
  state   text NOT NULL,
  n       integer NOT NULL DEFAULT 0,
  PRIMARY KEY (unit_id, year, state)
);

-- Commended exemplars by decision day and form.
CREATE TABLE commendation_rollup (
  unit_id       bigint NOT NULL,
  decision_date date NOT NULL,
  form          text NOT NULL,
  n             integer NOT NULL DEFAULT 0,
  PRIMARY KEY (unit_id, decision_date, form)
);

-- Publicity entries by day and channel; the exemplar's nominating unit owns the entry.
CREATE TABLE publicity_rollup (
  unit_id      bigint NOT NULL,
  published_on date NOT NULL,
  channel_id   bigint NOT NULL,
  n            integer NOT NULL DEFAULT 0,
  PRIMARY KEY (unit_id, published_on, channel_id)
);

-- ---------------------------------------------------------------- apply functions (signed rows → every ancestor-or-self)

CREATE FUNCTION conference_rollup_apply(unit_ids bigint[], days date[], signs integer[], ec integer[], ac integer[], em integer[], am integer[])
RETURNS void LANGUAGE sql AS $$
  INSERT INTO conference_rollup AS r (unit_id, held_on, conferences, expected_cadres, attended_cadres, expected_members, attended_members)
  SELECT a.id::bigint, c.held_on, sum(c.sign), sum(c.sign * c.ec), sum(c.sign * c.ac), sum(c.sign * c.em), sum(c.sign * c.am)
    FROM unnest(unit_ids, days, signs, ec, ac, em, am) AS c(unit_id, held_on, sign, ec, ac, em, am)
    JOIN unit u ON u.id = c.unit_id
    CROSS JOIN LATERAL unnest(string_to_array(u.path::text, '.')) AS a(id)
   GROUP BY 1, 2
  HAVING sum(c.sign) <> 0 OR sum(c.sign * c.ec) <> 0 OR sum(c.sign * c.ac) <> 0 OR sum(c.sign * c.em) <> 0 OR sum(c.sign * c.am) <> 0
   ORDER BY 1, 2
  ON CONFLICT (unit_id, held_on) DO UPDATE
     SET conferences = r.conferences + excluded.conferences,
         expected_cadres = r.expected_cadres + excluded.expected_cadres, attended_cadres = r.attended_cadres + excluded.attended_cadres,
         expected_members = r.expected_members + excluded.expected_members, attended_members = r.attended_members + excluded.attended_members;
$$;

CREATE FUNCTION inspection_rollup_apply(unit_ids bigint[], days date[], kinds text[], helds boolean[], signs integer[])
RETURNS void LANGUAGE sql AS $$
  INSERT INTO inspection_rollup AS r (unit_id, day, kind, held, n)
  SELECT a.id::bigint, c.day, c.kind, c.held, sum(c.sign)
    FROM unnest(unit_ids, days, kinds, helds, signs) AS c(unit_id, day, kind, held, sign)
    JOIN unit u ON u.id = c.unit_id
    CROSS JOIN LATERAL unnest(string_to_array(u.path::text, '.')) AS a(id)
   GROUP BY 1, 2, 3, 4
  HAVING sum(c.sign) <> 0
   ORDER BY 1, 2, 3, 4
  ON CONFLICT (unit_id, day, kind, held) DO UPDATE SET n = r.n + excluded.n;
$$;

-- Rows: owner unit, given day (activity held, else planned), due day, done day (null unless done), sign.
CREATE FUNCTION follow_up_rollup_apply(unit_ids bigint[], given date[], due date[], done date[], signs integer[])
RETURNS void LANGUAGE sql AS $$
  WITH x AS (
    SELECT * FROM unnest(unit_ids, given, due, done, signs) AS x(unit_id, g, u, c, sign)
  ), events AS (
    SELECT unit_id, greatest(g, c) AS day, sign AS on_time, 0 AS late, 0 AS pending, 0 AS overdue FROM x WHERE c <= u
    UNION ALL
    SELECT unit_id, greatest(g, c), 0, sign, 0, 0 FROM x WHERE c > u
    -- least() skips a null c: a follow-up not done stops being pending the day after it is due.
    UNION ALL
    SELECT unit_id, g, 0, 0, sign, 0 FROM x WHERE g < least(c, u + 1)
    UNION ALL
    SELECT unit_id, least(c, u + 1), 0, 0, -sign, 0 FROM x WHERE g < least(c, u + 1)
    UNION ALL
    SELECT unit_id, greatest(g, u + 1), 0, 0, 0, sign FROM x WHERE c IS NULL OR greatest(g, u + 1) < c
    UNION ALL
    SELECT unit_id, c, 0, 0, 0, -sign FROM x WHERE c IS NOT NULL AND greatest(g, u + 1) < c
  )
  INSERT INTO follow_up_rollup AS r (unit_id, day, on_time, late, pending, overdue)
  SELECT a.id::bigint, e.day, sum(e.on_time), sum(e.late), sum(e.pending), sum(e.overdue)
    FROM events e
    JOIN unit u ON u.id = e.unit_id
    CROSS JOIN LATERAL unnest(string_to_array(u.path::text, '.')) AS a(id)
   GROUP BY 1, 2
  HAVING sum(e.on_time) <> 0 OR sum(e.late) <> 0 OR sum(e.pending) <> 0 OR sum(e.overdue) <> 0
   ORDER BY 1, 2
  ON CONFLICT (unit_id, day) DO UPDATE
     SET on_time = r.on_time + excluded.on_time, late = r.late + excluded.late,
         pending = r.pending + excluded.pending, overdue = r.overdue + excluded.overdue;
$$;

CREATE FUNCTION nomination_rollup_apply(unit_ids bigint[], years integer[], states text[], signs integer[])
RETURNS void LANGUAGE sql AS $$
  INSERT INTO nomination_rollup AS r (unit_id, year, state, n)
  SELECT a.id::bigint, c.year, c.state, sum(c.sign)
    FROM unnest(unit_ids, years, states, signs) AS c(unit_id, year, state, sign)
    JOIN unit u ON u.id = c.unit_id
    CROSS JOIN LATERAL unnest(string_to_array(u.path::text, '.')) AS a(id)
   GROUP BY 1, 2, 3
  HAVING sum(c.sign) <> 0
   ORDER BY 1, 2, 3
  ON CONFLICT (unit_id, year, state) DO UPDATE SET n = r.n + excluded.n;
$$;

CREATE FUNCTION commendation_rollup_apply(unit_ids bigint[], days date[], forms text[], signs integer[])
RETURNS void LANGUAGE sql AS $$
  INSERT INTO commendation_rollup AS r (unit_id, decision_date, form, n)
  SELECT a.id::bigint, c.day, c.form, sum(c.sign)
    FROM unnest(unit_ids, days, forms, signs) AS c(unit_id, day, form, sign)
    JOIN unit u ON u.id = c.unit_id
    CROSS JOIN LATERAL unnest(string_to_array(u.path::text, '.')) AS a(id)
   GROUP BY 1, 2, 3
  HAVING sum(c.sign) <> 0
   ORDER BY 1, 2, 3
  ON CONFLICT (unit_id, decision_date, form) DO UPDATE SET n = r.n + excluded.n;
$$;

CREATE FUNCTION publicity_rollup_apply(unit_ids bigint[], days date[], channels bigint[], signs integer[])
RETURNS void LANGUAGE sql AS $$
  INSERT INTO publicity_rollup AS r (unit_id, published_on, channel_id, n)
  SELECT a.id::bigint, c.day, c.channel_id, sum(c.sign)
    FROM unnest(unit_ids, days, channels, signs) AS c(unit_id, day, channel_id, sign)
    JOIN unit u ON u.id = c.unit_id
    CROSS JOIN LATERAL unnest(string_to_array(u.path::text, '.')) AS a(id)
   GROUP BY 1, 2, 3
  HAVING sum(c.sign) <> 0
   ORDER BY 1, 2, 3
  ON CONFLICT (unit_id, published_on, channel_id) DO UPDATE SET n = r.n + excluded.n;
$$;

-- ---------------------------------------------------------------- triggers on the source tables
-- Where one function serves INSERT, UPDATE and DELETE: PL/pgSQL plans a statement when it first runs
-- it, so a branch naming a transition table the event lacks is never planned.

CREATE FUNCTION conference_rollup_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM conference_rollup_apply(array_agg(unit_id), array_agg(held_on), array_agg(1), array_agg(expected_cadres), array_agg(attended_cadres),
                                  array_agg(expected_members), array_agg(attended_members))
     FROM new_rows HAVING count(*) > 0;
  RETURN NULL;
END $$;

CREATE FUNCTION conference_rollup_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM conference_rollup_apply(array_agg(unit_id), array_agg(held_on), array_agg(sign), array_agg(expected_cadres), array_agg(attended_cadres),
                                  array_agg(expected_members), array_agg(attended_members))
     FROM (SELECT -1 AS sign, * FROM old_rows UNION ALL SELECT 1, * FROM new_rows) c HAVING count(*) > 0;
  RETURN NULL;
END $$;

CREATE FUNCTION conference_rollup_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM conference_rollup_apply(array_agg(unit_id), array_agg(held_on), array_agg(-1), array_agg(expected_cadres), array_agg(attended_cadres),
                                  array_agg(expected_members), array_agg(attended_members))
     FROM old_rows HAVING count(*) > 0;
  RETURN NULL;
END $$;

CREATE TRIGGER dissemination_conference_rollup_insert AFTER INSERT ON dissemination_conference
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION conference_rollup_after_insert();
CREATE TRIGGER dissemination_conference_rollup_update AFTER UPDATE ON dissemination_conference
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION conference_rollup_after_update();
CREATE TRIGGER dissemination_conference_rollup_delete AFTER DELETE ON dissemination_conference
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION conference_rollup_after_delete();

-- Oversight activities: the inspection summary, and the follow-ups of the activity's findings when the
-- activity's day (held, else planned) moves — the day their follow-ups are given.
CREATE FUNCTION oversight_rollups_after_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM inspection_rollup_apply(array_agg(organiser_unit_id), array_agg(coalesce(held_on, planned_on)), array_agg(kind), array_agg(state = 'held'), array_agg(1))
       FROM new_rows WHERE kind IN ('inspection', 'supervision') AND state <> 'cancelled' HAVING count(*) > 0;
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM inspection_rollup_apply(array_agg(organiser_unit_id), array_agg(coalesce(held_on, planned_on)), array_agg(kind), array_agg(state = 'held'), array_agg(-1))
       FROM old_rows WHERE kind IN ('inspection', 'supervision') AND state <> 'cancelled' HAVING count(*) > 0;
  ELSE
    PERFORM inspection_rollup_apply(array_agg(organiser_unit_id), array_agg(coalesce(held_on, planned_on)), array_agg(kind), array_agg(state = 'held'), array_agg(sign))
       FROM (SELECT -1 AS sign, * FROM old_rows UNION ALL SELECT 1, * FROM new_rows) c
      WHERE kind IN ('inspection', 'supervision') AND state <> 'cancelled' HAVING count(*) > 0;
    PERFORM follow_up_rollup_apply(array_agg(x.owner_unit_id), array_agg(d.given), array_agg(x.due_on),
                                   array_agg(CASE WHEN x.state = 'done' THEN x.done_on END), array_agg(d.sign))
       FROM (SELECT o.id, -1 AS sign, coalesce(o.held_on, o.planned_on) AS given
               FROM old_rows o JOIN new_rows n ON n.id = o.id
              WHERE coalesce(o.held_on, o.planned_on) IS DISTINCT FROM coalesce(n.held_on, n.planned_on)
             UNION ALL
             SELECT n.id, 1, coalesce(n.held_on, n.planned_on)
               FROM old_rows o JOIN new_rows n ON n.id = o.id
              WHERE coalesce(o.held_on, o.planned_on) IS DISTINCT FROM coalesce(n.held_on, n.planned_on)) d
       JOIN oversight_finding f ON f.activity_id = d.id
       JOIN follow_up x ON x.finding_id = f.id
      WHERE x.state <> 'cancelled'
     HAVING count(*) > 0;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER oversight_activity_rollups_insert AFTER INSERT ON oversight_activity
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION oversight_rollups_after_change();
CREATE TRIGGER oversight_activity_rollups_update AFTER UPDATE ON oversight_activity
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION oversight_rollups_after_change();
CREATE TRIGGER oversight_activity_rollups_delete AFTER DELETE ON oversight_activity
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION oversight_rollups_after_change();

-- A finding moved to another activity gives its follow-up on that activity's day.
CREATE FUNCTION finding_follow_up_rollup_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM follow_up_rollup_apply(array_agg(x.owner_unit_id), array_agg(coalesce(a.held_on, a.planned_on)), array_agg(x.due_on),
                                 array_agg(CASE WHEN x.state = 'done' THEN x.done_on END), array_agg(d.sign))
     FROM (SELECT o.id, -1 AS sign, o.activity_id FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE n.activity_id <> o.activity_id
           UNION ALL
           SELECT n.id, 1, n.activity_id FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE n.activity_id <> o.activity_id) d
     JOIN oversight_activity a ON a.id = d.activity_id
     JOIN follow_up x ON x.finding_id = d.id
    WHERE x.state <> 'cancelled'
   HAVING count(*) > 0;
  RETURN NULL;
END $$;
CREATE TRIGGER oversight_finding_follow_up_rollup_update AFTER UPDATE ON oversight_finding
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION finding_follow_up_rollup_after_update();

CREATE FUNCTION follow_up_rollup_after_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM follow_up_rollup_apply(array_agg(x.owner_unit_id), array_agg(coalesce(a.held_on, a.planned_on)), array_agg(x.due_on),
                                   array_agg(CASE WHEN x.state = 'done' THEN x.done_on END), array_agg(1))
       FROM new_rows x JOIN oversight_finding f ON f.id = x.finding_id JOIN oversight_activity a ON a.id = f.activity_id
      WHERE x.state <> 'cancelled' HAVING count(*) > 0;
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM follow_up_rollup_apply(array_agg(x.owner_unit_id), array_agg(coalesce(a.held_on, a.planned_on)), array_agg(x.due_on),
                                   array_agg(CASE WHEN x.state = 'done' THEN x.done_on END), array_agg(-1))
       FROM old_rows x JOIN oversight_finding f ON f.id = x.finding_id JOIN oversight_activity a ON a.id = f.activity_id
      WHERE x.state <> 'cancelled' HAVING count(*) > 0;
  ELSE
    PERFORM follow_up_rollup_apply(array_agg(x.owner_unit_id), array_agg(coalesce(a.held_on, a.planned_on)), array_agg(x.due_on),
                                   array_agg(CASE WHEN x.state = 'done' THEN x.done_on END), array_agg(x.sign))
       FROM (SELECT -1 AS sign, * FROM old_rows UNION ALL SELECT 1, * FROM new_rows) x
       JOIN oversight_finding f ON f.id = x.finding_id JOIN oversight_activity a ON a.id = f.activity_id
      WHERE x.state <> 'cancelled' HAVING count(*) > 0;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER follow_up_rollup_insert AFTER INSERT ON follow_up
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION follow_up_rollup_after_change();
CREATE TRIGGER follow_up_rollup_update AFTER UPDATE ON follow_up
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION follow_up_rollup_after_change();
CREATE TRIGGER follow_up_rollup_delete AFTER DELETE ON follow_up
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION follow_up_rollup_after_change();

-- Exemplars: nominations and commendations; a change of nominating unit carries the exemplar's
-- publicity entries to the new unit's ancestors.
CREATE FUNCTION exemplar_rollups_after_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM nomination_rollup_apply(array_agg(nominating_unit_id), array_agg(year), array_agg(state), array_agg(1))
       FROM new_rows WHERE state <> 'draft' HAVING count(*) > 0;
    PERFORM commendation_rollup_apply(array_agg(nominating_unit_id), array_agg(decision_date), array_agg(commendation_form), array_agg(1))
       FROM new_rows WHERE state = 'commended' HAVING count(*) > 0;
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM nomination_rollup_apply(array_agg(nominating_unit_id), array_agg(year), array_agg(state), array_agg(-1))
       FROM old_rows WHERE state <> 'draft' HAVING count(*) > 0;
    PERFORM commendation_rollup_apply(array_agg(nominating_unit_id), array_agg(decision_date), array_agg(commendation_form), array_agg(-1))
       FROM old_rows WHERE state = 'commended' HAVING count(*) > 0;
  ELSE
    PERFORM nomination_rollup_apply(array_agg(nominating_unit_id), array_agg(year), array_agg(state), array_agg(sign))
       FROM (SELECT -1 AS sign, * FROM old_rows UNION ALL SELECT 1, * FROM new_rows) c WHERE state <> 'draft' HAVING count(*) > 0;
    PERFORM commendation_rollup_apply(array_agg(nominating_unit_id), array_agg(decision_date), array_agg(commendation_form), array_agg(sign))
       FROM (SELECT -1 AS sign, * FROM old_rows UNION ALL SELECT 1, * FROM new_rows) c WHERE state = 'commended' HAVING count(*) > 0;
    PERFORM publicity_rollup_apply(array_agg(d.unit_id), array_agg(p.published_on), array_agg(p.channel_id), array_agg(d.sign))
       FROM (SELECT o.id, -1 AS sign, o.nominating_unit_id AS unit_id
               FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE n.nominating_unit_id <> o.nominating_unit_id
             UNION ALL
             SELECT n.id, 1, n.nominating_unit_id
               FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE n.nominating_unit_id <> o.nominating_unit_id) d
       JOIN publicity_entry p ON p.exemplar_id = d.id
     HAVING count(*) > 0;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER exemplar_rollups_insert AFTER INSERT ON exemplar
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION exemplar_rollups_after_change();
CREATE TRIGGER exemplar_rollups_update AFTER UPDATE ON exemplar
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION exemplar_rollups_after_change();
CREATE TRIGGER exemplar_rollups_delete AFTER DELETE ON exemplar
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION exemplar_rollups_after_change();

CREATE FUNCTION publicity_rollup_after_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM publicity_rollup_apply(array_agg(e.nominating_unit_id), array_agg(p.published_on), array_agg(p.channel_id), array_agg(1))
       FROM new_rows p JOIN exemplar e ON e.id = p.exemplar_id HAVING count(*) > 0;
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM publicity_rollup_apply(array_agg(e.nominating_unit_id), array_agg(p.published_on), array_agg(p.channel_id), array_agg(-1))
       FROM old_rows p JOIN exemplar e ON e.id = p.exemplar_id HAVING count(*) > 0;
  ELSE
    PERFORM publicity_rollup_apply(array_agg(e.nominating_unit_id), array_agg(p.published_on), array_agg(p.channel_id), array_agg(p.sign))
       FROM (SELECT -1 AS sign, * FROM old_rows UNION ALL SELECT 1, * FROM new_rows) p JOIN exemplar e ON e.id = p.exemplar_id
     HAVING count(*) > 0;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER publicity_entry_rollup_insert AFTER INSERT ON publicity_entry
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION publicity_rollup_after_change();
CREATE TRIGGER publicity_entry_rollup_update AFTER UPDATE ON publicity_entry
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION publicity_rollup_after_change();
CREATE TRIGGER publicity_entry_rollup_delete AFTER DELETE ON publicity_entry
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION publicity_rollup_after_change();

-- ---------------------------------------------------------------- unit moves
-- A unit moved under another parent takes its subtree's totals (its own rows) from its old ancestors to
-- its new ones, in all six summaries. (A column list, UPDATE OF path, would spare the frequent count
-- updates of unit rows, but PostgreSQL refuses transition tables on such triggers; the check of the
-- moved rows below is a join of the statement's own rows.)
CREATE FUNCTION dated_rollups_after_unit_move() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  shifts jsonb;
BEGIN
  WITH changed AS (
    SELECT n.id, o.path AS old_path, n.path AS new_path
      FROM new_rows n JOIN old_rows o ON o.id = n.id
     WHERE subpath(n.path, 0, nlevel(n.path) - 1) IS DISTINCT FROM subpath(o.path, 0, nlevel(o.path) - 1)
  ), moved AS (
    -- Of a moved subtree only its top counts: its rows hold the rest.
    SELECT c.* FROM changed c WHERE NOT EXISTS (SELECT 1 FROM changed p WHERE p.old_path @> c.old_path AND p.id <> c.id)
  )
  SELECT jsonb_agg(x) INTO shifts FROM (
    SELECT jsonb_build_object('top_id', m.id, 'unit_id', a.id::bigint, 'sign', -1) AS x
      FROM moved m CROSS JOIN LATERAL unnest(string_to_array(subpath(m.old_path, 0, nlevel(m.old_path) - 1)::text, '.')) AS a(id)
    UNION ALL
    SELECT jsonb_build_object('top_id', m.id, 'unit_id', a.id::bigint, 'sign', 1)
      FROM moved m CROSS JOIN LATERAL unnest(string_to_array(subpath(m.new_path, 0, nlevel(m.new_path) - 1)::text, '.')) AS a(id)
  ) s;
  IF shifts IS NULL THEN RETURN NULL; END IF;

  INSERT INTO conference_rollup AS t (unit_id, held_on, conferences, expected_cadres, attended_cadres, expected_members, attended_members)
  SELECT s.unit_id, r.held_on, sum(s.sign * r.conferences), sum(s.sign * r.expected_cadres), sum(s.sign * r.attended_cadres),
         sum(s.sign * r.expected_members), sum(s.sign * r.attended_members)
    FROM jsonb_to_recordset(shifts) AS s(top_id bigint, unit_id bigint, sign integer)
    JOIN conference_rollup r ON r.unit_id = s.top_id
   GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (unit_id, held_on) DO UPDATE
     SET conferences = t.conferences + excluded.conferences,
         expected_cadres = t.expected_cadres + excluded.expected_cadres, attended_cadres = t.attended_cadres + excluded.attended_cadres,
         expected_members = t.expected_members + excluded.expected_members, attended_members = t.attended_members + excluded.attended_members;

  INSERT INTO inspection_rollup AS t (unit_id, day, kind, held, n)
  SELECT s.unit_id, r.day, r.kind, r.held, sum(s.sign * r.n)
    FROM jsonb_to_recordset(shifts) AS s(top_id bigint, unit_id bigint, sign integer)
    JOIN inspection_rollup r ON r.unit_id = s.top_id
   GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (unit_id, day, kind, held) DO UPDATE SET n = t.n + excluded.n;

  INSERT INTO follow_up_rollup AS t (unit_id, day, on_time, late, pending, overdue)
  SELECT s.unit_id, r.day, sum(s.sign * r.on_time), sum(s.sign * r.late), sum(s.sign * r.pending), sum(s.sign * r.overdue)
    FROM jsonb_to_recordset(shifts) AS s(top_id bigint, unit_id bigint, sign integer)
    JOIN follow_up_rollup r ON r.unit_id = s.top_id
   GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (unit_id, day) DO UPDATE
     SET on_time = t.on_time + excluded.on_time, late = t.late + excluded.late, pending = t.pending + excluded.pending, overdue = t.overdue + excluded.overdue;

  INSERT INTO nomination_rollup AS t (unit_id, year, state, n)
  SELECT s.unit_id, r.year, r.state, sum(s.sign * r.n)
    FROM jsonb_to_recordset(shifts) AS s(top_id bigint, unit_id bigint, sign integer)
    JOIN nomination_rollup r ON r.unit_id = s.top_id
   GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (unit_id, year, state) DO UPDATE SET n = t.n + excluded.n;

  INSERT INTO commendation_rollup AS t (unit_id, decision_date, form, n)
  SELECT s.unit_id, r.decision_date, r.form, sum(s.sign * r.n)
    FROM jsonb_to_recordset(shifts) AS s(top_id bigint, unit_id bigint, sign integer)
    JOIN commendation_rollup r ON r.unit_id = s.top_id
   GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (unit_id, decision_date, form) DO UPDATE SET n = t.n + excluded.n;

  INSERT INTO publicity_rollup AS t (unit_id, published_on, channel_id, n)
  SELECT s.unit_id, r.published_on, r.channel_id, sum(s.sign * r.n)
    FROM jsonb_to_recordset(shifts) AS s(top_id bigint, unit_id bigint, sign integer)
    JOIN publicity_rollup r ON r.unit_id = s.top_id
   GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (unit_id, published_on, channel_id) DO UPDATE SET n = t.n + excluded.n;
  RETURN NULL;
END $$;
CREATE TRIGGER unit_dated_rollups_move AFTER UPDATE ON unit
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dated_rollups_after_unit_move();

-- ---------------------------------------------------------------- rebuild from the base tables
-- Bulk loads that bypass the triggers (bench), and the proof in the tests.

CREATE FUNCTION recompute_conference_rollup() RETURNS void LANGUAGE sql AS $$
  DELETE FROM conference_rollup;
  INSERT INTO conference_rollup (unit_id, held_on, conferences, expected_cadres, attended_cadres, expected_members, attended_members)
  SELECT a.id::bigint, k.held_on, count(*), sum(k.expected_cadres), sum(k.attended_cadres), sum(k.expected_members), sum(k.attended_members)
    FROM dissemination_conference k JOIN unit u ON u.id = k.unit_id
    CROSS JOIN LATERAL unnest(string_to_array(u.path::text, '.')) AS a(id)
   GROUP BY 1, 2;
$$;

CREATE FUNCTION recompute_oversight_rollups() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM inspection_rollup;
  INSERT INTO inspection_rollup (unit_id, day, kind, held, n)
  SELECT a.id::bigint, coalesce(o.held_on, o.planned_on), o.kind, o.state = 'held', count(*)
    FROM oversight_activity o JOIN unit u ON u.id = o.organiser_unit_id
    CROSS JOIN LATERAL unnest(string_to_array(u.path::text, '.')) AS a(id)
   WHERE o.kind IN ('inspection', 'supervision') AND o.state <> 'cancelled'
   GROUP BY 1, 2, 3, 4;
  DELETE FROM follow_up_rollup;
  PERFORM follow_up_rollup_apply(array_agg(x.owner_unit_id), array_agg(coalesce(a.held_on, a.planned_on)), array_agg(x.due_on),
                                 array_agg(CASE WHEN x.state = 'done' THEN x.done_on END), array_agg(1))
     FROM follow_up x JOIN oversight_finding f ON f.id = x.finding_id JOIN oversight_activity a ON a.id = f.activity_id
    WHERE x.state <> 'cancelled' HAVING count(*) > 0;
END $$;

CREATE FUNCTION recompute_exemplar_rollups() RETURNS void LANGUAGE sql AS $$
  DELETE FROM nomination_rollup;
  INSERT INTO nomination_rollup (unit_id, year, state, n)
  SELECT a.id::bigint, e.year, e.state, count(*)
    FROM exemplar e JOIN unit u ON u.id = e.nominating_unit_id
    CROSS JOIN LATERAL unnest(string_to_array(u.path::text, '.')) AS a(id)
   WHERE e.state <> 'draft'
   GROUP BY 1, 2, 3;
  DELETE FROM commendation_rollup;
  INSERT INTO commendation_rollup (unit_id, decision_date, form, n)
  SELECT a.id::bigint, e.decision_date, e.commendation_form, count(*)
    FROM exemplar e JOIN unit u ON u.id = e.nominating_unit_id
    CROSS JOIN LATERAL unnest(string_to_array(u.path::text, '.')) AS a(id)
   WHERE e.state = 'commended'
   GROUP BY 1, 2, 3;
  DELETE FROM publicity_rollup;
  INSERT INTO publicity_rollup (unit_id, published_on, channel_id, n)
  SELECT a.id::bigint, p.published_on, p.channel_id, count(*)
    FROM publicity_entry p JOIN exemplar e ON e.id = p.exemplar_id JOIN unit u ON u.id = e.nominating_unit_id
    CROSS JOIN LATERAL unnest(string_to_array(u.path::text, '.')) AS a(id)
   GROUP BY 1, 2, 3;
$$;

CREATE FUNCTION recompute_dashboard_dated_rollups() RETURNS void LANGUAGE sql AS $$
  SELECT recompute_conference_rollup();
  SELECT recompute_oversight_rollups();
  SELECT recompute_exemplar_rollups();
$$;

SELECT recompute_dashboard_dated_rollups();
