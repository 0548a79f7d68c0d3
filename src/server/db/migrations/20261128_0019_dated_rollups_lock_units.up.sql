-- The dated summaries of migration 0016 put a row's counts on every ancestor-or-self of its unit, read
-- from the unit's path. A write inside a subtree whose move is not yet committed read the old path (the
-- writer's foreign-key lock, KEY SHARE, does not conflict with the move's NO KEY UPDATE), and its counts
-- stayed with the old ancestors after the move had shifted the subtree's: the summaries drifted until a
-- recompute. Each apply now first locks its units FOR SHARE, which waits for an uncommitted move (and
-- makes a later move wait for the write); the adding statement then runs with a fresh snapshot and reads
-- the committed path. The meeting masks lock their cells the same way (migration 0005).
CREATE FUNCTION dated_rollup_lock_units(unit_ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM unit WHERE id = ANY (unit_ids) ORDER BY id FOR SHARE;
END $$;

ALTER FUNCTION conference_rollup_apply(bigint[], date[], integer[], integer[], integer[], integer[], integer[]) RENAME TO conference_rollup_add;
CREATE FUNCTION conference_rollup_apply(unit_ids bigint[], days date[], signs integer[], ec integer[], ac integer[], em integer[], am integer[])
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM dated_rollup_lock_units(unit_ids);
  PERFORM conference_rollup_add(unit_ids, days, signs, ec, ac, em, am);
END $$;

ALTER FUNCTION inspection_rollup_apply(bigint[], date[], text[], boolean[], integer[]) RENAME TO inspection_rollup_add;
CREATE FUNCTION inspection_rollup_apply(unit_ids bigint[], days date[], kinds text[], helds boolean[], signs integer[])
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM dated_rollup_lock_units(unit_ids);
  PERFORM inspection_rollup_add(unit_ids, days, kinds, helds, signs);
END $$;

ALTER FUNCTION follow_up_rollup_apply(bigint[], date[], date[], date[], integer[]) RENAME TO follow_up_rollup_add;
CREATE FUNCTION follow_up_rollup_apply(unit_ids bigint[], given date[], due date[], done date[], signs integer[])
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM dated_rollup_lock_units(unit_ids);
  PERFORM follow_up_rollup_add(unit_ids, given, due, done, signs);
END $$;

ALTER FUNCTION nomination_rollup_apply(bigint[], integer[], text[], integer[]) RENAME TO nomination_rollup_add;
CREATE FUNCTION nomination_rollup_apply(unit_ids bigint[], years integer[], states text[], signs integer[])
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM dated_rollup_lock_units(unit_ids);
  PERFORM nomination_rollup_add(unit_ids, years, states, signs);
END $$;

ALTER FUNCTION commendation_rollup_apply(bigint[], date[], text[], integer[]) RENAME TO commendation_rollup_add;
CREATE FUNCTION commendation_rollup_apply(unit_ids bigint[], days date[], forms text[], signs integer[])
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM dated_rollup_lock_units(unit_ids);
  PERFORM commendation_rollup_add(unit_ids, days, forms, signs);
END $$;

ALTER FUNCTION publicity_rollup_apply(bigint[], date[], bigint[], integer[]) RENAME TO publicity_rollup_add;
CREATE FUNCTION publicity_rollup_apply(unit_ids bigint[], days date[], channels bigint[], signs integer[])
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM dated_rollup_lock_units(unit_ids);
  PERFORM publicity_rollup_add(unit_ids, days, channels, signs);
END $$;
