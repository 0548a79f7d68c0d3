import { sql } from 'kysely';
import type { Role } from '../../src/shared/domain/roles';
import { foldForSearch, fullName } from '../../src/shared/domain/text';
import { type UnitKind, isGrassrootsKind } from '../../src/shared/domain/units';
import type { Db } from '../../src/server/db/connect';
import { hashPassword } from '../../src/server/http/passwords';

export const TEST_PASSWORD = 'Kiemthu2012';
let passwordHash: Promise<string> | null = null;
let counter = 0;
const unique = () => `${process.pid}${++counter}`;

export interface TestUnit {
  id: number;
  path: string;
  name: string;
  kind: UnitKind;
  code: string;
}

export async function createUnit(db: Db, parent: TestUnit | null, kind: UnitKind, name: string): Promise<TestUnit> {
  const id = Number((await sql<{ id: string }>`SELECT nextval(pg_get_serial_sequence('unit', 'id')) AS id`.execute(db)).rows[0]?.id);
  const path = parent ? `${parent.path}.${id}` : String(id);
  const code = `T${unique()}`;
  await db
    .insertInto('unit')
    .values({
      id,
      parent_id: parent?.id ?? null,
      path,
      depth: path.split('.').length - 1,
      kind,
      is_grassroots: isGrassrootsKind(kind),
      code,
      name,
      search_name: foldForSearch(name),
      sector: null,
      valid_from: '2010-01-01',
    })
    .execute();
  return { id, path, name, kind, code };
}

/** Province → two districts → a commune committee each → a cell each. */
export async function createTree(db: Db) {
  const province = await createUnit(db, null, 'province_committee', 'Đảng bộ tỉnh Bắc Ninh');
  const tuSon = await createUnit(db, province, 'district_committee', 'Đảng bộ Thị xã Từ Sơn');
  const queVo = await createUnit(db, province, 'district_committee', 'Đảng bộ huyện Quế Võ');
  const dinhBang = await createUnit(db, tuSon, 'grassroots_committee', 'Đảng bộ phường Đình Bảng');
  const phuongLieu = await createUnit(db, queVo, 'grassroots_committee', 'Đảng bộ xã Phương Liễu');
  const cellA = await createUnit(db, dinhBang, 'cell', 'Chi bộ khu phố Đình');
  const cellB = await createUnit(db, phuongLieu, 'cell', 'Chi bộ thôn Liễu Hạ');
  return { province, tuSon, queVo, dinhBang, phuongLieu, cellA, cellB };
}
export type TestTree = Awaited<ReturnType<typeof createTree>>;

export async function createMember(
  db: Db,
  unit: TestUnit,
  name: { familyName: string; middleName: string; givenName: string } = { familyName: 'Nguyễn', middleName: 'Văn', givenName: 'An' },
): Promise<number> {
  const row = await db
    .insertInto('member')
    .values({
      unit_id: unit.id,
      family_name: name.familyName,
      middle_name: name.middleName,
      given_name: name.givenName,
      search_name: foldForSearch(fullName(name)),
      gender: 'male',
      status: 'full',
      birth_date: '1970-05-19',
      joined_on: '1995-02-03',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function createAccount(
  db: Db,
  options: { role: Role; scope: TestUnit; memberId?: number; username?: string; mustChangePassword?: boolean },
): Promise<{ id: number; username: string; password: string }> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const username = options.username ?? `u${unique()}`;
  const row = await db
    .insertInto('account')
    .values({
      username,
      display_name: `Người dùng ${username}`,
      password_hash: await passwordHash,
      role: options.role,
      scope_unit_id: options.scope.id,
      member_id: options.memberId ?? null,
      must_change_password: options.mustChangePassword ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, username, password: TEST_PASSWORD };
}
