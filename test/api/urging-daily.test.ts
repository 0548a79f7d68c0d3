import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { runDailyUrging } from '../../src/server/capabilities/urging/urging.computation';
import { settableClock } from '../../src/server/http/clock';
import { addDays } from '../../src/shared/domain/timeliness';
import { digestBody, digestTitle, reminderStage } from '../../src/shared/domain/urging';
import { viCollator } from '../../src/shared/domain/text';
import type { Db } from '../../src/server/db/connect';
import { type TestContext, setupApp } from '../helpers/app';
import { type TestTree, type TestUnit, createAccount, createDocument, createRequirement, createTree, createUnit } from '../helpers/factories';

/**
 * The daily run (issue #11) walked day by day through June 2012 with an injected clock: exactly which
 * reminders and digests each day creates, and that running a day again adds nothing.
 */

let ctx: TestContext;
let tree: TestTree;
const clock = settableClock();
/** account id → short label used in the expectations */
const label = new Map<number, string>();

async function account(db: Db, role: Parameters<typeof createAccount>[1]['role'], scope: TestUnit, name: string) {
  const created = await createAccount(db, { role, scope });
  label.set(created.id, name);
  return created.id;
}

async function meeting(db: Db, cell: TestUnit, year: number, month: number, heldOn: string) {
  await db.insertInto('cell_meeting').values({ unit_id: cell.id, year, month, kind: 'regular', held_on: heldOn, recorded_at: `${heldOn}T10:00:00Z` }).execute();
}

async function rule(db: Db, root: TestUnit, values: { item_kind: string; days_before?: number | null; on_due?: boolean; days_after?: number | null; digest_to_parent?: boolean; valid_to?: string | null }) {
  await db
    .insertInto('reminder_rule')
    .values({ root_unit_id: root.id, year: 2012, valid_from: '2012-01-01', days_before: null, on_due: true, days_after: null, digest_to_parent: true, ...values })
    .execute();
}

let document: { id: number };

beforeAll(async () => {
  ctx = await setupApp({ clock });
  const { db } = ctx;
  tree = await createTree(db);
  await account(db, 'province_officer', tree.province, 'province');
  await account(db, 'district_officer', tree.tuSon, 'tuSon');
  await account(db, 'district_officer', tree.queVo, 'queVo');
  await account(db, 'grassroots_officer', tree.dinhBang, 'dinhBang');
  await account(db, 'grassroots_officer', tree.phuongLieu, 'plDaily');
  const weekly = await account(db, 'grassroots_officer', tree.phuongLieu, 'plWeekly');
  await db.insertInto('notification_preference').values({ account_id: weekly, digest: 'weekly' }).execute();
  await account(db, 'cell_secretary', tree.cellA, 'cellA');
  await account(db, 'cell_secretary', tree.cellB, 'cellB');
  // Never reminded: a plain member, and a disabled secretary.
  await account(db, 'member', tree.cellA, 'member');
  const disabled = await account(db, 'cell_secretary', tree.cellB, 'disabled');
  await db.updateTable('account').set({ disabled_at: new Date('2012-01-01T00:00:00Z') }).where('id', '=', disabled).execute();

  // Plans: the province's plan of 20/05 asks each district for its plan by 10/06.
  document = await createDocument(db, tree.province, { issuedOn: '2012-05-20' });
  await createRequirement(db, document.id, { targetKinds: ['district_committee'], dueOn: '2012-06-10' });

  // Meeting records: the year's topic gives 5 days after the month's end; January–April are recorded.
  await db.insertInto('study_topic').values({ unit_id: tree.province.id, year: 2012, title: 'Nêu cao tinh thần trách nhiệm', record_days: 5 }).execute();
  for (const cell of [tree.cellA, tree.cellB]) for (const month of [1, 2, 3, 4]) await meeting(db, cell, 2012, month, `2012-0${month}-15`);

  // A follow-up of an inspection, owned by Đình Bảng, due 20/06.
  const creator = [...label.keys()][0] ?? 0;
  const activity = await db
    .insertInto('oversight_activity')
    .values({ organiser_unit_id: tree.tuSon.id, kind: 'inspection', title: 'Kiểm tra việc thực hiện Chỉ thị 03', planned_on: '2012-05-15', held_on: '2012-05-15', state: 'held', created_by: creator })
    .returning('id')
    .executeTakeFirstOrThrow();
  const finding = await db
    .insertInto('oversight_finding')
    .values({ activity_id: activity.id, number: 1, unit_id: tree.dinhBang.id, kind: 'shortcoming', content: 'Chưa có kế hoạch', created_by: creator })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('follow_up').values({ finding_id: finding.id, owner_unit_id: tree.dinhBang.id, task: 'Ban hành kế hoạch khắc phục', due_on: '2012-06-20' }).execute();

  // Rules of the province for 2012, and one of Từ Sơn overlapping the province's plan rule.
  await rule(db, tree.province, { item_kind: 'plan', days_before: 3, on_due: true, days_after: 7, digest_to_parent: true });
  await rule(db, tree.province, { item_kind: 'meeting_record', on_due: true, days_after: 5, digest_to_parent: true });
  await rule(db, tree.province, { item_kind: 'follow_up', days_before: 2, on_due: false, days_after: 10, digest_to_parent: false, valid_to: '2012-06-25' });
  await rule(db, tree.tuSon, { item_kind: 'plan', days_before: 1, on_due: true, digest_to_parent: false });
});

