/**
 * Oversight, exemplars and the publicity ledger of the Bắc Ninh 2012 demo (DOMAIN.md §2.7–2.8), as the
 * seed article tells them. The demo's "today" is the article's date, 19/06/2012.
 *
 * Oversight (kiểm tra, giám sát, giao ban, sơ kết, tổng kết):
 * - The Tỉnh ủy's tổng kết 5 năm of the earlier campaign (26/04/2011), its sơ kết 6 tháng of Chỉ thị
 *   03-CT/TW (20/12/2011) and its sơ kết 1 năm (19/05/2012, DEMO_YEAR_REVIEW) with all 12 district-level
 *   and affiliated committees; the monthly briefings (giao ban) of its helper unit, October 2011 – May
 *   2012 held, June 2012 planned; the district committees' own sơ kết 1 năm (10–17/05/2012).
 * - The Tỉnh ủy's inspection of each of the 8 district-level committees, planned on 05/04/2012: six held
 *   17/04–11/05/2012, Yên Phong and Tiên Du still planned (21 and 26/06/2012).
 * - District committees' supervisions of communes and wards (November 2011 – June 2012): most held,
 *   two planned, one cancelled.
 * - Findings (strengths, shortcomings, violations) as the article names them — slow plans, helper units
 *   not effective, few exemplars publicised, standards not issued — each consistent with the other demos
 *   (Từ Sơn has issued no plan, Gia Bình's helper unit has no regulation, Lương Tài has none, Thuận Thành
 *   named no pressing issue…). Shortcomings carry follow-up tasks of the inspected unit due June–August
 *   2012: on 19/06/2012 some are done on time, some done late, some still in time and some overdue
 *   (Từ Sơn's plan: DEMO_OVERDUE_FOLLOW_UP); one was reopened, one cancelled.
 * - Three negative phenomena (anonymous) criticised by findings: land procedures in a commune of Quế Võ,
 *   lavish weddings in a ward of Bắc Ninh city, official cars used privately in Thuận Thành.
 *
 * Exemplars (2011 and 2012): members of the demo, non-members and collectives, nominated by cells and
 * grassroots committees across the districts, in every state. Each approval chain is the ancestors
 * strictly above the nominating unit, nearest first, up to the deciding unit (a district committee: Giấy
 * khen; the Tỉnh ủy: Bằng khen); the steps replay it (submit, verify level by level, return, reject,
 * commend, publish). 2011: commended at the districts' and the Tỉnh ủy's tổng kết (March, 25/04/2011) and
 * at year end; 2012: many commended on 19/05/2012 by the Tỉnh ủy. Six verified ones are public.
 *
 * Publicity ledger: the province's channels (Báo Bắc Ninh, Đài Phát thanh - Truyền hình Bắc Ninh) and the
 * generic ones; 2011 has twice as many entries in January–June as 2012 so far ("thời lượng còn ít so với
 * các năm trước").
 *
 * Rows are signed by the demo accounts: for a unit, the account whose scope is the nearest unit at or
 * above it (`tinhuy`, `tuson`, `dinhbang`, `bithu`), so the loader runs after the accounts are created.
 * Built in memory, deterministically (its own mulberry32 stream, so the rest of the demo is unchanged),
 * then written with one unnest INSERT per table (a few hundred rows in all).
 */
import { sql } from 'kysely';
import { formatDocumentSymbol, issuerCodeForUnit } from '../../shared/domain/documents';
import { foldForSearch, fullName } from '../../shared/domain/text';
import type { UnitKind } from '../../shared/domain/units';
import type { Db } from '../db/connect';
import { committeeTitle } from './direction';
import { Random } from './random';
import { DEMO_STANDARD_MISSING } from './standards';

/** What the oversight demo reads of the generated province (structurally the seeds of generate.ts). */
export interface OversightInput {
  units: readonly { id: number; parentId: number | null; path: string; kind: UnitKind; code: string; name: string; sector: string | null }[];
  members: readonly { id: number; unitId: number; familyName: string; middleName: string; givenName: string; gender: 'male' | 'female'; birthDate: string }[];
  positions: readonly { memberId: number; unitId: number; position: string }[];
}

/** An account that may sign demo rows: officers and cell secretaries (never plain members). */
export interface OversightAccount {
  id: number;
  role: string;
  scopeUnitId: number;
}

export const DEMO_OVERSIGHT_TODAY = '2012-06-19';
/** The Tỉnh ủy's sơ kết 1 năm, with all district-level and affiliated committees. */
export const DEMO_YEAR_REVIEW = { title: 'Hội nghị sơ kết 1 năm thực hiện Chỉ thị 03-CT/TW của Bộ Chính trị', heldOn: '2012-05-19', organiserCode: 'BN' } as const;
export const DEMO_HALF_YEAR_REVIEW = { title: 'Hội nghị sơ kết 6 tháng thực hiện Chỉ thị 03-CT/TW của Bộ Chính trị', heldOn: '2011-12-20', organiserCode: 'BN' } as const;
/** The Tỉnh ủy's inspections: one per district-level committee; these two are still planned on 19/06/2012. */
export const DEMO_INSPECTIONS = { count: 8, plannedCodes: ['BN.YP', 'BN.TD'] as readonly string[] } as const;
/** A district (account `tuson`) with an overdue follow-up task of the Tỉnh ủy's inspection. */
export const DEMO_OVERDUE_FOLLOW_UP = {
  districtCode: 'BN.TXTS',
  task: 'Ban hành kế hoạch của Ban Thường vụ Thị ủy thực hiện Chỉ thị 03-CT/TW và hướng dẫn các cơ sở triển khai.',
  dueOn: '2012-06-15',
} as const;
export const DEMO_NEGATIVE_PHENOMENA = 3;
/** A public story (Bằng khen of 19/05/2012): the secretary of the `bithu` cell, nominated by Đình Bảng. */
export const DEMO_PUBLIC_STORY = {
  title: 'Người bí thư chi bộ hết lòng vì dân',
  nominatingUnitCode: 'BN.TXTS.07',
  nominatingUnitName: 'Đảng bộ phường Đình Bảng',
  subjectCellCode: 'BN.TXTS.07.01',
  decisionSymbol: '612-QĐ/TU',
  decisionDate: '2012-05-19',
} as const;
/** Under Từ Sơn, for the browser journeys. */
export const DEMO_EXEMPLAR_PENDING_DISTRICT = { title: 'Nữ đảng viên làm kinh tế giỏi ở thôn Chẩn Chùa', nominatingUnitCode: 'BN.TXTS.08.01', pendingUnitCode: 'BN.TXTS' } as const;
export const DEMO_EXEMPLAR_PENDING_PROVINCE = { title: 'Chàng trai phường Đồng Nguyên trả lại tài sản nhặt được', nominatingUnitCode: 'BN.TXTS.04', pendingUnitCode: 'BN' } as const;
export const DEMO_EXEMPLAR_RETURNED = { title: 'Tấm lòng nhân hậu của bà Lành ở khu phố 3', nominatingUnitCode: 'BN.TXTS.07' } as const;
export const DEMO_EXEMPLAR_DRAFT = { title: 'Tổ hòa giải khu phố 5 giữ yên xóm làng', nominatingUnitCode: 'BN.TXTS.07' } as const;
export const DEMO_EXEMPLAR_APPROVED = { title: 'Trường Trung học cơ sở Tương Giang: dạy tốt, học tốt, nói không với tiêu cực', decidingUnitCode: 'BN.TXTS' } as const;
export const DEMO_EXEMPLAR_COUNTS = { 2011: 22, 2012: 36, public: 6 } as const;
export const DEMO_PROVINCE_CHANNELS = [
  { name: 'Báo Bắc Ninh', kind: 'newspaper' },
  { name: 'Đài Phát thanh - Truyền hình Bắc Ninh', kind: 'broadcast' },
] as const;
/** Publicity entries: 1 January – 19 June of each year (none fall on 20–30 June 2011), and all of 2011. */
export const DEMO_PUBLICITY_COUNTS = { firstHalf2011: 28, year2011: 51, firstHalf2012: 14 } as const;

const OVERSIGHT_SEED = 20120619;
const TODAY = DEMO_OVERSIGHT_TODAY;
const TERM_START = '2010-10-01';
const TET: readonly (readonly [string, string])[] = [
  ['2011-02-01', '2011-02-08'],
  ['2012-01-20', '2012-01-29'],
];

// ——— Seeds ———

export type ActivityKind = 'inspection' | 'supervision' | 'briefing' | 'review_half_year' | 'review_year' | 'final_review';

export interface ActivitySeed {
  id: number;
  organiserUnitId: number;
  kind: ActivityKind;
  title: string;
  plannedOn: string;
  heldOn: string | null;
  state: 'planned' | 'held' | 'cancelled';
  cancelReason: string | null;
  location: string | null;
  participants: string | null;
  participantCount: number | null;
  conclusion: string | null;
  unitIds: number[];
  createdBy: number;
  createdAt: string;
  updatedAt: string;
}

export interface FindingSeed {
  id: number;
  activityId: number;
  number: number;
  unitId: number;
  kind: 'strength' | 'shortcoming' | 'violation';
  content: string;
  createdBy: number;
  createdAt: string;
  updatedAt: string;
}

