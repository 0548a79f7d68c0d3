import { beforeAll, describe, expect, it } from 'vitest';
import { INDICATOR_KEYS, type IndicatorKey, LAGGING_FORMULA, resolvePeriod } from '../../src/shared/domain/indicators';
import { dashboardChildrenSchema, dashboardLaggingSchema, dashboardSchema, indicatorListSchema } from '../../src/shared/schemas/dashboard';
import { dashboardRepository } from '../../src/server/capabilities/dashboard/dashboard.repository';
import { computeValues, dashboardUnit } from '../../src/server/capabilities/dashboard/dashboard.service';
import { settableClock } from '../../src/server/http/clock';
import { type Client, type TestContext, databaseFingerprint, loggedIn, setupApp } from '../helpers/app';
import { type TestTree, type TestUnit, createAccount, createConference, createDocument, createExemplar, createHelperUnit, createMember, createRequirement, createTree, createUnit } from '../helpers/factories';

/**
 * The dashboard on a small hand-made tree where every number is known (today: 19/06/2012, the day of
 * the article):
 *
 *   Tỉnh (P) ─ Từ Sơn (district) ─ Đình Bảng (grassroots committee) ─ cell A (3 members), cell A2
 *            └ Quế Võ (district) ─ Phương Liễu (grassroots committee) ─ cell B (2 members)
 *                               ├ Bệnh viện (grassroots cell, health) ─ Trường (grassroots cell, education)
 */

const clock = settableClock();
let ctx: TestContext;
let tree: TestTree;
let hospital: TestUnit;
let school: TestUnit;
let province: Client;
let roundId: number;
let doc08: { id: number };

type Value = { numerator: number; denominator: number | null; breakdown?: { label: string; value: number }[] };
type Card = { key: IndicatorKey; current: Value; previousPeriod: Value; previousYear: Value };

const cardsOf = (body: { cards: Card[] }) => Object.fromEntries(body.cards.map((card) => [card.key, card])) as Record<IndicatorKey, Card>;
const nd = (value: Value) => [value.numerator, value.denominator];
const breakdown = (value: Value) => (value.breakdown ?? []).map((entry) => [entry.label, entry.value]);

