/**
 * The direction cascade of the Bắc Ninh 2012 demo (DOMAIN.md §2, items 1–2), as the seed article tells
 * it: Chỉ thị 03-CT/TW (Bộ Chính trị, 14/05/2011) → Kế hoạch 03-KH/TW (Ban Bí thư, 01/07/2011) → the
 * province's Kế hoạch 08-KH/TU (07/09/2011) → a plan of each district-level and affiliated committee →
 * a plan of each grassroots unit below them, with dissemination conferences and the committees' helper
 * units (Bộ phận giúp việc). "Guidance at some levels was slow": two districts are a few days late, the
 * Thị xã Từ Sơn committee has issued nothing (a browser journey registers its plan two days late), and
 * about a quarter of the grassroots units are late or have not acted.
 *
 * Built in memory, deterministically (its own mulberry32 stream, so the units and members of the demo
 * are unchanged), then written with a few set-based INSERTs inside the demo's transaction. The
 * obligations are derived by refresh_cascade_obligations(), as for any other write path.
 */
import { sql } from 'kysely';
import { DOCUMENT_TYPE_INFO, type DocumentType, formatDocumentSymbol, issuerCodeForUnit } from '../../shared/domain/documents';
import type { ConferenceForm, HelperActivityKind, HelperRole } from '../../shared/domain/direction';
import { foldForSearch, fullName } from '../../shared/domain/text';
import { addDays, daysBetween } from '../../shared/domain/timeliness';
import type { UnitKind } from '../../shared/domain/units';
import type { Db } from '../db/connect';
import { Random } from './random';

/** What the direction demo reads of the generated province (structurally the seeds of generate.ts). */
export interface DirectionInput {
  units: readonly { id: number; parentId: number | null; path: string; kind: UnitKind; code: string; name: string; sector: string | null; size: number }[];
  members: readonly { id: number; unitId: number; familyName: string; middleName: string; givenName: string }[];
  positions: readonly { memberId: number; unitId: number; position: string }[];
}

export interface CampaignSeed {
  id: number;
  /** The committee that defines the campaign for its organisation: the province. */
  unitId: number;
  name: string;
  startYear: number;
  endYear: number;
  description: string;
}

export interface DocumentSeed {
  id: number;
  campaignId: number;
  issuerUnitId: number | null;
  /** The issuing unit, or for a document from above the tree the committee that registered it. */
  ownerUnitId: number;
  issuerName: string;
  issuerCode: string;
  docType: DocumentType;
  typeSymbol: string;
  number: number;
  symbol: string;
  issuedOn: string;
  title: string;
  signer: string | null;
  implementsId: number | null;
  lineage: string;
}

export interface RequirementSeed {
  id: number;
  documentId: number;
  targetKinds: UnitKind[];
  requiredType: DocumentType;
  days: number;
  dueOn: string;
  conferenceDays: number;
  conferenceDueOn: string;
}

export interface ConferenceSeed {
  id: number;
  unitId: number;
  heldOn: string;
  form: ConferenceForm;
  expectedCadres: number;
  attendedCadres: number;
  expectedMembers: number;
  attendedMembers: number;
  note: string | null;
  documentIds: number[];
}

export interface HelperUnitSeed {
  id: number;
  unitId: number;
  name: string;
  establishedOn: string;
  foundingDocumentId: number;
  regulationDocumentId: number | null;
}

export interface HelperMemberSeed {
  helperUnitId: number;
  memberId: number;
  role: HelperRole;
  duty: string;
}

export interface HelperActivitySeed {
  helperUnitId: number;
  heldOn: string;
  kind: HelperActivityKind;
  content: string;
}

/** How the demo meant one obligation to turn out (the database derives it again from the documents). */
export interface PlannedObligation {
  requirementId: number;
  unitId: number;
  /** Level of the requirement's issuer: 'central' (03-KH/TW), 'province' (08-KH/TU) or 'district'. */
  level: 'central' | 'province' | 'district';
  dueOn: string;
  /** Date of the unit's implementing plan, or null when it has issued none. */
  doneOn: string | null;
  conferenceDueOn: string;
  conferenceOn: string | null;
}

export interface DirectionDemo {
  campaign: CampaignSeed;
  documents: DocumentSeed[];
  requirements: RequirementSeed[];
  conferences: ConferenceSeed[];
  helperUnits: HelperUnitSeed[];
  helperMembers: HelperMemberSeed[];
  activities: HelperActivitySeed[];
  obligations: PlannedObligation[];
}

