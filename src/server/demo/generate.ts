import { sql } from 'kysely';
import type { Role } from '../../shared/domain/roles';
import { foldForSearch, fullName } from '../../shared/domain/text';
import { type UnitKind, isGrassrootsKind } from '../../shared/domain/units';
import type { Db } from '../db/connect';
import { hashPassword } from '../http/passwords';
import {
  AFFILIATED,
  COMMUNE_AGENCY_CELLS,
  DISTRICTS,
  DISTRICT_AGENCIES,
  DISTRICT_COMMITTEES,
  ETHNICITIES,
  FEMALE_GIVEN,
  FEMALE_MIDDLE,
  MALE_GIVEN,
  MALE_MIDDLE,
  SURNAMES,
  VILLAGE_WORDS,
} from './bac-ninh';
import { loadCommitmentsDemo } from './commitments';
import { loadDirectionDemo } from './direction';
import { loadMeetingsDemo } from './meetings';
import { loadOversightDemo } from './oversight';
import { Random } from './random';
import { loadStandardsDemo } from './standards';

export interface DemoAccount {
  username: string;
  role: Role;
  displayName: string;
  scope: string;
}

export interface DemoResult {
  units: number;
  cells: number;
  members: number;
  accounts: DemoAccount[];
  millis: number;
}

interface UnitSeed {
  id: number;
  parentId: number | null;
  path: string;
  depth: number;
  kind: UnitKind;
  code: string;
  name: string;
  sector: string | null;
  /** Expected members for member-holding units. */
  size: number;
}

interface MemberSeed {
  id: number;
  unitId: number;
  familyName: string;
  middleName: string;
  givenName: string;
  gender: 'male' | 'female';
  birthDate: string;
  ethnicity: string;
  status: 'probationary' | 'full';
  joinedOn: string;
  officialOn: string | null;
  cardNumber: string;
  idNumber: string;
  phone: string;
  isKeyLeader: boolean;
  isHead: boolean;
}

interface PositionSeed {
  memberId: number;
  unitId: number;
  position: string;
  startedOn: string;
}

const DEMO_SEED = 2012;
const TERM_START = '2010-10-01';

