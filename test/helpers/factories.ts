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

let documentNumber = 0;

/** A Party document issued by `unit` (or, with unit null, by a body above the tree), inserted directly. */
export async function createDocument(
  db: Db,
  unit: TestUnit | null,
  options: { docType?: string; typeSymbol?: string; issuedOn?: string; implementsId?: number | null; title?: string; owner?: TestUnit } = {},
): Promise<{ id: number; symbol: string; lineage: string }> {
  const owner = unit ?? options.owner;
  if (!owner) throw new Error('a document from above the tree needs an owner');
  const docType = options.docType ?? 'plan';
  const typeSymbol = options.typeSymbol ?? 'KH';
  const issuerCode = unit ? 'TU' : 'TW';
  const number = ++documentNumber;
  const symbol = `${String(number).padStart(2, '0')}-${typeSymbol}/${issuerCode}`;
  const issuedOn = options.issuedOn ?? '2011-09-07';
  const term = await db.selectFrom('committee_term').select('id').where('starts_on', '<=', issuedOn).where('ends_on', '>=', issuedOn).executeTakeFirstOrThrow();
  const parent = options.implementsId
    ? await db.selectFrom('party_document').select('lineage').where('id', '=', options.implementsId).executeTakeFirstOrThrow()
    : null;
  const id = Number((await sql<{ id: string }>`SELECT nextval(pg_get_serial_sequence('party_document', 'id')) AS id`.execute(db)).rows[0]?.id);
  const title = options.title ?? 'Kế hoạch thực hiện Cuộc vận động';
  await db
    .insertInto('party_document')
    .values({
      id,
      issuer_unit_id: unit?.id ?? null,
      owner_unit_id: owner.id,
      issuer_name: unit?.name ?? 'Ban Bí thư',
      issuer_code: issuerCode,
      doc_type: docType,
      type_symbol: typeSymbol,
      term_id: term.id,
      number,
      symbol,
      issued_on: issuedOn,
      title,
      search_text: foldForSearch(`${symbol} ${title}`),
      implements_id: options.implementsId ?? null,
      lineage: parent ? `${parent.lineage}.${id}` : String(id),
    })
    .execute();
  return { id, symbol, lineage: parent ? `${parent.lineage}.${id}` : String(id) };
}