/** What happens in the world on a given morning, before the day's run. */
async function events(db: Db, day: string) {
  if (day === '2012-06-03') await meeting(db, tree.cellA, 2012, 5, '2012-05-28');
  if (day === '2012-06-12') await createDocument(db, tree.tuSon, { implementsId: document.id, issuedOn: '2012-06-12', docType: 'plan' });
}

/** The notifications a day created, as "kind item recipient stage". */
async function created(db: Db, day: string): Promise<string[]> {
  const rows = await db.selectFrom('notification').select(['kind', 'item_kind', 'account_id', 'stage']).where('business_date', '=', day).execute();
  return rows.map((r) => [r.kind, r.item_kind ?? '-', label.get(r.account_id) ?? `#${r.account_id}`, r.stage ?? ''].join(' ').trim()).sort();
}

const EXPECTED: Record<string, string[]> = {
  '2012-06-05': ['reminder meeting_record cellB due'],
  '2012-06-07': ['reminder plan queVo before', 'reminder plan tuSon before'],
  '2012-06-09': ['reminder plan tuSon before'],
  '2012-06-10': ['digest meeting_record plDaily', 'reminder meeting_record cellB after', 'reminder plan queVo due', 'reminder plan tuSon due'],
  '2012-06-11': ['digest meeting_record plWeekly'],
  '2012-06-15': ['digest meeting_record plDaily', 'reminder meeting_record cellB after'],
  '2012-06-17': ['digest plan province', 'reminder plan queVo after'],
  '2012-06-18': ['digest meeting_record plWeekly', 'reminder follow_up dinhBang before'],
  '2012-06-20': ['digest meeting_record plDaily', 'reminder meeting_record cellB after'],
  '2012-06-24': ['digest plan province', 'reminder plan queVo after'],
  '2012-06-25': ['digest meeting_record plDaily', 'digest meeting_record plWeekly', 'reminder meeting_record cellB after'],
  // The follow-up rule ended on 25/06: no overdue reminder on 30/06.
  '2012-06-30': ['digest meeting_record plDaily', 'reminder meeting_record cellB after'],
};