/** Build the Bắc Ninh 2012 demo province in memory, deterministically. */
export function buildDemo(seed = DEMO_SEED): { units: UnitSeed[]; members: MemberSeed[]; positions: PositionSeed[] } {
  const rnd = new Random(seed);
  const units: UnitSeed[] = [];
  const add = (parent: UnitSeed | null, kind: UnitKind, code: string, name: string, sector: string | null, size = 0): UnitSeed => {
    const id = units.length + 1;
    const unit: UnitSeed = {
      id,
      parentId: parent?.id ?? null,
      path: parent ? `${parent.path}.${id}` : String(id),
      depth: parent ? parent.depth + 1 : 0,
      kind,
      code,
      name,
      sector,
      size,
    };
    units.push(unit);
    return unit;
  };

  const province = add(null, 'province_committee', 'BN', 'Đảng bộ tỉnh Bắc Ninh', 'party_agency');
  for (const district of DISTRICTS) {
    const d = add(province, 'district_committee', district.code, district.name, null);
    district.communes.forEach(([prefix, communeName], ci) => {
      const cCode = `${district.code}.${String(ci + 1).padStart(2, '0')}`;
      const commune = add(d, 'grassroots_committee', cCode, `Đảng bộ ${prefix} ${communeName}`, 'commune');
      const villages = prefix === 'xã' ? rnd.int(5, 10) : rnd.int(6, 12);
      const usedNames = new Set<string>();
      for (let v = 1; v <= villages; v++) {
        let villageName: string;
        if (prefix === 'xã') {
          villageName = `Chi bộ thôn ${communeName.split(' ').at(-1)} ${rnd.pick(VILLAGE_WORDS)}`;
          if (usedNames.has(villageName)) villageName = `Chi bộ thôn ${v}`;
        } else {
          villageName = `Chi bộ khu phố ${v}`;
        }
        usedNames.add(villageName);
        add(commune, 'cell', `${cCode}.${String(v).padStart(2, '0')}`, villageName, 'village', rnd.int(18, 52));
      }
      COMMUNE_AGENCY_CELLS.forEach(([cellName, sector], ai) => {
        if (ai >= 2 && rnd.chance(0.25)) return;
        add(commune, 'cell', `${cCode}.${String(50 + ai)}`, cellName, sector, rnd.int(4, 18));
      });
    });
    DISTRICT_AGENCIES.forEach(([agencyName, sector], ai) => {
      add(d, 'grassroots_cell', `${district.code}.CQ${String(ai + 1).padStart(2, '0')}`, agencyName, sector, rnd.int(6, 25));
    });
    DISTRICT_COMMITTEES.forEach(([committeeName, sector, cells], ci) => {
      const cCode = `${district.code}.DB${ci + 1}`;
      const committee = add(d, 'grassroots_committee', cCode, committeeName, sector);
      cells.forEach((cellName, k) => add(committee, 'cell', `${cCode}.${k + 1}`, cellName, sector, rnd.int(8, 25)));
    });
  }
  for (const affiliated of AFFILIATED) {
    const a = add(province, 'affiliated_committee', affiliated.code, affiliated.name, affiliated.sector);
    affiliated.units.forEach(([unitName, sector], ui) => {
      const uCode = `${affiliated.code}.${String(ui + 1).padStart(2, '0')}`;
      const grassroots = add(a, 'grassroots_committee', uCode, unitName, sector);
      const cells = rnd.int(3, 6);
      for (let k = 1; k <= cells; k++) {
        add(grassroots, 'cell', `${uCode}.${k}`, `Chi bộ ${k === 1 ? 'Văn phòng' : `số ${k}`}`, sector, rnd.int(6, 28));
      }
    });
  }

  const members: MemberSeed[] = [];
  const positions: PositionSeed[] = [];
  const firstMemberOf = new Map<number, number[]>();
  for (const unit of units) {
    if (unit.size === 0) continue;
    const ids: number[] = [];
    for (let i = 0; i < unit.size; i++) {
      const member = makeMember(rnd, members.length + 1, unit.id);
      members.push(member);
      ids.push(member.id);
    }
    firstMemberOf.set(unit.id, ids);
    // The cell's own committee: secretary, deputy when the cell is large enough, committee members.
    const secretary = ids[0];
    if (secretary !== undefined) positions.push({ memberId: secretary, unitId: unit.id, position: 'secretary', startedOn: TERM_START });
    const deputy = ids[1];
    if (deputy !== undefined && ids.length >= 10) positions.push({ memberId: deputy, unitId: unit.id, position: 'deputy_secretary', startedOn: TERM_START });
    if (ids.length >= 9) {
      for (const memberId of ids.slice(2, 4)) positions.push({ memberId, unitId: unit.id, position: 'cell_committee_member', startedOn: TERM_START });
    }
    if (unit.sector !== 'village' && secretary !== undefined) {
      const head = members[secretary - 1];
      if (head) head.isHead = true;
    }
  }

  // Committees above the cells: their leaders sit in one of their cells.
  const byId = new Map(units.map((u) => [u.id, u]));
  const membersUnder = (committee: UnitSeed): number[] => {
    const firstCell = units.find((u) => u.size > 0 && u.path.startsWith(`${committee.path}.`));
    return firstCell ? (firstMemberOf.get(firstCell.id) ?? []) : [];
  };
  for (const unit of units) {
    if (unit.size > 0) continue;
    const pool = membersUnder(unit);
    const leaders = unit.kind === 'grassroots_committee' ? 3 : 5;
    pool.slice(4, 4 + leaders).forEach((memberId, i) => {
      const position = i === 0 ? 'secretary' : i === 1 ? 'deputy_secretary' : unit.kind === 'grassroots_committee' ? 'committee_member' : 'standing_member';
      positions.push({ memberId, unitId: unit.id, position, startedOn: TERM_START });
      const member = members[memberId - 1];
      if (member && (i < 2 || unit.kind !== 'grassroots_committee')) member.isKeyLeader = true;
    });
    if (!byId.has(unit.id)) throw new Error('unit lost');
  }
  return { units, members, positions };
}

