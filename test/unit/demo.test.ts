import { describe, expect, it } from 'vitest';
import { ALLOWED_CHILD_KINDS } from '../../src/shared/domain/units';
import { buildDemo } from '../../src/server/demo/generate';
import { buildDirectionDemo, committeeTitle } from '../../src/server/demo/direction';
import { parseDocumentSymbol } from '../../src/shared/domain/documents';
import { TIMELINESS_STATES, emptyCounts, timeliness } from '../../src/shared/domain/timeliness';
import { DEMO_SECRETARY_CELL, DEMO_TOPIC_TITLE, buildMeetingsDemo } from '../../src/server/demo/meetings';
import { DEFAULT_TOPIC_RULE, isRecordLate, longestMissedRun, meetingDateProblem, meetingItemsProblem, squareState } from '../../src/shared/domain/meetings';

describe('the Bắc Ninh 2012 demo province', () => {
  const demo = buildDemo();

  it('is the same on every machine', () => {
    const again = buildDemo();
    expect(again.units).toEqual(demo.units);
    expect(again.members.slice(0, 500)).toEqual(demo.members.slice(0, 500));
    expect(again.members.length).toBe(demo.members.length);
  });

  it('has the article\'s structure: 8 district-level and 4 affiliated committees, 126 communes and wards', () => {
    const byKind = (kind: string) => demo.units.filter((u) => u.kind === kind);
    expect(byKind('province_committee')).toHaveLength(1);
    expect(byKind('district_committee').map((u) => u.name)).toEqual([
      'Đảng bộ Thành phố Bắc Ninh',
      'Đảng bộ Thị xã Từ Sơn',
      'Đảng bộ huyện Yên Phong',
      'Đảng bộ huyện Quế Võ',
      'Đảng bộ huyện Tiên Du',
      'Đảng bộ huyện Thuận Thành',
      'Đảng bộ huyện Gia Bình',
      'Đảng bộ huyện Lương Tài',
    ]);
    expect(byKind('affiliated_committee')).toHaveLength(4);
    expect(demo.units.filter((u) => u.sector === 'commune')).toHaveLength(126);
  });

  it('reaches the real order of magnitude: over 1,000 cells and about 50,000 members', () => {
    expect(demo.units.filter((u) => u.size > 0).length).toBeGreaterThan(1000);
    expect(demo.members.length).toBeGreaterThan(40_000);
    expect(demo.members.length).toBeLessThan(70_000);
  });

  it('builds a valid tree: every child kind is allowed under its parent, paths follow ids', () => {
    const byId = new Map(demo.units.map((u) => [u.id, u]));
    for (const unit of demo.units) {
      if (unit.parentId === null) continue;
      const parent = byId.get(unit.parentId);
      expect(parent, unit.name).toBeDefined();
      if (!parent) continue;
      expect(ALLOWED_CHILD_KINDS[parent.kind], `${unit.name} under ${parent.name}`).toContain(unit.kind);
      expect(unit.path).toBe(`${parent.path}.${unit.id}`);
    }
    expect(new Set(demo.units.map((u) => u.code)).size).toBe(demo.units.length);
  });

  it('gives members whole name parts, consistent identity numbers and one secretary per cell', () => {
    for (const member of demo.members.slice(0, 5000)) {
      expect(member.familyName.length).toBeGreaterThan(0);
      expect(member.givenName.length).toBeGreaterThan(0);
      expect(member.idNumber).toMatch(/^(\d{9}|\d{12})$/u);
      if (member.idNumber.length === 12) {
        expect(member.idNumber.slice(4, 6)).toBe(member.birthDate.slice(2, 4));
        expect(Number(member.idNumber[3]) % 2).toBe(member.gender === 'female' ? 1 : 0);
      }
      expect(member.joinedOn > member.birthDate).toBe(true);
    }
    expect(demo.members.some((m) => m.familyName.includes(' '))).toBe(true);
    expect(demo.members.some((m) => m.givenName.includes(' '))).toBe(true);
    const secretaries = demo.positions.filter((p) => p.position === 'secretary');
    const cells = demo.units.filter((u) => u.size > 0);
    for (const cell of cells.slice(0, 200)) expect(secretaries.filter((p) => p.unitId === cell.id)).toHaveLength(1);
    expect(demo.members.filter((m) => m.isKeyLeader).length).toBeGreaterThan(100);
  });
});