async function seed(db: TestContext['db']) {
  const officer = await createAccount(db, { role: 'province_officer', scope: tree.province });
  await createUnit(db, tree.dinhBang, 'cell', 'Chi bộ khu phố Đình 2');
  hospital = await createUnit(db, tree.queVo, 'grassroots_cell', 'Chi bộ Bệnh viện huyện');
  school = await createUnit(db, tree.queVo, 'grassroots_cell', 'Chi bộ Trường THPT Quế Võ');
  await db.updateTable('unit').set({ sector: 'health' }).where('id', '=', hospital.id).execute();
  await db.updateTable('unit').set({ sector: 'education' }).where('id', '=', school.id).execute();

  // Direction: 08-KH/TU asks both districts for a plan by 07/10/2011 and a conference by 22/10/2011.
  doc08 = await createDocument(db, tree.province, { issuedOn: '2011-09-07' });
  await createRequirement(db, doc08.id, { targetKinds: ['district_committee'], dueOn: '2011-10-07', conferenceDueOn: '2011-10-22' });
  await createDocument(db, tree.tuSon, { issuedOn: '2011-10-05', implementsId: doc08.id });
  await createConference(db, tree.tuSon, [doc08.id], '2011-10-25');

  // Helper units: the province's (20/09/2011, no regulation), Từ Sơn's (01/02/2012, with regulation).
  await createHelperUnit(db, tree.province);
  const regulation = await createDocument(db, tree.tuSon, { docType: 'regulation', typeSymbol: 'QC', issuedOn: '2012-01-20' });
  await db.insertInto('helper_unit').values({ unit_id: tree.tuSon.id, name: 'Bộ phận giúp việc Thị ủy', established_on: '2012-02-01', regulation_document_id: regulation.id }).execute();

  // Standards: Đình Bảng's moral standard (01/03/2012), the hospital's professional one (01/04/2012).
  for (const [unit, kind, issuedOn] of [[tree.dinhBang, 'moral', '2012-03-01'], [hospital, 'professional', '2012-04-01']] as const) {
    const standard = await db.insertInto('conduct_standard').values({ unit_id: unit.id, kind }).returning('id').executeTakeFirstOrThrow();
    await db
      .insertInto('standard_version')
      .values({ standard_id: standard.id, version_no: 1, title: 'Chuẩn mực', state: 'issued', document_symbol: '01-QĐ/ĐU', issued_on: issuedOn })
      .execute();
  }

  // Commitments 2012: leaders by 15/04, everyone by 31/05.
  const scheme = await db.selectFrom('assessment_scheme').select('id').where('code', '=', '07-HD/BTCTW').executeTakeFirstOrThrow();
  roundId = (
    await db
      .insertInto('commitment_round')
      .values({ unit_id: tree.province.id, year: 2012, scheme_id: scheme.id, leader_deadline: '2012-04-15', member_deadline: '2012-05-31', review_opens_on: '2012-12-01' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const member = async (cell: TestUnit, givenName: string, leader: boolean) => {
    const id = await createMember(db, cell, { familyName: 'Nguyễn', middleName: 'Văn', givenName });
    if (leader) await db.updateTable('member').set({ is_key_leader: true }).where('id', '=', id).execute();
    return id;
  };
  const m1 = await member(tree.cellA, 'An', true);
  const m2 = await member(tree.cellA, 'Bình', false);
  const m3 = await member(tree.cellA, 'Cường', false);
  const m4 = await member(tree.cellB, 'Dũng', true);
  await member(tree.cellB, 'Em', false);
  const commit = (memberId: number, cell: TestUnit, leader: boolean, state: string, submittedOn: string, decided: string | null) =>
    db
      .insertInto('commitment')
      .values({ round_id: roundId, kind: 'personal', member_id: memberId, unit_id: cell.id, is_leader: leader, state, first_submitted_on: submittedOn, decided_level: decided })
      .execute();
  await commit(m1, tree.cellA, true, 'accepted', '2012-04-10', 'excellent');
  await commit(m2, tree.cellA, false, 'accepted', '2012-05-20', 'good');
  await commit(m3, tree.cellA, false, 'submitted', '2012-06-10', null);
  await commit(m4, tree.cellB, true, 'submitted', '2012-05-01', null);

  // Meetings 2012: cell A every month through June (2 of 3 present; June all 3), cell B January and
  // February with the topic, March without; the hospital's cell in January.
  const meeting = (cell: TestUnit, month: number, studied: number, present: number, absent: number) =>
    db
      .insertInto('cell_meeting')
      .values({ unit_id: cell.id, year: 2012, month, kind: 'regular', held_on: `2012-${String(month).padStart(2, '0')}-10`, studied_count: studied, present_count: present, absent_count: absent })
      .execute();
  for (const month of [1, 2, 3, 4, 5]) await meeting(tree.cellA, month, 1, 2, 1);
  await meeting(tree.cellA, 6, 2, 3, 0);
  await meeting(tree.cellB, 1, 1, 2, 0);
  await meeting(tree.cellB, 2, 1, 2, 0);
  await meeting(tree.cellB, 3, 0, 1, 1);
  await meeting(hospital, 1, 1, 0, 0);

  // Pilots and pressing issues 2012, with a quota of 1 + 1 set by the province.
  await db.insertInto('campaign_year_rule').values({ unit_id: tree.province.id, year: 2012, comprehensive_pilots: 1, field_pilots: 1, pressing_issues: 1 }).execute();
  const pilot = (committee: TestUnit, target: TestUnit, kind: 'comprehensive' | 'field') =>
    db
      .insertInto('pilot')
      .values({ committee_unit_id: committee.id, year: 2012, kind, field: kind === 'field' ? 'Giáo dục' : null, target_unit_id: target.id, goals: 'Mục tiêu', responsible: 'Đồng chí Phó Bí thư' })
      .execute();
  await pilot(tree.tuSon, tree.dinhBang, 'comprehensive');
  await pilot(tree.tuSon, tree.cellA, 'field');
  await pilot(tree.queVo, tree.phuongLieu, 'comprehensive');
  await db.insertInto('pressing_issue').values({ committee_unit_id: tree.tuSon.id, year: 2012, title: 'Rác thải', target: 'Sạch', status: 'resolved', resolved_on: '2012-05-10' }).execute();
  await db.insertInto('pressing_issue').values({ committee_unit_id: tree.queVo.id, year: 2012, title: 'Đất đai', target: 'Giải quyết', status: 'at_risk' }).execute();

  // Oversight: the province's inspection held 15/03/2012, a supervision still planned for September,
  // a cancelled inspection; a briefing of Từ Sơn (not an inspection). Three follow-ups.
  const activity = (organiser: TestUnit, kind: string, plannedOn: string, state: 'planned' | 'held' | 'cancelled', heldOn: string | null = null) =>
    db
      .insertInto('oversight_activity')
      .values({ organiser_unit_id: organiser.id, kind, title: 'Hoạt động', planned_on: plannedOn, held_on: heldOn, state, cancel_reason: state === 'cancelled' ? 'Trùng lịch' : null, created_by: officer.id })
      .returning('id')
      .executeTakeFirstOrThrow();
  const held = await activity(tree.province, 'inspection', '2012-03-10', 'held', '2012-03-15');
  await activity(tree.province, 'supervision', '2012-09-01', 'planned');
  await activity(tree.province, 'inspection', '2012-04-01', 'cancelled');
  await activity(tree.tuSon, 'briefing', '2012-02-01', 'held', '2012-02-01');
  let number = 0;
  const followUp = async (owner: TestUnit, dueOn: string, doneOn: string | null) => {
    const finding = await db
      .insertInto('oversight_finding')
      .values({ activity_id: held.id, number: ++number, unit_id: owner.id, kind: 'shortcoming', content: 'Thiếu sót', created_by: officer.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('follow_up')
      .values({ finding_id: finding.id, owner_unit_id: owner.id, task: 'Khắc phục', due_on: dueOn, state: doneOn ? 'done' : 'open', done_on: doneOn, result: doneOn ? 'Đã khắc phục' : null })
      .execute();
  };
  await followUp(tree.queVo, '2012-05-31', null);
  await followUp(tree.tuSon, '2012-06-30', null);
  await followUp(tree.dinhBang, '2012-04-30', '2012-05-05');

  // Exemplars and publicity.
  await createExemplar(db, { unit: tree.cellA, createdBy: officer.id, year: 2012, state: 'pending' });
  const commended = await createExemplar(db, {
    unit: tree.cellB,
    createdBy: officer.id,
    year: 2012,
    decidingUnitId: tree.province.id,
    commendation: { form: 'bang_khen', symbol: '612-QĐ/TU', date: '2012-05-19' },
  });
  await createExemplar(db, { unit: tree.dinhBang, createdBy: officer.id, year: 2012, state: 'draft' });
  const approved2011 = await createExemplar(db, { unit: tree.tuSon, createdBy: officer.id, year: 2011, state: 'approved' });
  const channel = async (name: string) => (await db.selectFrom('publicity_channel').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  const newspaper = await channel('Báo, tạp chí khác');
  const cellInfo = await channel('Thông tin sinh hoạt chi bộ hằng tháng');
  await db
    .insertInto('publicity_entry')
    .values([
      { exemplar_id: commended, channel_id: newspaper, published_on: '2012-05-20', title: 'Bài báo', recorded_by: officer.id },
      { exemplar_id: commended, channel_id: cellInfo, published_on: '2012-06-01', title: 'Thông tin', recorded_by: officer.id },
      { exemplar_id: approved2011, channel_id: newspaper, published_on: '2011-12-01', title: 'Bài báo 2011', recorded_by: officer.id },
    ])
    .execute();
  return officer;
}

beforeAll(async () => {
  clock.set('2012-06-19');
  ctx = await setupApp({ clock });
  tree = await createTree(ctx.db);
  const officer = await seed(ctx.db);
  province = await loggedIn(ctx.app, officer);
});

describe('GET /api/dashboard on the hand-made tree', () => {
  it('gives every indicator of the province for 2012, against 2011', async () => {
    const response = await province.get(`/api/dashboard?unitId=${tree.province.id}&period=year&year=2012`);
    expect(response.status).toBe(200);
    const body = dashboardSchema.parse(response.body);
    expect(body.today).toBe('2012-06-19');
    expect(body.period).toEqual({ kind: 'year', from: '2012-01-01', to: '2012-12-31', year: 2012, label: 'Năm 2012' });
    expect(body.previousPeriod.label).toBe('Năm 2011');
    expect(body.previousYear.label).toBe('Năm 2011');
    expect(body.cards.map((card) => card.key)).toEqual([...INDICATOR_KEYS]);
    const cards = cardsOf(response.body);

    // Direction: the plans were due in 2011 (Từ Sơn on time, Quế Võ overdue); nothing due in 2012.
    expect(nd(cards.plans_on_time.current)).toEqual([0, 0]);
    expect(nd(cards.plans_on_time.previousYear)).toEqual([1, 2]);
    expect(breakdown(cards.plans_on_time.previousYear)).toEqual([['Đúng hạn', 1], ['Trễ hạn', 0], ['Còn hạn', 0], ['Quá hạn', 1]]);
    expect(nd(cards.conferences_held.previousYear)).toEqual([1, 2]);
    expect(breakdown(cards.conferences_held.previousYear)).toEqual([['Đúng hạn', 0], ['Trễ hạn', 1], ['Còn hạn', 0], ['Quá hạn', 1]]);
    expect(nd(cards.conference_reach.current)).toEqual([0, 0]);
    expect(nd(cards.conference_reach.previousYear)).toEqual([99, 110]);
    expect(nd(cards.helper_units.current)).toEqual([2, 3]);
    expect(breakdown(cards.helper_units.current)).toEqual([['Chưa thành lập', 1], ['Đã thành lập, chưa có quy chế', 1], ['Đầy đủ', 1]]);
    expect(nd(cards.helper_units.previousYear)).toEqual([1, 3]);

    // Standards: seven units issue standards (the cells inside grassroots units do not).
    expect(nd(cards.standards_issued.current)).toEqual([1, 7]);
    expect(breakdown(cards.standards_issued.current)).toEqual([['Đã có chuẩn mực đạo đức', 1], ['Đã có chuẩn mực đạo đức nghề nghiệp', 1]]);
    expect(nd(cards.standards_issued.previousYear)).toEqual([0, 7]);
    expect(nd(cards.priority_sector_standards.current)).toEqual([1, 2]);
    expect(breakdown(cards.priority_sector_standards.current)).toEqual([['Y tế (1 đơn vị)', 1], ['Giáo dục (1 đơn vị)', 0]]);

    // Commitments: 5 members, 2 leaders; An (leader) 10/04, Bình 20/05, Dũng (leader) 01/05 on the
    // members' deadline but late for leaders, Cường late (10/06); An and Bình decided.
    expect(nd(cards.leaders_registered.current)).toEqual([1, 2]);
    expect(breakdown(cards.leaders_registered.current)).toEqual([['Đúng hạn', 1], ['Trễ hạn', 1], ['Chưa đăng ký', 0]]);
    expect(nd(cards.members_registered.current)).toEqual([3, 5]);
    expect(breakdown(cards.members_registered.current)).toEqual([['Đúng hạn', 3], ['Trễ hạn', 1], ['Chưa đăng ký', 1]]);
    // No round in 2011: nobody was due. The year-end review opens on 01/12: not due on 19/06.
    expect(nd(cards.members_registered.previousYear)).toEqual([0, 0]);
    expect(nd(cards.leaders_registered.previousYear)).toEqual([0, 0]);
    expect(nd(cards.reviews_decided.current)).toEqual([0, 0]);
    expect(breakdown(cards.reviews_decided.current)).toEqual([
      ['Đủ tư cách, hoàn thành xuất sắc nhiệm vụ', 1],
      ['Đủ tư cách, hoàn thành tốt nhiệm vụ', 1],
    ]);

    // Meetings: 5 cells × 5 months over (January–May); 8 held with the topic; June is not over yet.
    expect(nd(cards.meetings_valid.current)).toEqual([8, 25]);
    expect(breakdown(cards.meetings_valid.current)).toEqual([['Tháng 1/2012', 3], ['Tháng 2/2012', 2], ['Tháng 3/2012', 1], ['Tháng 4/2012', 1], ['Tháng 5/2012', 1]]);
    expect(nd(cards.meeting_attendance.current)).toEqual([18, 24]);
    expect(nd(cards.meetings_valid.previousYear)).toEqual([0, 60]);

    // Acting: quota 1 + 1 met by Từ Sơn only; Từ Sơn's issue resolved, Quế Võ's at risk.
    expect(nd(cards.pilot_quota_met.current)).toEqual([1, 2]);
    expect(breakdown(cards.pilot_quota_met.current)).toEqual([['Đơn vị điểm toàn diện', 2], ['Đơn vị điểm theo lĩnh vực', 1]]);
    expect(nd(cards.pilot_quota_met.previousYear)).toEqual([0, 2]);
    expect(nd(cards.pressing_issues_on_track.current)).toEqual([1, 2]);
    expect(breakdown(cards.pressing_issues_on_track.current)).toEqual([
      ['Đúng tiến độ', 0],
      ['Có nguy cơ chậm', 1],
      ['Đã giải quyết', 1],
      ['Không giải quyết được', 0],
      ['Chưa chọn vấn đề', 0],
    ]);
    expect(nd(cards.pressing_issues_resolved.current)).toEqual([1, 2]);

    // Oversight: one inspection held, one supervision planned (the cancelled one does not count);
    // follow-ups on 19/06: one overdue, one pending, one done late.
    expect(nd(cards.inspections_held.current)).toEqual([1, 2]);
    expect(breakdown(cards.inspections_held.current)).toEqual([['Kiểm tra đã tiến hành', 1], ['Giám sát đã tiến hành', 0], ['Còn kế hoạch', 1]]);
    expect(nd(cards.follow_ups_overdue.current)).toEqual([1, 3]);
    expect(breakdown(cards.follow_ups_overdue.current)).toEqual([['Đúng hạn', 0], ['Trễ hạn', 1], ['Còn hạn', 1], ['Quá hạn', 1]]);
    expect(nd(cards.follow_ups_overdue.previousYear)).toEqual([0, 0]);

    // Publicity: drafts are not nominations; one commendation (Bằng khen, 19/05/2012); two entries in 2012.
    expect(nd(cards.exemplars_nominated.current)).toEqual([2, null]);
    expect(breakdown(cards.exemplars_nominated.current)).toEqual([['Đang xác minh', 1], ['Đã xác minh', 0], ['Đã khen thưởng', 1], ['Không được công nhận', 0]]);
    expect(nd(cards.exemplars_nominated.previousYear)).toEqual([1, null]);
    expect(nd(cards.exemplars_commended.current)).toEqual([1, null]);
    expect(breakdown(cards.exemplars_commended.current)).toEqual([['Bằng khen', 1]]);
    expect(nd(cards.exemplars_published.current)).toEqual([2, null]);
    expect(breakdown(cards.exemplars_published.current)).toEqual([['Báo, tạp chí khác', 1], ['Thông tin sinh hoạt chi bộ hằng tháng', 1]]);
    expect(nd(cards.exemplars_published.previousYear)).toEqual([1, null]);
  });

  it('reads a quarter against the previous quarter and the same quarter of 2011', async () => {
    const response = await province.get(`/api/dashboard?unitId=${tree.province.id}&period=quarter&year=2012&quarter=2`);
    expect(response.status).toBe(200);
    expect(response.body.period).toEqual({ kind: 'quarter', from: '2012-04-01', to: '2012-06-30', year: 2012, label: 'Quý II/2012' });
    expect(response.body.previousPeriod).toEqual({ kind: 'quarter', from: '2012-01-01', to: '2012-03-31', year: 2012, label: 'Quý I/2012' });
    expect(response.body.previousYear.label).toBe('Quý II/2011');
    const cards = cardsOf(response.body);
    // April and May are over: cell A met in both; June is not due yet but its attendance counts.
    expect(nd(cards.meetings_valid.current)).toEqual([2, 10]);
    expect(nd(cards.meeting_attendance.current)).toEqual([7, 9]);
    expect(nd(cards.meetings_valid.previousPeriod)).toEqual([6, 15]);
    // As of 31/03: the follow-ups were all still in time (the done-late one was done on 05/05).
    expect(nd(cards.follow_ups_overdue.previousPeriod)).toEqual([0, 3]);
    expect(nd(cards.pressing_issues_resolved.previousPeriod)).toEqual([0, 2]);
    expect(nd(cards.helper_units.previousPeriod)).toEqual([2, 3]);
    expect(nd(cards.standards_issued.previousPeriod)).toEqual([1, 7]);
    expect(nd(cards.priority_sector_standards.previousPeriod)).toEqual([0, 2]);
    expect(nd(cards.exemplars_commended.current)).toEqual([1, null]);
    expect(nd(cards.exemplars_commended.previousPeriod)).toEqual([0, null]);
  });

  it('reads a month and a date range with their labels', async () => {
    const month = await province.get(`/api/dashboard?unitId=${tree.province.id}&period=month&year=2012&month=1`);
    expect(month.status).toBe(200);
    expect(month.body.period.label).toBe('Tháng 1/2012');
    expect(month.body.previousPeriod.label).toBe('Tháng 12/2011');
    expect(month.body.previousYear.label).toBe('Tháng 1/2011');
    expect(nd(cardsOf(month.body).meetings_valid.current)).toEqual([3, 5]);
    expect(nd(cardsOf(month.body).helper_units.current)).toEqual([1, 3]);

    const range = await province.get(`/api/dashboard?unitId=${tree.province.id}&period=range&from=2012-01-01&to=2012-06-19`);
    expect(range.status).toBe(200);
    expect(range.body.period).toEqual({ kind: 'range', from: '2012-01-01', to: '2012-06-19', year: 2012, label: '01/01/2012 – 19/06/2012' });
    expect(range.body.previousPeriod).toMatchObject({ from: '2011-07-14', to: '2011-12-31' });
    expect(range.body.previousYear).toMatchObject({ from: '2011-01-01', to: '2011-06-19' });
    const cards = cardsOf(range.body);
    expect(nd(cards.meetings_valid.current)).toEqual([8, 25]);
    // June ends after the range: its meeting is not in it.
    expect(nd(cards.meeting_attendance.current)).toEqual([15, 21]);
    expect(nd(cards.plans_on_time.previousPeriod)).toEqual([1, 2]);
  });

  it('gives a cell its own numbers', async () => {
    const response = await province.get(`/api/dashboard?unitId=${tree.cellA.id}&period=year&year=2012`);
    expect(response.status).toBe(200);
    const cards = cardsOf(response.body);
    expect(nd(cards.meetings_valid.current)).toEqual([5, 5]);
    expect(nd(cards.members_registered.current)).toEqual([2, 3]);
    expect(nd(cards.standards_issued.current)).toEqual([0, 0]);
    expect(response.body.ancestors.map((a: { id: number }) => a.id)).toEqual([tree.province.id, tree.tuSon.id, tree.dinhBang.id]);
  });

  it('counts a grassroots committee\'s own helper unit', async () => {
    const response = await province.get(`/api/dashboard?unitId=${tree.dinhBang.id}&period=year&year=2012`);
    expect(nd(cardsOf(response.body).helper_units.current)).toEqual([0, 1]);
  });
});

describe('GET /api/dashboard/children and /lagging', () => {
  it('gives the same indicators for each district, ordered by name', async () => {
    const response = await province.get(`/api/dashboard/children?unitId=${tree.province.id}&period=year&year=2012`);
    expect(response.status).toBe(200);
    const body = dashboardChildrenSchema.parse(response.body);
    expect(body.rows.map((row) => row.name)).toEqual(['Đảng bộ huyện Quế Võ', 'Đảng bộ Thị xã Từ Sơn']);
    const [queVo, tuSon] = body.rows as [(typeof body.rows)[number], (typeof body.rows)[number]];
    expect(queVo.childCount).toBe(3);
    const v = (row: typeof queVo, key: IndicatorKey) => nd(row.values[key] as Value);
    expect(v(tuSon, 'helper_units')).toEqual([1, 1]);
    expect(v(queVo, 'helper_units')).toEqual([0, 1]);
    expect(v(tuSon, 'standards_issued')).toEqual([1, 2]);
    expect(v(queVo, 'standards_issued')).toEqual([0, 4]);
    expect(v(tuSon, 'members_registered')).toEqual([2, 3]);
    expect(v(queVo, 'members_registered')).toEqual([1, 2]);
    expect(v(tuSon, 'leaders_registered')).toEqual([1, 1]);
    expect(v(queVo, 'leaders_registered')).toEqual([0, 1]);
    expect(v(tuSon, 'meetings_valid')).toEqual([5, 10]);
    expect(v(queVo, 'meetings_valid')).toEqual([3, 15]);
    expect(v(tuSon, 'follow_ups_overdue')).toEqual([0, 2]);
    expect(v(queVo, 'follow_ups_overdue')).toEqual([1, 1]);
    expect(v(tuSon, 'inspections_held')).toEqual([0, 0]);
    expect(v(tuSon, 'exemplars_nominated')).toEqual([1, null]);
    expect(v(queVo, 'exemplars_published')).toEqual([2, null]);

    const in2011 = await province.get(`/api/dashboard/children?unitId=${tree.province.id}&period=year&year=2011`);
    const rows2011 = Object.fromEntries(in2011.body.rows.map((row: { unitId: number; values: Record<IndicatorKey, Value> }) => [row.unitId, row.values]));
    expect(nd(rows2011[tree.tuSon.id].plans_on_time)).toEqual([1, 1]);
    expect(nd(rows2011[tree.queVo.id].plans_on_time)).toEqual([0, 1]);
    expect(nd(rows2011[tree.tuSon.id].conference_reach)).toEqual([99, 110]);
  });

  it('ranks the districts by the lagging score, with the reasons in Vietnamese', async () => {
    const response = await province.get(`/api/dashboard/lagging?unitId=${tree.province.id}&period=year&year=2012`);
    expect(response.status).toBe(200);
    const body = dashboardLaggingSchema.parse(response.body);
    expect(body.formula).toBe(LAGGING_FORMULA);
    expect(body.rows.map((row) => [row.name, row.score, row.counted])).toEqual([
      // Quế Võ: 10 indicators with something due (the review is not yet); shortfalls
      // 1 + 1 + 0,375 + 1 + 0,444 + 0,778 + 0,074 + 1 + 1 + 1 = 7,671 → 76,7.
      ['Đảng bộ huyện Quế Võ', 76.7, 10],
      // Từ Sơn: 9 indicators; shortfalls 0,375 + 0,259 + 0,444 + 0,198 = 1,276 → 14,2.
      ['Đảng bộ Thị xã Từ Sơn', 14.2, 9],
    ]);
    const tuSon = body.rows[1];
    expect(tuSon?.reasons.map((reason) => reason.key)).toEqual(['meetings_valid', 'standards_issued', 'members_registered', 'meeting_attendance']);
    expect(tuSon?.reasons[0]?.text).toBe('Tháng sinh hoạt chi bộ có chuyên đề: 50,0% (dưới ngưỡng 90%), 5/10.');
    const queVo = body.rows[0];
    expect(queVo?.reasons.find((reason) => reason.key === 'follow_ups_overdue')?.text).toBe('Việc khắc phục quá hạn: 100,0% (trên ngưỡng 10%), 1/1.');
  });
});

describe('GET /api/dashboard/indicators', () => {
  it('gives the registry with Vietnamese definitions', async () => {
    const response = await province.get('/api/dashboard/indicators');
    expect(response.status).toBe(200);
    const body = indicatorListSchema.parse(response.body);
    expect(body.items.map((item) => item.key)).toEqual([...INDICATOR_KEYS]);
    const meetings = body.items.find((item) => item.key === 'meetings_valid');
    expect(meetings).toMatchObject({ group: 'study', groupLabel: 'Học tập chuyên đề', periodSemantics: 'dates', higherIsBetter: true, link: '/sinh-hoat/ma-tran?unit={unitId}&year={year}' });
    expect(meetings?.definition).toMatch(/1–2 nội dung chuyên đề/u);
  });

  it('documents the endpoints in the OpenAPI document', async () => {
    const response = await province.get('/api/openapi.json');
    expect(response.status).toBe(200);
    expect(Object.keys(response.body.paths)).toEqual(expect.arrayContaining(['/api/dashboard', '/api/dashboard/children', '/api/dashboard/lagging', '/api/dashboard/indicators']));
    const parameters = response.body.paths['/api/dashboard'].get.parameters.map((p: { name: string }) => p.name);
    expect(parameters).toEqual(expect.arrayContaining(['unitId', 'period', 'year', 'quarter', 'month', 'from', 'to']));
  });
});

describe('the dashboard agrees with the pages behind its numbers', () => {
  it('meetings: the matrix\'s share of cell-months with a topic and attendance rate', async () => {
    clock.set(null);
    try {
      const [dashboard, children, matrix] = await Promise.all([
        province.get(`/api/dashboard?unitId=${tree.province.id}&period=year&year=2012`),
        province.get(`/api/dashboard/children?unitId=${tree.province.id}&period=year&year=2012`),
        province.get(`/api/meetings/matrix?unitId=${tree.province.id}&year=2012`),
      ]);
      expect(matrix.status).toBe(200);
      const ratio = (value: Value) => (value.denominator ? value.numerator / value.denominator : null);
      const cards = cardsOf(dashboard.body);
      expect(ratio(cards.meetings_valid.current)).toBeCloseTo(matrix.body.unit.validShare, 10);
      expect(ratio(cards.meeting_attendance.current)).toBeCloseTo(matrix.body.unit.attendanceRate, 10);
      for (const row of matrix.body.rows) {
        const child = children.body.rows.find((r: { unitId: number }) => r.unitId === row.unit.id);
        expect(ratio(child.values.meetings_valid)).toBeCloseTo(row.validShare, 10);
      }
    } finally {
      clock.set('2012-06-19');
    }
  });

  it('commitments: the registration coverage of members and leaders', async () => {
    // After the review has opened (01/12/2012), so that the decided reviews are due too.
    clock.set('2012-12-05');
    try {
      const [dashboard, coverage] = await Promise.all([
        province.get(`/api/dashboard?unitId=${tree.province.id}&period=year&year=2012`),
        province.get(`/api/commitments/coverage?unitId=${tree.province.id}&roundId=${roundId}`),
      ]);
      expect(coverage.status).toBe(200);
      const cards = cardsOf(dashboard.body);
      expect(nd(cards.members_registered.current)).toEqual([coverage.body.unit.memberStates.done_on_time, coverage.body.unit.members]);
      expect(nd(cards.leaders_registered.current)).toEqual([coverage.body.unit.leaderStates.done_on_time, coverage.body.unit.leaders]);
      expect(nd(cards.reviews_decided.current)).toEqual([coverage.body.unit.decided, 4]);
    } finally {
      clock.set('2012-06-19');
    }
  });

  it('commitments: before the deadline only those who registered are due', async () => {
    clock.set('2012-04-01');
    try {
      const cards = cardsOf((await province.get(`/api/dashboard?unitId=${tree.province.id}&period=year&year=2012`)).body);
      // On 01/04 nobody is late yet and the registrations of 10/04 onwards count as submitted already
      // (the data do not move with the clock): all four registered are due, the fifth member is not.
      expect(nd(cards.members_registered.current)).toEqual([3, 4]);
      expect(nd(cards.leaders_registered.current)).toEqual([1, 2]);
    } finally {
      clock.set('2012-06-19');
    }
  });

  it('conferences: the coverage of participants reached', async () => {
    const [dashboard, coverage] = await Promise.all([
      province.get(`/api/dashboard?unitId=${tree.province.id}&period=year&year=2011`),
      province.get(`/api/conferences/coverage?unitId=${tree.province.id}&year=2011`),
    ]);
    expect(coverage.status).toBe(200);
    const reach = cardsOf(dashboard.body).conference_reach.current;
    const total = coverage.body.total ?? coverage.body.unit;
    expect(reach.numerator).toBe(total.attendedCadres + total.attendedMembers);
    expect(reach.denominator).toBe(total.expectedCadres + total.expectedMembers);
  });
});

describe('the plans for large subtrees and the whole tree', () => {
  it('give the same numbers as the plain joins', async () => {
    const repo = dashboardRepository(ctx.db);
    const unit = await dashboardUnit(ctx.db, tree.province.id);
    if (!unit) throw new Error('no province');
    const periods = [resolvePeriod({ period: 'year', year: 2012 }), resolvePeriod({ period: 'year', year: 2011 }), resolvePeriod({ period: 'quarter', year: 2012, quarter: 1 })];
    const windows = periods.map((p) => ({ from: p.from, to: p.to, year: p.year, asOf: p.to < '2012-06-19' ? p.to : '2012-06-19' }));
    const children = [tree.tuSon.id, tree.queVo.id];
    for (const [mode, ids] of [['self', [unit.id]], ['children', children]] as const) {
      const members = new Map(ids.map((id) => [id, 0]));
      const nodes = { parent: { id: unit.id, path: unit.path }, mode, ids: [...ids] };
      const small = await computeValues(repo, { ...nodes, large: false }, members, windows, '2012-06-19');
      const large = await computeValues(repo, { ...nodes, large: true }, members, windows, '2012-06-19');
      expect(large).toEqual(small);
      if (mode === 'self') {
        // The province is still the only root here: its subtree is the whole table.
        expect(unit.parent_id === null && unit.roots === 1).toBe(true);
        expect(await computeValues(repo, { ...nodes, large: true, whole: true }, members, windows, '2012-06-19')).toEqual(small);
      }
    }
  });
});

describe('live numbers', () => {
  it('shows a conference recorded through the API at the next request', async () => {
    const before = cardsOf((await province.get(`/api/dashboard?unitId=${tree.province.id}&period=year&year=2012`)).body);
    expect(nd(before.conference_reach.current)).toEqual([0, 0]);
    expect(nd(before.conferences_held.previousYear)).toEqual([1, 2]);
    const created = await province.post('/api/conferences', {
      unitId: tree.queVo.id,
      heldOn: '2012-06-15',
      form: 'in_person',
      expectedCadres: 10,
      attendedCadres: 5,
      expectedMembers: 50,
      attendedMembers: 40,
      documentIds: [doc08.id],
    });
    expect(created.status).toBe(201);
    const after = cardsOf((await province.get(`/api/dashboard?unitId=${tree.province.id}&period=year&year=2012`)).body);
    expect(nd(after.conference_reach.current)).toEqual([45, 60]);
    // Quế Võ's conference of 08-KH/TU, due 22/10/2011, is now held (late).
    expect(nd(after.conferences_held.previousYear)).toEqual([2, 2]);
    expect(breakdown(after.conferences_held.previousYear)).toEqual([['Đúng hạn', 0], ['Trễ hạn', 2], ['Còn hạn', 0], ['Quá hạn', 0]]);
  });

  it('moves the as-of numbers with the app\'s clock', async () => {
    clock.set('2012-07-05');
    try {
      const cards = cardsOf((await province.get(`/api/dashboard?unitId=${tree.province.id}&period=year&year=2012`)).body);
      // Từ Sơn's follow-up (due 30/06) is now overdue too; June is over.
      expect(nd(cards.follow_ups_overdue.current)).toEqual([2, 3]);
      expect(nd(cards.meetings_valid.current)).toEqual([9, 30]);
    } finally {
      clock.set('2012-06-19');
    }
  });
});

describe('empty periods and bad input', () => {
  it('answers an honest empty dashboard for a province without data', async () => {
    const other = await createUnit(ctx.db, null, 'province_committee', 'Đảng bộ tỉnh Hà Nam');
    const district = await createUnit(ctx.db, other, 'district_committee', 'Đảng bộ huyện Kim Bảng');
    await createUnit(ctx.db, district, 'cell', 'Chi bộ thôn Một');
    const officer = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'province_officer', scope: other }));
    const response = await officer.get(`/api/dashboard?unitId=${other.id}&period=year&year=2012`);
    expect(response.status).toBe(200);
    const cards = cardsOf(response.body);
    for (const key of INDICATOR_KEYS) expect(cards[key].current.numerator, key).toBe(0);
    // Nothing due: no ratio (denominator 0); something due and nothing done: 0 of n.
    for (const key of ['plans_on_time', 'conferences_held', 'conference_reach', 'priority_sector_standards', 'leaders_registered', 'members_registered', 'reviews_decided', 'meeting_attendance', 'inspections_held', 'follow_ups_overdue'] as const) {
      expect(cards[key].current.denominator, key).toBe(0);
    }
    expect(nd(cards.helper_units.current)).toEqual([0, 2]);
    expect(nd(cards.standards_issued.current)).toEqual([0, 2]);
    expect(nd(cards.meetings_valid.current)).toEqual([0, 5]);
    expect(nd(cards.pilot_quota_met.current)).toEqual([0, 1]);
    expect(cards.exemplars_nominated.current.denominator).toBeNull();
    const lagging = await officer.get(`/api/dashboard/lagging?unitId=${other.id}&period=year&year=2012`);
    expect(lagging.body.rows).toHaveLength(1);
  });

  it.each([
    ['a range ending before it starts', 'period=range&from=2012-06-19&to=2012-01-01', 'Ngày kết thúc phải sau hoặc trùng ngày bắt đầu.'],
    ['a year before the campaign', 'period=year&year=2010', 'Chiến dịch bắt đầu từ năm 2011: hãy chọn năm từ 2011 trở đi.'],
    ['a range starting before the campaign', 'period=range&from=2010-12-01&to=2011-01-31', 'Chiến dịch bắt đầu từ năm 2011: hãy chọn năm từ 2011 trở đi.'],
    ['quarter 5', 'period=quarter&year=2012&quarter=5', 'Quý phải từ 1 đến 4.'],
    ['month 13', 'period=month&year=2012&month=13', 'Tháng phải từ 1 đến 12.'],
    ['a quarter without its number', 'period=quarter&year=2012', 'Hãy chọn quý (1 đến 4).'],
    ['a year period without a year', 'period=year', 'Hãy chọn năm.'],
    ['an unknown period', 'period=week&year=2012', 'Kỳ báo cáo phải là năm, quý, tháng hoặc khoảng ngày.'],
    ['a date that does not exist', 'period=range&from=2012-02-30&to=2012-03-01', 'Ngày bắt đầu không hợp lệ (định dạng yyyy-mm-dd).'],
    ['a year far ahead', 'period=year&year=2999', `Năm không được sau năm ${new Date().getFullYear() + 1}.`],
  ])('refuses %s with 400 and a Vietnamese message, writing nothing', async (_label, query, message) => {
    const before = await databaseFingerprint(ctx.db);
    for (const path of ['/api/dashboard', '/api/dashboard/children', '/api/dashboard/lagging']) {
      const response = await province.get(`${path}?unitId=${tree.province.id}&${query}`);
      expect(response.status, path).toBe(400);
      expect(response.body.error).toBe('validation');
      expect(response.body.message).toBe(message);
    }
    expect(await databaseFingerprint(ctx.db)).toBe(before);
  });

  it('refuses a missing unit', async () => {
    const response = await province.get('/api/dashboard?period=year&year=2012');
    expect(response.status).toBe(400);
    expect(response.body.message).toBe('Mã không hợp lệ.');
  });
});

describe('scope', () => {
  it('answers 401 without a session', async () => {
    const { Client } = await import('../helpers/app');
    const response = await new Client(ctx.app).get(`/api/dashboard?unitId=${tree.province.id}&period=year&year=2012`);
    expect(response.status).toBe(401);
  });

  it('answers 404 for a unit outside the scope, for every endpoint', async () => {
    const district = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'district_officer', scope: tree.tuSon }));
    for (const path of ['/api/dashboard', '/api/dashboard/children', '/api/dashboard/lagging']) {
      const own = await district.get(`${path}?unitId=${tree.tuSon.id}&period=year&year=2012`);
      expect(own.status, path).toBe(200);
      for (const unit of [tree.queVo, tree.province, tree.cellB]) {
        const response = await district.get(`${path}?unitId=${unit.id}&period=year&year=2012`);
        expect(response.status, `${path} ${unit.name}`).toBe(404);
        expect(response.body.message).toBe('Không tìm thấy đơn vị, hoặc đơn vị nằm ngoài phạm vi của bạn.');
      }
    }
    const missing = await district.get('/api/dashboard?unitId=987654321&period=year&year=2012');
    expect(missing.status).toBe(404);
  });

  it('lets a cell secretary read the cell\'s dashboard', async () => {
    const secretary = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'cell_secretary', scope: tree.cellA }));
    const response = await secretary.get(`/api/dashboard?unitId=${tree.cellA.id}&period=year&year=2012`);
    expect(response.status).toBe(200);
    expect(response.body.ancestors).toEqual([]);
    expect((await secretary.get(`/api/dashboard?unitId=${tree.dinhBang.id}&period=year&year=2012`)).status).toBe(404);
  });

  it('refuses members with 403', async () => {
    const memberId = await createMember(ctx.db, tree.cellA, { familyName: 'Lê', middleName: 'Thị', givenName: 'Hoa' });
    const member = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'member', scope: tree.cellA, memberId }));
    for (const path of ['/api/dashboard', '/api/dashboard/children', '/api/dashboard/lagging']) {
      const response = await member.get(`${path}?unitId=${tree.cellA.id}&period=year&year=2012`);
      expect(response.status, path).toBe(403);
      expect(response.body.message).toMatch(/đảng viên/u);
    }
  });
});