function makeMember(rnd: Random, id: number, unitId: number): MemberSeed {
  const gender = rnd.chance(0.62) ? 'male' : 'female';
  const birthYear = rnd.int(1940, 1990);
  const birthDate = isoDate(birthYear, rnd.int(1, 12), rnd.int(1, 28));
  const joinYear = Math.min(2012, birthYear + rnd.int(18, 40));
  const joinedOn = isoDate(joinYear, rnd.int(1, 12), rnd.int(1, 28));
  // The demo is set in mid-2012, the time of the article: members who joined within a year are probationary.
  const probationary = joinedOn > '2011-06-19';
  const officialOn = probationary ? null : isoDate(Number(joinedOn.slice(0, 4)) + 1, Number(joinedOn.slice(5, 7)), Number(joinedOn.slice(8, 10)));
  // CCCD: 027 (Bắc Ninh), century-and-gender digit, two digits of the birth year, six random digits.
  const centuryDigit = (birthYear >= 2000 ? 2 : 0) + (gender === 'female' ? 1 : 0);
  const idNumber = rnd.chance(0.3)
    ? `027${centuryDigit}${String(birthYear % 100).padStart(2, '0')}${String(rnd.int(0, 999_999)).padStart(6, '0')}`
    : `125${String(rnd.int(0, 999_999)).padStart(6, '0')}`;
  return {
    id,
    unitId,
    familyName: rnd.weighted(SURNAMES),
    middleName: gender === 'male' ? rnd.pick(MALE_MIDDLE) : rnd.pick(FEMALE_MIDDLE),
    givenName: gender === 'male' ? rnd.pick(MALE_GIVEN) : rnd.pick(FEMALE_GIVEN),
    gender,
    birthDate,
    ethnicity: rnd.weighted(ETHNICITIES),
    status: probationary ? 'probationary' : 'full',
    joinedOn,
    officialOn,
    cardNumber: `27.${String(100_000 + id).padStart(7, '0')}`,
    idNumber,
    phone: `09${rnd.int(10_000_000, 99_999_999)}`,
    isKeyLeader: false,
    isHead: false,
  };
}