export interface FollowUpSeed {
  id: number;
  findingId: number;
  ownerUnitId: number;
  task: string;
  dueOn: string;
  state: 'open' | 'done' | 'cancelled';
  doneOn: string | null;
  result: string | null;
  closedBy: number | null;
  reopenComment: string | null;
  cancelReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface PhenomenonSeed {
  id: number;
  findingId: number;
  unitId: number;
  description: string;
  handling: string | null;
  createdBy: number;
  createdAt: string;
  updatedAt: string;
}

export type ExemplarState = 'draft' | 'pending' | 'returned' | 'rejected' | 'approved' | 'commended';

export interface ExemplarSeed {
  id: number;
  nominatingUnitId: number;
  year: number;
  subjectKind: 'member' | 'person' | 'collective';
  memberId: number | null;
  familyName: string | null;
  middleName: string | null;
  givenName: string | null;
  collectiveUnitId: number | null;
  collectiveName: string | null;
  title: string;
  field: string;
  summary: string;
  storyHtml: string;
  decidingUnitId: number;
  state: ExemplarState;
  pendingUnitId: number | null;
  commendationForm: 'giay_khen' | 'bang_khen' | null;
  commendationTitle: string | null;
  decisionSymbol: string | null;
  decisionDate: string | null;
  commendedBy: number | null;
  isPublic: boolean;
  publishedAt: string | null;
  createdBy: number;
  createdAt: string;
  updatedAt: string;
}

export type StepAction = 'submit' | 'verify' | 'return' | 'reject' | 'commend' | 'publish';

export interface StepSeed {
  id: number;
  exemplarId: number;
  unitId: number;
  action: StepAction;
  comment: string | null;
  actedBy: number;
  actedAt: string;
}

export type ChannelKey = 'newspaper' | 'broadcast' | 'bulletin' | 'cell_info' | 'public_page';

export interface EntrySeed {
  id: number;
  exemplarId: number;
  channel: ChannelKey;
  publishedOn: string;
  title: string;
  url: string | null;
  recordedBy: number;
  createdAt: string;
}

export interface OversightDemo {
  activities: ActivitySeed[];
  findings: FindingSeed[];
  followUps: FollowUpSeed[];
  phenomena: PhenomenonSeed[];
  exemplars: ExemplarSeed[];
  steps: StepSeed[];
  entries: EntrySeed[];
}

export interface OversightIdBases {
  activity: number;
  finding: number;
  followUp: number;
  phenomenon: number;
  exemplar: number;
  step: number;
  entry: number;
}
const NO_BASES: OversightIdBases = { activity: 0, finding: 0, followUp: 0, phenomenon: 0, exemplar: 0, step: 0, entry: 0 };

// ——— Dates ———

function shift(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function isWorkday(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day !== 0 && day !== 6 && !TET.some(([from, to]) => date >= from && date <= to);
}

/** `n` working days after (or, negative, before) `date`; 0 moves a non-working day forward. */
function addWorkdays(date: string, n: number): string {
  let day = date;
  const step = n < 0 ? -1 : 1;
  let left = Math.abs(n);
  while (left > 0) {
    day = shift(day, step);
    if (isWorkday(day)) left -= 1;
  }
  while (!isWorkday(day)) day = shift(day, step);
  return day;
}

/** A working day in [from, to]. */
function workdayBetween(rnd: Random, from: string, to: string): string {
  const pick = shift(from, rnd.int(0, Math.max(0, daysBetween(from, to))));
  for (const d of [0, 1, -1, 2, -2, 3, -3, 4, -4]) {
    const day = shift(pick, d);
    if (day >= from && day <= to && isWorkday(day)) return day;
  }
  throw new Error(`no working day in ${from}..${to}`);
}

function at(date: string, hour: number, minute = 0): string {
  return `${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+07:00`;
}

function office(rnd: Random, date: string): string {
  return at(date, rnd.int(8, 16), rnd.int(0, 11) * 5);
}

function dmy(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

function slug(text: string): string {
  return foldForSearch(text)
    .replace(/[^a-z0-9]+/gu, '-')
    .replace(/^-+|-+$/gu, '')
    .slice(0, 80)
    .replace(/-+$/u, '');
}

// ——— Stories ———

interface StoryContext {
  /** Full name of a person, or the collective's name. */
  name: string;
  /** Person: given name only ("bà Lành"). */
  given: string;
  /** The cell label ("Chi bộ thôn Lãng Đông", "Chi bộ Trạm Y tế xã Yên Phụ"). */
  cell: string;
  /** "thôn Lãng Đông" / "khu phố 1"; for other cells the commune or the agency. */
  hamlet: string;
  /** "xã Phù Lãng", "phường Đình Bảng". */
  commune: string;
  /** "huyện Quế Võ", "thị xã Từ Sơn". */
  district: string;
  /** Where the subject works: "Trạm Y tế xã Yên Phụ", "Trường Tiểu học Tam Giang", "Công ty Điện lực Bắc Ninh". */
  workplace: string;
  /** Teacher's word by gender. */
  teacher: 'thầy' | 'cô';
  cellSize: number;
  a: number;
  h: number;
  m: number;
  w: number;
}

type ArchetypeKey =
  | 'village_secretary'
  | 'elder_land'
  | 'woman_economy'
  | 'young_entrepreneur'
  | 'teacher'
  | 'doctor'
  | 'police'
  | 'one_stop'
  | 'tax'
  | 'commune_leader'
  | 'worker'
  | 'old_mother'
  | 'veteran_mediator'
  | 'honest_youth'
  | 'benefactor'
  | 'model_cell'
  | 'health_station'
  | 'mediation_team'
  | 'women_union'
  | 'school'
  | 'insurance_agency'
  | 'traffic_police'
  | 'enterprise_team';

interface Archetype {
  subject: 'member' | 'person' | 'collective';
  field: string;
  title: (c: StoryContext) => string;
  /** The collective's name, when it is not a unit of the tree. */
  collectiveName?: (c: StoryContext) => string;
  summary: (c: StoryContext) => string;
  story: (c: StoryContext) => string;
}

/** Typographic quotes: the stories hold no character a sanitiser would rewrite as an entity. */
const quoted = (text: string) => text.replace(/"([^"]*)"/gu, '“$1”');
const ul = (...items: string[]) => `<ul>${items.map((item) => `<li>${quoted(item)}</li>`).join('')}</ul>`;
const p = (text: string) => `<p>${quoted(text)}</p>`;
const cap = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const ARCHETYPES: Record<ArchetypeKey, Archetype> = {
  village_secretary: {
    subject: 'member',
    field: 'Xây dựng Đảng, xây dựng nông thôn mới',
    title: (c) => `Bí thư chi bộ ${c.hamlet} gần dân, sát dân`,
    summary: (c) =>
      `Đồng chí ${c.name}, Bí thư ${c.cell} (${c.commune}), luôn gương mẫu, nói đi đôi với làm: vận động nhân dân hiến đất, góp công làm ${c.m} mét đường bê tông, ` +
      'hòa giải kịp thời các mâu thuẫn trong khu dân cư; chi bộ nhiều năm liền đạt trong sạch, vững mạnh.',
    story: (c) =>
      p(
        `Nhận nhiệm vụ Bí thư ${c.cell} từ đầu nhiệm kỳ, đồng chí <strong>${c.name}</strong> luôn tâm niệm: muốn dân tin thì đảng viên phải làm trước. ` +
          `Mỗi việc lớn của ${c.hamlet}, từ làm đường, nạo vét kênh mương đến giữ gìn vệ sinh ngõ xóm, chi bộ đều bàn kỹ và giao việc cụ thể cho từng đảng viên.`,
      ) +
      p('Học tập và làm theo tấm gương đạo đức Hồ Chí Minh, đồng chí đăng ký và thực hiện những việc làm cụ thể:') +
      ul(
        `Đến từng gia đình vận động ${c.h} hộ hiến đất, góp ngày công làm ${c.m} mét đường bê tông;`,
        'Duy trì sinh hoạt chi bộ đều đặn hằng tháng, mỗi kỳ chọn một nội dung chuyên đề để học và làm theo;',
        'Kịp thời nắm bắt tâm tư của nhân dân, hòa giải các mâu thuẫn ngay tại khu dân cư.',
      ) +
      p(
        `Nhờ sự gương mẫu, tận tụy ấy, ${c.cell} nhiều năm liền đạt trong sạch, vững mạnh; nhân dân ${c.hamlet} tin tưởng, ` +
          'đồng thuận thực hiện các chủ trương của Đảng, chính sách, pháp luật của Nhà nước.',
      ),
  },
  elder_land: {
    subject: 'member',
    field: 'Xây dựng nông thôn mới',
    title: (c) => `Đảng viên cao tuổi ${c.hamlet} đi đầu hiến đất làm đường`,
    summary: (c) =>
      `Dù tuổi cao, đồng chí ${c.name}, đảng viên ${c.cell} (${c.commune}), vẫn gương mẫu hiến ${c.a} m² đất vườn để mở rộng đường giao thông ` +
      'và vận động con cháu, bà con lối xóm cùng làm theo.',
    story: (c) =>
      p(
        `Khi ${c.commune} triển khai làm đường giao thông nông thôn, đoạn qua nhà đồng chí <strong>${c.name}</strong> là đoạn hẹp nhất. ` +
          `Không đợi vận động, đồng chí bàn với con cháu tháo dỡ tường bao, hiến ${c.a} m² đất vườn để mở rộng mặt đường.`,
      ) +
      p(`Việc làm ấy có sức lan tỏa lớn: chỉ trong một tháng, ${c.h} hộ dân tự nguyện hiến đất, góp công; tuyến đường dài ${c.m} mét hoàn thành sớm hơn kế hoạch.`) +
      ul(
        `Gương mẫu thực hiện hương ước, quy ước của ${c.hamlet};`,
        'Tham gia đầy đủ sinh hoạt chi bộ, thường xuyên góp ý xây dựng chi bộ;',
        'Giáo dục con cháu sống trung thực, chấp hành tốt pháp luật.',
      ) +
      p('Với đồng chí, làm theo Bác là làm những việc nhỏ, cụ thể, có ích cho dân, cho làng.'),
  },
  woman_economy: {
    subject: 'member',
    field: 'Phát triển kinh tế',
    title: (c) => `Nữ đảng viên làm kinh tế giỏi ở ${c.hamlet}`,
    summary: (c) =>
      `Đồng chí ${c.name}, đảng viên ${c.cell} (${c.commune}), phát triển mô hình trồng nấm và chăn nuôi an toàn, tạo việc làm thường xuyên ` +
      `cho ${c.w} lao động địa phương và giúp ${c.h} hộ nghèo có vốn, có nghề vươn lên.`,
    story: (c) =>
      p(
        `Từ vài trăm mét vuông ban đầu, đồng chí <strong>${c.name}</strong> kiên trì học hỏi kỹ thuật, mạnh dạn vay vốn phát triển mô hình trồng nấm ` +
          `và chăn nuôi an toàn. Đến nay, mô hình cho thu nhập ổn định và tạo việc làm thường xuyên cho ${c.w} lao động, phần lớn là phụ nữ trong ${c.commune}.`,
      ) +
      p('Không chỉ làm giàu cho gia đình, đồng chí còn:') +
      ul(
        `Hướng dẫn kỹ thuật, cho ${c.h} hộ nghèo vay vốn không lấy lãi để phát triển sản xuất;`,
        'Tích cực tham gia sinh hoạt chi hội phụ nữ, chia sẻ kinh nghiệm làm ăn;',
        'Ủng hộ quỹ khuyến học và các phong trào của địa phương.',
      ) +
      p('Học tập tấm gương cần, kiệm của Bác, đồng chí luôn nhắc mình: làm kinh tế giỏi phải đi đôi với giúp đỡ mọi người cùng tiến.'),
  },
  young_entrepreneur: {
    subject: 'member',
    field: 'Phát triển kinh tế',
    title: (c) => `Đảng viên trẻ ${c.hamlet} làm giàu, giúp người nghèo`,
    summary: (c) =>
      `Đồng chí ${c.name}, đảng viên ${c.cell} (${c.commune}), xây dựng xưởng sản xuất đồ gỗ tạo việc làm cho ${c.w} lao động, ` +
      'nhận dạy nghề miễn phí cho thanh niên và hỗ trợ các gia đình khó khăn ở địa phương.',
    story: (c) =>
      p(
        `Là đảng viên trẻ, đồng chí <strong>${c.name}</strong> mạnh dạn đầu tư xưởng sản xuất đồ gỗ, đưa máy móc mới vào để nâng cao năng suất, ` +
          `chất lượng sản phẩm. Xưởng hiện tạo việc làm cho ${c.w} lao động với thu nhập ổn định.`,
      ) +
      p('Đồng chí luôn ý thức làm giàu chính đáng, giữ chữ tín với khách hàng và chăm lo cho người lao động:') +
      ul(
        `Nhận dạy nghề miễn phí cho thanh niên ${c.hamlet}, ưu tiên con em gia đình chính sách, hộ nghèo;`,
        'Đóng bảo hiểm đầy đủ cho người lao động, bảo đảm an toàn lao động tại xưởng;',
        `Đi đầu đóng góp xây dựng đường giao thông, nhà văn hóa ${c.hamlet}.`,
      ) +
      p('Tấm gương của đồng chí góp phần khẳng định vai trò tiên phong của đảng viên trẻ trong phát triển kinh tế địa phương.'),
  },
  teacher: {
    subject: 'member',
    field: 'Giáo dục',
    title: (c) => `${cap(c.teacher)} giáo ${c.workplace} tận tụy với học trò nghèo`,
    summary: (c) =>
      `${cap(c.teacher)} giáo ${c.name}, đảng viên ${c.cell}, nhiều năm liền là giáo viên dạy giỏi; tự nguyện phụ đạo miễn phí cho học sinh yếu, ` +
      `vận động giúp ${c.h} học sinh có hoàn cảnh khó khăn được tiếp tục đến trường.`,
    story: (c) =>
      p(
        `Hơn ${c.a} năm đứng trên bục giảng, ${c.teacher} giáo <strong>${c.name}</strong> luôn coi mỗi học trò như con em trong nhà. ` +
          `${cap(c.teacher)} thường xuyên đổi mới phương pháp giảng dạy, nhiều năm liền đạt danh hiệu giáo viên dạy giỏi cấp huyện.`,
      ) +
      p(`Thực hiện lời dạy của Bác "vì lợi ích trăm năm thì phải trồng người", ${c.teacher} đã:`) +
      ul(
        'Tổ chức lớp phụ đạo miễn phí cho học sinh học lực yếu vào cuối tuần;',
        `Vận động đồng nghiệp, phụ huynh ủng hộ sách vở, xe đạp cho ${c.h} học sinh có hoàn cảnh khó khăn;`,
        'Gương mẫu nói không với tiêu cực trong thi cử và dạy thêm, học thêm trái quy định.',
      ) +
      p(`Sự tận tụy của ${c.teacher} được đồng nghiệp, phụ huynh và học sinh ${c.commune} tin yêu, quý trọng.`),
  },
  doctor: {
    subject: 'member',
    field: 'Y tế',
    title: (c) => `Người thầy thuốc hết lòng vì người bệnh ở ${c.workplace}`,
    summary: (c) =>
      `Đồng chí ${c.name}, đảng viên ${c.cell}, luôn thực hiện lời dạy "lương y phải như từ mẫu": tận tình với người bệnh, không nhận phong bì, ` +
      'nhiều đêm trực cấp cứu kịp thời cứu sống người bệnh nặng.',
    story: (c) =>
      p(
        `Ở ${c.workplace}, người bệnh và người nhà quen thuộc với hình ảnh đồng chí <strong>${c.name}</strong> ân cần hỏi han, giải thích cặn kẽ cho từng người. ` +
          'Đồng chí luôn nhắc mình và đồng nghiệp thực hiện lời dạy của Bác: "lương y phải như từ mẫu".',
      ) +
      ul(
        'Không nhận phong bì, quà biếu của người bệnh; kiên quyết từ chối mọi hình thức "bồi dưỡng";',
        `Nhiều đêm trực cấp cứu, kịp thời xử trí ${c.h} ca bệnh nặng trước khi chuyển tuyến;`,
        'Tham gia khám bệnh, cấp thuốc miễn phí cho người cao tuổi, gia đình chính sách.',
      ) +
      p('Tấm gương của đồng chí góp phần xây dựng hình ảnh người cán bộ y tế tận tụy, trách nhiệm, được nhân dân tin yêu.'),
  },
  police: {
    subject: 'member',
    field: 'An ninh, trật tự',
    title: (c) => `Người chiến sĩ công an gần dân, vì dân ở ${c.workplace}`,
    summary: (c) =>
      `Đồng chí ${c.name}, đảng viên ${c.cell}, luôn gần dân, nắm chắc địa bàn; cùng nhân dân phát hiện, ngăn chặn nhiều vụ việc vi phạm pháp luật, ` +
      'giữ vững an ninh trật tự, không để xảy ra điểm nóng.',
    story: (c) =>
      p(
        `Thấm nhuần lời dạy của Bác về tư cách người Công an cách mệnh, đồng chí <strong>${c.name}</strong> luôn "vì nước quên thân, vì dân phục vụ". ` +
          'Đồng chí thường xuyên xuống cơ sở, nắm chắc tình hình, lắng nghe phản ánh của nhân dân.',
      ) +
      ul(
        `Phối hợp với các tổ tự quản phát hiện, xử lý ${c.h} vụ việc vi phạm pháp luật;`,
        'Tận tình hướng dẫn nhân dân làm thủ tục, không gây phiền hà, sách nhiễu;',
        'Tham gia tuyên truyền phòng, chống tội phạm, tệ nạn xã hội tại các khu dân cư, trường học.',
      ) +
      p('Nhờ đó, tình hình an ninh trật tự trên địa bàn được giữ vững, nhân dân yên tâm lao động, sản xuất.'),
  },
  one_stop: {
    subject: 'member',
    field: 'Cải cách hành chính',
    title: (c) => `Cán bộ một cửa ${c.commune} tận tụy, không để hồ sơ trễ hẹn`,
    summary: (c) =>
      `Đồng chí ${c.name}, đảng viên ${c.cell}, làm việc tại bộ phận tiếp nhận và trả kết quả của Ủy ban nhân dân ${c.commune}; ` +
      `năm qua giải quyết ${c.m} hồ sơ đúng hẹn, không để xảy ra phiền hà, được nhân dân tín nhiệm.`,
    story: (c) =>
      p(
        `Làm việc ở bộ phận "một cửa" của Ủy ban nhân dân ${c.commune}, đồng chí <strong>${c.name}</strong> hiểu rằng mỗi hồ sơ là công việc, là niềm tin của người dân. ` +
          'Vì vậy, đồng chí luôn niềm nở tiếp đón, hướng dẫn tận tình để người dân không phải đi lại nhiều lần.',
      ) +
      ul(
        `Năm qua tiếp nhận và trả kết quả ${c.m} hồ sơ, tất cả đúng hoặc trước hẹn;`,
        'Niêm yết công khai thủ tục, phí, lệ phí; lập sổ theo dõi, báo cho người dân khi có kết quả;',
        'Không nhận quà, tiền "bồi dưỡng" của người dân, doanh nghiệp.',
      ) +
      p('Việc làm của đồng chí góp phần cụ thể hóa chuẩn mực "gần dân, trọng dân, không gây phiền hà, sách nhiễu" của cán bộ, công chức xã.'),
  },
  tax: {
    subject: 'member',
    field: 'Thuế, tài chính',
    title: (c) => `Cán bộ thuế ${c.district} tận tình với người nộp thuế`,
    summary: (c) =>
      `Đồng chí ${c.name}, đảng viên ${c.cell} ${c.district}, tận tình hướng dẫn người nộp thuế, giải quyết hồ sơ đúng hạn; ` +
      'liêm chính, không gây phiền hà, góp phần hoàn thành vượt dự toán thu ngân sách.',
    story: (c) =>
      p(`Công tác tại Chi cục Thuế ${c.district}, đồng chí <strong>${c.name}</strong> được các hộ kinh doanh, doanh nghiệp nhắc đến như một cán bộ thuế tận tình, công tâm.`) +
      ul(
        'Hướng dẫn kê khai, nộp thuế rõ ràng, đúng quy định, không để người nộp thuế phải đi lại nhiều lần;',
        'Chủ động đôn đốc, thu hồi nợ đọng, góp phần hoàn thành vượt dự toán thu ngân sách;',
        'Liêm chính, không nhận quà biếu, thực hiện nghiêm chuẩn mực đạo đức nghề nghiệp của ngành Thuế.',
      ) +
      p('Đồng chí là tấm gương cụ thể của việc làm theo lời Bác: cán bộ là người đày tớ trung thành của nhân dân.'),
  },
  commune_leader: {
    subject: 'member',
    field: 'Xây dựng Đảng',
    title: (c) => `Bí thư Đảng ủy ${c.commune} nói đi đôi với làm`,
    summary: (c) =>
      `Đồng chí ${c.name}, Bí thư Đảng ủy ${c.commune}, gương mẫu đăng ký và thực hiện các việc làm theo; trực tiếp tiếp dân định kỳ, ` +
      'chỉ đạo giải quyết dứt điểm các kiến nghị của nhân dân, không để đơn thư vượt cấp.',
    story: (c) =>
      p(
        `Là người đứng đầu cấp ủy, đồng chí <strong>${c.name}</strong> xác định phải làm gương trước. Ngay khi ${c.commune} triển khai Chỉ thị 03-CT/TW, ` +
          'đồng chí là người đầu tiên đăng ký việc làm theo và công khai trước chi bộ, trước nhân dân.',
      ) +
      ul(
        'Duy trì tiếp dân định kỳ vào sáng thứ Năm hằng tuần, trực tiếp đối thoại với nhân dân;',
        `Chỉ đạo giải quyết dứt điểm ${c.h} vụ việc tồn đọng, không để đơn thư vượt cấp;`,
        'Sống giản dị, gần gũi; tổ chức việc hiếu, việc hỉ trong gia đình theo nếp sống văn minh.',
      ) +
      p('Sự gương mẫu của người đứng đầu đã tạo sức lan tỏa trong toàn Đảng bộ, được cán bộ, đảng viên và nhân dân ghi nhận.'),
  },
  worker: {
    subject: 'member',
    field: 'Sản xuất, kinh doanh',
    title: (c) => `Người thợ nhiều sáng kiến ở ${c.workplace}`,
    summary: (c) =>
      `Đồng chí ${c.name}, đảng viên ${c.cell}, có ${c.h} sáng kiến cải tiến kỹ thuật được áp dụng, làm lợi cho đơn vị hàng trăm triệu đồng; ` +
      'tận tình kèm cặp công nhân trẻ.',
    story: (c) =>
      p(`Gắn bó với ${c.workplace} nhiều năm, đồng chí <strong>${c.name}</strong> luôn trăn trở làm sao để tiết kiệm vật tư, nâng cao năng suất lao động.`) +
      ul(
        `Có ${c.h} sáng kiến cải tiến kỹ thuật được áp dụng trong sản xuất;`,
        'Kèm cặp, truyền nghề cho nhiều công nhân mới vào nghề;',
        'Gương mẫu chấp hành kỷ luật lao động, quy định an toàn lao động.',
      ) +
      p('Học tập tấm gương cần, kiệm của Bác, đồng chí góp phần lan tỏa phong trào thi đua lao động giỏi, lao động sáng tạo trong toàn doanh nghiệp.'),
  },
  old_mother: {
    subject: 'person',
    field: 'Công tác xã hội, từ thiện',
    title: (c) => `Tấm lòng nhân hậu của bà ${c.given} ở ${c.hamlet}`,
    summary: (c) =>
      `Bà ${c.name}, người dân ${c.hamlet} (${c.commune}), nhiều năm cưu mang trẻ mồ côi, chăm sóc người già neo đơn; ` +
      'vận động con cháu ủng hộ xây nhà tình nghĩa và quỹ khuyến học.',
    story: (c) =>
      p(
        `Không phải là đảng viên, nhưng bà <strong>${c.name}</strong> là tấm gương sáng về lòng nhân ái ở ${c.hamlet}. ` +
          `Nhiều năm nay, bà cưu mang ${c.h} cháu nhỏ mồ côi, chăm sóc như con cháu trong nhà.`,
      ) +
      ul(
        'Thường xuyên thăm hỏi, giúp đỡ người già neo đơn trong khu dân cư;',
        'Vận động con cháu ủng hộ xây nhà tình nghĩa, quỹ khuyến học;',
        'Tích cực tham gia các hoạt động của Hội Người cao tuổi, Hội Phụ nữ.',
      ) +
      p('Câu chuyện của bà được chi bộ đưa vào sinh hoạt như một bài học sinh động về "thương người như thể thương thân".'),
  },
  veteran_mediator: {
    subject: 'person',
    field: 'Hòa giải ở cơ sở',
    title: (c) => `Cựu chiến binh ${c.name} tận tụy với công tác hòa giải ở ${c.hamlet}`,
    summary: (c) =>
      `Ông ${c.name}, cựu chiến binh, tổ trưởng tổ hòa giải ${c.hamlet} (${c.commune}), kiên trì hòa giải thành công ${c.h} vụ mâu thuẫn trong khu dân cư, ` +
      'góp phần giữ gìn tình làng nghĩa xóm.',
    story: (c) =>
      p(
        `Rời quân ngũ trở về địa phương, ông <strong>${c.name}</strong> tiếp tục phát huy phẩm chất Bộ đội Cụ Hồ. ` +
          'Được bà con tín nhiệm bầu làm tổ trưởng tổ hòa giải, ông luôn kiên trì, khách quan, "có lý, có tình".',
      ) +
      ul(
        `Hòa giải thành công ${c.h} vụ tranh chấp đất đai, mâu thuẫn gia đình, không để phát sinh khiếu kiện;`,
        'Phối hợp với chi bộ, ban công tác mặt trận tuyên truyền pháp luật cho nhân dân;',
        'Gương mẫu xây dựng gia đình văn hóa, giáo dục con cháu chấp hành tốt pháp luật.',
      ) +
      p('Ông là chỗ dựa tin cậy của chi bộ và nhân dân trong việc giữ gìn đoàn kết ở khu dân cư.'),
  },
  honest_youth: {
    subject: 'person',
    field: 'Người tốt, việc tốt',
    title: (c) => `Chàng trai ${c.commune} trả lại tài sản nhặt được`,
    summary: (c) =>
      `Anh ${c.name}, đoàn viên thanh niên ${c.commune}, nhặt được chiếc túi có nhiều tiền và giấy tờ quan trọng đã mang đến công an nhờ trả lại người đánh rơi; ` +
      'việc làm được nhân dân và đoàn viên thanh niên địa phương ghi nhận.',
    story: (c) =>
      p(
        `Trên đường đi làm về, anh <strong>${c.name}</strong> nhặt được chiếc túi bên đường, bên trong có số tiền lớn cùng nhiều giấy tờ quan trọng. ` +
          `Anh đã mang đến Công an ${c.commune} nhờ tìm người đánh rơi để trả lại.`,
      ) +
      p('Khi người mất của gửi tiền cảm ơn, anh nhất định từ chối: "Của rơi thì trả lại người mất, đó là việc nên làm".') +
      ul('Tích cực tham gia phong trào thanh niên tình nguyện của địa phương;', 'Gương mẫu chấp hành pháp luật, giữ gìn an ninh trật tự khu dân cư.') +
      p('Việc làm của anh được Đoàn thanh niên đưa vào sinh hoạt chi đoàn như một tấm gương người tốt, việc tốt.'),
  },
  benefactor: {
    subject: 'person',
    field: 'Khuyến học, khuyến tài',
    title: (c) => `Nữ doanh nhân ${c.commune} lập quỹ khuyến học`,
    summary: (c) =>
      `Bà ${c.name}, chủ một cơ sở kinh doanh ở ${c.commune}, nhiều năm ủng hộ quỹ khuyến học, trao học bổng cho học sinh nghèo vượt khó ` +
      'và hỗ trợ xây dựng các công trình phúc lợi của địa phương.',
    story: (c) =>
      p(`Từ một cơ sở kinh doanh nhỏ, bà <strong>${c.name}</strong> đã gây dựng được cơ nghiệp vững vàng. Thành đạt, bà không quên quê hương và những hoàn cảnh khó khăn.`) +
      ul(
        `Lập quỹ khuyến học, mỗi năm trao ${c.h} suất học bổng cho học sinh nghèo vượt khó;`,
        'Ủng hộ xây dựng nhà văn hóa, đường làng, nhà tình nghĩa;',
        'Tạo việc làm ổn định cho nhiều lao động địa phương, thực hiện đầy đủ nghĩa vụ thuế.',
      ) +
      p('Bà là tấm gương tiêu biểu của tinh thần "lá lành đùm lá rách" mà Bác Hồ hằng vun đắp.'),
  },
  model_cell: {
    subject: 'collective',
    field: 'Xây dựng Đảng',
    title: (c) => `${c.cell}: chi bộ trong sạch, vững mạnh tiêu biểu`,
    summary: (c) =>
      `${c.cell} (${c.commune}) duy trì sinh hoạt đều đặn hằng tháng, mỗi kỳ học một nội dung chuyên đề và giao việc làm theo cụ thể cho từng đảng viên; ` +
      'lãnh đạo nhân dân hoàn thành các chỉ tiêu kinh tế - xã hội, xây dựng khu dân cư văn hóa.',
    story: (c) =>
      p(
        `<strong>${c.cell}</strong> có ${c.cellSize} đảng viên, là một trong những chi bộ tiêu biểu của Đảng bộ ${c.commune}. ` +
          'Chi bộ duy trì nền nếp sinh hoạt đều đặn hằng tháng, nội dung thiết thực, gắn học tập với làm theo.',
      ) +
      ul(
        'Mỗi kỳ sinh hoạt học một nội dung chuyên đề, giao việc làm theo cụ thể cho từng đảng viên;',
        'Tất cả đảng viên đăng ký và thực hiện việc làm theo tấm gương đạo đức Hồ Chí Minh;',
        `Lãnh đạo ${c.hamlet} hoàn thành các chỉ tiêu kinh tế - xã hội, giữ vững danh hiệu khu dân cư văn hóa.`,
      ) +
      p('Nhiều năm liền chi bộ đạt trong sạch, vững mạnh, là chỗ dựa tin cậy của nhân dân.'),
  },
  health_station: {
    subject: 'collective',
    field: 'Y tế',
    title: (c) => `Trạm Y tế ${c.commune}: tận tình chăm sóc sức khỏe nhân dân`,
    collectiveName: (c) => `Trạm Y tế ${c.commune}`,
    summary: (c) =>
      `Tập thể Trạm Y tế ${c.commune} thực hiện tốt các chương trình y tế quốc gia, tiêm chủng đạt tỷ lệ cao; cán bộ, nhân viên tận tình, ` +
      'không gây phiền hà, được nhân dân tin tưởng.',
    story: (c) =>
      p(`Với phương châm "lương y phải như từ mẫu", tập thể <strong>Trạm Y tế ${c.commune}</strong> đã xây dựng được hình ảnh thân thiện trong lòng người dân.`) +
      ul(
        'Tiêm chủng mở rộng cho trẻ em đạt trên 98%;',
        'Trực cấp cứu 24/24 giờ, khám, chữa bệnh bảo hiểm y tế chu đáo, không để người bệnh chờ lâu;',
        'Cán bộ, nhân viên cam kết không nhận phong bì, niêm yết công khai giá dịch vụ.',
      ) +
      p(`Trạm Y tế là một trong những đơn vị đi đầu của ${c.district} trong học tập và làm theo tấm gương đạo đức Hồ Chí Minh.`),
  },
  mediation_team: {
    subject: 'collective',
    field: 'Hòa giải ở cơ sở',
    title: (c) => `Tổ hòa giải ${c.hamlet} giữ yên xóm làng`,
    collectiveName: (c) => `Tổ hòa giải ${c.hamlet}`,
    summary: (c) =>
      `Tổ hòa giải ${c.hamlet} (${c.commune}) hòa giải thành công ${c.h} vụ việc mâu thuẫn, tranh chấp trong nhân dân; ` +
      'không để xảy ra khiếu kiện đông người, vượt cấp.',
    story: (c) =>
      p(`Gồm những người có uy tín trong khu dân cư, <strong>Tổ hòa giải ${c.hamlet}</strong> luôn có mặt kịp thời khi bà con xảy ra mâu thuẫn.`) +
      ul(
        `Hòa giải thành công ${c.h} vụ việc tranh chấp đất đai, mâu thuẫn gia đình, hàng xóm;`,
        'Phối hợp với chi bộ, ban công tác mặt trận tuyên truyền pháp luật tại các buổi họp dân;',
        'Giữ vững đoàn kết, không để phát sinh khiếu kiện vượt cấp.',
      ) +
      p('Cách làm "mưa dầm thấm lâu" của tổ hòa giải góp phần giữ gìn tình làng nghĩa xóm.'),
  },
  women_union: {
    subject: 'collective',
    field: 'Phát triển kinh tế',
    title: (c) => `Chi hội Phụ nữ ${c.hamlet} giúp nhau phát triển kinh tế`,
    collectiveName: (c) => `Chi hội Phụ nữ ${c.hamlet}`,
    summary: (c) =>
      `Chi hội Phụ nữ ${c.hamlet} (${c.commune}) duy trì mô hình tiết kiệm, giúp nhau vay vốn không lấy lãi; giúp ${c.h} hội viên thoát nghèo, ` +
      'xây dựng gia đình văn hóa.',
    story: (c) =>
      p(`<strong>Chi hội Phụ nữ ${c.hamlet}</strong> là điểm sáng của phong trào phụ nữ ${c.commune}.`) +
      ul(
        'Duy trì tổ tiết kiệm, cho hội viên vay vốn không lấy lãi để phát triển sản xuất;',
        `Giúp ${c.h} hội viên thoát nghèo, nhiều hội viên trở thành hộ sản xuất giỏi;`,
        'Vận động hội viên tham gia giữ gìn vệ sinh môi trường, xây dựng gia đình văn hóa.',
      ) +
      p('Chi hội đã cụ thể hóa việc làm theo Bác bằng những việc làm thiết thực, gần gũi.'),
  },
  school: {
    subject: 'collective',
    field: 'Giáo dục',
    title: (c) => `${c.workplace}: dạy tốt, học tốt, nói không với tiêu cực`,
    collectiveName: (c) => c.workplace,
    summary: (c) =>
      `Tập thể ${c.workplace} (${c.commune}) thực hiện tốt cuộc vận động "Mỗi thầy cô giáo là một tấm gương đạo đức, tự học và sáng tạo"; ` +
      'chất lượng giáo dục toàn diện được nâng lên, nhiều năm liền đạt tập thể lao động tiên tiến.',
    story: (c) =>
      p(
        `Tập thể cán bộ, giáo viên <strong>${c.workplace}</strong> gắn học tập và làm theo tấm gương đạo đức Hồ Chí Minh với cuộc vận động ` +
          '"Mỗi thầy cô giáo là một tấm gương đạo đức, tự học và sáng tạo".',
      ) +
      ul(
        'Duy trì nền nếp dạy và học, không có giáo viên vi phạm quy định về dạy thêm, học thêm;',
        'Tổ chức phụ đạo miễn phí cho học sinh yếu, bồi dưỡng học sinh giỏi;',
        'Vận động quỹ giúp học sinh có hoàn cảnh khó khăn không phải bỏ học.',
      ) +
      p('Nhà trường nhiều năm liền đạt danh hiệu tập thể lao động tiên tiến.'),
  },
  insurance_agency: {
    subject: 'collective',
    field: 'Cải cách hành chính',
    title: (c) => `Bảo hiểm xã hội ${c.district} vì quyền lợi người lao động`,
    collectiveName: (c) => `Bảo hiểm xã hội ${c.district}`,
    summary: (c) =>
      `Tập thể Bảo hiểm xã hội ${c.district} cải cách thủ tục, giải quyết chế độ bảo hiểm đúng, đủ, kịp thời; niêm yết công khai quy trình, ` +
      'không để người lao động phải đi lại nhiều lần.',
    story: (c) =>
      p(`Tập thể <strong>Bảo hiểm xã hội ${c.district}</strong> xác định: phục vụ người tham gia bảo hiểm là trách nhiệm hàng đầu.`) +
      ul(
        'Giải quyết chế độ ốm đau, thai sản, hưu trí đúng, đủ, kịp thời;',
        'Niêm yết công khai quy trình, thời hạn giải quyết; tiếp nhận hồ sơ qua đường bưu điện;',
        'Đôn đốc doanh nghiệp đóng bảo hiểm, bảo vệ quyền lợi người lao động.',
      ) +
      p('Cán bộ, viên chức của cơ quan thực hiện nghiêm chuẩn mực đạo đức nghề nghiệp của ngành.'),
  },
  traffic_police: {
    subject: 'collective',
    field: 'An ninh, trật tự',
    title: (c) => `Đội Cảnh sát giao thông Công an ${c.district}: tận tụy, liêm chính`,
    collectiveName: (c) => `Đội Cảnh sát giao thông, Công an ${c.district}`,
    summary: (c) =>
      `Đội Cảnh sát giao thông Công an ${c.district} thực hiện nghiêm điều lệnh, liêm chính khi làm nhiệm vụ; phối hợp kéo giảm tai nạn giao thông trên địa bàn, ` +
      'được nhân dân tin tưởng.',
    story: (c) =>
      p(`Cán bộ, chiến sĩ <strong>Đội Cảnh sát giao thông Công an ${c.district}</strong> luôn khắc ghi lời dạy của Bác: "đối với nhân dân phải kính trọng, lễ phép".`) +
      ul(
        'Tuần tra, kiểm soát đúng quy trình, công khai, không gây phiền hà cho người tham gia giao thông;',
        'Phối hợp với nhà trường, đoàn thể tuyên truyền an toàn giao thông cho học sinh, thanh niên;',
        'Không để xảy ra vi phạm về tư cách, đạo đức của cán bộ, chiến sĩ.',
      ) +
      p('Số vụ tai nạn giao thông trên địa bàn giảm rõ rệt so với cùng kỳ năm trước.'),
  },
  enterprise_team: {
    subject: 'collective',
    field: 'Sản xuất, kinh doanh',
    title: (c) => `Phân xưởng Sản xuất số 1, ${c.workplace}: lao động sáng tạo, tiết kiệm`,
    collectiveName: (c) => `Phân xưởng Sản xuất số 1, ${c.workplace}`,
    summary: (c) =>
      `Tập thể Phân xưởng Sản xuất số 1, ${c.workplace}, đẩy mạnh phong trào lao động sáng tạo, thực hành tiết kiệm; ` +
      `có ${c.h} sáng kiến được áp dụng, bảo đảm an toàn lao động tuyệt đối.`,
    story: (c) =>
      p(`Học tập tấm gương cần, kiệm, liêm, chính của Bác, tập thể <strong>Phân xưởng Sản xuất số 1</strong> của ${c.workplace} đặt mục tiêu tiết kiệm từ những việc nhỏ nhất.`) +
      ul(
        `Có ${c.h} sáng kiến cải tiến kỹ thuật được áp dụng, giảm tiêu hao vật tư, điện năng;`,
        'Bảo đảm an toàn lao động tuyệt đối, không để xảy ra sự cố;',
        'Đảng viên trong phân xưởng đi đầu nhận việc khó, kèm cặp công nhân trẻ.',
      ) +
      p('Phân xưởng nhiều năm liền là tập thể lao động xuất sắc của doanh nghiệp.'),
  },
};

// ——— Exemplar specs ———

type Wave = 'A' | 'B' | 'C';
type Scenario = { state: 'draft' } | { state: 'approved' } | { state: 'commended' } | { state: 'pending' | 'returned' | 'rejected'; at: number };

interface ExemplarSpec {
  wave: Wave;
  arch: ArchetypeKey;
  /** The nominating unit: a code, optionally `/rule` picking a cell of it (see `resolveUnit`). */
  nominating: string;
  /** Where the subject is (a cell of the member, the collective's cell, the person's hamlet); defaults to the nominating unit. */
  subject?: string;
  deciding: 'district' | 'province';
  scenario: Scenario;
  person?: readonly [family: string, middle: string, given: string];
  title?: string;
  /** Returned once by the first level before the round that decided it. */
  returnedFirst?: boolean;
  /** Published on the public page on this day. */
  publishOn?: string;
}

const C: Scenario = { state: 'commended' };
const APPROVED: Scenario = { state: 'approved' };
const DRAFT: Scenario = { state: 'draft' };
const pending = (at: number): Scenario => ({ state: 'pending', at });
const returned = (at: number): Scenario => ({ state: 'returned', at });
const rejected = (at: number): Scenario => ({ state: 'rejected', at });

const EXEMPLARS: readonly ExemplarSpec[] = [
  // 2011, first wave: nominated in January, commended at the tổng kết 5 năm (districts in March, the Tỉnh ủy on 25/04/2011).
  { wave: 'A', arch: 'village_secretary', nominating: 'BN.QV.09', subject: 'BN.QV.09/village:1', deciding: 'province', scenario: C },
  { wave: 'A', arch: 'veteran_mediator', nominating: 'BN.TD.03/village:2', deciding: 'district', scenario: C, person: ['Trần', 'Văn', 'Khởi'] },
  { wave: 'A', arch: 'mediation_team', nominating: 'BN.GB.05', subject: 'BN.GB.05/village:3', deciding: 'district', scenario: C },
  { wave: 'A', arch: 'teacher', nominating: 'BN.YP.04/sector:education', deciding: 'district', scenario: C },
  { wave: 'A', arch: 'young_entrepreneur', nominating: 'BN.TXTS.02/village:4', deciding: 'province', scenario: C },
  { wave: 'A', arch: 'model_cell', nominating: 'BN.LT.03', subject: 'BN.LT.03/village:1', deciding: 'district', scenario: C },
  { wave: 'A', arch: 'doctor', nominating: 'BN.TT.DB2', subject: 'BN.TT.DB2/child:1', deciding: 'district', scenario: C },
  { wave: 'A', arch: 'woman_economy', nominating: 'BN.TPBN.15', subject: 'BN.TPBN.15/village:2', deciding: 'province', scenario: C },
  { wave: 'A', arch: 'old_mother', nominating: 'BN.QV.12/village:3', deciding: 'district', scenario: C, person: ['Đỗ', 'Thị', 'Nụ'] },
  { wave: 'A', arch: 'tax', nominating: 'BN.GB.CQ05', deciding: 'district', scenario: C },
  { wave: 'A', arch: 'traffic_police', nominating: 'BN.YP.DB1', deciding: 'province', scenario: C },
  { wave: 'A', arch: 'worker', nominating: 'BN.KDN.02', subject: 'BN.KDN.02/child:3', deciding: 'province', scenario: C },
  { wave: 'A', arch: 'elder_land', nominating: 'BN.TT.05/village:2', deciding: 'district', scenario: rejected(1) },
  // 2011, second wave: nominated in October–November, commended at year end (the Tỉnh ủy on 19/12/2011).
  { wave: 'B', arch: 'police', nominating: 'BN.TPBN.03', subject: 'BN.TPBN.03/sector:police', deciding: 'district', scenario: C },
  { wave: 'B', arch: 'health_station', nominating: 'BN.YP.09', subject: 'BN.YP.09/sector:health', deciding: 'province', scenario: C },
  { wave: 'B', arch: 'commune_leader', nominating: 'BN.LT.05/village:1', subject: 'BN.LT.05', deciding: 'district', scenario: C },
  { wave: 'B', arch: 'honest_youth', nominating: 'BN.GB.09/village:2', deciding: 'district', scenario: C, person: ['Ngô', 'Đức', 'Hải'] },
  { wave: 'B', arch: 'one_stop', nominating: 'BN.TXTS.05/sector:state_agency', deciding: 'district', scenario: C },
  { wave: 'B', arch: 'women_union', nominating: 'BN.TD.07', subject: 'BN.TD.07/village:4', deciding: 'district', scenario: APPROVED },
  { wave: 'B', arch: 'doctor', nominating: 'BN.KCQ.11', subject: 'BN.KCQ.11/child:5', deciding: 'province', scenario: C, publishOn: '2012-05-23' },
  { wave: 'B', arch: 'insurance_agency', nominating: 'BN.QV.CQ06', deciding: 'district', scenario: rejected(0) },
  { wave: 'B', arch: 'school', nominating: 'BN.TT.02/sector:education', deciding: 'province', scenario: APPROVED },
  // 2012: nominated in March–April, most commended by the Tỉnh ủy on 19/05/2012 or at the districts' sơ kết.
  {
    wave: 'C',
    arch: 'village_secretary',
    nominating: DEMO_PUBLIC_STORY.nominatingUnitCode,
    subject: DEMO_PUBLIC_STORY.subjectCellCode,
    deciding: 'province',
    scenario: C,
    title: DEMO_PUBLIC_STORY.title,
    returnedFirst: true,
    publishOn: '2012-05-25',
  },
  { wave: 'C', arch: 'woman_economy', nominating: 'BN.QV.14/village:2', deciding: 'province', scenario: C, publishOn: '2012-05-24' },
  { wave: 'C', arch: 'doctor', nominating: 'BN.TPBN.DB2', subject: 'BN.TPBN.DB2/child:2', deciding: 'province', scenario: C, publishOn: '2012-06-04' },
  { wave: 'C', arch: 'model_cell', nominating: 'BN.YP.02', subject: 'BN.YP.02/village:3', deciding: 'province', scenario: C, publishOn: '2012-05-28' },
  { wave: 'C', arch: 'benefactor', nominating: 'BN.TD.01', subject: 'BN.TD.01/village:2', deciding: 'province', scenario: C, person: ['Phạm', 'Thị', 'Huệ'] },
  { wave: 'C', arch: 'teacher', nominating: 'BN.TXTS.09/sector:education', deciding: 'province', scenario: C },
  { wave: 'C', arch: 'enterprise_team', nominating: 'BN.KDN.01', deciding: 'province', scenario: C },
  { wave: 'C', arch: 'police', nominating: 'BN.CA.03', subject: 'BN.CA.03/child:2', deciding: 'province', scenario: C },
  { wave: 'C', arch: 'elder_land', nominating: 'BN.GB.03/village:3', deciding: 'district', scenario: C },
  { wave: 'C', arch: 'veteran_mediator', nominating: 'BN.LT.07/village:1', deciding: 'district', scenario: C, person: ['Lê', 'Đình', 'Bảo'] },
  { wave: 'C', arch: 'tax', nominating: 'BN.TD.CQ05', deciding: 'district', scenario: C },
  { wave: 'C', arch: 'mediation_team', nominating: 'BN.TT.08', subject: 'BN.TT.08/village:2', deciding: 'district', scenario: C },
  { wave: 'C', arch: 'one_stop', nominating: 'BN.YP.11/sector:state_agency', deciding: 'district', scenario: C },
  { wave: 'C', arch: 'young_entrepreneur', nominating: 'BN.TXTS.12/village:1', deciding: 'district', scenario: C },
  { wave: 'C', arch: 'health_station', nominating: 'BN.TPBN.07', subject: 'BN.TPBN.07/sector:health', deciding: 'district', scenario: APPROVED, publishOn: '2012-06-14' },
  { wave: 'C', arch: 'commune_leader', nominating: 'BN.QV.04/village:1', subject: 'BN.QV.04', deciding: 'district', scenario: APPROVED },
  { wave: 'C', arch: 'school', nominating: 'BN.TXTS.09/sector:education', deciding: 'district', scenario: APPROVED },
  { wave: 'C', arch: 'worker', nominating: 'BN.KDN.03', subject: 'BN.KDN.03/child:2', deciding: 'province', scenario: APPROVED },
  // 2012, still on the way on 19/06/2012.
  { wave: 'C', arch: 'woman_economy', nominating: 'BN.TXTS.08/village:1', deciding: 'district', scenario: pending(1) },
  { wave: 'C', arch: 'honest_youth', nominating: 'BN.TXTS.04', subject: 'BN.TXTS.04/village:2', deciding: 'province', scenario: pending(1), person: ['Vũ', 'Minh', 'Tuấn'] },
  { wave: 'C', arch: 'elder_land', nominating: 'BN.YP.06/village:3', deciding: 'district', scenario: pending(0) },
  { wave: 'C', arch: 'women_union', nominating: 'BN.TT.11/village:2', deciding: 'district', scenario: pending(0) },
  { wave: 'C', arch: 'police', nominating: 'BN.QV.16/sector:police', deciding: 'district', scenario: pending(1) },
  { wave: 'C', arch: 'model_cell', nominating: 'BN.LT.09', subject: 'BN.LT.09/village:3', deciding: 'district', scenario: pending(0) },
  { wave: 'C', arch: 'village_secretary', nominating: 'BN.GB.11', subject: 'BN.GB.11/village:1', deciding: 'province', scenario: pending(1) },
  { wave: 'C', arch: 'police', nominating: 'BN.CA.01', subject: 'BN.CA.01/child:2', deciding: 'province', scenario: pending(0) },
  { wave: 'C', arch: 'old_mother', nominating: 'BN.TXTS.07', subject: 'BN.TXTS.07/village:3', deciding: 'district', scenario: returned(0), person: ['Nguyễn', 'Thị', 'Lành'] },
  { wave: 'C', arch: 'young_entrepreneur', nominating: 'BN.TD.10/village:2', deciding: 'district', scenario: returned(0) },
  { wave: 'C', arch: 'traffic_police', nominating: 'BN.TT.DB1', deciding: 'province', scenario: returned(1) },
  { wave: 'C', arch: 'one_stop', nominating: 'BN.GB.06/sector:state_agency', deciding: 'district', scenario: rejected(1) },
  { wave: 'C', arch: 'benefactor', nominating: 'BN.QV.18', subject: 'BN.QV.18/village:1', deciding: 'province', scenario: rejected(1), person: ['Đào', 'Thị Minh', 'Nguyệt'] },
  { wave: 'C', arch: 'mediation_team', nominating: 'BN.TXTS.07', subject: 'BN.TXTS.07/village:5', deciding: 'district', scenario: DRAFT },
  { wave: 'C', arch: 'teacher', nominating: 'BN.TPBN.16/sector:education', deciding: 'district', scenario: DRAFT },
  { wave: 'C', arch: 'commune_leader', nominating: 'BN.LT.12/village:1', subject: 'BN.LT.12', deciding: 'district', scenario: DRAFT },
  { wave: 'C', arch: 'insurance_agency', nominating: 'BN.YP.CQ06', deciding: 'district', scenario: DRAFT },
  { wave: 'C', arch: 'village_secretary', nominating: 'BN.TT.14/village:4', deciding: 'district', scenario: DRAFT },
];

const WAVES: Record<Wave, { year: number; from: string; to: string; reason: string }> = {
  A: { year: 2011, from: '2011-01-04', to: '2011-01-12', reason: 'Có thành tích xuất sắc trong 5 năm thực hiện Cuộc vận động "Học tập và làm theo tấm gương đạo đức Hồ Chí Minh" (2006–2011)' },
  B: { year: 2011, from: '2011-10-03', to: '2011-11-04', reason: 'Có thành tích tiêu biểu trong học tập và làm theo tấm gương đạo đức Hồ Chí Minh năm 2011' },
  C: { year: 2012, from: '2012-03-12', to: '2012-04-13', reason: 'Có thành tích xuất sắc trong 1 năm thực hiện Chỉ thị 03-CT/TW của Bộ Chính trị' },
};
/** Open 2012 nominations (pending, returned, rejected) were sent in May–June; drafts started then. */
const OPEN_WINDOW = { from: '2012-05-14', to: '2012-06-08' };
const DRAFT_WINDOW = { from: '2012-05-21', to: '2012-06-15' };

/** Commendation days: the Tỉnh ủy's (with the decision number) and the districts' (tổng kết, year end, sơ kết). */
const PROVINCE_DECISIONS: Record<Wave, { date: string; number: number }> = {
  A: { date: '2011-04-25', number: 214 },
  B: { date: '2011-12-19', number: 468 },
  C: { date: DEMO_PUBLIC_STORY.decisionDate, number: 612 },
};
const DISTRICT_DECISION_DAYS: Record<Wave, Readonly<Record<string, string>>> = {
  A: { 'BN.TPBN': '2011-03-15', 'BN.TXTS': '2011-03-16', 'BN.YP': '2011-03-10', 'BN.QV': '2011-03-11', 'BN.TD': '2011-03-17', 'BN.TT': '2011-03-18', 'BN.GB': '2011-03-22', 'BN.LT': '2011-03-23' },
  B: { 'BN.TPBN': '2011-12-22', 'BN.TXTS': '2011-12-23', 'BN.YP': '2011-12-21', 'BN.QV': '2011-12-22', 'BN.TD': '2011-12-26', 'BN.TT': '2011-12-27', 'BN.GB': '2011-12-28', 'BN.LT': '2011-12-29' },
  C: { 'BN.TPBN': '2012-05-14', 'BN.TXTS': '2012-05-15', 'BN.YP': '2012-05-10', 'BN.QV': '2012-05-11', 'BN.TD': '2012-05-14', 'BN.TT': '2012-05-16', 'BN.GB': '2012-05-15', 'BN.LT': '2012-05-17' },
};
/** A decision of each district in its term (the founding of its helper unit), to number its decisions plausibly. */
const DISTRICT_DECISION_BASE: Readonly<Record<string, readonly [number, string]>> = {
  'BN.TPBN': [201, '2011-09-20'],
  'BN.TXTS': [139, '2011-09-29'],
  'BN.YP': [238, '2011-10-06'],
  'BN.QV': [309, '2011-09-26'],
  'BN.TD': [224, '2011-09-23'],
  'BN.TT': [303, '2011-09-19'],
  'BN.GB': [153, '2011-10-10'],
  'BN.LT': [176, '2011-10-03'],
};

const VERIFY_COMMENTS = [
  null,
  null,
  'Đã xác minh tại cơ sở; thành tích đúng như báo cáo. Đề nghị cấp trên xem xét.',
  'Đồng ý đề nghị; nhân dân nơi cư trú nhận xét tốt.',
  'Đã lấy ý kiến Mặt trận Tổ quốc và các đoàn thể; thống nhất đề nghị.',
] as const;
const RETURN_COMMENTS = [
  'Đề nghị bổ sung nhận xét của chi bộ nơi cư trú và số liệu cụ thể về kết quả làm theo.',
  'Nội dung tóm tắt còn chung chung; đề nghị nêu rõ việc làm cụ thể, hiệu quả và sức lan tỏa.',
  'Hồ sơ chưa có ý kiến của Mặt trận Tổ quốc và các đoàn thể nơi cư trú; đề nghị bổ sung.',
] as const;
const REJECT_COMMENTS = [
  'Thành tích chưa nổi bật so với tiêu chuẩn điển hình cấp trên; đề nghị đơn vị tiếp tục theo dõi, biểu dương ở cấp cơ sở.',
  'Qua xác minh, đơn vị còn để xảy ra đơn thư phản ánh chưa được giải quyết dứt điểm; chưa đủ điều kiện công nhận điển hình.',
] as const;

// ——— Oversight texts ———

interface FollowUpSpec {
  task: string;
  due: string;
  done?: string;
  result?: string;
  reopened?: { on: string; comment: string; doneBefore: string };
  cancelled?: { on: string; reason: string };
}

interface FindingSpec {
  kind: 'strength' | 'shortcoming' | 'violation';
  content: string;
  /** The unit the finding concerns; defaults to the inspected unit. */
  unit?: string;
  followUp?: FollowUpSpec;
  phenomenon?: { description: string; handling: string };
}

interface InspectionSpec {
  code: string;
  planned: string;
  held: string | null;
  findings: readonly FindingSpec[];
}

const INSPECTIONS: readonly InspectionSpec[] = [
  {
    code: 'BN.TPBN',
    planned: '2012-04-17',
    held: '2012-04-17',
    findings: [
      {
        kind: 'strength',
        content:
          'Ban Thường vụ Thành ủy ban hành kế hoạch sớm, quán triệt Chỉ thị 03-CT/TW đến tất cả chi bộ, đảng bộ cơ sở; nhiều cơ sở gắn việc làm theo với cải cách hành chính, chỉnh trang đô thị.',
      },
      {
        kind: 'shortcoming',
        content: 'Việc phát hiện, tuyên truyền, nêu gương điển hình trên bản tin nội bộ và hệ thống truyền thanh cơ sở còn ít.',
        followUp: {
          task: 'Mở chuyên mục "Học tập và làm theo tấm gương đạo đức Hồ Chí Minh" trên bản tin của Thành ủy; mỗi số giới thiệu ít nhất một điển hình.',
          due: '2012-06-15',
          done: '2012-06-08',
          result: 'Đã mở chuyên mục từ số tháng 6/2012; số đầu giới thiệu hai điển hình ở cơ sở.',
        },
      },
      {
        kind: 'shortcoming',
        content: 'Một số chi bộ chưa chọn nội dung chuyên đề năm 2012 để đưa vào sinh hoạt hằng tháng.',
        followUp: {
          task: 'Hướng dẫn, kiểm tra các chi bộ đưa 1 đến 2 nội dung chuyên đề vào sinh hoạt chi bộ hằng tháng.',
          due: '2012-06-30',
          done: '2012-06-14',
          result: 'Ban Tuyên giáo Thành ủy đã ban hành hướng dẫn và kiểm tra 12 chi bộ; các chi bộ đều đưa nội dung chuyên đề vào sinh hoạt tháng 6/2012.',
        },
      },
    ],
  },
  {
    code: 'BN.TXTS',
    planned: '2012-04-19',
    held: '2012-04-20',
    findings: [
      {
        kind: 'strength',
        content: 'Bộ phận giúp việc Thị ủy được kiện toàn, phân công nhiệm vụ cụ thể cho từng thành viên; các làng nghề gắn việc làm theo với phát triển kinh tế.',
      },
      {
        kind: 'shortcoming',
        content:
          'Ban Thường vụ Thị ủy chậm ban hành kế hoạch thực hiện Kế hoạch 08-KH/TU của Ban Thường vụ Tỉnh ủy; nhiều cơ sở còn chờ hướng dẫn của cấp trên.',
        followUp: { task: DEMO_OVERDUE_FOLLOW_UP.task, due: DEMO_OVERDUE_FOLLOW_UP.dueOn },
      },
      {
        kind: 'shortcoming',
        content: 'Việc đăng ký làm theo của cán bộ lãnh đạo chủ chốt, người đứng đầu ở một số cơ quan còn chậm.',
        followUp: {
          task: 'Đôn đốc cán bộ lãnh đạo chủ chốt, người đứng đầu hoàn thành đăng ký việc làm theo, báo cáo Ban Thường vụ Tỉnh ủy.',
          due: '2012-06-08',
          done: '2012-06-13',
          result: 'Cán bộ lãnh đạo chủ chốt, người đứng đầu đã đăng ký xong; báo cáo gửi Ban Thường vụ Tỉnh ủy ngày 13/06/2012.',
        },
      },
      {
        kind: 'shortcoming',
        content: `${DEMO_STANDARD_MISSING} và một số cơ quan thuộc ngành, lĩnh vực trọng điểm chưa xây dựng chuẩn mực đạo đức nghề nghiệp.`,
        followUp: {
          task: 'Chỉ đạo các chi bộ, đảng bộ thuộc ngành, lĩnh vực trọng điểm hoàn thành xây dựng và ban hành chuẩn mực đạo đức nghề nghiệp.',
          due: '2012-07-31',
        },
      },
    ],
  },
  {
    code: 'BN.QV',
    planned: '2012-04-24',
    held: '2012-04-24',
    findings: [
      { kind: 'strength', content: 'Huyện ủy gắn học tập và làm theo tấm gương đạo đức Hồ Chí Minh với xây dựng nông thôn mới; nhiều đảng viên đi đầu hiến đất làm đường giao thông.' },
      {
        kind: 'shortcoming',
        content: 'Việc phát hiện, bồi dưỡng và nhân rộng điển hình tiên tiến còn ít; chưa kịp thời đề nghị khen thưởng.',
        followUp: {
          task: 'Rà soát, lập danh sách điển hình tiên tiến của từng cơ sở; giới thiệu trên Đài Truyền thanh huyện.',
          due: '2012-06-10',
          done: '2012-06-18',
          result: 'Đã lập danh sách 14 điển hình; Đài Truyền thanh huyện giới thiệu 3 điển hình trong tháng 6/2012.',
        },
      },
      {
        kind: 'shortcoming',
        content: 'Hoạt động của Bộ phận giúp việc còn lúng túng, chưa thực sự có hiệu quả trong công tác tham mưu.',
        followUp: { task: 'Kiện toàn Bộ phận giúp việc, xây dựng chương trình công tác 6 tháng cuối năm 2012.', due: '2012-07-15' },
      },
    ],
  },
  {
    code: 'BN.TT',
    planned: '2012-05-03',
    held: '2012-05-03',
    findings: [
      {
        kind: 'shortcoming',
        content: 'Huyện ủy chưa lựa chọn vấn đề nổi cộm, bức xúc để tập trung chỉ đạo giải quyết trong năm 2012.',
        followUp: { task: 'Lựa chọn và ban hành kế hoạch giải quyết một vấn đề nổi cộm, bức xúc của địa phương trong năm 2012.', due: '2012-06-30' },
      },
      {
        kind: 'shortcoming',
        content: 'Kế hoạch của Huyện ủy ban hành chậm; một số đảng bộ cơ sở chưa tổ chức hội nghị quán triệt đến đảng viên.',
        followUp: {
          task: 'Đôn đốc các đảng bộ cơ sở còn lại tổ chức hội nghị quán triệt, báo cáo kết quả về Ban Thường vụ Tỉnh ủy.',
          due: '2012-06-15',
          reopened: {
            doneBefore: '2012-06-12',
            on: '2012-06-15',
            comment: 'Báo cáo chưa đúng thực tế: còn 3 đảng bộ cơ sở chưa tổ chức hội nghị quán triệt. Đề nghị tiếp tục đôn đốc và báo cáo lại.',
          },
        },
      },
      {
        kind: 'violation',
        content: 'Một số cán bộ ở các cơ quan chuyên môn cấp huyện sử dụng xe công vào việc riêng ngoài giờ hành chính.',
        followUp: { task: 'Chấn chỉnh việc quản lý, sử dụng xe công; tổ chức kiểm điểm cán bộ liên quan.', due: '2012-07-15' },
        phenomenon: {
          description: 'Sử dụng xe công vào việc riêng (đi đám cưới, đám hiếu ngoài giờ hành chính) ở một số cơ quan chuyên môn cấp huyện.',
          handling: 'Ban Thường vụ Huyện ủy đã chỉ đạo kiểm điểm, nhắc nhở; cơ quan ban hành quy định quản lý xe công và lập sổ theo dõi việc sử dụng xe.',
        },
      },
    ],
  },
  {
    code: 'BN.GB',
    planned: '2012-05-08',
    held: '2012-05-08',
    findings: [
      { kind: 'strength', content: 'Các cơ sở duy trì tốt việc học tập chuyên đề trong sinh hoạt chi bộ hằng tháng.' },
      {
        kind: 'shortcoming',
        content: 'Bộ phận giúp việc đã được thành lập nhưng chưa ban hành quy chế hoạt động; hoạt động còn hình thức.',
        followUp: { task: 'Ban hành quy chế hoạt động của Bộ phận giúp việc, phân công cụ thể nhiệm vụ từng thành viên.', due: '2012-06-15' },
      },
      {
        kind: 'shortcoming',
        content: 'Công tác tuyên truyền nêu gương người tốt, việc tốt chưa thường xuyên, thời lượng còn ít so với các năm trước.',
        followUp: { task: 'Xây dựng kế hoạch tuyên truyền điển hình trên Đài Truyền thanh huyện và bản tin nội bộ 6 tháng cuối năm 2012.', due: '2012-08-31' },
      },
    ],
  },
  {
    code: 'BN.LT',
    planned: '2012-05-10',
    held: '2012-05-11',
    findings: [
      { kind: 'strength', content: 'Các chi bộ thôn tích cực vận động nhân dân giữ gìn vệ sinh môi trường, xây dựng khu dân cư văn hóa.' },
      {
        kind: 'shortcoming',
        content: 'Ban Thường vụ Huyện ủy chưa thành lập Bộ phận giúp việc thực hiện Chỉ thị 03-CT/TW.',
        followUp: { task: 'Thành lập Bộ phận giúp việc và ban hành quy chế hoạt động.', due: '2012-06-30' },
      },
      {
        kind: 'shortcoming',
        content: 'Việc chỉ đạo điểm chưa đủ số đơn vị theo yêu cầu của Tỉnh ủy (mới chọn 1 đơn vị điểm toàn diện và 2 đơn vị điểm theo lĩnh vực).',
        followUp: { task: 'Lựa chọn bổ sung đơn vị chỉ đạo điểm, báo cáo Ban Thường vụ Tỉnh ủy.', due: '2012-07-31' },
      },
    ],
  },
  // Postponed to late June (the Huyện ủy's sơ kết and the pilots' reviews came first).
  { code: 'BN.YP', planned: '2012-06-21', held: null, findings: [] },
  { code: 'BN.TD', planned: '2012-06-26', held: null, findings: [] },
];

interface SupervisionSpec {
  district: string;
  commune: string;
  planned: string;
  held: string | null;
  cancelled?: { on: string; reason: string };
  findings: readonly FindingSpec[];
}

const SUPERVISIONS: readonly SupervisionSpec[] = [
  {
    district: 'BN.TPBN',
    commune: 'BN.TPBN.06',
    planned: '2011-11-15',
    held: '2011-11-15',
    findings: [
      {
        kind: 'shortcoming',
        content: 'Một số chi bộ khu phố sinh hoạt chưa đều, nội dung sinh hoạt còn đơn điệu.',
        followUp: {
          task: 'Chỉ đạo các chi bộ khu phố duy trì sinh hoạt đều đặn, đổi mới nội dung sinh hoạt.',
          due: '2012-01-13',
          done: '2012-01-10',
          result: 'Các chi bộ đã sinh hoạt đủ trong tháng 12/2011; Đảng ủy phường dự và rút kinh nghiệm tại 3 chi bộ.',
        },
      },
    ],
  },
  {
    district: 'BN.QV',
    commune: 'BN.QV.03',
    planned: '2011-11-22',
    held: '2011-11-22',
    findings: [
      { kind: 'strength', content: 'Đảng ủy xã tổ chức hội nghị quán triệt sớm, đủ thành phần.' },
      {
        kind: 'shortcoming',
        content: 'Chưa xây dựng kế hoạch thực hiện của Đảng ủy xã; việc triển khai còn chờ hướng dẫn của huyện.',
        followUp: {
          task: 'Ban hành kế hoạch của Đảng ủy xã thực hiện Chỉ thị 03-CT/TW.',
          due: '2012-02-29',
          done: '2012-03-06',
          result: 'Đảng ủy xã đã ban hành kế hoạch và gửi Huyện ủy ngày 06/03/2012.',
        },
      },
    ],
  },
  {
    district: 'BN.TD',
    commune: 'BN.TD.05',
    planned: '2011-12-06',
    held: '2011-12-06',
    findings: [{ kind: 'strength', content: 'Các chi bộ thôn gắn việc làm theo với phong trào xây dựng nông thôn mới; nhân dân đồng thuận hiến đất làm đường.' }],
  },
  {
    district: 'BN.TXTS',
    commune: 'BN.TXTS.07',
    planned: '2012-03-15',
    held: '2012-03-15',
    findings: [
      { kind: 'strength', content: 'Đảng ủy phường chỉ đạo các chi bộ khu phố sinh hoạt đều đặn hằng tháng, đăng ký việc làm theo sớm.' },
      {
        kind: 'shortcoming',
        content: 'Một số chi bộ khu phố chưa đưa nội dung chuyên đề năm 2012 vào sinh hoạt hằng tháng.',
        followUp: {
          task: 'Hướng dẫn các chi bộ khu phố chọn 1 đến 2 nội dung chuyên đề năm 2012 cho mỗi kỳ sinh hoạt.',
          due: '2012-06-15',
          done: '2012-06-15',
          result: 'Tất cả chi bộ khu phố đã đưa nội dung chuyên đề vào sinh hoạt từ tháng 4/2012; Đảng ủy phường báo cáo Thị ủy ngày 15/06/2012.',
        },
      },
    ],
  },
  {
    district: 'BN.TXTS',
    commune: 'BN.TXTS.02',
    planned: '2012-05-22',
    held: '2012-05-22',
    findings: [
      {
        kind: 'shortcoming',
        content: 'Chưa tổ chức cho đảng viên đăng ký việc làm theo đúng thời hạn; nhiều bản đăng ký còn chung chung.',
        followUp: { task: 'Hướng dẫn đảng viên đăng ký lại các việc làm cụ thể, đo được; hoàn thành trước 30/06/2012.', due: '2012-06-30' },
      },
    ],
  },
  { district: 'BN.TXTS', commune: 'BN.TXTS.06', planned: '2012-06-28', held: null, findings: [] },
  {
    district: 'BN.YP',
    commune: 'BN.YP.05',
    planned: '2012-03-20',
    held: '2012-03-20',
    findings: [
      {
        kind: 'shortcoming',
        content: 'Chuẩn mực đạo đức của cán bộ, công chức xã chưa được cụ thể hóa, khó đánh giá.',
        followUp: {
          task: 'Bổ sung, cụ thể hóa chuẩn mực đạo đức của cán bộ, công chức xã; ngắn gọn, dễ nhớ, dễ thực hiện.',
          due: '2012-06-08',
          done: '2012-06-12',
          result: 'Đảng ủy xã đã ban hành chuẩn mực sửa đổi gồm 7 tiêu chí ngày 12/06/2012.',
        },
      },
    ],
  },
  {
    district: 'BN.YP',
    commune: 'BN.YP.09',
    planned: '2012-05-17',
    held: '2012-05-17',
    findings: [
      {
        kind: 'shortcoming',
        content: 'Việc theo dõi, kiểm tra kết quả thực hiện việc làm theo của đảng viên chưa thường xuyên.',
        followUp: { task: 'Xây dựng sổ theo dõi việc làm theo của đảng viên ở từng chi bộ; kiểm tra định kỳ hằng quý.', due: '2012-07-31' },
      },
    ],
  },
  {
    district: 'BN.QV',
    commune: 'BN.QV.06',
    planned: '2012-05-15',
    held: '2012-05-15',
    findings: [
      {
        kind: 'violation',
        content: 'Nhân dân phản ánh một số cán bộ địa chính xã gây phiền hà, kéo dài thời gian khi giải quyết thủ tục đất đai.',
        followUp: { task: 'Niêm yết công khai thủ tục, thời hạn giải quyết hồ sơ đất đai tại bộ phận một cửa; kiểm điểm cán bộ liên quan, báo cáo Huyện ủy.', due: '2012-06-15' },
        phenomenon: {
          description: 'Cán bộ địa chính xã gây phiền hà cho nhân dân khi giải quyết thủ tục đất đai: hẹn nhiều lần, yêu cầu bổ sung giấy tờ không đúng quy định.',
          handling: 'Đảng ủy xã đã phê bình, yêu cầu cán bộ liên quan kiểm điểm trước chi bộ; Ủy ban nhân dân xã rà soát các hồ sơ còn tồn đọng.',
        },
      },
      {
        kind: 'shortcoming',
        content: 'Hòm thư góp ý của nhân dân tại trụ sở xã không được mở định kỳ.',
        followUp: {
          task: 'Mở hòm thư góp ý định kỳ hằng tháng, công khai kết quả trả lời nhân dân.',
          due: '2012-06-30',
          cancelled: { on: '2012-06-04', reason: 'Nội dung đã được Huyện ủy đưa vào kết luận chung về cải cách hành chính của các xã; không theo dõi riêng.' },
        },
      },
    ],
  },
  {
    district: 'BN.TPBN',
    commune: 'BN.TPBN.11',
    planned: '2012-05-29',
    held: '2012-05-29',
    findings: [
      {
        kind: 'violation',
        content: 'Một số đảng viên tổ chức việc cưới cho con linh đình, trái quy ước của khu phố.',
        followUp: { task: 'Chỉ đạo chi bộ kiểm điểm đảng viên vi phạm; đưa việc thực hiện nếp sống văn minh vào sinh hoạt chi bộ.', due: '2012-06-30' },
        phenomenon: {
          description: 'Một số đảng viên tổ chức đám cưới cho con linh đình, kéo dài nhiều ngày, mời khách quá đông, trái quy ước của khu phố.',
          handling: 'Chi bộ đã nhắc nhở, yêu cầu các đảng viên liên quan kiểm điểm; Đảng ủy phường đưa nội dung thực hiện nếp sống văn minh vào sinh hoạt chi bộ tháng 6/2012.',
        },
      },
    ],
  },
  {
    district: 'BN.GB',
    commune: 'BN.GB.04',
    planned: '2012-04-12',
    held: '2012-04-12',
    findings: [
      {
        kind: 'shortcoming',
        content: 'Đảng ủy xã chưa phân công cấp ủy viên theo dõi việc làm theo ở các chi bộ thôn.',
        followUp: {
          task: 'Phân công cấp ủy viên phụ trách, theo dõi việc học tập và làm theo ở từng chi bộ.',
          due: '2012-06-05',
          done: '2012-06-01',
          result: 'Đảng ủy xã đã ra quyết định phân công 9 đồng chí cấp ủy viên phụ trách các chi bộ.',
        },
      },
    ],
  },
  {
    district: 'BN.TT',
    commune: 'BN.TT.06',
    planned: '2012-05-03',
    held: null,
    cancelled: { on: '2012-04-27', reason: 'Trùng thời gian với Đoàn kiểm tra của Ban Thường vụ Tỉnh ủy; chuyển sang quý III/2012.' },
    findings: [],
  },
  { district: 'BN.LT', commune: 'BN.LT.04', planned: '2012-06-22', held: null, findings: [] },
  {
    district: 'BN.TD',
    commune: 'BN.TD.09',
    planned: '2012-04-18',
    held: '2012-04-18',
    findings: [
      { kind: 'strength', content: 'Các chi bộ thôn chọn việc làm theo gắn với giữ gìn di tích, cảnh quan của địa phương.' },
      {
        kind: 'shortcoming',
        content: 'Kế hoạch làm theo của một số chi bộ thôn chưa có mốc thời gian và người phụ trách.',
        followUp: {
          task: 'Hướng dẫn các chi bộ thôn bổ sung mốc thời gian, người phụ trách vào kế hoạch làm theo năm 2012.',
          due: '2012-06-29',
          done: '2012-05-30',
          result: 'Các chi bộ thôn đã bổ sung kế hoạch; Đảng ủy xã kiểm tra xong ngày 30/05/2012.',
        },
      },
    ],
  },
];

const BRIEFINGS: readonly (readonly [string, string | null, string | null])[] = [
  ['2011-10-27', '2011-10-27', 'Thống nhất phân công thành viên theo dõi các huyện, thị xã, thành phố và đảng ủy trực thuộc; đôn đốc các cấp ủy ban hành kế hoạch thực hiện Kế hoạch 08-KH/TU.'],
  ['2011-11-24', '2011-11-24', 'Tổng hợp tình hình ban hành kế hoạch và tổ chức hội nghị quán triệt; đề nghị Ban Thường vụ Tỉnh ủy nhắc nhở các đơn vị chậm.'],
  ['2011-12-29', '2011-12-29', 'Rút kinh nghiệm hội nghị sơ kết 6 tháng; chuẩn bị hướng dẫn học tập chuyên đề năm 2012.'],
  ['2012-01-12', '2012-01-12', 'Thống nhất nội dung hướng dẫn học tập chuyên đề năm 2012; chuẩn bị cho các cấp ủy tổ chức đăng ký việc làm theo sau Tết Nguyên đán.'],
  ['2012-02-23', '2012-02-23', 'Tham mưu quy định của Tỉnh ủy về số đơn vị chỉ đạo điểm và vấn đề nổi cộm năm 2012; theo dõi việc xây dựng chuẩn mực đạo đức.'],
  ['2012-03-29', '2012-03-29', 'Hướng dẫn đăng ký việc làm theo năm 2012; thống nhất kế hoạch kiểm tra các huyện ủy, thị ủy, thành ủy trong tháng 4–5/2012.'],
  ['2012-04-26', '2012-04-26', 'Đánh giá kết quả kiểm tra ba đơn vị đầu tiên; chuẩn bị nội dung hội nghị sơ kết 1 năm ngày 19/05/2012.'],
  ['2012-05-31', '2012-05-31', 'Rút kinh nghiệm hội nghị sơ kết 1 năm; phân công theo dõi việc khắc phục hạn chế sau kiểm tra, hạn hoàn thành trong quý III/2012.'],
  ['2012-06-28', null, null],
];

const YEAR_REVIEW_CONCLUSION =
  'Sau một năm thực hiện Chỉ thị 03-CT/TW, cấp ủy các cấp đã xây dựng kế hoạch, thành lập Bộ phận giúp việc, quán triệt Chỉ thị đến các chi bộ; ' +
  'công tác tuyên truyền được duy trì. Hạn chế: còn lúng túng khi chuyển từ Cuộc vận động thành nhiệm vụ thường xuyên, một số hướng dẫn còn chậm, ' +
  'Bộ phận giúp việc chưa thực sự hiệu quả, việc tuyên truyền nêu gương điển hình còn ít. Từ nay đến hết năm 2012 tập trung 4 nhiệm vụ: ' +
  'rà soát, thực hiện chuẩn mực đạo đức và chuẩn mực đạo đức nghề nghiệp; đăng ký việc làm theo và kiểm điểm cuối năm; đẩy mạnh học tập chuyên đề năm 2012; ' +
  'mỗi đảng bộ cấp huyện chỉ đạo điểm 2 đơn vị toàn diện và 3 đơn vị theo lĩnh vực. Ban Thường vụ Tỉnh ủy tặng Bằng khen cho các tập thể, cá nhân tiêu biểu.';

const YEAR_REVIEW_FINDINGS: readonly FindingSpec[] = [
  {
    kind: 'strength',
    content:
      'Ban Thường vụ Tỉnh ủy ban hành kịp thời Kế hoạch 08-KH/TU và các văn bản chỉ đạo; thành lập Bộ phận giúp việc cấp ủy các cấp; quán triệt Chỉ thị đến các chi bộ, đảng bộ cơ sở.',
  },
  {
    kind: 'strength',
    content: 'Công tác tuyên truyền được duy trì trên Báo Bắc Ninh, Đài Phát thanh - Truyền hình tỉnh, bản tin nội bộ các ngành và thông tin sinh hoạt chi bộ hằng tháng.',
  },
  {
    kind: 'shortcoming',
    content:
      'Cấp ủy các cấp còn lúng túng trong chỉ đạo chuyển từ Cuộc vận động thành yêu cầu, nhiệm vụ thường xuyên; nảy sinh tâm lý chờ đợi hướng dẫn của cấp trên; một số hướng dẫn ở các cấp còn chậm.',
    followUp: {
      task: 'Hướng dẫn các cấp ủy xây dựng chương trình thực hiện Chỉ thị 03-CT/TW thành nhiệm vụ thường xuyên, gắn với nhiệm vụ chính trị năm 2012.',
      due: '2012-06-15',
      done: '2012-06-11',
      result: 'Ban Thường vụ Tỉnh ủy đã ban hành hướng dẫn ngày 11/06/2012, gửi các huyện ủy, thị ủy, thành ủy và đảng ủy trực thuộc.',
    },
  },
  {
    kind: 'shortcoming',
    content: 'Hoạt động của Bộ phận giúp việc còn lúng túng, chưa thực sự có hiệu quả trong công tác tham mưu triển khai, thực hiện.',
    followUp: { task: 'Tổ chức tập huấn nghiệp vụ cho thành viên Bộ phận giúp việc cấp huyện và cơ sở.', due: '2012-07-31' },
  },
  {
    kind: 'shortcoming',
    content:
      'Hiệu quả công tác tuyên truyền chưa cao, sức lan tỏa chưa rộng; mức độ, thời lượng còn ít so với các năm trước; việc tuyên truyền nêu gương các điển hình còn ít.',
    followUp: {
      task: 'Phối hợp với Báo Bắc Ninh, Đài Phát thanh - Truyền hình tỉnh mở chuyên mục giới thiệu điển hình học tập và làm theo tấm gương đạo đức Hồ Chí Minh.',
      due: '2012-08-31',
    },
  },
  {
    kind: 'shortcoming',
    content: 'Việc xây dựng chuẩn mực đạo đức nghề nghiệp ở một số ngành, lĩnh vực trọng điểm còn chậm.',
    followUp: { task: 'Hướng dẫn xây dựng chuẩn mực đạo đức nghề nghiệp ở các ngành, lĩnh vực trọng điểm; hoàn thành trong quý III/2012.', due: '2012-08-31' },
  },
];

const HALF_YEAR_FINDINGS: readonly FindingSpec[] = [
  { kind: 'strength', content: 'Các cấp ủy đã ban hành kế hoạch, tổ chức quán triệt Chỉ thị 03-CT/TW; Bộ phận giúp việc cấp tỉnh và phần lớn cấp huyện đã được thành lập.' },
  {
    kind: 'shortcoming',
    unit: 'BN.TT',
    content: 'Ban Thường vụ Huyện ủy Thuận Thành ban hành kế hoạch chậm so với yêu cầu của Tỉnh ủy.',
    followUp: {
      task: 'Hoàn thành tổ chức hội nghị quán triệt Chỉ thị 03-CT/TW đến các đảng bộ cơ sở.',
      due: '2012-01-31',
      done: '2012-02-09',
      result: 'Huyện ủy đã tổ chức hội nghị quán triệt cho bí thư các chi bộ, đảng bộ cơ sở ngày 09/02/2012.',
    },
  },
  {
    kind: 'shortcoming',
    content: 'Chưa có hướng dẫn thống nhất về nội dung học tập chuyên đề năm 2012 trong sinh hoạt chi bộ.',
    followUp: {
      task: 'Ban hành hướng dẫn học tập chuyên đề năm 2012; mỗi kỳ sinh hoạt chi bộ chọn 1 đến 2 nội dung.',
      due: '2012-01-31',
      done: '2012-01-16',
      result: 'Ban Thường vụ Tỉnh ủy đã ban hành hướng dẫn học tập chuyên đề năm 2012 ngày 16/01/2012.',
    },
  },
  { kind: 'shortcoming', unit: 'BN.LT', content: 'Ban Thường vụ Huyện ủy Lương Tài chưa thành lập Bộ phận giúp việc.' },
];

const FINAL_REVIEW_FINDINGS: readonly FindingSpec[] = [
  { kind: 'strength', content: 'Cuộc vận động đã tạo chuyển biến tích cực về nhận thức và hành động của cán bộ, đảng viên; xuất hiện nhiều tập thể, cá nhân điển hình.' },
  { kind: 'shortcoming', content: 'Việc làm theo ở một số nơi còn hình thức; chưa có cách theo dõi, đánh giá thường xuyên kết quả làm theo của đảng viên.' },
];

const DISTRICT_REVIEW_DAYS: Readonly<Record<string, string>> = DISTRICT_DECISION_DAYS.C;

/** Publicity entries per month, besides the public page (which follows publication). */
const PUBLICITY_PER_MONTH: Readonly<Record<string, number>> = {
  '2011-02': 3,
  '2011-03': 5,
  '2011-04': 6,
  '2011-05': 8,
  '2011-06': 6,
  '2011-07': 4,
  '2011-08': 3,
  '2011-09': 4,
  '2011-10': 3,
  '2011-11': 4,
  '2011-12': 5,
  '2012-01': 1,
  '2012-03': 2,
  '2012-04': 1,
  '2012-05': 2,
  '2012-06': 2,
};
const CHANNEL_WEIGHTS: readonly (readonly [Exclude<ChannelKey, 'public_page'>, number])[] = [
  ['newspaper', 3],
  ['broadcast', 2],
  ['bulletin', 3],
  ['cell_info', 3],
];

// ——— The build ———

type Unit = OversightInput['units'][number];
type Member = OversightInput['members'][number];

/** Build the oversight, exemplar and publicity rows in memory, deterministically. */
export function buildOversightDemo(input: OversightInput, accounts: readonly OversightAccount[], bases: OversightIdBases = NO_BASES): OversightDemo {
  const rnd = new Random(OVERSIGHT_SEED);
  const byId = new Map(input.units.map((u) => [u.id, u]));
  const byCode = new Map(input.units.map((u) => [u.code, u]));
  const unitByCode = (code: string): Unit => {
    const unit = byCode.get(code);
    if (!unit) throw new Error(`demo unit ${code} missing`);
    return unit;
  };
  const childrenOf = new Map<number, Unit[]>();
  for (const unit of input.units) {
    if (unit.parentId === null) continue;
    const list = childrenOf.get(unit.parentId) ?? [];
    list.push(unit);
    childrenOf.set(unit.parentId, list);
  }
  const province = input.units.find((u) => u.parentId === null);
  if (!province) throw new Error('demo province missing');
  const parentOf = (unit: Unit): Unit | undefined => (unit.parentId === null ? undefined : byId.get(unit.parentId));
  const districtOf = (unit: Unit): Unit => {
    let u: Unit | undefined = unit;
    while (u && u.parentId !== province.id) u = parentOf(u);
    if (!u) throw new Error(`unit ${unit.code} is not under a district`);
    return u;
  };

  /** `CODE`, or `CODE/village:N` (N-th village cell), `CODE/child:N` (N-th child), `CODE/sector:S` (first child of the sector). */
  const resolveUnit = (selector: string): Unit => {
    const [code = '', rule] = selector.split('/');
    const unit = unitByCode(code);
    if (!rule) return unit;
    const [how, arg = ''] = rule.split(':');
    const children = childrenOf.get(unit.id) ?? [];
    const found =
      how === 'village'
        ? children.filter((c) => c.sector === 'village')[Number(arg) - 1]
        : how === 'child'
          ? children[Number(arg) - 1]
          : children.find((c) => c.sector === arg);
    if (!found) throw new Error(`demo unit ${selector} missing`);
    return found;
  };

  // Accounts: the nearest one at or above a unit signs for it.
  const signers = new Map<number, number>();
  const roleOrder = ['province_officer', 'district_officer', 'grassroots_officer', 'cell_secretary'];
  for (const account of [...accounts].sort((a, b) => roleOrder.indexOf(a.role) - roleOrder.indexOf(b.role) || a.id - b.id)) {
    if (!roleOrder.includes(account.role) || signers.has(account.scopeUnitId)) continue;
    signers.set(account.scopeUnitId, account.id);
  }
  const accountFor = (unit: Unit): number => {
    for (let u: Unit | undefined = unit; u; u = parentOf(u)) {
      const id = signers.get(u.id);
      if (id !== undefined) return id;
    }
    throw new Error(`no demo account above ${unit.code}`);
  };
  const provinceAccount = accountFor(province);

  const membersOf = new Map<number, Member[]>();
  for (const member of input.members) {
    const list = membersOf.get(member.unitId);
    if (list) list.push(member);
    else membersOf.set(member.unitId, [member]);
  }
  const memberById = (id: number): Member => {
    const found = input.members[id - 1]?.id === id ? input.members[id - 1] : input.members.find((m) => m.id === id);
    if (!found) throw new Error(`demo member ${id} missing`);
    return found;
  };
  const holder = (unit: Unit, position: string): Member => {
    const found = input.positions.find((p) => p.unitId === unit.id && p.position === position);
    if (!found) throw new Error(`no ${position} at ${unit.code}`);
    return memberById(found.memberId);
  };

  // ——— Oversight ———
  const activities: ActivitySeed[] = [];
  const findings: FindingSeed[] = [];
  const followUps: FollowUpSeed[] = [];
  const phenomena: PhenomenonSeed[] = [];

  const addActivity = (a: Omit<ActivitySeed, 'id' | 'state' | 'cancelReason' | 'createdBy'> & { cancelReason?: string }): ActivitySeed => {
    const organiser = byId.get(a.organiserUnitId);
    if (!organiser) throw new Error('organiser missing');
    const activity: ActivitySeed = {
      ...a,
      id: bases.activity + activities.length + 1,
      state: a.cancelReason ? 'cancelled' : a.heldOn ? 'held' : 'planned',
      cancelReason: a.cancelReason ?? null,
      createdBy: accountFor(organiser),
    };
    activities.push(activity);
    return activity;
  };

  const addFindings = (activity: ActivitySeed, defaultUnit: Unit, specs: readonly FindingSpec[]) => {
    if (activity.heldOn === null && specs.length > 0) throw new Error(`findings of an activity not held: ${activity.title}`);
    const organiser = byId.get(activity.organiserUnitId) ?? province;
    const createdOn = addWorkdays(activity.heldOn ?? activity.plannedOn, rnd.int(1, 3));
    specs.forEach((spec, index) => {
      const unit = spec.unit ? unitByCode(spec.unit) : defaultUnit;
      const createdAt = at(createdOn, 10, index * 5);
      const finding: FindingSeed = {
        id: bases.finding + findings.length + 1,
        activityId: activity.id,
        number: index + 1,
        unitId: unit.id,
        kind: spec.kind,
        content: spec.content,
        createdBy: accountFor(organiser),
        createdAt,
        updatedAt: createdAt,
      };
      findings.push(finding);
      const f = spec.followUp;
      if (f) {
        if (f.due <= createdOn) throw new Error(`follow-up due before its finding: ${f.task}`);
        const done = f.done ?? null;
        if (done !== null && (done < createdOn || done > TODAY || !f.result)) throw new Error(`bad follow-up: ${f.task}`);
        const state: FollowUpSeed['state'] = f.cancelled ? 'cancelled' : done ? 'done' : 'open';
        const updatedOn = f.cancelled?.on ?? f.reopened?.on ?? done ?? createdOn;
        followUps.push({
          id: bases.followUp + followUps.length + 1,
          findingId: finding.id,
          ownerUnitId: unit.id,
          task: f.task,
          dueOn: f.due,
          state,
          doneOn: done,
          result: done ? (f.result ?? null) : null,
          closedBy: done ? accountFor(unit) : null,
          reopenComment: f.reopened?.comment ?? null,
          cancelReason: f.cancelled?.reason ?? null,
          createdAt,
          updatedAt: updatedOn === createdOn ? createdAt : at(updatedOn, 16, 15),
        });
      }
      if (spec.phenomenon) {
        phenomena.push({
          id: bases.phenomenon + phenomena.length + 1,
          findingId: finding.id,
          unitId: unit.id,
          description: spec.phenomenon.description,
          handling: spec.phenomenon.handling,
          createdBy: accountFor(organiser),
          createdAt,
          updatedAt: at(addWorkdays(createdOn, 5), 15, 0),
        });
      }
    });
  };

  const districtLevel = (childrenOf.get(province.id) ?? []).filter((u) => u.kind === 'district_committee' || u.kind === 'affiliated_committee');
  const districts = districtLevel.filter((u) => u.kind === 'district_committee');
  if (districts.length !== DEMO_INSPECTIONS.count) throw new Error(`the demo has ${districts.length} districts`);
  const held = (on: string) => at(addWorkdays(on, 1), 16, 30);

  // The earlier campaign's tổng kết 5 năm (its exemplars are commended on 25/04/2011).
  const finalReview = addActivity({
    organiserUnitId: province.id,
    kind: 'final_review',
    title: 'Hội nghị tổng kết 5 năm thực hiện Cuộc vận động "Học tập và làm theo tấm gương đạo đức Hồ Chí Minh" (2006–2011)',
    plannedOn: '2011-04-26',
    heldOn: '2011-04-26',
    location: 'Hội trường Tỉnh ủy Bắc Ninh',
    participants: 'Thường trực Tỉnh ủy; Ban Chỉ đạo Cuộc vận động của tỉnh; Thường trực các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc; đại diện các tập thể, cá nhân điển hình',
    participantCount: 420,
    conclusion:
      'Hội nghị đánh giá 5 năm thực hiện Cuộc vận động đã tạo chuyển biến tích cực về nhận thức và hành động của cán bộ, đảng viên; ' +
      'Ban Thường vụ Tỉnh ủy tặng Bằng khen cho các tập thể, cá nhân có thành tích xuất sắc.',
    unitIds: districtLevel.map((u) => u.id),
    createdAt: at('2011-04-04', 9, 0),
    updatedAt: held('2011-04-26'),
  });
  addFindings(finalReview, province, FINAL_REVIEW_FINDINGS);

  // Monthly briefings of the Tỉnh ủy's helper unit.
  for (const [planned, on, conclusion] of BRIEFINGS) {
    // Called a week ahead (the June one was already on the calendar by the article's day).
    const calledOn = addWorkdays(planned, -5) > TODAY ? addWorkdays(TODAY, -3) : addWorkdays(planned, -5);
    addActivity({
      organiserUnitId: province.id,
      kind: 'briefing',
      title: `Giao ban Bộ phận giúp việc Tỉnh ủy tháng ${Number(planned.slice(5, 7))}/${planned.slice(0, 4)}`,
      plannedOn: planned,
      heldOn: on,
      location: 'Phòng họp Ban Tuyên giáo Tỉnh ủy',
      participants: on ? 'Các thành viên Bộ phận giúp việc Ban Thường vụ Tỉnh ủy' : null,
      participantCount: on ? rnd.int(8, 12) : null,
      conclusion,
      unitIds: [province.id],
      createdAt: at(calledOn, 9, 30),
      updatedAt: on ? held(on) : at(calledOn, 9, 30),
    });
  }

  const halfYear = addActivity({
    organiserUnitId: province.id,
    kind: 'review_half_year',
    title: DEMO_HALF_YEAR_REVIEW.title,
    plannedOn: DEMO_HALF_YEAR_REVIEW.heldOn,
    heldOn: DEMO_HALF_YEAR_REVIEW.heldOn,
    location: 'Hội trường Tỉnh ủy Bắc Ninh',
    participants: 'Thường trực Tỉnh ủy; Bộ phận giúp việc Tỉnh ủy; Thường trực, Bộ phận giúp việc các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc',
    participantCount: 145,
    conclusion:
      'Sau 6 tháng, các cấp ủy đã ban hành kế hoạch và quán triệt Chỉ thị; một số đơn vị còn chậm. Hội nghị thống nhất nội dung học tập chuyên đề năm 2012 ' +
      'và yêu cầu các đơn vị chưa thành lập Bộ phận giúp việc khẩn trương hoàn thành.',
    unitIds: districtLevel.map((u) => u.id),
    createdAt: at('2011-12-01', 9, 0),
    updatedAt: held(DEMO_HALF_YEAR_REVIEW.heldOn),
  });
  addFindings(halfYear, province, HALF_YEAR_FINDINGS);

  // The Tỉnh ủy's inspections of the 8 district-level committees, planned on 05/04/2012.
  const inspectionCodes = new Set(INSPECTIONS.map((i) => i.code));
  if (districts.some((d) => !inspectionCodes.has(d.code))) throw new Error('an inspection is missing for a district');
  for (const spec of INSPECTIONS) {
    const district = unitByCode(spec.code);
    const title = committeeTitle(district);
    const activity = addActivity({
      organiserUnitId: province.id,
      kind: 'inspection',
      title: `Kiểm tra việc thực hiện Chỉ thị 03-CT/TW của Bộ Chính trị tại Ban Thường vụ ${title}`,
      plannedOn: spec.planned,
      heldOn: spec.held,
      location: `Trụ sở ${title}`,
      participants: spec.held
        ? `Đoàn kiểm tra của Ban Thường vụ Tỉnh ủy; Thường trực ${title}, Bộ phận giúp việc và lãnh đạo một số cơ sở`
        : 'Đoàn kiểm tra của Ban Thường vụ Tỉnh ủy',
      participantCount: spec.held ? rnd.int(14, 24) : null,
      conclusion: spec.held
        ? `Đoàn kiểm tra thông báo kết luận: ${title} đã triển khai Chỉ thị 03-CT/TW, nhưng còn những hạn chế cần khắc phục; yêu cầu báo cáo kết quả khắc phục theo thời hạn ghi trong kết luận.`
        : null,
      unitIds: [district.id],
      createdAt: at('2012-04-05', 9, 0),
      updatedAt: spec.held ? held(spec.held) : at('2012-05-21', 14, 0),
    });
    addFindings(activity, district, spec.findings);
  }

  // The districts' own sơ kết 1 năm, when they commended their exemplars of 2012.
  for (const district of districts) {
    const on = DISTRICT_REVIEW_DAYS[district.code];
    if (!on) throw new Error(`no review day for ${district.code}`);
    const title = committeeTitle(district);
    addActivity({
      organiserUnitId: district.id,
      kind: 'review_year',
      title: `Sơ kết 1 năm thực hiện Chỉ thị 03-CT/TW trong ${district.name}`,
      plannedOn: on,
      heldOn: on,
      location: `Hội trường ${title}`,
      participants: `Ban Thường vụ ${title}; bí thư các chi bộ, đảng bộ cơ sở; đại diện các tập thể, cá nhân điển hình`,
      participantCount: rnd.int(150, 260),
      conclusion: `Hội nghị đánh giá kết quả một năm, chỉ ra hạn chế và nhiệm vụ đến hết năm 2012; Ban Thường vụ ${title} tặng Giấy khen cho các tập thể, cá nhân tiêu biểu.`,
      unitIds: [district.id],
      createdAt: at(addWorkdays(on, -15), 9, 0),
      updatedAt: held(on),
    });
  }

  const yearReview = addActivity({
    organiserUnitId: province.id,
    kind: 'review_year',
    title: DEMO_YEAR_REVIEW.title,
    plannedOn: DEMO_YEAR_REVIEW.heldOn,
    heldOn: DEMO_YEAR_REVIEW.heldOn,
    location: 'Hội trường Tỉnh ủy Bắc Ninh',
    participants:
      'Thường trực Tỉnh ủy; lãnh đạo các ban xây dựng Đảng, Bộ phận giúp việc Tỉnh ủy; Thường trực các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy; ' +
      'đại diện các tập thể, cá nhân điển hình được khen thưởng',
    participantCount: 320,
    conclusion: YEAR_REVIEW_CONCLUSION,
    unitIds: districtLevel.map((u) => u.id),
    createdAt: at('2012-04-23', 9, 0),
    updatedAt: at('2012-05-21', 16, 30),
  });
  addFindings(yearReview, province, YEAR_REVIEW_FINDINGS);

  // District committees' supervisions of communes and wards.
  for (const spec of SUPERVISIONS) {
    const district = unitByCode(spec.district);
    const commune = unitByCode(spec.commune);
    if (districtOf(commune).id !== district.id) throw new Error(`${spec.commune} is not under ${spec.district}`);
    const title = committeeTitle(district);
    const communeTitle = committeeTitle(commune);
    const createdOn = addWorkdays(spec.planned, -rnd.int(8, 15));
    const activity = addActivity({
      organiserUnitId: district.id,
      kind: 'supervision',
      title: `Giám sát việc học tập và làm theo tấm gương đạo đức Hồ Chí Minh tại ${communeTitle}`,
      plannedOn: spec.planned,
      heldOn: spec.held,
      cancelReason: spec.cancelled?.reason,
      location: `Trụ sở ${communeTitle}`,
      participants: spec.held ? `Đoàn giám sát của Ban Thường vụ ${title}; Ban Thường vụ ${communeTitle}, bí thư các chi bộ trực thuộc` : null,
      participantCount: spec.held ? rnd.int(12, 22) : null,
      conclusion: spec.held ? `Đoàn giám sát ghi nhận kết quả và yêu cầu ${communeTitle} khắc phục các hạn chế, báo cáo ${title} theo thời hạn.` : null,
      unitIds: [commune.id],
      createdAt: at(createdOn, 9, 0),
      updatedAt: spec.held ? held(spec.held) : spec.cancelled ? at(spec.cancelled.on, 10, 0) : at(createdOn, 9, 0),
    });
    addFindings(activity, commune, spec.findings);
  }

  // ——— Exemplars ———
  const exemplars: ExemplarSeed[] = [];
  const steps: StepSeed[] = [];
  /** The day each exemplar was verified at its deciding level (approved). */
  const approvedOn = new Map<number, string>();
  const usedMembers = new Set<number>();

  const place = (unit: Unit) => unit.name.replace(/^(Chi bộ|Đảng bộ)\s+/u, '');
  const districtPlace = (unit: Unit) => place(unit).replace(/^Thị xã/u, 'thị xã').replace(/^Thành phố/u, 'thành phố');
  const communeOf = (unit: Unit): Unit | null => {
    for (let u: Unit | undefined = unit; u; u = parentOf(u)) if (u.kind === 'grassroots_committee' && u.sector === 'commune') return u;
    return null;
  };
  const cellLabel = (cell: Unit): string => {
    const parent = parentOf(cell);
    if (!parent || cell.kind === 'grassroots_cell' || cell.kind === 'grassroots_committee') return cell.name;
    if (parent.sector === 'commune') return cell.sector === 'village' ? cell.name : `${cell.name} ${place(parent)}`;
    const grand = parentOf(parent);
    return grand?.kind === 'district_committee' ? `${cell.name}, ${parent.name} ${place(grand)}` : `${cell.name}, ${parent.name}`;
  };
  const decisionNumber = (district: Unit, date: string): number => {
    const base = DISTRICT_DECISION_BASE[district.code];
    if (!base) throw new Error(`no decision numbers for ${district.code}`);
    return Math.round((base[0] * daysBetween(TERM_START, date)) / daysBetween(TERM_START, base[1]));
  };

  for (const spec of EXEMPLARS) {
    const arch = ARCHETYPES[spec.arch];
    const wave = WAVES[spec.wave];
    const nominating = resolveUnit(spec.nominating);
    const subjectUnit = spec.subject ? resolveUnit(spec.subject) : nominating;
    const district = districtOf(nominating);
    const deciding = spec.deciding === 'province' ? province : district;
    if (deciding.kind !== 'province_committee' && deciding.kind !== 'district_committee') throw new Error(`${spec.nominating} cannot be decided by ${deciding.code}`);
    // The chain: ancestors strictly above the nominating unit, nearest first, up to the deciding unit.
    const chain: Unit[] = [];
    for (let u = parentOf(nominating); u; u = parentOf(u)) {
      chain.push(u);
      if (u.id === deciding.id) break;
    }
    if (chain.at(-1)?.id !== deciding.id) throw new Error(`${deciding.code} is not above ${nominating.code}`);

    // The subject.
    let member: Member | null = null;
    if (arch.subject === 'member') {
      const roll = (membersOf.get(subjectUnit.id) ?? []).filter((m) => !usedMembers.has(m.id));
      if (spec.arch === 'village_secretary') member = holder(subjectUnit, 'secretary');
      else if (spec.arch === 'commune_leader') member = holder(subjectUnit, 'secretary');
      else if (spec.arch === 'elder_land') member = roll.slice(1).reduce<Member | null>((best, m) => (best === null || m.birthDate < best.birthDate ? m : best), null);
      else if (spec.arch === 'young_entrepreneur')
        member = roll.filter((m) => m.gender === 'male').reduce<Member | null>((best, m) => (best === null || m.birthDate > best.birthDate ? m : best), null);
      else if (spec.arch === 'woman_economy') member = rnd.pick(roll.slice(1).filter((m) => m.gender === 'female'));
      else member = rnd.pick(roll);
      if (!member) throw new Error(`no member for ${spec.arch} at ${subjectUnit.code}`);
      if (usedMembers.has(member.id)) throw new Error(`member ${member.id} nominated twice`);
      usedMembers.add(member.id);
      const cell = byId.get(member.unitId);
      if (!cell || !`${cell.path}.`.startsWith(`${nominating.path}.`)) throw new Error(`${spec.arch}: the member is not in ${nominating.code}`);
    }
    const memberCell = member ? byId.get(member.unitId) : undefined;
    const cell = memberCell ?? subjectUnit;
    const commune = communeOf(cell);
    const isStreet = cell.sector === 'village' && /khu phố/u.test(cell.name);
    const schoolName = () => {
      const communeUnit = communeOf(cell);
      return `${cell.name.replace(/^Chi bộ\s+/u, '')}${communeUnit ? ` ${communeUnit.name.replace(/^Đảng bộ\s+(xã|phường|thị trấn)\s+/u, '')}` : ''}`;
    };
    const workplace =
      spec.arch === 'doctor'
        ? commune
          ? `Trạm Y tế ${place(commune)}`
          : parentOf(cell)?.code.endsWith('.DB2')
            ? `Trung tâm Y tế ${districtPlace(district)}`
            : place(parentOf(cell) ?? cell)
        : spec.arch === 'teacher' || spec.arch === 'school'
          ? schoolName()
          : spec.arch === 'police'
            ? commune
              ? place(commune)
              : `${place(parentOf(cell) ?? cell)}, Công an tỉnh`
            : spec.arch === 'worker' || spec.arch === 'enterprise_team'
              ? place(cell.kind === 'cell' ? (parentOf(cell) ?? cell) : cell)
              : place(cell);
    const personName = spec.person ? fullName({ familyName: spec.person[0], middleName: spec.person[1], givenName: spec.person[2] }) : null;
    const ctx: StoryContext = {
      name: member ? fullName(member) : (personName ?? ''),
      given: spec.person?.[2] ?? member?.givenName ?? '',
      cell: cellLabel(cell),
      hamlet: cell.sector === 'village' ? place(cell) : commune ? place(commune) : place(cell),
      commune: commune ? place(commune) : place(district),
      district: districtPlace(district),
      workplace,
      teacher: member?.gender === 'female' ? 'cô' : 'thầy',
      cellSize: membersOf.get(cell.id)?.length ?? 0,
      a: spec.arch === 'teacher' ? rnd.int(12, 25) : rnd.int(6, 30) * 5,
      h: rnd.int(3, 14),
      m: isStreet ? rnd.int(8, 30) * 10 : rnd.int(30, 120) * 10,
      w: rnd.int(8, 40),
    };
    if (arch.subject === 'collective' && !arch.collectiveName) ctx.name = ctx.cell;
    else if (arch.collectiveName) ctx.name = arch.collectiveName(ctx);
    const title = spec.title ?? arch.title(ctx);
    const summary = quoted(arch.summary(ctx));
    if (summary.length > 1000) throw new Error(`summary too long: ${title}`);

    // The steps: submit, verify level by level (a first round returned when asked), then the outcome.
    const scenario = spec.scenario;
    const plan: { unit: Unit; action: StepAction; comment: string | null }[] = [];
    const submit = () => plan.push({ unit: nominating, action: 'submit', comment: null });
    const verify = (count: number) => {
      for (const level of chain.slice(0, count)) plan.push({ unit: level, action: 'verify', comment: rnd.pick(VERIFY_COMMENTS) });
    };
    if (scenario.state !== 'draft') {
      if (spec.returnedFirst) {
        submit();
        plan.push({ unit: chain[0] ?? deciding, action: 'return', comment: RETURN_COMMENTS[1] });
      }
      submit();
      if (scenario.state === 'approved' || scenario.state === 'commended') verify(chain.length);
      else {
        if (scenario.at >= chain.length) throw new Error(`no level ${scenario.at} above ${nominating.code}`);
        verify(scenario.at);
        const level = chain[scenario.at] ?? deciding;
        if (scenario.state === 'returned') plan.push({ unit: level, action: 'return', comment: rnd.pick(RETURN_COMMENTS) });
        if (scenario.state === 'rejected') plan.push({ unit: level, action: 'reject', comment: rnd.pick(REJECT_COMMENTS) });
      }
    }

    // Dates: working-day gaps, fitted between the wave's window and the decision (or today).
    const decision =
      scenario.state === 'commended'
        ? spec.deciding === 'province'
          ? { date: PROVINCE_DECISIONS[spec.wave].date, number: PROVINCE_DECISIONS[spec.wave].number }
          : (() => {
              const date = DISTRICT_DECISION_DAYS[spec.wave][district.code];
              if (!date) throw new Error(`no decision day for ${district.code}`);
              return { date, number: decisionNumber(district, date) };
            })()
        : null;
    const open = scenario.state === 'pending' || scenario.state === 'returned' || scenario.state === 'rejected';
    const window = spec.wave === 'C' && open ? OPEN_WINDOW : scenario.state === 'draft' ? DRAFT_WINDOW : wave;
    const limit = decision
      ? addWorkdays(decision.date, -1)
      : spec.wave === 'A'
        ? '2011-03-31'
        : spec.wave === 'B'
          ? '2011-12-16'
          : '2012-06-18';
    const gaps = plan.map((s, i) => (i === 0 ? 0 : s.action === 'submit' ? rnd.int(4, 8) : rnd.int(2, 5)));
    const total = gaps.reduce((sum, g) => sum + g, 0);
    const latestStart = addWorkdays(limit, -total);
    let day = workdayBetween(rnd, window.from, window.to);
    if (day > latestStart) day = latestStart;
    const created = addWorkdays(day, -rnd.int(1, 4));
    const exemplarId = bases.exemplar + exemplars.length + 1;
    let last = at(created, 14, 20);
    plan.forEach((s, i) => {
      day = addWorkdays(day, gaps[i] ?? 0);
      last = office(rnd, day);
      steps.push({ id: bases.step + steps.length + 1, exemplarId, unitId: s.unit.id, action: s.action, comment: s.comment, actedBy: accountFor(s.unit), actedAt: last });
    });
    if (day > limit || day > TODAY) throw new Error(`exemplar steps run late: ${title}`);
    // A draft was last edited on its day.
    if (plan.length === 0) last = at(day, 16, 40);
    if (scenario.state === 'approved' || scenario.state === 'commended') approvedOn.set(exemplarId, day);

    let symbol: string | null = null;
    if (decision) {
      symbol = formatDocumentSymbol(decision.number, 'QĐ', issuerCodeForUnit(deciding));
      const recordedOn = addWorkdays(decision.date, 0);
      last = at(recordedOn, 15, 30);
      steps.push({
        id: bases.step + steps.length + 1,
        exemplarId,
        unitId: deciding.id,
        action: 'commend',
        comment: `Quyết định số ${symbol} ngày ${dmy(decision.date)} của Ban Thường vụ ${committeeTitle(deciding)}.`,
        actedBy: accountFor(deciding),
        actedAt: last,
      });
    }
    let publishedAt: string | null = null;
    if (spec.publishOn) {
      if (scenario.state !== 'approved' && scenario.state !== 'commended') throw new Error(`only verified exemplars are published: ${title}`);
      publishedAt = at(spec.publishOn, 9, 15);
      if (publishedAt <= last || spec.publishOn > TODAY) throw new Error(`published before the decision: ${title}`);
      last = publishedAt;
      steps.push({
        id: bases.step + steps.length + 1,
        exemplarId,
        unitId: deciding.id,
        action: 'publish',
        comment: 'Công khai trên trang công khai của Lamtheo.',
        actedBy: accountFor(deciding),
        actedAt: publishedAt,
      });
    }

    const state: ExemplarState = scenario.state;
    exemplars.push({
      id: exemplarId,
      nominatingUnitId: nominating.id,
      year: wave.year,
      subjectKind: arch.subject,
      memberId: member?.id ?? null,
      familyName: spec.person?.[0] ?? null,
      middleName: spec.person ? spec.person[1] || null : null,
      givenName: spec.person?.[2] ?? null,
      // A cell of the tree (the model cell; the health station's cell), else a named collective.
      collectiveUnitId: arch.subject === 'collective' && (!arch.collectiveName || spec.arch === 'health_station') ? cell.id : null,
      collectiveName: arch.collectiveName ? ctx.name : null,
      title,
      field: arch.field,
      summary,
      // Two drafts have no story yet.
      storyHtml: state === 'draft' && (spec.arch === 'commune_leader' || spec.arch === 'insurance_agency') ? '' : arch.story(ctx),
      decidingUnitId: deciding.id,
      state,
      pendingUnitId: scenario.state === 'pending' ? (chain[scenario.at]?.id ?? null) : null,
      commendationForm: decision ? (spec.deciding === 'province' ? 'bang_khen' : 'giay_khen') : null,
      commendationTitle: decision ? wave.reason : null,
      decisionSymbol: symbol,
      decisionDate: decision?.date ?? null,
      commendedBy: decision ? accountFor(deciding) : null,
      isPublic: publishedAt !== null,
      publishedAt,
      createdBy: accountFor(nominating),
      createdAt: at(created, 14, 20),
      updatedAt: last,
    });
  }
  const titles = new Set(exemplars.map((e) => e.title));
  if (titles.size !== exemplars.length) throw new Error('demo exemplar titles repeat');

  // ——— Publicity ———
  const entries: EntrySeed[] = [];
  const uses = new Map<number, Set<ChannelKey>>();
  const districtAccount = (exemplar: ExemplarSeed) => accountFor(districtOf(byId.get(exemplar.nominatingUnitId) ?? province));
  const entryTitle = (exemplar: ExemplarSeed, channel: ChannelKey, on: string) => {
    const month = `${Number(on.slice(5, 7))}/${on.slice(0, 4)}`;
    switch (channel) {
      case 'newspaper':
      case 'public_page':
        return exemplar.title;
      case 'broadcast':
        return `Chuyên mục "Học tập và làm theo Bác": ${exemplar.title}`;
      case 'bulletin':
        return `Bản tin nội bộ tháng ${month}: ${exemplar.title}`;
      case 'cell_info':
        return `Thông tin sinh hoạt chi bộ tháng ${month}: ${exemplar.title}`;
    }
  };
  const addEntry = (exemplar: ExemplarSeed, channel: ChannelKey, on: string) => {
    const id = bases.entry + entries.length + 1;
    const title = entryTitle(exemplar, channel, on);
    const url =
      channel === 'newspaper'
        ? `https://baobacninh.com.vn/hoc-tap-va-lam-theo-bac/-/${slug(exemplar.title)}-${on.replaceAll('-', '')}.html`
        : channel === 'broadcast'
          ? `https://bacninhtv.vn/video/lam-theo-bac/${slug(exemplar.title)}-${3000 + id}.html`
          : null;
    const recordedOn = addWorkdays(on, rnd.int(0, 3));
    entries.push({
      id,
      exemplarId: exemplar.id,
      channel,
      publishedOn: on,
      title,
      url,
      recordedBy: channel === 'bulletin' || channel === 'cell_info' ? districtAccount(exemplar) : provinceAccount,
      createdAt: recordedOn > TODAY ? at(TODAY, 16, 45) : at(recordedOn, 10, rnd.int(0, 11) * 5),
    });
    const set = uses.get(exemplar.id) ?? new Set<ChannelKey>();
    set.add(channel);
    uses.set(exemplar.id, set);
  };

  // The public page follows each publication; the public story is in Báo Bắc Ninh and on the provincial television.
  const story = exemplars.find((e) => e.title === DEMO_PUBLIC_STORY.title);
  if (!story) throw new Error('the demo public story is missing');
  const fixed: { exemplar: ExemplarSeed; channel: ChannelKey; on: string }[] = [
    { exemplar: story, channel: 'newspaper', on: '2012-05-28' },
    { exemplar: story, channel: 'broadcast', on: '2012-06-12' },
  ];
  for (const exemplar of exemplars) if (exemplar.publishedAt) fixed.push({ exemplar, channel: 'public_page', on: exemplar.publishedAt.slice(0, 10) });

  for (const [month, count] of Object.entries(PUBLICITY_PER_MONTH)) {
    const own = fixed.filter((f) => f.on.startsWith(month) && f.channel !== 'public_page');
    for (const f of own) addEntry(f.exemplar, f.channel, f.on);
    const first = month === '2011-02' ? '2011-02-09' : `${month}-01`;
    // June: by the 19th (the article's day in 2012; the same period in 2011).
    const lastDay = month.endsWith('-06')
      ? `${month}-18`
      : month.endsWith('-12')
        ? `${month}-30`
        : shift(`${month.slice(0, 5)}${String(Number(month.slice(5)) + 1).padStart(2, '0')}-01`, -1);
    for (let k = own.length; k < count; k++) {
      const on = workdayBetween(rnd, first, lastDay);
      const eligible = exemplars.filter((e) => {
        const verified = approvedOn.get(e.id);
        return verified !== undefined && verified < on && e.year <= Number(on.slice(0, 4)) && (e.year === Number(on.slice(0, 4)) || on < '2012-05-01');
      });
      if (eligible.length === 0) throw new Error(`no exemplar to publicise on ${on}`);
      const least = Math.min(...eligible.map((e) => uses.get(e.id)?.size ?? 0));
      const exemplar = rnd.pick(eligible.filter((e) => (uses.get(e.id)?.size ?? 0) === least));
      const used = uses.get(exemplar.id) ?? new Set<ChannelKey>();
      const channels = CHANNEL_WEIGHTS.filter(([c]) => !used.has(c));
      addEntry(exemplar, rnd.weighted(channels.length > 0 ? channels : CHANNEL_WEIGHTS), on);
    }
  }
  for (const f of fixed) if (f.channel === 'public_page') addEntry(f.exemplar, f.channel, f.on);
  entries.sort((a, b) => a.publishedOn.localeCompare(b.publishedOn) || a.id - b.id);
  entries.forEach((e, i) => (e.id = bases.entry + i + 1));

  return { activities, findings, followUps, phenomena, exemplars, steps, entries };
}

export interface OversightSummary {
  activities: number;
  findings: number;
  followUps: number;
  exemplars: number;
  steps: number;
  entries: number;
}

/** Write the oversight, exemplar and publicity rows into the demo's transaction, after the accounts are created. */
export async function loadOversightDemo(tx: Db, input: OversightInput): Promise<OversightSummary> {
  const max = async (table: string) =>
    Number((await sql<{ max: string | null }>`SELECT max(id)::text AS max FROM ${sql.table(table)}`.execute(tx)).rows[0]?.max ?? 0);
  const bases: OversightIdBases = {
    activity: await max('oversight_activity'),
    finding: await max('oversight_finding'),
    followUp: await max('follow_up'),
    phenomenon: await max('negative_phenomenon'),
    exemplar: await max('exemplar'),
    step: await max('exemplar_step'),
    entry: await max('publicity_entry'),
  };
  const accounts = await tx
    .selectFrom('account')
    .select(['id', 'role', 'scope_unit_id'])
    .where('role', 'in', ['province_officer', 'district_officer', 'grassroots_officer', 'cell_secretary'])
    .where('disabled_at', 'is', null)
    .execute();
  const demo = buildOversightDemo(
    input,
    accounts.map((a) => ({ id: Number(a.id), role: a.role, scopeUnitId: Number(a.scope_unit_id) })),
    bases,
  );
  const { activities, findings, followUps, phenomena, exemplars, steps, entries } = demo;

  const a = <K extends keyof ActivitySeed>(key: K) => activities.map((x) => x[key]);
  await sql`
    INSERT INTO oversight_activity (id, organiser_unit_id, kind, title, planned_on, held_on, state, cancel_reason, location, participants,
                                    participant_count, conclusion, created_by, created_at, updated_at)
    SELECT * FROM unnest(${a('id')}::bigint[], ${a('organiserUnitId')}::bigint[], ${a('kind')}::text[], ${a('title')}::text[], ${a('plannedOn')}::date[],
                         ${a('heldOn')}::date[], ${a('state')}::text[], ${a('cancelReason')}::text[], ${a('location')}::text[], ${a('participants')}::text[],
                         ${a('participantCount')}::int[], ${a('conclusion')}::text[], ${a('createdBy')}::bigint[], ${a('createdAt')}::timestamptz[],
                         ${a('updatedAt')}::timestamptz[])`.execute(tx);
  const concerned = activities.flatMap((x) => x.unitIds.map((unitId) => [x.id, unitId] as const));
  await sql`
    INSERT INTO oversight_activity_unit (activity_id, unit_id)
    SELECT * FROM unnest(${concerned.map(([id]) => id)}::bigint[], ${concerned.map(([, unitId]) => unitId)}::bigint[])`.execute(tx);
  // The year review is held on the province's plan (Kế hoạch 08-KH/TU), when the direction demo registered it.
  const province = input.units.find((u) => u.parentId === null);
  const review = activities.find((x) => x.title === DEMO_YEAR_REVIEW.title && x.organiserUnitId === province?.id);
  if (review && province) {
    await sql`
      INSERT INTO oversight_activity_attachment (activity_id, document_id)
      SELECT ${review.id}, id FROM party_document WHERE symbol = '08-KH/TU' AND owner_unit_id = ${province.id}`.execute(tx);
  }

  const f = <K extends keyof FindingSeed>(key: K) => findings.map((x) => x[key]);
  await sql`
    INSERT INTO oversight_finding (id, activity_id, number, unit_id, kind, content, created_by, created_at, updated_at)
    SELECT * FROM unnest(${f('id')}::bigint[], ${f('activityId')}::bigint[], ${f('number')}::int[], ${f('unitId')}::bigint[], ${f('kind')}::text[],
                         ${f('content')}::text[], ${f('createdBy')}::bigint[], ${f('createdAt')}::timestamptz[], ${f('updatedAt')}::timestamptz[])`.execute(tx);
  const u = <K extends keyof FollowUpSeed>(key: K) => followUps.map((x) => x[key]);
  await sql`
    INSERT INTO follow_up (id, finding_id, owner_unit_id, task, due_on, state, done_on, result, closed_by, reopen_comment, cancel_reason, created_at, updated_at)
    SELECT * FROM unnest(${u('id')}::bigint[], ${u('findingId')}::bigint[], ${u('ownerUnitId')}::bigint[], ${u('task')}::text[], ${u('dueOn')}::date[],
                         ${u('state')}::text[], ${u('doneOn')}::date[], ${u('result')}::text[], ${u('closedBy')}::bigint[], ${u('reopenComment')}::text[],
                         ${u('cancelReason')}::text[], ${u('createdAt')}::timestamptz[], ${u('updatedAt')}::timestamptz[])`.execute(tx);
  const n = <K extends keyof PhenomenonSeed>(key: K) => phenomena.map((x) => x[key]);
  await sql`
    INSERT INTO negative_phenomenon (id, finding_id, unit_id, description, handling, created_by, created_at, updated_at)
    SELECT * FROM unnest(${n('id')}::bigint[], ${n('findingId')}::bigint[], ${n('unitId')}::bigint[], ${n('description')}::text[], ${n('handling')}::text[],
                         ${n('createdBy')}::bigint[], ${n('createdAt')}::timestamptz[], ${n('updatedAt')}::timestamptz[])`.execute(tx);

  const e = <K extends keyof ExemplarSeed>(key: K) => exemplars.map((x) => x[key]);
  await sql`
    INSERT INTO exemplar (id, nominating_unit_id, year, subject_kind, member_id, family_name, middle_name, given_name, collective_unit_id, collective_name,
                          title, field, summary, story_html, deciding_unit_id, state, pending_unit_id, commendation_form, commendation_title,
                          decision_symbol, decision_date, commended_by, is_public, published_at, created_by, created_at, updated_at)
    SELECT * FROM unnest(${e('id')}::bigint[], ${e('nominatingUnitId')}::bigint[], ${e('year')}::int[], ${e('subjectKind')}::text[], ${e('memberId')}::bigint[],
                         ${e('familyName')}::text[], ${e('middleName')}::text[], ${e('givenName')}::text[], ${e('collectiveUnitId')}::bigint[],
                         ${e('collectiveName')}::text[], ${e('title')}::text[], ${e('field')}::text[], ${e('summary')}::text[], ${e('storyHtml')}::text[],
                         ${e('decidingUnitId')}::bigint[], ${e('state')}::text[], ${e('pendingUnitId')}::bigint[], ${e('commendationForm')}::text[],
                         ${e('commendationTitle')}::text[], ${e('decisionSymbol')}::text[], ${e('decisionDate')}::date[], ${e('commendedBy')}::bigint[],
                         ${e('isPublic')}::boolean[], ${e('publishedAt')}::timestamptz[], ${e('createdBy')}::bigint[], ${e('createdAt')}::timestamptz[],
                         ${e('updatedAt')}::timestamptz[])`.execute(tx);
  const s = <K extends keyof StepSeed>(key: K) => steps.map((x) => x[key]);
  await sql`
    INSERT INTO exemplar_step (id, exemplar_id, unit_id, action, comment, acted_by, acted_at)
    SELECT * FROM unnest(${s('id')}::bigint[], ${s('exemplarId')}::bigint[], ${s('unitId')}::bigint[], ${s('action')}::text[], ${s('comment')}::text[],
                         ${s('actedBy')}::bigint[], ${s('actedAt')}::timestamptz[])`.execute(tx);

  // The province's own channels, then the entries (channels by key: the province's two, the generic others).
  if (!province) throw new Error('demo province missing');
  await tx
    .insertInto('publicity_channel')
    .values(DEMO_PROVINCE_CHANNELS.map((c, i) => ({ root_unit_id: province.id, kind: c.kind, name: c.name, position: i + 1 })))
    .execute();
  const channels = await tx.selectFrom('publicity_channel').select(['id', 'root_unit_id', 'kind']).execute();
  const channelId = (key: ChannelKey): number => {
    const own = key === 'newspaper' || key === 'broadcast';
    const found = channels.find((c) => c.kind === key && (own ? Number(c.root_unit_id) === province.id : c.root_unit_id === null));
    if (!found) throw new Error(`publicity channel ${key} missing`);
    return Number(found.id);
  };
  const y = <K extends keyof EntrySeed>(key: K) => entries.map((x) => x[key]);
  await sql`
    INSERT INTO publicity_entry (id, exemplar_id, channel_id, published_on, title, url, recorded_by, created_at)
    SELECT * FROM unnest(${y('id')}::bigint[], ${y('exemplarId')}::bigint[], ${entries.map((x) => channelId(x.channel))}::bigint[], ${y('publishedOn')}::date[],
                         ${y('title')}::text[], ${y('url')}::text[], ${y('recordedBy')}::bigint[], ${y('createdAt')}::timestamptz[])`.execute(tx);

  for (const table of ['oversight_activity', 'oversight_finding', 'follow_up', 'negative_phenomenon', 'exemplar', 'exemplar_step', 'publicity_entry']) {
    await sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), greatest(1, (SELECT max(id) FROM ${sql.table(table)})))`.execute(tx);
  }
  return { activities: activities.length, findings: findings.length, followUps: followUps.length, exemplars: exemplars.length, steps: steps.length, entries: entries.length };
}