/** A cascade requirement on a document, with its obligations computed. */
export async function createRequirement(
  db: Db,
  documentId: number,
  options: { targetKinds?: UnitKind[]; requiredType?: string; days?: number; dueOn?: string; conferenceDueOn?: string | null } = {},
): Promise<number> {
  const row = await db
    .insertInto('cascade_requirement')
    .values({
      document_id: documentId,
      target_kinds: options.targetKinds ?? ['district_committee', 'affiliated_committee', 'grassroots_committee', 'grassroots_cell', 'cell'],
      required_type: options.requiredType ?? 'plan',
      days: options.days ?? 30,
      due_on: options.dueOn ?? '2011-10-07',
      conference_days: options.conferenceDueOn ? 45 : null,
      conference_due_on: options.conferenceDueOn ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await sql`SELECT refresh_cascade_obligations(ARRAY[${row.id}]::bigint[])`.execute(db);
  return row.id;
}

/** A dissemination conference of `unit` on the given documents. */
export async function createConference(db: Db, unit: TestUnit, documentIds: number[], heldOn = '2011-10-15'): Promise<number> {
  const row = await db
    .insertInto('dissemination_conference')
    .values({ unit_id: unit.id, held_on: heldOn, form: 'in_person', expected_cadres: 10, attended_cadres: 9, expected_members: 100, attended_members: 90 })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (documentIds.length > 0) await db.insertInto('conference_document').values(documentIds.map((document_id) => ({ conference_id: row.id, document_id }))).execute();
  return row.id;
}

export async function createHelperUnit(db: Db, unit: TestUnit): Promise<number> {
  const row = await db
    .insertInto('helper_unit')
    .values({ unit_id: unit.id, name: `Bộ phận giúp việc ${unit.name}`, established_on: '2011-09-20' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export type ExemplarSubject =
  | { kind: 'member'; memberId: number }
  | { kind: 'person'; familyName: string; middleName?: string; givenName: string }
  | { kind: 'collective'; name?: string; unitId?: number };

/** An exemplar inserted directly (any state); a published one needs state approved or commended. */
export async function createExemplar(
  db: Db,
  options: {
    unit: TestUnit;
    createdBy: number;
    subject?: ExemplarSubject;
    title?: string;
    summary?: string;
    storyHtml?: string;
    year?: number;
    state?: 'draft' | 'pending' | 'returned' | 'rejected' | 'approved' | 'commended';
    pendingUnitId?: number;
    decidingUnitId?: number;
    isPublic?: boolean;
    publishedAt?: string;
    commendation?: { form: 'giay_khen' | 'bang_khen' | 'other'; title?: string; symbol: string; date: string };
    field?: string;
  },
): Promise<number> {
  const subject = options.subject ?? { kind: 'person', familyName: 'Nguyễn', middleName: 'Thị', givenName: 'Hoa' };
  const state = options.state ?? (options.commendation ? 'commended' : 'draft');
  const isPublic = options.isPublic ?? false;
  const row = await db
    .insertInto('exemplar')
    .values({
      nominating_unit_id: options.unit.id,
      year: options.year ?? 2012,
      subject_kind: subject.kind,
      member_id: subject.kind === 'member' ? subject.memberId : null,
      family_name: subject.kind === 'person' ? subject.familyName : null,
      middle_name: subject.kind === 'person' ? (subject.middleName ?? '') : null,
      given_name: subject.kind === 'person' ? subject.givenName : null,
      collective_unit_id: subject.kind === 'collective' ? (subject.unitId ?? null) : null,
      collective_name: subject.kind === 'collective' ? (subject.name ?? null) : null,
      title: options.title ?? 'Người tốt việc tốt',
      field: options.field ?? null,
      summary: options.summary ?? 'Tận tụy với công việc, gần gũi nhân dân.',
      story_html: options.storyHtml ?? '<p>Câu chuyện.</p>',
      deciding_unit_id: options.decidingUnitId ?? options.unit.id,
      state,
      pending_unit_id: state === 'pending' ? (options.pendingUnitId ?? options.unit.id) : null,
      commendation_form: options.commendation?.form ?? null,
      commendation_title: options.commendation?.title ?? null,
      decision_symbol: options.commendation?.symbol ?? null,
      decision_date: options.commendation?.date ?? null,
      is_public: isPublic,
      published_at: isPublic ? (options.publishedAt ?? new Date().toISOString()) : null,
      created_by: options.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A small JPEG stored as a file of `unit` and attached to an exemplar as a photo (or evidence). */
export async function createExemplarPhoto(
  db: Db,
  exemplarId: number,
  unit: TestUnit,
  options: { caption?: string | null; position?: number; role?: 'photo' | 'evidence'; bytes?: Buffer; mediaType?: string } = {},
): Promise<number> {
  const { createHash } = await import('node:crypto');
  const sharp = (await import('sharp')).default;
  const bytes =
    options.bytes ??
    (await sharp({ create: { width: 32, height: 20, channels: 3, background: { r: 155, g: 28, b: 28 } } })
      .jpeg({ quality: 80 })
      .toBuffer());
  const file = await db
    .insertInto('stored_file')
    .values({
      unit_id: unit.id,
      name: `anh-${unique()}.jpg`,
      media_type: options.mediaType ?? 'image/jpeg',
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest(),
      content: bytes,
      uploaded_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('exemplar_file')
    .values({ exemplar_id: exemplarId, file_id: file.id, role: options.role ?? 'photo', caption: options.caption ?? null, position: options.position ?? 0 })
    .execute();
  return file.id;
}