describe('the demo\'s direction cascade (Chỉ thị 03-CT/TW in Bắc Ninh)', () => {
  const demo = buildDemo();
  const direction = buildDirectionDemo(demo);
  const unitByCode = (code: string) => {
    const unit = demo.units.find((u) => u.code === code);
    if (!unit) throw new Error(`no unit ${code}`);
    return unit;
  };
  const docBySymbol = (symbol: string, issuerUnitId: number | null) => direction.documents.find((d) => d.symbol === symbol && d.issuerUnitId === issuerUnitId);
  const today = '2026-01-01';
  const stateOf = (o: { dueOn: string; doneOn: string | null }) => timeliness({ dueOn: o.dueOn, doneOn: o.doneOn, today });

  it('is the same on every machine and leaves the units and members of the demo unchanged', () => {
    expect(buildDirectionDemo(buildDemo())).toEqual(direction);
    expect(buildDemo().members.slice(0, 200)).toEqual(demo.members.slice(0, 200));
  });

  it('follows the article: 03-CT/TW → 03-KH/TW → 08-KH/TU, in one campaign 2011–2016', () => {
    expect(direction.campaign).toMatchObject({ name: 'Học tập và làm theo tấm gương đạo đức Hồ Chí Minh', startYear: 2011, endYear: 2016 });
    const directive = docBySymbol('03-CT/TW', null);
    const central = docBySymbol('03-KH/TW', null);
    const province = docBySymbol('08-KH/TU', unitByCode('BN').id);
    expect(directive).toMatchObject({ issuerName: 'Bộ Chính trị', docType: 'directive', issuedOn: '2011-05-14', implementsId: null });
    expect(central).toMatchObject({ issuerName: 'Ban Bí thư', docType: 'plan', issuedOn: '2011-07-01', implementsId: directive?.id });
    expect(province).toMatchObject({ docType: 'plan', issuedOn: '2011-09-07', implementsId: central?.id });
    expect(province?.lineage).toBe(`${directive?.id}.${central?.id}.${province?.id}`);
    expect(direction.documents.every((d) => d.campaignId === direction.campaign.id)).toBe(true);

    const centralRequirement = direction.requirements.find((r) => r.documentId === central?.id);
    expect(centralRequirement).toMatchObject({ targetKinds: ['province_committee'], requiredType: 'plan', days: 70, conferenceDays: 90 });
    const provinceRequirement = direction.requirements.find((r) => r.documentId === province?.id);
    expect(provinceRequirement).toMatchObject({
      targetKinds: ['district_committee', 'affiliated_committee'],
      requiredType: 'plan',
      days: 30,
      dueOn: '2011-10-07',
      conferenceDays: 45,
      conferenceDueOn: '2011-10-22',
    });
    // The province itself answered 03-KH/TW on time, conference included.
    const own = direction.obligations.find((o) => o.level === 'central');
    expect(own && stateOf(own)).toBe('done_on_time');
    expect(own && stateOf({ dueOn: own.conferenceDueOn, doneOn: own.conferenceOn })).toBe('done_on_time');
  });

  it('has district-level committees on time, two a few days late and Từ Sơn not done', () => {
    const districtLevel = direction.obligations.filter((o) => o.level === 'province');
    expect(districtLevel).toHaveLength(12);
    const counts = emptyCounts();
    for (const o of districtLevel) counts[stateOf(o)] += 1;
    expect(counts).toEqual({ done_on_time: 9, done_late: 2, pending: 0, overdue: 1 });
    const tuSon = districtLevel.find((o) => o.unitId === unitByCode('BN.TXTS').id);
    expect(tuSon).toMatchObject({ doneOn: null, conferenceOn: null });
    expect(direction.documents.some((d) => d.issuerUnitId === unitByCode('BN.TXTS').id && d.docType === 'plan')).toBe(false);
    for (const o of districtLevel.filter((x) => stateOf(x) === 'done_late')) {
      expect(o.doneOn && o.doneOn > o.dueOn && o.doneOn <= '2011-10-14').toBe(true);
    }
  });

  it('gives each issued district plan a requirement on its grassroots units, with a realistic mix', () => {
    const districtPlans = direction.documents.filter((d) => d.docType === 'plan' && d.implementsId === docBySymbol('08-KH/TU', 1)?.id);
    expect(districtPlans).toHaveLength(11);
    for (const plan of districtPlans) {
      const requirement = direction.requirements.find((r) => r.documentId === plan.id);
      expect(requirement, plan.symbol).toMatchObject({ targetKinds: ['grassroots_committee', 'grassroots_cell'], days: 30, conferenceDays: 45 });
    }
    const grassroots = direction.obligations.filter((o) => o.level === 'district');
    const tuSon = unitByCode('BN.TXTS');
    expect(grassroots.some((o) => demo.units.find((u) => u.id === o.unitId)?.parentId === tuSon.id)).toBe(false);
    expect(grassroots.length).toBeGreaterThan(200);
    const counts = emptyCounts();
    for (const o of grassroots) counts[stateOf(o)] += 1;
    const share = (n: number) => n / grassroots.length;
    expect(share(counts.done_on_time)).toBeGreaterThan(0.65);
    expect(share(counts.done_on_time)).toBeLessThan(0.85);
    expect(share(counts.done_late)).toBeGreaterThan(0.08);
    expect(share(counts.overdue)).toBeGreaterThan(0.04);
    expect(TIMELINESS_STATES.reduce((sum, s) => sum + counts[s], 0)).toBe(grassroots.length);
  });

  it('writes Party-style documents: symbols parse, numbers unique per issuer and type, never dated before their parent', () => {
    const seen = new Set<string>();
    const byId = new Map(direction.documents.map((d) => [d.id, d]));
    for (const doc of direction.documents) {
      expect(parseDocumentSymbol(doc.symbol), doc.symbol).toMatchObject({ number: doc.number, typeSymbol: doc.typeSymbol, issuerCode: doc.issuerCode });
      const key = `${doc.ownerUnitId}/${doc.issuerCode}/${doc.typeSymbol}/${doc.number}`;
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
      const parent = doc.implementsId === null ? null : byId.get(doc.implementsId);
      if (parent) expect(doc.issuedOn >= parent.issuedOn, doc.symbol).toBe(true);
      expect(doc.issuedOn <= '2012-06-19').toBe(true);
    }
    expect(direction.documents.find((d) => d.issuerUnitId === unitByCode('BN.QV').id && d.docType === 'plan')?.symbol).toMatch(/-KH\/HU$/u);
    expect(direction.documents.find((d) => d.issuerUnitId === unitByCode('BN.TPBN').id && d.docType === 'plan')?.symbol).toMatch(/-KH\/TU$/u);
    expect(direction.documents.find((d) => d.issuerUnitId === unitByCode('BN.KCQ').id && d.docType === 'plan')?.symbol).toMatch(/-KH\/ĐU$/u);
  });

  it('holds conferences with plausible attendance, mostly in person, on the documents they disseminate', () => {
    expect(direction.conferences.length).toBeGreaterThan(150);
    const inPerson = direction.conferences.filter((c) => c.form === 'in_person').length;
    expect(inPerson / direction.conferences.length).toBeGreaterThan(0.8);
    const docIds = new Set(direction.documents.map((d) => d.id));
    for (const conference of direction.conferences) {
      expect(conference.attendedCadres).toBeLessThanOrEqual(conference.expectedCadres);
      expect(conference.attendedMembers).toBeLessThanOrEqual(conference.expectedMembers);
      expect(conference.expectedCadres + conference.expectedMembers).toBeGreaterThan(0);
      expect(conference.documentIds.every((id) => docIds.has(id))).toBe(true);
    }
  });

  it('sets up helper units: the province and most committees, Gia Bình without a regulation, none in Lương Tài', () => {
    const helperOf = (code: string) => direction.helperUnits.find((h) => h.unitId === unitByCode(code).id);
    expect(helperOf('BN')?.regulationDocumentId).not.toBeNull();
    expect(helperOf('BN.TXTS')).toBeDefined();
    expect(helperOf('BN.GB')).toMatchObject({ regulationDocumentId: null });
    expect(helperOf('BN.LT')).toBeUndefined();
    expect(direction.helperUnits).toHaveLength(12);
    const docs = new Map(direction.documents.map((d) => [d.id, d]));
    const memberUnit = new Map(demo.members.map((m) => [m.id, m.unitId]));
    const unitPath = new Map(demo.units.map((u) => [u.id, u.path]));
    for (const helper of direction.helperUnits) {
      expect(docs.get(helper.foundingDocumentId)).toMatchObject({ docType: 'decision', issuerUnitId: helper.unitId, issuedOn: helper.establishedOn });
      if (helper.regulationDocumentId !== null) expect(docs.get(helper.regulationDocumentId)).toMatchObject({ docType: 'rules', issuerUnitId: helper.unitId });
      const team = direction.helperMembers.filter((m) => m.helperUnitId === helper.id);
      expect(team.length).toBeGreaterThanOrEqual(3);
      expect(team.length).toBeLessThanOrEqual(7);
      expect(team.filter((m) => m.role === 'head')).toHaveLength(1);
      expect(new Set(team.map((m) => m.memberId)).size).toBe(team.length);
      const committeePath = unitPath.get(helper.unitId) ?? '';
      for (const m of team) expect(`${unitPath.get(memberUnit.get(m.memberId) ?? 0)}.`.startsWith(`${committeePath}.`)).toBe(true);
      expect(direction.activities.filter((a) => a.helperUnitId === helper.id).length).toBeGreaterThan(0);
    }
  });

  it('names committees the way they sign', () => {
    expect(committeeTitle({ kind: 'province_committee', name: 'Đảng bộ tỉnh Bắc Ninh' })).toBe('Tỉnh ủy Bắc Ninh');
    expect(committeeTitle({ kind: 'district_committee', name: 'Đảng bộ Thị xã Từ Sơn' })).toBe('Thị ủy Từ Sơn');
    expect(committeeTitle({ kind: 'district_committee', name: 'Đảng bộ Thành phố Bắc Ninh' })).toBe('Thành ủy Bắc Ninh');
    expect(committeeTitle({ kind: 'district_committee', name: 'Đảng bộ huyện Quế Võ' })).toBe('Huyện ủy Quế Võ');
    expect(committeeTitle({ kind: 'affiliated_committee', name: 'Đảng bộ Khối các cơ quan tỉnh' })).toBe('Đảng ủy Khối các cơ quan tỉnh');
    expect(committeeTitle({ kind: 'grassroots_cell', name: 'Chi bộ Chi cục Thuế' })).toBe('Chi bộ Chi cục Thuế');
  });
});