function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export async function hasAnyUnit(db: Db): Promise<boolean> {
  return (await db.selectFrom('unit').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/** Write the demo province into an empty database, in one transaction. */
export async function loadDemo(db: Db, password: string): Promise<DemoResult> {
  const started = Date.now();
  if (await hasAnyUnit(db)) throw new Error('The database already has units: the demo is loaded only into an empty database.');
  const { units, members, positions } = buildDemo();
  const passwordHash = await hashPassword(password);

  const accounts = await db.transaction().execute(async (tx) => {
    await sql`
      INSERT INTO unit (id, parent_id, path, depth, kind, is_grassroots, code, name, search_name, sector, valid_from)
      SELECT id, parent_id, path::ltree, depth, kind, is_grassroots, code, name, search_name, sector, ${TERM_START}::date
        FROM unnest(${units.map((u) => u.id)}::bigint[], ${units.map((u) => u.parentId)}::bigint[], ${units.map((u) => u.path)}::text[],
                    ${units.map((u) => u.depth)}::int[], ${units.map((u) => u.kind)}::text[], ${units.map((u) => isGrassrootsKind(u.kind))}::boolean[],
                    ${units.map((u) => u.code)}::text[], ${units.map((u) => u.name)}::text[], ${units.map((u) => foldForSearch(u.name))}::text[],
                    ${units.map((u) => u.sector)}::text[])
          AS t(id, parent_id, path, depth, kind, is_grassroots, code, name, search_name, sector)`.execute(tx);
    await sql`SELECT setval(pg_get_serial_sequence('unit', 'id'), (SELECT max(id) FROM unit))`.execute(tx);

    const col = <K extends keyof MemberSeed>(key: K) => members.map((m) => m[key]);
    await sql`
      INSERT INTO member (id, unit_id, family_name, middle_name, given_name, search_name, gender, birth_date, ethnicity, status,
                          joined_on, official_on, card_number, id_number, phone, is_key_leader, is_head)
      SELECT * FROM unnest(${col('id')}::bigint[], ${col('unitId')}::bigint[], ${col('familyName')}::text[], ${col('middleName')}::text[],
                           ${col('givenName')}::text[], ${members.map((m) => foldForSearch(fullName(m)))}::text[], ${col('gender')}::text[],
                           ${col('birthDate')}::date[], ${col('ethnicity')}::text[], ${col('status')}::text[], ${col('joinedOn')}::date[],
                           ${col('officialOn')}::date[], ${col('cardNumber')}::text[], ${col('idNumber')}::text[], ${col('phone')}::text[],
                           ${col('isKeyLeader')}::boolean[], ${col('isHead')}::boolean[])`.execute(tx);
    await sql`SELECT setval(pg_get_serial_sequence('member', 'id'), (SELECT max(id) FROM member))`.execute(tx);

    await sql`
      INSERT INTO member_position (member_id, unit_id, position, started_on)
      SELECT * FROM unnest(${positions.map((p) => p.memberId)}::bigint[], ${positions.map((p) => p.unitId)}::bigint[],
                           ${positions.map((p) => p.position)}::text[], ${positions.map((p) => p.startedOn)}::date[])`.execute(tx);

    // The direction cascade of Chỉ thị 03-CT/TW: documents, requirements, conferences, helper units.
    await loadDirectionDemo(tx, { units, members, positions });
    // Task 3: the 2012 study topic and the monthly cell meetings of January–May 2012.
    await loadMeetingsDemo(tx, { units, members, positions });
    // Task 2: the 2012 registration round and the commitments registered by 19/06/2012.
    await loadCommitmentsDemo(tx, { units, members });
    // Tasks 1, 3, 4: the 2012 rule, standards of conduct, pilot units and each committee's pressing issue.
    await loadStandardsDemo(tx, { units, members, positions });

    const byCode = (code: string) => {
      const unit = units.find((u) => u.code === code);
      if (!unit) throw new Error(`demo unit ${code} missing`);
      return unit;
    };
    const tuSon = byCode('BN.TXTS');
    const dinhBang = units.find((u) => u.parentId === tuSon.id && u.name.endsWith('Đình Bảng'));
    const cell = dinhBang && units.find((u) => u.parentId === dinhBang.id && u.kind === 'cell');
    if (!dinhBang || !cell) throw new Error('demo units for accounts missing');
    const cellMembers = members.filter((m) => m.unitId === cell.id);
    const secretary = cellMembers[0];
    const plain = cellMembers[cellMembers.length - 1];
    if (!secretary || !plain) throw new Error('demo cell has no members');

    const demoAccounts: (DemoAccount & { scopeUnitId: number; memberId: number | null })[] = [
      { username: 'tinhuy', role: 'province_officer', displayName: 'Bộ phận giúp việc Tỉnh ủy', scope: units[0]?.name ?? '', scopeUnitId: 1, memberId: null },
      { username: 'tuson', role: 'district_officer', displayName: 'Bộ phận giúp việc Thị ủy Từ Sơn', scope: tuSon.name, scopeUnitId: tuSon.id, memberId: null },
      { username: 'dinhbang', role: 'grassroots_officer', displayName: 'Đảng ủy phường Đình Bảng', scope: dinhBang.name, scopeUnitId: dinhBang.id, memberId: null },
      { username: 'bithu', role: 'cell_secretary', displayName: fullName(secretary), scope: cell.name, scopeUnitId: cell.id, memberId: secretary.id },
      { username: 'dangvien', role: 'member', displayName: fullName(plain), scope: cell.name, scopeUnitId: cell.id, memberId: plain.id },
    ];
    await tx
      .insertInto('account')
      .values(
        demoAccounts.map((a) => ({
          username: a.username,
          display_name: a.displayName,
          password_hash: passwordHash,
          role: a.role,
          scope_unit_id: a.scopeUnitId,
          member_id: a.memberId,
        })),
      )
      .execute();
    // Oversight, exemplars and publicity (after loadStandardsDemo and the accounts, which sign its rows).
    await loadOversightDemo(tx, { units, members, positions });
    return demoAccounts.map(({ username, role, displayName, scope }) => ({ username, role, displayName, scope }));
  });
  // The planner must not wait for autovacuum to learn that the bulk-loaded tables are no longer empty
  // (a fresh demo planned the meeting attendance read as a sequential scan of every member: 12 ms
  // instead of 0.1 ms).
  await sql`ANALYZE`.execute(db);

  return {
    units: units.length,
    cells: units.filter((u) => u.size > 0).length,
    members: members.length,
    accounts,
    millis: Date.now() - started,
  };
}