export interface DirectionIdBases {
  campaign: number;
  document: number;
  requirement: number;
  conference: number;
  helperUnit: number;
}

const NO_BASES: DirectionIdBases = { campaign: 0, document: 0, requirement: 0, conference: 0, helperUnit: 0 };
const DIRECTION_SEED = 2011;
const CAMPAIGN_TOPIC = 'tiếp tục đẩy mạnh việc học tập và làm theo tấm gương đạo đức Hồ Chí Minh';
/** The article's date: nothing in the demo happens after it. */
const ARTICLE_DATE = '2012-06-19';

/** Each district-level and affiliated committee's answer to 08-KH/TU (plan null: not issued). */
interface CommitteePlan {
  plan: { number: number; issuedOn: string } | null;
  conferenceOn: string | null;
  helper: 'complete' | 'no_regulation' | 'none';
}

/**
 * Due 07/10/2011 for the plan, 22/10/2011 for the conference. Thuận Thành is five days late and Lương Tài
 * three; Từ Sơn has done nothing yet (it registers 09/10/2011 in the browser journey).
 */
const COMMITTEE_PLANS: Readonly<Record<string, CommitteePlan>> = {
  'BN.TPBN': { plan: { number: 15, issuedOn: '2011-09-26' }, conferenceOn: '2011-10-05', helper: 'complete' },
  'BN.TXTS': { plan: null, conferenceOn: null, helper: 'complete' },
  'BN.YP': { plan: { number: 21, issuedOn: '2011-09-30' }, conferenceOn: '2011-10-12', helper: 'complete' },
  'BN.QV': { plan: { number: 18, issuedOn: '2011-10-04' }, conferenceOn: '2011-10-14', helper: 'complete' },
  'BN.TD': { plan: { number: 24, issuedOn: '2011-09-22' }, conferenceOn: '2011-10-03', helper: 'complete' },
  'BN.TT': { plan: { number: 16, issuedOn: '2011-10-12' }, conferenceOn: '2011-10-28', helper: 'complete' },
  'BN.GB': { plan: { number: 19, issuedOn: '2011-10-06' }, conferenceOn: '2011-10-20', helper: 'no_regulation' },
  'BN.LT': { plan: { number: 13, issuedOn: '2011-10-10' }, conferenceOn: '2011-10-21', helper: 'none' },
  'BN.KCQ': { plan: { number: 9, issuedOn: '2011-09-29' }, conferenceOn: '2011-10-07', helper: 'complete' },
  'BN.KDN': { plan: { number: 11, issuedOn: '2011-10-03' }, conferenceOn: '2011-10-18', helper: 'complete' },
  'BN.QS': { plan: { number: 27, issuedOn: '2011-09-20' }, conferenceOn: '2011-09-28', helper: 'complete' },
  'BN.CA': { plan: { number: 31, issuedOn: '2011-09-23' }, conferenceOn: '2011-09-30', helper: 'complete' },
};

const HELPER_DUTIES = [
  'Theo dõi công tác tuyên truyền',
  'Theo dõi việc đăng ký làm theo',
  'Theo dõi xây dựng chuẩn mực đạo đức',
  'Tổng hợp, báo cáo',
  'Theo dõi chỉ đạo điểm',
  'Theo dõi học tập chuyên đề',
];

/** The committee's own name: "Đảng bộ huyện Quế Võ" → "Huyện ủy Quế Võ", "Đảng bộ xã Tam Sơn" → "Đảng ủy xã Tam Sơn". */
export function committeeTitle(unit: { kind: UnitKind; name: string }): string {
  const rest = unit.name.replace(/^Đảng bộ\s+/u, '');
  if (rest === unit.name) return unit.name; // a chi bộ signs as itself
  if (unit.kind === 'province_committee') return `Tỉnh ủy ${rest.replace(/^tỉnh\s+/iu, '')}`;
  if (unit.kind === 'district_committee') {
    if (/^huyện\s+/iu.test(rest)) return `Huyện ủy ${rest.replace(/^huyện\s+/iu, '')}`;
    if (/^thị xã\s+/iu.test(rest)) return `Thị ủy ${rest.replace(/^thị xã\s+/iu, '')}`;
    if (/^thành phố\s+/iu.test(rest)) return `Thành ủy ${rest.replace(/^thành phố\s+/iu, '')}`;
  }
  return `Đảng ủy ${rest}`;
}