describe('a simulated month', () => {
  it('creates exactly the expected reminders and digests each day, and nothing on a second run', async () => {
    const { db } = ctx;
    for (let day = '2012-06-01'; day <= '2012-06-30'; day = addDays(day, 1)) {
      clock.set(day);
      await events(db, day);
      const first = await runDailyUrging(db, { date: clock.today(), emailEnabled: false });
      expect(await created(db, day), day).toEqual(EXPECTED[day] ?? []);
      expect(first.reminders + first.digests, day).toBe((EXPECTED[day] ?? []).length);
      const again = await runDailyUrging(db, { date: clock.today(), emailEnabled: false });
      expect([again.reminders, again.digests], `${day} again`).toEqual([0, 0]);
    }
    const total = await sql<{ n: number }>`SELECT count(*)::int AS n FROM notification`.execute(db);
    expect(total.rows[0]?.n).toBe(Object.values(EXPECTED).flat().length);
    // notification has no foreign keys (migration 0017, for speed at national scale): every reference resolves.
    const dangling = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM notification n
       WHERE NOT EXISTS (SELECT 1 FROM account a WHERE a.id = n.account_id) OR NOT EXISTS (SELECT 1 FROM unit u WHERE u.id = n.unit_id)
          OR (n.rule_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM reminder_rule r WHERE r.id = n.rule_id))`.execute(db);
    expect(dangling.rows[0]?.n).toBe(0);
  });

  it('writes plain Vietnamese texts with a link to the item', async () => {
    const { db } = ctx;
    const reminder = await db.selectFrom('notification').selectAll().where('business_date', '=', '2012-06-17').where('kind', '=', 'reminder').executeTakeFirstOrThrow();
    expect(reminder.title).toMatch(/^Quá hạn: Ban hành văn bản thực hiện \d+-KH\/TU$/u);
    expect(reminder.body).toBe(`Đảng bộ huyện Quế Võ: ${reminder.title.slice('Quá hạn: '.length)} — hạn 10/06/2012, đã quá 7 ngày. Đề nghị đồng chí đôn đốc hoàn thành và cập nhật trên hệ thống.`);
    expect(reminder.link).toBe(`/chi-dao?document=${document.id}&unit=${tree.queVo.id}`);
    const digest = await db.selectFrom('notification').selectAll().where('business_date', '=', '2012-06-25').where('kind', '=', 'digest').where('unit_id', '=', tree.phuongLieu.id).executeTakeFirstOrThrow();
    expect(digest.title).toBe('1 đơn vị trực thuộc Đảng bộ xã Phương Liễu chậm hạn');
    expect(digest.body).toBe('Các đơn vị trực thuộc sau chưa hoàn thành việc đã quá hạn:\n- Chi bộ thôn Liễu Hạ: Ghi sinh hoạt chi bộ tháng 5/2012 (hạn 05/06/2012, quá 20 ngày)');
    expect(digest.link).toBe(`/sinh-hoat/ma-tran?unit=${tree.phuongLieu.id}&year=2012`);
    const followUp = await db.selectFrom('notification').selectAll().where('item_kind', '=', 'follow_up').executeTakeFirstOrThrow();
    expect(followUp).toMatchObject({ title: 'Sắp đến hạn: Việc khắc phục: Ban hành kế hoạch khắc phục', stage: 'before', due_on: '2012-06-20' });
    expect(followUp.body).toContain('còn 2 ngày');
    expect(followUp.link).toMatch(/^\/giam-sat\/\d+$/u);
  });

  it('reminds about conferences, commitment registrations, pilots and pressing-issue milestones', async () => {
    const { db } = ctx;
    const district = await createUnit(db, tree.province, 'district_committee', 'Đảng bộ huyện Gia Bình');
    const cell = await createUnit(db, district, 'grassroots_cell', 'Chi bộ Phòng Tài chính');
    const districtOfficer = await account(db, 'district_officer', district, 'giaBinh');
    const cellSecretary = await account(db, 'cell_secretary', cell, 'giaBinhCell');
    // A conference due 30/07, a registration round with member deadline 30/07, a pilot (due 31/12) and a milestone due 30/07.
    const doc = await createDocument(db, tree.province, { issuedOn: '2012-07-01' });
    await createRequirement(db, doc.id, { targetKinds: ['district_committee'], dueOn: '2012-12-01', conferenceDueOn: '2012-07-30' });
    await db.insertInto('member').values({ unit_id: cell.id, family_name: 'Lê', given_name: 'Bình', search_name: 'le binh', gender: 'male', status: 'full' }).execute();
    const scheme = await db.selectFrom('assessment_scheme').select('id').where('code', '=', '07-HD/BTCTW').executeTakeFirstOrThrow();
    await db.insertInto('commitment_round').values({ unit_id: tree.province.id, year: 2012, scheme_id: scheme.id, leader_deadline: '2012-07-30', member_deadline: '2012-07-30', review_opens_on: '2012-11-01' }).execute();
    await db.insertInto('pilot').values({ committee_unit_id: district.id, year: 2012, kind: 'comprehensive', target_unit_id: cell.id, goals: 'Điểm', responsible: 'Ban Tuyên giáo' }).execute();
    const issue = await db.insertInto('pressing_issue').values({ committee_unit_id: district.id, year: 2012, title: 'Lấn chiếm đất công', target: 'Giải quyết dứt điểm' }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('pressing_issue_milestone').values({ issue_id: issue.id, number: 1, title: 'Rà soát', due_on: '2012-07-30', weight: 1, progress: 0 }).execute();
    for (const kind of ['conference', 'commitment_registration', 'pilot_milestone', 'issue_milestone']) await rule(db, tree.province, { item_kind: kind, on_due: true, days_before: 5 });

    await runDailyUrging(db, { date: '2012-07-25', emailEnabled: false });
    // (The meeting-record rule keeps reminding about June's records meanwhile.)
    expect((await created(db, '2012-07-25')).filter((line) => !line.includes('meeting_record'))).toEqual([
      'reminder commitment_registration giaBinhCell before',
      'reminder conference giaBinh before',
      'reminder conference queVo before',
      'reminder conference tuSon before',
      'reminder issue_milestone giaBinh before',
    ]);
    await runDailyUrging(db, { date: '2012-12-26', emailEnabled: false });
    expect((await created(db, '2012-12-26')).filter((line) => !line.includes('meeting_record'))).toEqual(['reminder pilot_milestone giaBinh before']);
    expect([districtOfficer, cellSecretary].every((id) => label.has(id))).toBe(true);
  });

  it('lists the first 50 late items of a long digest in Vietnamese order and counts the rest, for daily and weekly readers', async () => {
    const { db } = ctx;
    const province = await createUnit(db, null, 'province_committee', 'Tỉnh Hưng Yên');
    const commune = await createUnit(db, province, 'grassroots_committee', 'Đảng bộ xã Tân Dân');
    const names = ['Chi bộ Ấp Đông', 'Chi bộ Bình An', 'Chi bộ An Phú', 'Chi bộ Ấp Bắc', 'Chi bộ Ân Thi', 'Chi bộ Ba Vì'];
    for (const name of names) await createUnit(db, commune, 'cell', name);
    const daily = await account(db, 'grassroots_officer', commune, 'tanDanDaily');
    const weekly = await account(db, 'grassroots_officer', commune, 'tanDanWeekly');
    await db.insertInto('notification_preference').values({ account_id: weekly, digest: 'weekly' }).execute();
    await rule(db, province, { item_kind: 'meeting_record', on_due: true, days_after: 1, digest_to_parent: true });

    // Monday 19/11/2012: January–October of six cells are overdue (no topic: due 7 days after the month), 60 lines.
    const day = '2012-11-19';
    await runDailyUrging(db, { date: day, emailEnabled: false });
    const lines = names
      .flatMap((unitName) =>
        Array.from({ length: 10 }, (_, index) => {
          const month = index + 1;
          const end = new Date(Date.UTC(2012, month, 0)).toISOString().slice(0, 10);
          return { unitName, itemLabel: `Ghi sinh hoạt chi bộ tháng ${month}/2012`, dueOn: addDays(end, 7) };
        }),
      )
      .sort((a, b) => viCollator.compare(a.unitName, b.unitName) || a.dueOn.localeCompare(b.dueOn));
    for (const id of [daily, weekly]) {
      const digest = await db.selectFrom('notification').selectAll().where('business_date', '=', day).where('kind', '=', 'digest').where('account_id', '=', id).executeTakeFirstOrThrow();
      expect(digest.title).toBe(digestTitle('Đảng bộ xã Tân Dân', 6));
      expect(digest.body).toBe(digestBody(lines, day));
      expect(digest.body.split('\n')[1]).toBe('- Chi bộ An Phú: Ghi sinh hoạt chi bộ tháng 1/2012 (hạn 07/02/2012, quá 286 ngày)');
      expect(digest.body.split('\n').at(-1)).toBe('… và 10 việc khác.');
    }
  });

  it('counts a month as recorded only from the day its meeting was held: a run for an earlier day still reminds', async () => {
    const { db } = ctx;
    const province = await createUnit(db, null, 'province_committee', 'Tỉnh Hà Nam');
    const commune = await createUnit(db, province, 'grassroots_committee', 'Đảng bộ xã Kim Bình');
    const cell = await createUnit(db, commune, 'cell', 'Chi bộ thôn Kim Thượng');
    await account(db, 'cell_secretary', cell, 'kimThuong');
    await rule(db, province, { item_kind: 'meeting_record', days_before: 20, on_due: true, digest_to_parent: false });
    await meeting(db, cell, 2012, 1, '2012-01-25');
    const january = async (day: string) =>
      (await db.selectFrom('notification').select('id').where('business_date', '=', day).where('item_key', '=', `meeting_record:${cell.id}:2012-01`).execute()).length;
    // January's record is due 07/02 (no topic: 7 days), reminded 20 days before, on 18/01; the meeting
    // held on 25/01 is already in the database when the run for 18/01 is made (a late or manual run).
    await runDailyUrging(db, { date: '2012-01-18', emailEnabled: false });
    expect(await january('2012-01-18')).toBe(1);
    await runDailyUrging(db, { date: '2012-02-07', emailEnabled: false });
    expect(await january('2012-02-07')).toBe(0);
  });

  it('computes in SQL the same stage as reminderStage() on every day around the due date', async () => {
    const { db } = ctx;
    const day = '2012-09-15';
    const offsets = [
      { daysBefore: 3, onDue: true, daysAfter: 7 },
      { daysBefore: 0, onDue: false, daysAfter: 1 },
      { daysBefore: null, onDue: false, daysAfter: 4 },
      { daysBefore: 10, onDue: false, daysAfter: null },
    ];
    for (const [index, offset] of offsets.entries()) {
      const province = await createUnit(db, null, 'province_committee', `Tỉnh thử ${index}`);
      const officer = await account(db, 'province_officer', province, `p${index}`);
      const creator = officer;
      const activity = await db
        .insertInto('oversight_activity')
        .values({ organiser_unit_id: province.id, kind: 'inspection', title: 'Kiểm tra', planned_on: '2012-08-01', held_on: '2012-08-01', state: 'held', created_by: creator })
        .returning('id')
        .executeTakeFirstOrThrow();
      const dues: string[] = [];
      for (let shift = -20; shift < 20; shift++) {
        const dueOn = new Date(Date.UTC(2012, 8, 15 + shift)).toISOString().slice(0, 10);
        dues.push(dueOn);
        const finding = await db.insertInto('oversight_finding').values({ activity_id: activity.id, number: shift + 21, unit_id: province.id, kind: 'shortcoming', content: `Hạn ${dueOn}`, created_by: creator }).returning('id').executeTakeFirstOrThrow();
        await db.insertInto('follow_up').values({ finding_id: finding.id, owner_unit_id: province.id, task: `Hạn ${dueOn}`, due_on: dueOn }).execute();
      }
      await db
        .insertInto('reminder_rule')
        .values({ root_unit_id: province.id, year: 2012, item_kind: 'follow_up', valid_from: '2012-01-01', days_before: offset.daysBefore, on_due: offset.onDue, days_after: offset.daysAfter, digest_to_parent: false })
        .execute();
      await runDailyUrging(db, { date: day, emailEnabled: false });
      const rows = await db.selectFrom('notification').select(['due_on', 'stage']).where('account_id', '=', officer).where('business_date', '=', day).execute();
      const fromSql = Object.fromEntries(rows.map((r) => [r.due_on ?? '', r.stage]));
      const expected = Object.fromEntries(dues.map((due) => [due, reminderStage(offset, due, day)]).filter(([, stage]) => stage !== null));
      expect(fromSql, JSON.stringify(offset)).toEqual(expected);
      expect(Object.keys(expected).length).toBeGreaterThan(0);
    }
  });
});