describe('the demo\'s 2012 study topic and monthly cell meetings', () => {
  const demo = buildDemo();
  const meetings = buildMeetingsDemo(demo, 7);
  const cells = demo.units.filter((u) => u.kind === 'cell' || u.kind === 'grassroots_cell');
  const held = meetings.meetings.filter((m) => m.kind === 'regular' && m.heldOn !== null);
  const dayOf = (timestamp: string | null) => timestamp?.slice(0, 10) ?? '';

  it('is the same on every machine and leaves the rest of the demo unchanged', () => {
    const again = buildMeetingsDemo(buildDemo(), 7);
    expect(again.meetings).toEqual(meetings.meetings);
    expect(again.items).toEqual(meetings.items);
    expect(again.attendance).toEqual(meetings.attendance);
    expect(buildDirectionDemo(demo)).toEqual(buildDirectionDemo(buildDemo()));
  });

  it('sets the Tỉnh ủy topic of 2012 with 5–8 numbered items, the default rule and one link', () => {
    const { topic } = meetings;
    expect(topic).toMatchObject({ unitId: 1, year: 2012, title: DEMO_TOPIC_TITLE, campaignId: 7 });
    expect(topic.items.length).toBeGreaterThanOrEqual(5);
    expect(topic.items.length).toBeLessThanOrEqual(8);
    expect(topic.items.map((i) => i.number)).toEqual(topic.items.map((_, i) => i + 1));
    expect(new Set(topic.items.map((i) => i.title)).size).toBe(topic.items.length);
    expect(topic.materials).toHaveLength(1);
    expect(topic.materials[0]?.url).toMatch(/^https:\/\//u);
  });

  it('meets in January–May 2012 only, on weekdays outside Tết, planned before and recorded after the day', () => {
    const problems: string[] = [];
    for (const m of meetings.meetings) {
      const problem =
        m.year !== 2012 || m.month < 1 || m.month > 5
          ? 'month'
          : m.plannedAt !== null && dayOf(m.plannedAt) > (m.heldOn ?? m.plannedOn ?? '')
            ? 'planned after the day'
            : m.plannedOn !== null && Number(m.plannedOn.slice(5, 7)) !== m.month
              ? 'planned in another month'
              : m.heldOn === null
                ? null
                : (meetingDateProblem({ heldOn: m.heldOn, year: 2012, month: m.month, today: '2012-06-19', cellClosedOn: null }) ??
                  ([0, 6].includes(new Date(`${m.heldOn}T00:00:00Z`).getUTCDay())
                    ? 'weekend'
                    : m.heldOn >= '2012-01-21' && m.heldOn <= '2012-01-29'
                      ? 'Tết'
                      : dayOf(m.recordedAt) < m.heldOn || dayOf(m.recordedAt) > '2012-06-19'
                        ? 'recorded out of range'
                        : null));
      if (problem) problems.push(`${m.id}: ${problem}`);
    }
    expect(problems).toEqual([]);
  });

  it('holds about 93 % of the cell-months, 95 % of them on 1–2 items of the topic, some recorded late', () => {
    const share = held.length / (cells.length * 5);
    expect(share).toBeGreaterThan(0.91);
    expect(share).toBeLessThan(0.95);
    const withTopic = held.filter((m) => m.studiedCount > 0);
    expect(withTopic.length / held.length).toBeGreaterThan(0.93);
    expect(withTopic.length / held.length).toBeLessThan(0.97);
    const itemIds = new Set(meetings.topic.items.map((i) => i.id));
    const studied = new Map<number, number>();
    for (const row of meetings.items) {
      expect(itemIds.has(row.itemId)).toBe(true);
      if (row.stage === 'studied') studied.set(row.meetingId, (studied.get(row.meetingId) ?? 0) + 1);
    }
    for (const m of meetings.meetings) {
      expect(studied.get(m.id) ?? 0).toBe(m.studiedCount);
      if (m.kind === 'regular' && m.heldOn !== null && m.studiedCount > 0) expect(meetingItemsProblem(m.studiedCount, DEFAULT_TOPIC_RULE, m.month)).toBeNull();
    }
    const late = held.filter((m) => m.heldOn !== null && isRecordLate(m.heldOn, dayOf(m.recordedAt), DEFAULT_TOPIC_RULE));
    expect(late.length / held.length).toBeGreaterThan(0.03);
    expect(late.length / held.length).toBeLessThan(0.1);
    const extraordinary = meetings.meetings.filter((m) => m.kind === 'extraordinary');
    expect(extraordinary.length).toBeGreaterThan(5);
    expect(extraordinary.length).toBeLessThan(100);
    // One regular meeting per cell and month.
    const regular = meetings.meetings.filter((m) => m.kind === 'regular').map((m) => `${m.unitId}/${m.month}`);
    expect(new Set(regular).size).toBe(regular.length);
  });

  it('ticks every cell member who had joined, mostly present, with counts equal to the rows', () => {
    const { attendance } = meetings;
    expect(attendance.memberId).toHaveLength(attendance.meetingId.length);
    const byMeeting = new Map<number, { present: number; excused: number; absent: number; members: number[] }>();
    attendance.meetingId.forEach((meetingId, i) => {
      const entry = byMeeting.get(meetingId) ?? { present: 0, excused: 0, absent: 0, members: [] };
      const status = attendance.status[i];
      if (status) entry[status] += 1;
      entry.members.push(attendance.memberId[i] ?? 0);
      byMeeting.set(meetingId, entry);
    });
    const membersOf = new Map<number, { id: number; joinedOn: string }[]>();
    for (const member of demo.members) {
      const list = membersOf.get(member.unitId) ?? [];
      list.push(member);
      membersOf.set(member.unitId, list);
    }
    for (const m of meetings.meetings) {
      const entry = byMeeting.get(m.id);
      if (m.heldOn === null) {
        expect(entry).toBeUndefined();
        continue;
      }
      expect([entry?.present, entry?.excused, entry?.absent]).toEqual([m.presentCount, m.excusedCount, m.absentCount]);
      const roll = (membersOf.get(m.unitId) ?? []).filter((p) => p.joinedOn <= (m.heldOn ?? '')).map((p) => p.id);
      expect(entry?.members).toEqual(roll);
    }
    const present = held.reduce((sum, m) => sum + m.presentCount, 0);
    const total = held.reduce((sum, m) => sum + m.presentCount + m.excusedCount + m.absentCount, 0);
    expect(present / total).toBeGreaterThan(0.85);
    expect(present / total).toBeLessThan(0.97);
  });

  it('has a few cells that missed two months in a row, and the secretary\'s cell met every month to May', () => {
    const heldMonths = new Map<number, Set<number>>();
    for (const m of held) heldMonths.set(m.unitId, (heldMonths.get(m.unitId) ?? new Set()).add(m.month));
    const today = '2012-06-19';
    const runs = cells.map((cell) =>
      longestMissedRun([1, 2, 3, 4, 5].map((month) => squareState(heldMonths.get(cell.id)?.has(month) ? { studiedItems: 1 } : null, 2012, month, today))),
    );
    const twoInRow = runs.filter((run) => run >= 2).length;
    expect(twoInRow).toBeGreaterThan(5);
    expect(twoInRow).toBeLessThan(120);

    const cell = demo.units.find((u) => u.code === DEMO_SECRETARY_CELL);
    const own = meetings.meetings.filter((m) => m.unitId === cell?.id);
    expect(own.map((m) => [m.month, m.kind, m.heldOn !== null, m.studiedCount > 0])).toEqual([1, 2, 3, 4, 5].map((month) => [month, 'regular', true, true]));
    expect(own.every((m) => !isRecordLate(m.heldOn ?? '', dayOf(m.recordedAt), DEFAULT_TOPIC_RULE))).toBe(true);
  });
});