/** A weekday in [from, to] (documents and conferences are dated on working days), or `from` if none. */
function weekdayBetween(rnd: Random, from: string, to: string): string {
  const span = Math.max(0, daysBetween(from, to));
  const pick = addDays(from, rnd.int(0, span));
  for (const step of [0, 1, -1, 2, -2]) {
    const day = shift(pick, step);
    if (day >= from && day <= to && isWeekday(day)) return day;
  }
  return pick;
}

/** `days` (possibly negative) calendar days from `date`. */
function shift(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function isWeekday(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day !== 0 && day !== 6;
}

/** Build the direction cascade of the demo province in memory. */
export function buildDirectionDemo(input: DirectionInput, bases: DirectionIdBases = NO_BASES, seed = DIRECTION_SEED): DirectionDemo {
  const rnd = new Random(seed);
  const { units, members, positions } = input;
  const byId = new Map(units.map((u) => [u.id, u]));
  const childrenOf = new Map<number, (typeof units)[number][]>();
  for (const unit of units) {
    if (unit.parentId === null) continue;
    const list = childrenOf.get(unit.parentId) ?? [];
    list.push(unit);
    childrenOf.set(unit.parentId, list);
  }
  const memberById = new Map(members.map((m) => [m.id, m]));
  const membersOf = new Map<number, number[]>();
  for (const member of members) {
    const list = membersOf.get(member.unitId) ?? [];
    list.push(member.id);
    membersOf.set(member.unitId, list);
  }
  const positionsAt = new Map<number, { memberId: number; position: string }[]>();
  for (const p of positions) {
    const list = positionsAt.get(p.unitId) ?? [];
    list.push(p);
    positionsAt.set(p.unitId, list);
  }
  // Subtree statistics: members, and people holding a position (the cán bộ a conference expects).
  const subtreeMembers = new Map<number, number>();
  const subtreeCadres = new Map<number, number>();
  const leadersAbove = new Map<number, number>(); // positions in committees (not cells) of the subtree
  for (const unit of units) {
    const ownMembers = membersOf.get(unit.id)?.length ?? 0;
    const ownCadres = positionsAt.get(unit.id)?.length ?? 0;
    const isCommittee = unit.size === 0;
    for (let id: number | null = unit.id; id !== null; id = byId.get(id)?.parentId ?? null) {
      subtreeMembers.set(id, (subtreeMembers.get(id) ?? 0) + ownMembers);
      subtreeCadres.set(id, (subtreeCadres.get(id) ?? 0) + ownCadres);
      if (isCommittee) leadersAbove.set(id, (leadersAbove.get(id) ?? 0) + ownCadres);
    }
  }
  const unitsUnder = (unit: (typeof units)[number]) => units.filter((u) => u.path.startsWith(`${unit.path}.`));
  const holder = (unitId: number, position: string) => {
    const memberId = positionsAt.get(unitId)?.find((p) => p.position === position)?.memberId;
    const member = memberId === undefined ? undefined : memberById.get(memberId);
    return member ? fullName(member) : null;
  };
  /** Committees sign through their deputy secretary (T/M Ban Thường vụ), cells through their secretary. */
  const signerOf = (unitId: number) =>
    (byId.get(unitId)?.size ?? 0) > 0 ? holder(unitId, 'secretary') : (holder(unitId, 'deputy_secretary') ?? holder(unitId, 'secretary'));

  const province = units.find((u) => u.parentId === null);
  if (!province) throw new Error('demo province missing');

  const campaign: CampaignSeed = {
    id: bases.campaign + 1,
    unitId: province.id,
    name: 'Học tập và làm theo tấm gương đạo đức Hồ Chí Minh',
    startYear: 2011,
    endYear: 2016,
    description:
      'Thực hiện Chỉ thị 03-CT/TW ngày 14/05/2011 của Bộ Chính trị về tiếp tục đẩy mạnh việc học tập và làm theo tấm gương đạo đức Hồ Chí Minh.',
  };

  const documents: DocumentSeed[] = [];
  const addDocument = (
    doc: Omit<DocumentSeed, 'id' | 'campaignId' | 'ownerUnitId' | 'typeSymbol' | 'symbol' | 'lineage' | 'issuerName' | 'issuerCode'> & { issuerName?: string; issuerCode?: string },
  ): DocumentSeed => {
    const id = bases.document + documents.length + 1;
    const issuer = doc.issuerUnitId === null ? null : byId.get(doc.issuerUnitId);
    const issuerCode = doc.issuerCode ?? (issuer ? issuerCodeForUnit(issuer) : 'TW');
    const typeSymbol = DOCUMENT_TYPE_INFO[doc.docType].symbol;
    const parent = doc.implementsId === null ? null : documents.find((d) => d.id === doc.implementsId);
    const seedDoc: DocumentSeed = {
      ...doc,
      id,
      campaignId: campaign.id,
      ownerUnitId: doc.issuerUnitId ?? province.id,
      issuerName: doc.issuerName ?? issuer?.name ?? '',
      issuerCode,
      typeSymbol,
      symbol: formatDocumentSymbol(doc.number, typeSymbol, issuerCode),
      lineage: parent ? `${parent.lineage}.${id}` : String(id),
    };
    documents.push(seedDoc);
    return seedDoc;
  };
  const requirements: RequirementSeed[] = [];
  const addRequirement = (documentId: number, issuedOn: string, targetKinds: UnitKind[], days: number, conferenceDays: number): RequirementSeed => {
    const requirement: RequirementSeed = {
      id: bases.requirement + requirements.length + 1,
      documentId,
      targetKinds,
      requiredType: 'plan',
      days,
      dueOn: addDays(issuedOn, days),
      conferenceDays,
      conferenceDueOn: addDays(issuedOn, conferenceDays),
    };
    requirements.push(requirement);
    return requirement;
  };
  const conferences: ConferenceSeed[] = [];
  const addConference = (unitId: number, heldOn: string, documentIds: number[], form: ConferenceForm, cadres: number, members: number, note: string | null = null) => {
    const attendedCadres = Math.min(cadres, Math.round(cadres * (0.86 + rnd.next() * 0.14)));
    const attendedMembers = Math.min(members, Math.round(members * (0.8 + rnd.next() * 0.18)));
    conferences.push({
      id: bases.conference + conferences.length + 1,
      unitId,
      heldOn,
      form,
      expectedCadres: cadres,
      attendedCadres,
      expectedMembers: members,
      attendedMembers,
      note,
      documentIds,
    });
  };
  const obligations: PlannedObligation[] = [];

  // Above the tree.
  const directive = addDocument({
    issuerUnitId: null,
    issuerName: 'Bộ Chính trị',
    docType: 'directive',
    number: 3,
    issuedOn: '2011-05-14',
    title: `Về ${CAMPAIGN_TOPIC}`,
    signer: 'Nguyễn Phú Trọng',
    implementsId: null,
  });
  const centralPlan = addDocument({
    issuerUnitId: null,
    issuerName: 'Ban Bí thư',
    docType: 'plan',
    number: 3,
    issuedOn: '2011-07-01',
    title: `Thực hiện Chỉ thị 03-CT/TW của Bộ Chính trị về ${CAMPAIGN_TOPIC}`,
    signer: null,
    implementsId: directive.id,
  });
  const centralRequirement = addRequirement(centralPlan.id, centralPlan.issuedOn, ['province_committee'], 70, 90);

  // The province: Kế hoạch 08-KH/TU, on time, and its conference.
  const provincePlan = addDocument({
    issuerUnitId: province.id,
    docType: 'plan',
    number: 8,
    issuedOn: '2011-09-07',
    title: `Thực hiện Chỉ thị 03-CT/TW của Bộ Chính trị và Kế hoạch 03-KH/TW của Ban Bí thư về ${CAMPAIGN_TOPIC}`,
    signer: signerOf(province.id),
    implementsId: centralPlan.id,
  });
  const provinceConferenceOn = '2011-09-15';
  // The province conference gathers the leaders of every committee above the cells.
  addConference(province.id, provinceConferenceOn, [centralPlan.id, provincePlan.id], 'in_person', leadersAbove.get(province.id) ?? 0, 0,
    'Hội nghị quán triệt, triển khai Chỉ thị 03-CT/TW và Kế hoạch 08-KH/TU cho cán bộ chủ chốt toàn tỉnh.');
  obligations.push({
    requirementId: centralRequirement.id,
    unitId: province.id,
    level: 'central',
    dueOn: centralRequirement.dueOn,
    doneOn: provincePlan.issuedOn,
    conferenceDueOn: centralRequirement.conferenceDueOn,
    conferenceOn: provinceConferenceOn,
  });
  const provinceRequirement = addRequirement(provincePlan.id, provincePlan.issuedOn, ['district_committee', 'affiliated_committee'], 30, 45);

  // Helper units are collected here and written after the documents they cite.
  const helperUnits: HelperUnitSeed[] = [];
  const helperMembers: HelperMemberSeed[] = [];
  const activities: HelperActivitySeed[] = [];
  const addHelperUnit = (committee: (typeof units)[number], decision: { number: number; issuedOn: string }, regulation: { number: number; issuedOn: string } | null, plan: DocumentSeed | null) => {
    const title = committeeTitle(committee);
    const founding = addDocument({
      issuerUnitId: committee.id,
      docType: 'decision',
      number: decision.number,
      issuedOn: decision.issuedOn,
      title: `Về việc thành lập Bộ phận giúp việc Ban Thường vụ ${title} thực hiện Chỉ thị 03-CT/TW của Bộ Chính trị`,
      signer: holder(committee.id, 'secretary'),
      implementsId: null,
    });
    const rules = regulation
      ? addDocument({
          issuerUnitId: committee.id,
          docType: 'rules',
          number: regulation.number,
          issuedOn: regulation.issuedOn,
          title: `Quy chế hoạt động của Bộ phận giúp việc Ban Thường vụ ${title} thực hiện Chỉ thị 03-CT/TW`,
          signer: signerOf(committee.id),
          implementsId: null,
        })
      : null;
    const helper: HelperUnitSeed = {
      id: bases.helperUnit + helperUnits.length + 1,
      unitId: committee.id,
      name: `Bộ phận giúp việc Ban Thường vụ ${title} thực hiện Chỉ thị 03-CT/TW`,
      establishedOn: decision.issuedOn,
      foundingDocumentId: founding.id,
      regulationDocumentId: rules?.id ?? null,
    };
    helperUnits.push(helper);

    // Members: a standing member of the committee heads it; the others work in the committee's party
    // agencies (office, organisation, inspection) or, failing those, in other non-village cells below it.
    const leaders = positionsAt.get(committee.id) ?? [];
    const head = leaders[2] ?? leaders.at(-1);
    const below = unitsUnder(committee).filter((u) => u.size > 0);
    const preferred = below.filter((u) => u.sector === 'party_agency' || u.sector === 'personnel' || u.sector === 'inspection');
    const pool = (preferred.length > 0 ? preferred : below.filter((u) => u.sector !== 'village')).flatMap((u) => membersOf.get(u.id) ?? []);
    const size = rnd.int(3, 7);
    const chosen: number[] = head ? [head.memberId] : [];
    for (let guard = 0; chosen.length < size && guard < 200 && pool.length > 0; guard++) {
      const memberId = rnd.pick(pool);
      if (!chosen.includes(memberId)) chosen.push(memberId);
    }
    chosen.forEach((memberId, i) =>
      helperMembers.push({
        helperUnitId: helper.id,
        memberId,
        role: i === 0 ? 'head' : i === 1 ? 'deputy' : 'member',
        duty: i === 0 ? 'Phụ trách chung' : i === 1 ? 'Thường trực, tổng hợp' : (HELPER_DUTIES[(i - 2) % HELPER_DUTIES.length] ?? 'Thành viên'),
      }),
    );

    // A few activities between its founding and the article.
    const parentSymbol = plan ? plan.symbol : provincePlan.symbol;
    const candidates: Omit<HelperActivitySeed, 'helperUnitId'>[] = [
      { heldOn: addDays(decision.issuedOn, rnd.int(3, 10)), kind: 'meeting', content: `Họp phân công nhiệm vụ các thành viên, triển khai Kế hoạch ${parentSymbol}.` },
      { heldOn: weekdayBetween(rnd, '2011-11-01', '2011-11-30'), kind: 'advice', content: 'Tham mưu Ban Thường vụ kiểm tra, đôn đốc các cơ sở xây dựng kế hoạch và tổ chức hội nghị quán triệt.' },
      { heldOn: weekdayBetween(rnd, '2012-01-04', '2012-01-13'), kind: 'meeting', content: 'Giao ban quý IV/2011, thống nhất nội dung học tập chuyên đề năm 2012.' },
      { heldOn: weekdayBetween(rnd, '2012-04-02', '2012-04-27'), kind: 'advice', content: 'Tham mưu hướng dẫn đăng ký việc làm theo tấm gương của Bác, hoàn thành trong tháng 5/2012.' },
      { heldOn: weekdayBetween(rnd, '2012-05-14', '2012-05-25'), kind: 'other', content: 'Xây dựng dự thảo báo cáo sơ kết một năm thực hiện Chỉ thị 03-CT/TW.' },
    ];
    const count = rnd.int(2, 4);
    for (const activity of candidates.slice(0, count)) {
      if (activity.heldOn > decision.issuedOn && activity.heldOn <= ARTICLE_DATE) activities.push({ helperUnitId: helper.id, ...activity });
    }
  };

  addHelperUnit(province, { number: 356, issuedOn: '2011-09-12' }, { number: 5, issuedOn: '2011-09-21' }, provincePlan);

  // District-level and affiliated committees.
  const districtLevel = (childrenOf.get(province.id) ?? []).filter((u) => u.kind === 'district_committee' || u.kind === 'affiliated_committee');
  for (const committee of districtLevel) {
    const answer = COMMITTEE_PLANS[committee.code];
    if (!answer) throw new Error(`no demo plan for ${committee.code}`);
    const title = committeeTitle(committee);
    const plan = answer.plan
      ? addDocument({
          issuerUnitId: committee.id,
          docType: 'plan',
          number: answer.plan.number,
          issuedOn: answer.plan.issuedOn,
          title: `Thực hiện Kế hoạch 08-KH/TU của Ban Thường vụ Tỉnh ủy về ${CAMPAIGN_TOPIC}`,
          signer: signerOf(committee.id),
          implementsId: provincePlan.id,
        })
      : null;
    if (answer.conferenceOn) {
      const documentIds = plan ? [provincePlan.id, plan.id] : [provincePlan.id];
      addConference(committee.id, answer.conferenceOn, documentIds, 'in_person', leadersAbove.get(committee.id) ?? 0, 0,
        `Hội nghị quán triệt Chỉ thị 03-CT/TW và triển khai kế hoạch của ${title} cho cán bộ chủ chốt.`);
    }
    obligations.push({
      requirementId: provinceRequirement.id,
      unitId: committee.id,
      level: 'province',
      dueOn: provinceRequirement.dueOn,
      doneOn: plan?.issuedOn ?? null,
      conferenceDueOn: provinceRequirement.conferenceDueOn,
      conferenceOn: answer.conferenceOn,
    });

    if (answer.helper !== 'none') {
      const decidedOn = weekdayBetween(rnd, '2011-09-14', '2011-10-14');
      addHelperUnit(
        committee,
        { number: rnd.int(120, 340), issuedOn: decidedOn },
        answer.helper === 'complete' ? { number: rnd.int(1, 9), issuedOn: weekdayBetween(rnd, addDays(decidedOn, 5), addDays(decidedOn, 20)) } : null,
        plan,
      );
    }
    if (!plan) continue;

    // Grassroots units under a committee that issued its plan: ~75 % on time, ~15 % late, ~10 % not yet.
    const requirement = addRequirement(plan.id, plan.issuedOn, ['grassroots_committee', 'grassroots_cell'], 30, 45);
    const targets = (childrenOf.get(committee.id) ?? []).filter((u) => requirement.targetKinds.includes(u.kind));
    for (const unit of targets) {
      const roll = rnd.next();
      const outcome = roll < 0.75 ? 'on_time' : roll < 0.9 ? 'late' : 'not_done';
      let doneOn: string | null = null;
      if (outcome === 'on_time') doneOn = weekdayBetween(rnd, addDays(plan.issuedOn, 4), requirement.dueOn);
      else if (outcome === 'late') doneOn = weekdayBetween(rnd, addDays(requirement.dueOn, 1), addDays(requirement.dueOn, 24));
      const own =
        doneOn === null
          ? null
          : addDocument({
              issuerUnitId: unit.id,
              docType: 'plan',
              number: unit.kind === 'grassroots_cell' ? rnd.int(2, 9) : rnd.int(3, 25),
              issuedOn: doneOn,
              title: `Thực hiện Kế hoạch ${plan.symbol} của Ban Thường vụ ${title} về ${CAMPAIGN_TOPIC}`,
              signer: signerOf(unit.id),
              implementsId: plan.id,
            });
      // The conference follows the unit's own plan; some units without a plan disseminated the district's.
      let conferenceOn: string | null = null;
      const c = rnd.next();
      if (own && doneOn) {
        if (outcome === 'on_time' && c < 0.88) conferenceOn = weekdayBetween(rnd, addDays(doneOn, 2), requirement.conferenceDueOn);
        else if (c < 0.95) conferenceOn = weekdayBetween(rnd, addDays(requirement.conferenceDueOn, 1), addDays(requirement.conferenceDueOn, 20));
        if (conferenceOn !== null && conferenceOn < doneOn) conferenceOn = addDays(doneOn, 2);
      } else if (c < 0.35) {
        conferenceOn = weekdayBetween(rnd, shift(requirement.conferenceDueOn, -10), addDays(requirement.conferenceDueOn, 15));
      }
      if (conferenceOn !== null) {
        const f = rnd.next();
        const form: ConferenceForm = f < 0.9 ? 'in_person' : f < 0.96 ? 'mixed' : 'online';
        addConference(unit.id, conferenceOn, own ? [plan.id, own.id] : [plan.id], form, subtreeCadres.get(unit.id) ?? 0, subtreeMembers.get(unit.id) ?? 0);
      }
      obligations.push({
        requirementId: requirement.id,
        unitId: unit.id,
        level: 'district',
        dueOn: requirement.dueOn,
        doneOn,
        conferenceDueOn: requirement.conferenceDueOn,
        conferenceOn,
      });
    }
  }

  return { campaign, documents, requirements, conferences, helperUnits, helperMembers, activities, obligations };
}

export interface DirectionSummary {
  documents: number;
  requirements: number;
  obligations: number;
  conferences: number;
  helperUnits: number;
}

/** Write the direction cascade into the demo's transaction, after its units, members and positions. */
export async function loadDirectionDemo(tx: Db, input: DirectionInput): Promise<DirectionSummary> {
  const max = async (table: string) =>
    Number((await sql<{ max: string | null }>`SELECT max(id)::text AS max FROM ${sql.table(table)}`.execute(tx)).rows[0]?.max ?? 0);
  const bases: DirectionIdBases = {
    campaign: await max('campaign'),
    document: await max('party_document'),
    requirement: await max('cascade_requirement'),
    conference: await max('dissemination_conference'),
    helperUnit: await max('helper_unit'),
  };
  const demo = buildDirectionDemo(input, bases);
  const { campaign, documents: docs, requirements: reqs, conferences: confs, helperUnits: helpers, helperMembers: hm, activities: acts } = demo;

  await tx
    .insertInto('campaign')
    .values({ id: campaign.id, unit_id: campaign.unitId, name: campaign.name, start_year: campaign.startYear, end_year: campaign.endYear, description: campaign.description })
    .execute();

  // Documents in one statement (a plan may cite one inserted by the same statement); the committee term
  // comes from the configured terms.
  const col = <K extends keyof DocumentSeed>(key: K) => docs.map((d) => d[key]);
  const inserted = await sql<{ count: string }>`
    WITH rows AS (
      INSERT INTO party_document (id, campaign_id, issuer_unit_id, owner_unit_id, issuer_name, issuer_code, doc_type, type_symbol, term_id, number, symbol,
                                  issued_on, title, search_text, signer, implements_id, lineage)
      SELECT d.id, d.campaign_id, d.issuer_unit_id, d.owner_unit_id, d.issuer_name, d.issuer_code, d.doc_type, d.type_symbol, t.id, d.number, d.symbol,
             d.issued_on, d.title, d.search_text, d.signer, d.implements_id, d.lineage::ltree
        FROM unnest(${col('id')}::bigint[], ${col('campaignId')}::bigint[], ${col('issuerUnitId')}::bigint[], ${col('ownerUnitId')}::bigint[],
                    ${col('issuerName')}::text[],
                    ${col('issuerCode')}::text[], ${col('docType')}::text[], ${col('typeSymbol')}::text[], ${col('number')}::int[],
                    ${col('symbol')}::text[], ${col('issuedOn')}::date[], ${col('title')}::text[],
                    ${docs.map((d) => foldForSearch(`${d.symbol} ${d.title} ${d.issuerName}`))}::text[], ${col('signer')}::text[],
                    ${col('implementsId')}::bigint[], ${col('lineage')}::text[])
          AS d(id, campaign_id, issuer_unit_id, owner_unit_id, issuer_name, issuer_code, doc_type, type_symbol, number, symbol, issued_on, title,
               search_text, signer, implements_id, lineage)
        JOIN committee_term t ON d.issued_on BETWEEN t.starts_on AND t.ends_on
      RETURNING 1)
    SELECT count(*)::text AS count FROM rows`.execute(tx);
  if (Number(inserted.rows[0]?.count) !== docs.length) throw new Error('demo documents: a document date falls outside every committee term');

  // Conferences and their documents before the requirements, so the triggers have nothing to refresh yet.
  const c = <K extends keyof ConferenceSeed>(key: K) => confs.map((x) => x[key]);
  await sql`
    INSERT INTO dissemination_conference (id, unit_id, held_on, form, expected_cadres, attended_cadres, expected_members, attended_members, note)
    SELECT * FROM unnest(${c('id')}::bigint[], ${c('unitId')}::bigint[], ${c('heldOn')}::date[], ${c('form')}::text[],
                         ${c('expectedCadres')}::int[], ${c('attendedCadres')}::int[], ${c('expectedMembers')}::int[],
                         ${c('attendedMembers')}::int[], ${c('note')}::text[])`.execute(tx);
  const links = confs.flatMap((conf) => conf.documentIds.map((documentId) => [conf.id, documentId] as const));
  await sql`
    INSERT INTO conference_document (conference_id, document_id)
    SELECT * FROM unnest(${links.map((l) => l[0])}::bigint[], ${links.map((l) => l[1])}::bigint[])`.execute(tx);

  const r = <K extends keyof RequirementSeed>(key: K) => reqs.map((x) => x[key]);
  await sql`
    INSERT INTO cascade_requirement (id, document_id, target_kinds, required_type, days, due_on, conference_days, conference_due_on)
    SELECT id, document_id, string_to_array(kinds, ','), required_type, days, due_on, conference_days, conference_due_on
      FROM unnest(${r('id')}::bigint[], ${r('documentId')}::bigint[], ${reqs.map((x) => x.targetKinds.join(','))}::text[],
                  ${r('requiredType')}::text[], ${r('days')}::int[], ${r('dueOn')}::date[], ${r('conferenceDays')}::int[],
                  ${r('conferenceDueOn')}::date[])
        AS t(id, document_id, kinds, required_type, days, due_on, conference_days, conference_due_on)`.execute(tx);
  await sql`SELECT refresh_cascade_obligations(${r('id')}::bigint[])`.execute(tx);

  const h = <K extends keyof HelperUnitSeed>(key: K) => helpers.map((x) => x[key]);
  await sql`
    INSERT INTO helper_unit (id, unit_id, name, established_on, founding_document_id, regulation_document_id)
    SELECT * FROM unnest(${h('id')}::bigint[], ${h('unitId')}::bigint[], ${h('name')}::text[], ${h('establishedOn')}::date[],
                         ${h('foundingDocumentId')}::bigint[], ${h('regulationDocumentId')}::bigint[])`.execute(tx);
  await sql`
    INSERT INTO helper_unit_member (helper_unit_id, member_id, role, duty)
    SELECT * FROM unnest(${hm.map((x) => x.helperUnitId)}::bigint[], ${hm.map((x) => x.memberId)}::bigint[], ${hm.map((x) => x.role)}::text[],
                         ${hm.map((x) => x.duty)}::text[])`.execute(tx);
  await sql`
    INSERT INTO helper_unit_activity (helper_unit_id, held_on, kind, content)
    SELECT * FROM unnest(${acts.map((x) => x.helperUnitId)}::bigint[], ${acts.map((x) => x.heldOn)}::date[], ${acts.map((x) => x.kind)}::text[],
                         ${acts.map((x) => x.content)}::text[])`.execute(tx);

  for (const table of ['campaign', 'party_document', 'cascade_requirement', 'dissemination_conference', 'helper_unit']) {
    await sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), (SELECT max(id) FROM ${sql.table(table)}))`.execute(tx);
  }
  return { documents: docs.length, requirements: reqs.length, obligations: demo.obligations.length, conferences: confs.length, helperUnits: helpers.length };
}
