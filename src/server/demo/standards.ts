/**
 * Standards of conduct, pilot units and each committee's pressing issue in the Bắc Ninh 2012 demo
 * (DOMAIN.md §2, tasks 1, 3 and 4). The demo's "today" is the article's date, 19/06/2012.
 *
 * - The Tỉnh ủy sets the 2012 rule: 2 comprehensive pilots, 3 pilots by field, 1 pressing issue.
 * - Standards: the Tỉnh ủy and every district-level and affiliated committee issued a moral standard
 *   (a Quy định "<n>-QĐ/TU|HU|ĐU") between late 2011 and early 2012; about half of the grassroots units
 *   did too. Most grassroots units of the priority sectors (tài chính, thuế, y tế, giáo dục, công an…)
 *   and about half of the communes' agency cells of those sectors (công an, trường, trạm y tế) issued a
 *   professional-ethics standard; the rest have none yet. Under Thị xã Từ Sơn (account `tuson`): the
 *   Chi bộ Chi cục Thuế has none at all (DEMO_STANDARD_MISSING, the only tax unit of the district), the
 *   Chi bộ Bảo hiểm xã hội has submitted one waiting for the Thị ủy's approval, the Chi bộ Phòng Tài
 *   nguyên và Môi trường keeps a long draft that draws the "ngắn gọn, dễ nhớ" warnings, and the Thị ủy's
 *   own moral standard was revised in April 2012 (version 1 superseded, version 2 issued). In Yên Phong
 *   the Chi cục Thuế's draft was returned by the Huyện ủy with a comment.
 * - Pilots (chỉ đạo điểm) of 2012: every district-level and affiliated committee except Thị xã Từ Sơn
 *   (a browser journey selects its 2 + 3) chose its pilots among the grassroots units of its own subtree,
 *   with goals, a responsible standing-committee member and progress notes of February–June; Lương Tài
 *   (1 + 2) and the Quân sự tỉnh (2 + 2: it has four grassroots units) fall short of the quota. One field pilot of Yên Phong was completed
 *   early, with its result and lessons; the others are under way.
 * - Pressing issues of 2012: every district-level and affiliated committee but Thuận Thành and the
 *   Quân sự tỉnh named one, with a target and 4–5 dated, weighted milestones: those due before
 *   19/06/2012 done (or, for the three issues at risk, one of them behind), the next one started.
 *
 * Built in memory, deterministically (its own mulberry32 stream, so the rest of the demo is unchanged),
 * then written with a few unnest INSERTs inside the demo's transaction (well under a thousand standards).
 */
import { sql } from 'kysely';
import { formatDocumentSymbol, issuerCodeForUnit } from '../../shared/domain/documents';
import { DEFAULT_YEAR_RULE, PILOT_COMMITTEE_KINDS, type PilotKind, STANDARD_GROUPS, type StandardKind, type StandardState } from '../../shared/domain/standards';
import { fullName } from '../../shared/domain/text';
import { SECTORS, type UnitKind, isGrassrootsKind } from '../../shared/domain/units';
import type { Db } from '../db/connect';
import { committeeTitle } from './direction';
import { Random } from './random';

/** What the standards demo reads of the generated province (structurally the seeds of generate.ts). */
export interface StandardsInput {
  units: readonly { id: number; parentId: number | null; path: string; kind: UnitKind; code: string; name: string; sector: string | null }[];
  members: readonly { id: number; unitId: number; familyName: string; middleName: string; givenName: string }[];
  positions: readonly { memberId: number; unitId: number; position: string }[];
}

export const DEMO_STANDARDS_YEAR = 2012;
/** A priority-sector unit under Thị xã Từ Sơn with no professional-ethics standard at all (tax sector). */
export const DEMO_STANDARD_MISSING = 'Chi bộ Chi cục Thuế';
export const DEMO_STANDARD_MISSING_CODE = 'BN.TXTS.CQ05';
/** Under Thị xã Từ Sơn: a professional standard submitted on 12/06/2012, waiting for the Thị ủy's approval. */
export const DEMO_STANDARD_SUBMITTED = 'Chi bộ Bảo hiểm xã hội';
export const DEMO_STANDARD_SUBMITTED_CODE = 'BN.TXTS.CQ06';
/** Under Thị xã Từ Sơn: a long draft (14 criteria, some over 30 words) that draws the length warnings. */
export const DEMO_STANDARD_LONG_DRAFT = 'Chi bộ Phòng Tài nguyên và Môi trường';
export const DEMO_STANDARD_LONG_DRAFT_CODE = 'BN.TXTS.CQ07';
/** The Thị ủy Từ Sơn's moral standard has two versions: 1 superseded on 16/04/2012 by 2. */
export const DEMO_STANDARD_REVISED_CODE = 'BN.TXTS';
/** The draft returned by the Huyện ủy Yên Phong with a comment. */
export const DEMO_STANDARD_RETURNED_CODE = 'BN.YP.CQ05';
/** The committee with no pilots (a browser journey selects them) and those short of the quota. */
export const DEMO_NO_PILOTS_CODE = 'BN.TXTS';
export const DEMO_PILOTS_SHORT: Readonly<Record<string, { comprehensive: number; field: number }>> = {
  'BN.LT': { comprehensive: 1, field: 2 },
  // The Quân sự tỉnh has only four grassroots units to choose from.
  'BN.QS': { comprehensive: 2, field: 2 },
};
/** The committees that have not named a pressing issue for 2012. */
export const DEMO_NO_ISSUE_CODES: readonly string[] = ['BN.TT', 'BN.QS'];
/** The committee whose pilot was completed early (its first pilot by field). */
export const DEMO_COMPLETED_PILOT_COMMITTEE = 'BN.YP';

const TODAY = '2012-06-19';
const STANDARDS_SEED = 20111128;
const TET_2012 = { from: '2012-01-20', to: '2012-01-29' };

// ——— Seeds ———

export interface StandardSeed {
  id: number;
  unitId: number;
  kind: StandardKind;
}

export interface VersionSeed {
  id: number;
  standardId: number;
  versionNo: number;
  title: string;
  state: StandardState;
  returnComment: string | null;
  submittedAt: string | null;
  approvedAt: string | null;
  documentSymbol: string | null;
  issuedOn: string | null;
  supersededOn: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CriterionSeed {
  versionId: number;
  number: number;
  group: string | null;
  text: string;
}

export interface PilotSeed {
  id: number;
  committeeUnitId: number;
  kind: PilotKind;
  field: string | null;
  targetUnitId: number;
  goals: string;
  responsible: string;
  state: 'active' | 'completed';
  result: string | null;
  lessons: string | null;
  completedOn: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface PilotNoteSeed {
  id: number;
  pilotId: number;
  notedOn: string;
  note: string;
}

export interface IssueSeed {
  id: number;
  committeeUnitId: number;
  title: string;
  target: string;
  status: 'on_track' | 'at_risk';
  createdAt: string;
  updatedAt: string;
}

export interface MilestoneSeed {
  issueId: number;
  number: number;
  title: string;
  dueOn: string;
  weight: number;
  progress: number;
  doneOn: string | null;
}

export interface StandardsDemo {
  rule: { unitId: number; year: number; comprehensivePilots: number; fieldPilots: number; pressingIssues: number; updatedAt: string };
  standards: StandardSeed[];
  versions: VersionSeed[];
  criteria: CriterionSeed[];
  pilots: PilotSeed[];
  notes: PilotNoteSeed[];
  issues: IssueSeed[];
  milestones: MilestoneSeed[];
}

export interface StandardsIdBases {
  standard: number;
  version: number;
  pilot: number;
  note: number;
  issue: number;
}
const NO_BASES: StandardsIdBases = { standard: 0, version: 0, pilot: 0, note: 0, issue: 0 };

// ——— Texts ———

type Group = (typeof STANDARD_GROUPS)[number];
const [WITH_PARTY, WITH_PEOPLE, WITH_WORK, WITH_COLLEAGUES, WITH_SELF, WITH_FAMILY] = STANDARD_GROUPS;

/** Moral criteria by relation: each standard takes one or two of each (the family now and then). */
const MORAL_CRITERIA: Readonly<Record<Group, readonly string[]>> = {
  [WITH_PARTY]: [
    'Trung thành với Đảng, với Tổ quốc và nhân dân',
    'Chấp hành nghiêm đường lối của Đảng, chính sách, pháp luật của Nhà nước',
    'Giữ vững lập trường chính trị, không dao động trước khó khăn, thử thách',
    'Thực hiện nghiêm những điều đảng viên không được làm',
  ],
  [WITH_PEOPLE]: [
    'Gần dân, trọng dân, hiểu dân, học dân, vì dân',
    'Tận tụy phục vụ nhân dân, không gây phiền hà, sách nhiễu',
    'Lắng nghe, giải quyết kịp thời kiến nghị chính đáng của nhân dân',
  ],
  [WITH_WORK]: [
    'Làm việc đúng giờ, nói đi đôi với làm',
    'Tận tụy, trách nhiệm, hoàn thành tốt nhiệm vụ được giao',
    'Cần, kiệm, liêm, chính, chí công vô tư',
    'Dám nghĩ, dám làm, dám chịu trách nhiệm',
  ],
  [WITH_COLLEAGUES]: [
    'Đoàn kết, thân ái, giúp đỡ đồng chí, đồng nghiệp',
    'Thẳng thắn phê bình và tự phê bình, không nói xấu, đố kỵ',
    'Tôn trọng, chân thành, hợp tác trong công việc',
  ],
  [WITH_SELF]: [
    'Thường xuyên học tập, rèn luyện, nâng cao trình độ',
    'Sống giản dị, trung thực, khiêm tốn',
    'Chống chủ nghĩa cá nhân, quan liêu, tham nhũng, lãng phí',
  ],
  [WITH_FAMILY]: ['Gương mẫu xây dựng gia đình văn hóa, hạnh phúc', 'Giáo dục con cháu chấp hành pháp luật, quy ước nơi cư trú'],
};

/** Professional criteria of each priority sector, with the relation each belongs to, and who they bind. */
const PROFESSIONAL: Readonly<Record<string, { who: string; criteria: readonly (readonly [Group, string])[] }>> = {
  finance: {
    who: 'cán bộ, công chức ngành Tài chính',
    criteria: [
      [WITH_WORK, 'Quản lý, sử dụng ngân sách đúng luật, công khai, minh bạch'],
      [WITH_WORK, 'Thẩm định, quyết toán khách quan, đúng hạn'],
      [WITH_PEOPLE, 'Hướng dẫn tận tình, không gây khó khăn cho đơn vị, người dân'],
      [WITH_SELF, 'Không lợi dụng nhiệm vụ để vụ lợi'],
      [WITH_SELF, 'Tiết kiệm, chống lãng phí trong chi tiêu công'],
    ],
  },
  banking: {
    who: 'cán bộ, nhân viên ngân hàng',
    criteria: [
      [WITH_PEOPLE, 'Phục vụ khách hàng tận tình, chu đáo'],
      [WITH_PEOPLE, 'Trung thực, bảo mật thông tin khách hàng'],
      [WITH_WORK, 'Cho vay đúng đối tượng, đúng quy trình'],
      [WITH_WORK, 'Tuân thủ quy trình nghiệp vụ, phòng ngừa rủi ro'],
      [WITH_SELF, 'Không nhận quà, hoa hồng của khách hàng'],
    ],
  },
  tax: {
    who: 'cán bộ, công chức ngành Thuế',
    criteria: [
      [WITH_PEOPLE, 'Công khai thủ tục, hướng dẫn tận tình người nộp thuế'],
      [WITH_PEOPLE, 'Kiểm tra, thanh tra đúng luật, không gây phiền hà'],
      [WITH_WORK, 'Thu đúng, thu đủ, nộp kịp thời vào ngân sách'],
      [WITH_WORK, 'Không thông đồng, bao che cho hành vi trốn thuế'],
      [WITH_SELF, 'Liêm chính, không nhận quà biếu của người nộp thuế'],
    ],
  },
  social_insurance: {
    who: 'viên chức ngành Bảo hiểm xã hội',
    criteria: [
      [WITH_PEOPLE, 'Niềm nở, tận tình khi tiếp đón người tham gia bảo hiểm'],
      [WITH_PEOPLE, 'Giải quyết chế độ đúng, đủ, kịp thời cho người lao động'],
      [WITH_WORK, 'Đôn đốc thu, chống nợ đọng bảo hiểm xã hội'],
      [WITH_WORK, 'Bảo mật hồ sơ, thông tin người tham gia'],
      [WITH_SELF, 'Không trục lợi quỹ bảo hiểm'],
    ],
  },
  investment: {
    who: 'cán bộ, công chức ngành Kế hoạch và Đầu tư',
    criteria: [
      [WITH_PEOPLE, 'Minh bạch thông tin, bình đẳng với mọi nhà đầu tư'],
      [WITH_PEOPLE, 'Giải quyết hồ sơ đúng hạn, không gây phiền hà'],
      [WITH_WORK, 'Thẩm định dự án khách quan, đúng quy định'],
      [WITH_WORK, 'Không tiết lộ thông tin đấu thầu'],
    ],
  },
  environment: {
    who: 'cán bộ, công chức ngành Tài nguyên và Môi trường',
    criteria: [
      [WITH_PEOPLE, 'Giải quyết hồ sơ đất đai công khai, đúng hạn'],
      [WITH_PEOPLE, 'Không sách nhiễu, gây phiền hà cho người dân'],
      [WITH_WORK, 'Khách quan, trung thực trong đo đạc, thẩm định'],
      [WITH_WORK, 'Kiên quyết xử lý vi phạm về đất đai, môi trường'],
    ],
  },
  construction: {
    who: 'cán bộ, công chức ngành Xây dựng',
    criteria: [
      [WITH_PEOPLE, 'Hướng dẫn tận tình tổ chức, công dân'],
      [WITH_WORK, 'Thẩm định, cấp phép xây dựng đúng quy định, đúng hạn'],
      [WITH_WORK, 'Kiểm tra chất lượng công trình khách quan, trung thực'],
      [WITH_SELF, 'Không thông đồng, móc ngoặc với nhà thầu'],
    ],
  },
  justice: {
    who: 'cán bộ, công chức ngành Tư pháp',
    criteria: [
      [WITH_PEOPLE, 'Hướng dẫn, trợ giúp pháp lý tận tình cho người dân'],
      [WITH_WORK, 'Thượng tôn pháp luật, công tâm, khách quan'],
      [WITH_WORK, 'Chứng thực, hộ tịch đúng quy định, đúng hẹn'],
      [WITH_SELF, 'Không lợi dụng nghiệp vụ để vụ lợi'],
    ],
  },
  procuracy: {
    who: 'cán bộ, kiểm sát viên',
    criteria: [
      [WITH_WORK, 'Công minh, chính trực, khách quan, thận trọng, khiêm tốn'],
      [WITH_WORK, 'Kiểm sát chặt chẽ, không để oan sai, bỏ lọt tội phạm'],
      [WITH_PEOPLE, 'Tôn trọng, lắng nghe người dân khi tiếp công dân'],
      [WITH_SELF, 'Giữ bí mật công tác, không tiếp xúc đương sự trái quy định'],
    ],
  },
  court: {
    who: 'cán bộ, thẩm phán Tòa án',
    criteria: [
      [WITH_WORK, 'Phụng công, thủ pháp, chí công, vô tư'],
      [WITH_WORK, 'Xét xử đúng pháp luật, không để án quá hạn'],
      [WITH_PEOPLE, 'Tôn trọng đương sự, giữ gìn văn hóa nơi công đường'],
      [WITH_SELF, 'Không nhận quà, không gặp đương sự ngoài nơi quy định'],
    ],
  },
  police: {
    who: 'cán bộ, chiến sĩ Công an',
    criteria: [
      [WITH_PARTY, 'Vì nước quên thân, vì dân phục vụ'],
      [WITH_PEOPLE, 'Kính trọng, lễ phép, giúp đỡ nhân dân'],
      [WITH_PEOPLE, 'Không sách nhiễu, vòi vĩnh khi thi hành công vụ'],
      [WITH_WORK, 'Chấp hành nghiêm điều lệnh, điều lệ Công an nhân dân'],
      [WITH_WORK, 'Tận tụy, dũng cảm, mưu trí trong đấu tranh với tội phạm'],
    ],
  },
  health: {
    who: 'cán bộ, nhân viên y tế',
    criteria: [
      [WITH_PEOPLE, 'Lương y như từ mẫu'],
      [WITH_PEOPLE, 'Tận tụy, ân cần, hòa nhã với người bệnh'],
      [WITH_PEOPLE, 'Không gây phiền hà, không nhận phong bì của người bệnh'],
      [WITH_WORK, 'Thực hiện nghiêm quy chế chuyên môn, không để sai sót'],
      [WITH_COLLEAGUES, 'Tôn trọng, đoàn kết, giúp đỡ đồng nghiệp'],
    ],
  },
  education: {
    who: 'nhà giáo, cán bộ quản lý giáo dục',
    criteria: [
      [WITH_WORK, 'Mỗi thầy cô giáo là một tấm gương đạo đức, tự học và sáng tạo'],
      [WITH_WORK, 'Nói không với tiêu cực trong thi cử và bệnh thành tích'],
      [WITH_PEOPLE, 'Thương yêu, tôn trọng, đối xử công bằng với học sinh'],
      [WITH_PEOPLE, 'Không dạy thêm, học thêm trái quy định'],
      [WITH_SELF, 'Thường xuyên học tập, đổi mới phương pháp giảng dạy'],
    ],
  },
  personnel: {
    who: 'cán bộ làm công tác tổ chức',
    criteria: [
      [WITH_WORK, 'Khách quan, công tâm trong đánh giá, bố trí cán bộ'],
      [WITH_WORK, 'Thực hiện đúng quy trình công tác cán bộ'],
      [WITH_SELF, 'Giữ gìn bí mật công tác tổ chức'],
      [WITH_SELF, 'Không chạy chức, chạy quyền, không nhận quà biếu'],
    ],
  },
  inspection: {
    who: 'cán bộ kiểm tra Đảng',
    criteria: [
      [WITH_WORK, 'Kiểm tra, giám sát khách quan, chính xác, kịp thời'],
      [WITH_WORK, 'Kết luận có lý, có tình, đúng quy định của Đảng'],
      [WITH_SELF, 'Không bao che, không lợi dụng kiểm tra để trù dập'],
      [WITH_SELF, 'Giữ bí mật công tác kiểm tra'],
    ],
  },
};
const PROFESSIONAL_COMMON: readonly (readonly [Group, string])[] = [
  [WITH_COLLEAGUES, 'Đoàn kết, hợp tác, giúp đỡ đồng nghiệp'],
  [WITH_SELF, 'Thường xuyên học tập, nâng cao trình độ chuyên môn'],
];

/** The long draft of the Phòng Tài nguyên và Môi trường of Từ Sơn: 14 criteria, some far too long. */
const LONG_DRAFT: readonly (readonly [Group, string])[] = [
  [WITH_PARTY, 'Trung thành với Đảng, với Tổ quốc và nhân dân'],
  [WITH_PARTY, 'Chấp hành nghiêm chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước về đất đai, tài nguyên và bảo vệ môi trường, các quy định của Thị ủy, Ủy ban nhân dân thị xã và của cơ quan'],
  [WITH_PEOPLE, 'Tiếp công dân đúng lịch, niềm nở, lắng nghe'],
  [
    WITH_PEOPLE,
    'Khi tiếp nhận hồ sơ đề nghị cấp giấy chứng nhận quyền sử dụng đất, chuyển nhượng, tách thửa, phải hướng dẫn đầy đủ một lần bằng văn bản, ghi rõ ngày hẹn trả kết quả, không yêu cầu người dân bổ sung giấy tờ ngoài quy định và không để hồ sơ trễ hẹn',
  ],
  [WITH_PEOPLE, 'Không sách nhiễu, gây phiền hà cho người dân'],
  [WITH_WORK, 'Giải quyết hồ sơ đất đai công khai, đúng hạn'],
  [WITH_WORK, 'Khách quan, trung thực trong đo đạc, thẩm định'],
  [
    WITH_WORK,
    'Thường xuyên kiểm tra, phát hiện và kiên quyết xử lý các trường hợp vi phạm pháp luật về đất đai, xây dựng trái phép trên đất nông nghiệp, xả thải gây ô nhiễm môi trường tại các làng nghề Châu Khê, Đồng Kỵ, Phù Khê theo đúng thẩm quyền được giao',
  ],
  [WITH_WORK, 'Lưu trữ hồ sơ địa chính đầy đủ, khoa học'],
  [WITH_COLLEAGUES, 'Đoàn kết, hợp tác, giúp đỡ đồng nghiệp'],
  [WITH_COLLEAGUES, 'Thẳng thắn góp ý, không nói xấu, đố kỵ'],
  [WITH_SELF, 'Không lợi dụng nhiệm vụ để vụ lợi'],
  [WITH_SELF, 'Thường xuyên học tập, nâng cao trình độ chuyên môn, tin học, ngoại ngữ, kỹ năng giao tiếp với người dân và kỹ năng giải quyết khiếu nại, tố cáo về đất đai, môi trường'],
  [WITH_FAMILY, 'Gương mẫu xây dựng gia đình văn hóa'],
];

/** Fields of pilots (chỉ đạo điểm theo lĩnh vực): which grassroots units fit, and the goals set. */
interface FieldTemplate {
  field: string;
  fits: (unit: UnitLite) => boolean;
  goals: readonly string[];
}
interface UnitLite {
  kind: UnitKind;
  name: string;
  sector: string | null;
}
const isCommune = (u: UnitLite) => u.sector === 'commune';
const FIELD_TEMPLATES: readonly FieldTemplate[] = [
  {
    field: 'Cải cách hành chính',
    fits: (u) => isCommune(u) || ['state_agency', 'tax', 'environment', 'justice', 'social_insurance', 'finance', 'investment', 'construction'].includes(u.sector ?? ''),
    goals: [
      'Công khai đầy đủ thủ tục tại bộ phận một cửa; rút ngắn thời gian giải quyết, không để hồ sơ trễ hẹn do lỗi của cán bộ.',
      'Không để người dân phải đi lại nhiều lần; 100% hồ sơ được hướng dẫn một lần, trả kết quả đúng hẹn.',
    ],
  },
  {
    field: 'Văn hóa công sở',
    fits: (u) => !isCommune(u) && u.sector !== 'enterprise' && u.sector !== 'military',
    goals: [
      '100% cán bộ, công chức làm việc đúng giờ, đeo thẻ, giao tiếp văn minh với người dân; không uống rượu bia trong giờ làm việc.',
      'Xây dựng và thực hiện quy tắc ứng xử nơi công sở; mỗi cán bộ, đảng viên đăng ký và thực hiện ít nhất một việc làm theo.',
    ],
  },
  {
    field: 'Xây dựng nông thôn mới',
    fits: (u) => isCommune(u) && /\bxã\b/u.test(u.name),
    goals: [
      'Hoàn thành thêm 3 tiêu chí nông thôn mới trong năm 2012; đảng viên gương mẫu hiến đất, góp công làm đường giao thông nông thôn.',
      'Cứng hóa 5 km đường trục thôn, xây dựng nhà văn hóa thôn; đảng viên vận động gia đình thực hiện nếp sống văn minh.',
    ],
  },
  {
    field: 'Thực hiện quy chế dân chủ ở cơ sở',
    fits: (u) => isCommune(u) && !/\bxã\b/u.test(u.name),
    goals: [
      'Công khai thu chi, các dự án trên địa bàn; tổ chức đối thoại định kỳ giữa cấp ủy, chính quyền với nhân dân; không để phát sinh đơn thư vượt cấp.',
    ],
  },
  {
    field: 'Y đức, thái độ phục vụ người bệnh',
    fits: (u) => u.sector === 'health',
    goals: ['Thực hiện 12 điều y đức; không để người bệnh phàn nàn về thái độ phục vụ; đặt hòm thư góp ý và đường dây nóng tại các khoa.'],
  },
  {
    field: 'Kỷ cương, điều lệnh',
    fits: (u) => u.sector === 'police' || u.sector === 'military',
    goals: ['Không để cán bộ, chiến sĩ vi phạm điều lệnh, kỷ luật; xây dựng hình ảnh người chiến sĩ bản lĩnh, nhân văn, vì nhân dân phục vụ.'],
  },
  {
    field: 'Nêu gương nhà giáo',
    fits: (u) => u.sector === 'education',
    goals: ['Mỗi thầy cô giáo là một tấm gương đạo đức, tự học và sáng tạo; không dạy thêm trái quy định; không có học sinh bỏ học.'],
  },
  {
    field: 'Phục vụ khách hàng, văn hóa doanh nghiệp',
    fits: (u) => u.sector === 'enterprise' || u.sector === 'banking',
    goals: ['Xây dựng và thực hiện bộ quy tắc ứng xử với khách hàng; giải quyết kiến nghị của khách hàng trong 3 ngày làm việc.'],
  },
  {
    field: 'Học tập và làm theo gắn với nhiệm vụ chính trị của đơn vị',
    fits: (u) => !isCommune(u),
    goals: ['Mỗi đảng viên đăng ký việc làm theo gắn với nhiệm vụ chuyên môn; chi bộ kiểm tra, đánh giá hằng tháng; đơn vị hoàn thành xuất sắc nhiệm vụ năm 2012.'],
  },
];

const COMPREHENSIVE_GOALS: readonly string[] = [
  'Đưa việc học tập và làm theo tấm gương đạo đức Hồ Chí Minh thành nền nếp trong toàn đảng bộ; 100% đảng viên đăng ký việc làm theo; đảng bộ đạt trong sạch, vững mạnh năm 2012.',
  'Xây dựng và thực hiện chuẩn mực đạo đức của cán bộ, đảng viên; sinh hoạt chi bộ hằng tháng có nội dung chuyên đề; không có đảng viên vi phạm kỷ luật; giải quyết dứt điểm đơn thư tồn đọng.',
  'Mỗi chi bộ chọn một việc làm cụ thể để làm theo; cấp ủy gương mẫu đi đầu; nhân dân đồng thuận, phong trào thi đua của đơn vị dẫn đầu.',
];

const NOTES_EARLY: readonly string[] = [
  'Ban Thường vụ làm việc với cấp ủy đơn vị điểm, thống nhất kế hoạch và phân công đồng chí phụ trách.',
  'Đơn vị điểm đã xây dựng kế hoạch thực hiện, tổ chức quán triệt đến 100% đảng viên.',
  'Cấp ủy đơn vị điểm rà soát, xây dựng chuẩn mực đạo đức; đảng viên đăng ký việc làm theo.',
];
const NOTES_LATE: readonly string[] = [
  'Đoàn công tác kiểm tra tiến độ: đơn vị thực hiện nghiêm túc; đề nghị cụ thể hóa hơn các chỉ tiêu đo được.',
  'Sơ kết 6 tháng tại đơn vị điểm: các mục tiêu đạt tiến độ; bổ sung giải pháp cho những việc còn chậm.',
  'Ban Thường vụ nghe báo cáo; đơn vị còn lúng túng trong cách làm, cần tăng cường hướng dẫn của các ban xây dựng Đảng.',
  'Biểu dương 3 tập thể, 5 cá nhân điển hình tại đơn vị điểm; chuẩn bị nhân rộng.',
];

/** The pressing issue of each committee (by code), with its dated, weighted milestones. */
const ISSUES: Readonly<Record<string, { title: string; target: string; status: 'on_track' | 'at_risk'; createdOn: string; milestones: readonly (readonly [string, string, number])[] }>> = {
  'BN.TPBN': {
    title: 'Ô nhiễm môi trường làng nghề tái chế giấy Phong Khê',
    target: 'Năm 2012: 100% cơ sở sản xuất giấy ở xã Phong Khê ký cam kết bảo vệ môi trường; di dời 30 cơ sở vào cụm công nghiệp; chấm dứt xả thải trực tiếp ra sông Ngũ Huyện Khê.',
    status: 'at_risk',
    createdOn: '2012-01-12',
    milestones: [
      ['Rà soát, lập danh sách cơ sở gây ô nhiễm', '2012-02-29', 1],
      ['Ký cam kết bảo vệ môi trường với 100% cơ sở', '2012-04-30', 1],
      ['Di dời 30 cơ sở vào Cụm công nghiệp Phong Khê', '2012-09-30', 3],
      ['Hoàn thành hệ thống thu gom nước thải tập trung', '2012-12-15', 3],
    ],
  },
  'BN.TXTS': {
    title: 'Ô nhiễm môi trường làng nghề sắt thép Châu Khê',
    target: 'Giảm rõ rệt ô nhiễm ở làng nghề Đa Hội (phường Châu Khê): 100% cơ sở có cam kết bảo vệ môi trường; chất thải rắn được thu gom, xử lý hằng ngày; xử lý nghiêm cơ sở vi phạm.',
    status: 'on_track',
    createdOn: '2012-02-08',
    milestones: [
      ['Tuyên truyền, ký cam kết bảo vệ môi trường với các hộ sản xuất', '2012-03-31', 1],
      ['Kiểm tra, xử lý các cơ sở xả thải trái phép', '2012-06-15', 2],
      ['Đưa bãi tập kết chất thải rắn tập trung vào sử dụng', '2012-09-30', 2],
      ['Sơ kết, đánh giá kết quả; đề xuất giải pháp năm 2013', '2012-12-20', 1],
    ],
  },
  'BN.YP': {
    title: 'Giải phóng mặt bằng, bàn giao đất cho Khu công nghiệp Yên Phong',
    target: 'Bàn giao đủ diện tích còn lại cho chủ đầu tư trước 30/9/2012; giải quyết dứt điểm đơn thư về bồi thường; 100% lao động bị thu hồi đất được hỗ trợ đào tạo nghề.',
    status: 'on_track',
    createdOn: '2012-01-09',
    milestones: [
      ['Kiểm đếm, lập phương án bồi thường', '2012-03-15', 1],
      ['Chi trả tiền bồi thường, hỗ trợ cho các hộ', '2012-05-31', 2],
      ['Bàn giao mặt bằng cho chủ đầu tư', '2012-09-30', 3],
      ['Giải quyết dứt điểm đơn thư, hỗ trợ đào tạo nghề', '2012-11-30', 1],
    ],
  },
  'BN.QV': {
    title: 'Tình trạng lấn chiếm hành lang an toàn giao thông Quốc lộ 18 và Quốc lộ 38',
    target: 'Giải tỏa 100% công trình, lều quán lấn chiếm hành lang giao thông Quốc lộ 18, Quốc lộ 38 qua địa bàn huyện; không để tái lấn chiếm.',
    status: 'on_track',
    createdOn: '2012-01-16',
    milestones: [
      ['Khảo sát, thống kê các trường hợp vi phạm', '2012-02-28', 1],
      ['Vận động các hộ tự tháo dỡ', '2012-04-30', 1],
      ['Cưỡng chế các trường hợp cố tình vi phạm', '2012-07-31', 2],
      ['Cắm mốc lộ giới, giao xã quản lý, chống tái lấn chiếm', '2012-10-31', 1],
      ['Kiểm tra, đánh giá kết quả', '2012-12-15', 1],
    ],
  },
  'BN.TD': {
    title: 'Tinh giản thủ tục cấp giấy chứng nhận quyền sử dụng đất',
    target: 'Rút thời gian cấp giấy chứng nhận quyền sử dụng đất lần đầu xuống 30 ngày; cấp giấy cho 95% số hộ đủ điều kiện; không để hồ sơ trễ hẹn tại bộ phận một cửa.',
    status: 'on_track',
    createdOn: '2012-01-11',
    milestones: [
      ['Rà soát, công khai quy trình, thủ tục tại bộ phận một cửa', '2012-03-31', 1],
      ['Tập huấn cán bộ địa chính các xã, thị trấn', '2012-05-15', 1],
      ['Cấp giấy chứng nhận cho 60% số hộ tồn đọng', '2012-08-31', 2],
      ['Hoàn thành cấp giấy cho 95% số hộ đủ điều kiện', '2012-12-15', 2],
    ],
  },
  'BN.GB': {
    title: 'Khai thác cát, sỏi trái phép trên sông Đuống',
    target: 'Chấm dứt khai thác cát trái phép trên sông Đuống đoạn qua huyện; xử lý 100% phương tiện vi phạm; không để sạt lở bờ sông, đê điều.',
    status: 'at_risk',
    createdOn: '2012-01-18',
    milestones: [
      ['Thành lập tổ liên ngành tuần tra, kiểm tra trên sông', '2012-02-15', 1],
      ['Ký cam kết với chủ phương tiện, bến bãi', '2012-04-15', 1],
      ['Tuần tra, xử lý vi phạm cao điểm mùa khô', '2012-06-15', 2],
      ['Sơ kết, đánh giá; đề xuất quy hoạch bến bãi', '2012-11-30', 1],
    ],
  },
  'BN.LT': {
    title: 'Vi phạm sử dụng đất nông nghiệp, xây dựng trái phép trên đất nông nghiệp',
    target: 'Xử lý dứt điểm 80% trường hợp vi phạm đất nông nghiệp phát sinh từ năm 2008; không để phát sinh vi phạm mới.',
    status: 'at_risk',
    createdOn: '2012-02-20',
    milestones: [
      ['Thống kê, phân loại các trường hợp vi phạm', '2012-03-31', 1],
      ['Xử lý các trường hợp vi phạm phát sinh mới', '2012-05-31', 2],
      ['Xử lý 80% trường hợp vi phạm tồn đọng', '2012-10-31', 3],
      ['Kiểm điểm trách nhiệm cấp ủy, chính quyền cơ sở', '2012-12-20', 1],
    ],
  },
  'BN.KCQ': {
    title: 'Giải quyết thủ tục hành chính chậm, gây phiền hà cho tổ chức, công dân',
    target: 'Các sở, ngành trong Khối không để hồ sơ thủ tục hành chính trễ hẹn do lỗi chủ quan; công khai 100% thủ tục; xử lý nghiêm cán bộ gây phiền hà.',
    status: 'on_track',
    createdOn: '2012-01-10',
    milestones: [
      ['Rà soát, công khai thủ tục hành chính tại các cơ quan', '2012-03-31', 1],
      ['Đặt hòm thư góp ý, đường dây nóng tiếp nhận phản ánh', '2012-04-30', 1],
      ['Kiểm tra việc giải quyết thủ tục tại 5 sở, ngành', '2012-08-31', 2],
      ['Tổng hợp, đánh giá; biểu dương và xử lý vi phạm', '2012-12-15', 1],
    ],
  },
  'BN.KDN': {
    title: 'Nợ đọng tiền đóng bảo hiểm xã hội cho người lao động',
    target: 'Đến 31/12/2012 các doanh nghiệp trong Khối không còn nợ bảo hiểm xã hội quá 3 tháng; 100% người lao động được đóng bảo hiểm đúng quy định.',
    status: 'on_track',
    createdOn: '2012-01-13',
    milestones: [
      ['Rà soát số nợ bảo hiểm xã hội của từng doanh nghiệp', '2012-03-15', 1],
      ['Người đứng đầu doanh nghiệp ký cam kết lộ trình trả nợ', '2012-05-15', 1],
      ['Trả 50% số nợ đọng', '2012-08-31', 2],
      ['Trả dứt điểm nợ đọng bảo hiểm xã hội', '2012-12-31', 2],
    ],
  },
  'BN.CA': {
    title: 'Tai nạn giao thông và đua xe trái phép trên các tuyến quốc lộ',
    target: 'Kéo giảm cả 3 tiêu chí về tai nạn giao thông so với năm 2011; ngăn chặn, xử lý triệt để các nhóm đua xe trái phép trên Quốc lộ 1A, Quốc lộ 18.',
    status: 'on_track',
    createdOn: '2012-01-06',
    milestones: [
      ['Xây dựng kế hoạch tuần tra, kiểm soát cao điểm', '2012-01-31', 1],
      ['Cao điểm bảo đảm trật tự an toàn giao thông dịp Tết và lễ hội', '2012-03-15', 1],
      ['Tuần tra, xử lý các điểm nóng đua xe', '2012-07-31', 2],
      ['Cao điểm bảo đảm an toàn giao thông cuối năm', '2012-12-31', 1],
    ],
  },
};

// ——— Dates ———

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The demo's calendar (September 2011 – January 2013): ISO dates and weekdays, so date arithmetic is a lookup. */
const CALENDAR = (() => {
  const dates: string[] = [];
  const workdays: boolean[] = [];
  for (let t = Date.UTC(2011, 8, 1); t <= Date.UTC(2013, 0, 31); t += 86_400_000) {
    const date = new Date(t);
    const iso = date.toISOString().slice(0, 10);
    const weekday = date.getUTCDay();
    dates.push(iso);
    workdays.push(weekday !== 0 && weekday !== 6 && !(iso >= TET_2012.from && iso <= TET_2012.to));
  }
  return { dates, workdays, index: new Map(dates.map((d, i) => [d, i])) };
})();

function dayIndex(date: string): number {
  const i = CALENDAR.index.get(date);
  if (i === undefined) throw new Error(`demo date out of range: ${date}`);
  return i;
}

/** `days` (possibly negative) calendar days from `date`. */
function shift(date: string, days: number): string {
  const day = CALENDAR.dates[dayIndex(date) + days];
  if (day === undefined) throw new Error(`demo date out of range: ${date} + ${days}`);
  return day;
}

/** A working day in [from, to] outside Tết, or `from` if none. */
function workday(rnd: Random, from: string, to: string): string {
  const first = dayIndex(from);
  const last = dayIndex(to);
  const pick = first + rnd.int(0, Math.max(0, last - first));
  for (const step of [0, 1, -1, 2, -2, 3, -3]) {
    const i = pick + step;
    if (i >= first && i <= last && CALENDAR.workdays[i]) return CALENDAR.dates[i] ?? from;
  }
  return from;
}

/** A timestamp in Vietnam time during working hours. */
function at(rnd: Random, date: string): string {
  return `${date}T${pad(rnd.int(8, 16))}:${pad(rnd.int(0, 59))}:00+07:00`;
}

/** Criteria ordered by the relations of STANDARD_GROUPS (a stable sort keeps the order within a group). */
function byGroup(list: [Group, string][]): [Group, string][] {
  return list.sort((a, b) => STANDARD_GROUPS.indexOf(a[0]) - STANDARD_GROUPS.indexOf(b[0]));
}

/** `count` items of `list` in their original order. */
function subset<T>(rnd: Random, list: readonly T[], count: number): T[] {
  const indexes = list.map((_, i) => i);
  for (let i = indexes.length - 1; i > 0; i--) {
    const j = rnd.int(0, i);
    [indexes[i], indexes[j]] = [indexes[j] as number, indexes[i] as number];
  }
  return indexes
    .slice(0, Math.min(count, list.length))
    .sort((a, b) => a - b)
    .map((i) => list[i] as T);
}

// ——— Build ———

/** Build the year rule, standards, pilots and pressing issues of the demo province in memory. */
export function buildStandardsDemo(input: StandardsInput, bases: StandardsIdBases = NO_BASES, seed = STANDARDS_SEED): StandardsDemo {
  const rnd = new Random(seed);
  const byId = new Map(input.units.map((u) => [u.id, u]));
  const byCode = new Map(input.units.map((u) => [u.code, u]));
  const unitByCode = (code: string) => {
    const unit = byCode.get(code);
    if (!unit) throw new Error(`demo unit ${code} missing`);
    return unit;
  };
  const province = input.units.find((u) => u.parentId === null);
  if (!province) throw new Error('demo province missing');
  const committees = input.units.filter((u) => PILOT_COMMITTEE_KINDS.includes(u.kind));
  const priority = new Set<string>(SECTORS.filter((s) => s.priority).map((s) => s.code));

  const standards: StandardSeed[] = [];
  const versions: VersionSeed[] = [];
  const criteria: CriterionSeed[] = [];
  /** The next document number of each issuing unit. */
  const nextNumber = new Map<number, number>();
  const numberFor = (unitId: number, start: number) => {
    const n = nextNumber.get(unitId) ?? start;
    nextNumber.set(unitId, n + rnd.int(1, 4));
    return n;
  };

  const newStandard = (unitId: number, kind: StandardKind): StandardSeed => {
    const standard = { id: bases.standard + standards.length + 1, unitId, kind };
    standards.push(standard);
    return standard;
  };
  type VersionFields = Omit<VersionSeed, 'id' | 'standardId' | 'returnComment' | 'supersededOn'> & Partial<Pick<VersionSeed, 'returnComment' | 'supersededOn'>>;
  const newVersion = (standard: StandardSeed, f: VersionFields, list: readonly (readonly [Group | null, string])[]): VersionSeed => {
    const version: VersionSeed = {
      id: bases.version + versions.length + 1,
      standardId: standard.id,
      versionNo: f.versionNo,
      title: f.title,
      state: f.state,
      returnComment: f.returnComment ?? null,
      submittedAt: f.submittedAt,
      approvedAt: f.approvedAt,
      documentSymbol: f.documentSymbol,
      issuedOn: f.issuedOn,
      supersededOn: f.supersededOn ?? null,
      createdAt: f.createdAt,
      updatedAt: f.updatedAt,
    };
    versions.push(version);
    list.forEach(([group, text], i) => criteria.push({ versionId: version.id, number: i + 1, group, text }));
    return version;
  };
  /** An issued version: drafted, submitted, approved by the committee above (the province by itself), issued. */
  const issue = (
    unit: StandardsInput['units'][number],
    standard: StandardSeed,
    title: string,
    list: readonly (readonly [Group | null, string])[],
    issuedOn: string,
    options: { versionNo?: number; number?: number; supersededOn?: string } = {},
  ): VersionSeed => {
    const approvedOn = shift(issuedOn, -rnd.int(2, 8));
    const submittedOn = shift(approvedOn, -rnd.int(5, 15));
    const number = options.number ?? numberFor(unit.id, unit.kind === 'province_committee' ? 12 : unit.kind === 'district_committee' || unit.kind === 'affiliated_committee' ? rnd.int(3, 9) : rnd.int(1, 4));
    return newVersion(
      standard,
      {
        versionNo: options.versionNo ?? 1,
        title,
        state: options.supersededOn ? 'superseded' : 'issued',
        submittedAt: unit.kind === 'province_committee' ? null : at(rnd, submittedOn),
        approvedAt: unit.kind === 'province_committee' ? null : at(rnd, approvedOn),
        documentSymbol: formatDocumentSymbol(number, 'QĐ', issuerCodeForUnit(unit)),
        issuedOn,
        supersededOn: options.supersededOn,
        createdAt: at(rnd, shift(submittedOn, -rnd.int(5, 20))),
        updatedAt: options.supersededOn ? `${options.supersededOn}T09:00:00+07:00` : at(rnd, issuedOn),
      },
      list,
    );
  };

  const moralCriteria = (): [Group, string][] => {
    const list: [Group, string][] = [];
    for (const group of STANDARD_GROUPS) {
      if (group === WITH_FAMILY && rnd.chance(0.4)) continue;
      const pool = MORAL_CRITERIA[group];
      for (const text of subset(rnd, pool, rnd.chance(0.35) ? 2 : 1)) list.push([group, text]);
    }
    return list.slice(0, 10);
  };
  const professionalCriteria = (sector: string): [Group, string][] => {
    const pool = PROFESSIONAL[sector]?.criteria ?? [];
    const picked: (readonly [Group, string])[] = subset(rnd, pool, rnd.int(4, Math.min(6, pool.length)));
    // A common criterion for a relation the sector's own do not cover, always when the list is still short.
    for (const common of PROFESSIONAL_COMMON) {
      const covered = picked.some(([group]) => group === common[0]);
      if (picked.length < 5 || (!covered && rnd.chance(0.5))) picked.push(common);
    }
    return byGroup(picked.map(([g, t]) => [g, t]));
  };
  const moralTitle = (unit: { name: string }) => `Chuẩn mực đạo đức của cán bộ, đảng viên ${unit.name}`;
  const professionalTitle = (sector: string) => `Chuẩn mực đạo đức nghề nghiệp của ${PROFESSIONAL[sector]?.who ?? 'cán bộ, đảng viên'}`;

  // The Tỉnh ủy's moral standard first, then the district-level and affiliated committees'.
  issue(province, newStandard(province.id, 'moral'), moralTitle(province), moralCriteria(), '2011-11-28');
  const revised = unitByCode(DEMO_STANDARD_REVISED_CODE);
  for (const committee of committees) {
    const standard = newStandard(committee.id, 'moral');
    if (committee.id === revised.id) {
      // Version 1 of December 2011, revised in April 2012 to add "nói đi đôi với làm" (the 2012 topic).
      const first = moralCriteria().filter(([, text]) => text !== 'Làm việc đúng giờ, nói đi đôi với làm');
      issue(committee, standard, moralTitle(committee), first, '2011-12-20', { number: 9, supersededOn: '2012-04-16' });
      const second = byGroup([[WITH_WORK, 'Làm việc đúng giờ, nói đi đôi với làm'], ...first]);
      issue(committee, standard, moralTitle(committee), second.slice(0, 10), '2012-04-16', { versionNo: 2, number: 16 });
      continue;
    }
    issue(committee, standard, moralTitle(committee), moralCriteria(), workday(rnd, '2011-12-05', '2012-02-28'));
  }

  // Grassroots units: about half issued a moral standard; the priority sectors a professional one.
  const special = new Set([DEMO_STANDARD_MISSING_CODE, DEMO_STANDARD_SUBMITTED_CODE, DEMO_STANDARD_LONG_DRAFT_CODE, DEMO_STANDARD_RETURNED_CODE]);
  for (const unit of input.units) {
    const parent = unit.parentId === null ? undefined : byId.get(unit.parentId);
    const grassroots = isGrassrootsKind(unit.kind);
    // A commune's agency cells (police post, schools, health station) are agencies of their own.
    const communeAgency = unit.kind === 'cell' && parent?.sector === 'commune';
    if (grassroots && rnd.chance(0.55)) {
      issue(unit, newStandard(unit.id, 'moral'), moralTitle(unit), moralCriteria(), workday(rnd, '2012-01-05', '2012-05-31'));
    }
    const sector = unit.sector ?? '';
    if (!priority.has(sector) || special.has(unit.code)) continue;
    const share = unit.kind === 'affiliated_committee' ? 1 : grassroots ? 0.85 : communeAgency ? 0.5 : 0;
    if (!rnd.chance(share)) continue;
    issue(unit, newStandard(unit.id, 'professional'), professionalTitle(sector), professionalCriteria(sector), workday(rnd, '2012-02-01', '2012-06-15'));
  }

  // The standards of the browser journeys under Từ Sơn, and the returned draft of Yên Phong.
  const submitted = unitByCode(DEMO_STANDARD_SUBMITTED_CODE);
  newVersion(
    newStandard(submitted.id, 'professional'),
    {
      versionNo: 1,
      title: professionalTitle('social_insurance'),
      state: 'submitted',
      submittedAt: '2012-06-12T10:15:00+07:00',
      approvedAt: null,
      documentSymbol: null,
      issuedOn: null,
      createdAt: '2012-05-28T15:40:00+07:00',
      updatedAt: '2012-06-12T10:15:00+07:00',
    },
    professionalCriteria('social_insurance'),
  );
  const longDraft = unitByCode(DEMO_STANDARD_LONG_DRAFT_CODE);
  newVersion(
    newStandard(longDraft.id, 'professional'),
    {
      versionNo: 1,
      title: professionalTitle('environment'),
      state: 'draft',
      submittedAt: null,
      approvedAt: null,
      documentSymbol: null,
      issuedOn: null,
      createdAt: '2012-06-05T16:20:00+07:00',
      updatedAt: '2012-06-14T09:05:00+07:00',
    },
    LONG_DRAFT,
  );
  const returned = unitByCode(DEMO_STANDARD_RETURNED_CODE);
  newVersion(
    newStandard(returned.id, 'professional'),
    {
      versionNo: 1,
      title: professionalTitle('tax'),
      state: 'draft',
      returnComment: 'Đề nghị bổ sung tiêu chí về thái độ phục vụ người nộp thuế và viết ngắn gọn hơn để cán bộ dễ nhớ, dễ thực hiện.',
      submittedAt: null,
      approvedAt: null,
      documentSymbol: null,
      issuedOn: null,
      createdAt: '2012-05-03T14:10:00+07:00',
      updatedAt: '2012-05-21T10:30:00+07:00',
    },
    (PROFESSIONAL.tax?.criteria ?? []).filter(([group]) => group !== WITH_PEOPLE),
  );

  // ——— Pilots ———
  const leadersOf = new Map<number, { memberId: number; position: string }[]>();
  for (const p of input.positions) {
    if (p.position !== 'deputy_secretary' && p.position !== 'standing_member') continue;
    const list = leadersOf.get(p.unitId) ?? [];
    list.push(p);
    leadersOf.set(p.unitId, list);
  }
  // Only the leaders' names are needed: one pass over the members, no map of all of them.
  const leaderIds = new Set<number>();
  for (const list of leadersOf.values()) for (const leader of list) leaderIds.add(leader.memberId);
  const memberById = new Map<number, StandardsInput['members'][number]>();
  for (const member of input.members) if (leaderIds.has(member.id)) memberById.set(member.id, member);
  const responsibleFor = (committee: StandardsInput['units'][number]) => {
    const leaders = leadersOf.get(committee.id) ?? [];
    const leader = leaders.length > 0 ? rnd.pick(leaders) : undefined;
    const member = leader ? memberById.get(leader.memberId) : undefined;
    const role = leader?.position === 'deputy_secretary' ? 'Phó Bí thư' : 'Ủy viên Ban Thường vụ';
    return member ? `Đồng chí ${fullName(member)}, ${role} ${committeeTitle(committee)}` : `Ban Thường vụ ${committeeTitle(committee)}`;
  };

  const pilots: PilotSeed[] = [];
  const notes: PilotNoteSeed[] = [];
  const noPilots = unitByCode(DEMO_NO_PILOTS_CODE);
  for (const committee of committees) {
    if (committee.id === noPilots.id) continue;
    const quota = DEMO_PILOTS_SHORT[committee.code] ?? { comprehensive: DEFAULT_YEAR_RULE.comprehensivePilots, field: DEFAULT_YEAR_RULE.fieldPilots };
    const below = input.units.filter((u) => isGrassrootsKind(u.kind) && u.path.startsWith(`${committee.path}.`));
    const taken = new Set<number>();
    const chosenOn = workday(rnd, '2012-01-04', '2012-02-24');
    const place = committeeTitle(committee);
    const add = (kind: PilotKind, field: string | null, target: (typeof below)[number], goals: string) => {
      taken.add(target.id);
      const createdAt = at(rnd, chosenOn);
      const pilot: PilotSeed = {
        id: bases.pilot + pilots.length + 1,
        committeeUnitId: committee.id,
        kind,
        field,
        targetUnitId: target.id,
        goals,
        responsible: responsibleFor(committee),
        state: 'active',
        result: null,
        lessons: null,
        completedOn: null,
        createdAt,
        updatedAt: createdAt,
      };
      pilots.push(pilot);
      // Progress notes of February–June 2012, in date order; a few pilots have none yet.
      const count = rnd.chance(0.15) ? 0 : rnd.int(1, 3);
      let from = shift(chosenOn, 10);
      for (let k = 0; k < count; k++) {
        const notedOn = workday(rnd, from, k === count - 1 ? shift(TODAY, -1) : shift(from, 50));
        if (notedOn > TODAY) break;
        notes.push({ id: bases.note + notes.length + 1, pilotId: pilot.id, notedOn, note: k === 0 ? rnd.pick(NOTES_EARLY) : rnd.pick(NOTES_LATE) });
        pilot.updatedAt = `${notedOn}T17:00:00+07:00`;
        from = shift(notedOn, 14);
      }
      return pilot;
    };

    // Comprehensive pilots: a commune or ward of a district, a grassroots unit of an affiliated committee.
    const comprehensiveTargets = below.filter((u) => (committee.kind === 'district_committee' ? u.sector === 'commune' : u.kind === 'grassroots_committee'));
    for (const target of subset(rnd, comprehensiveTargets, quota.comprehensive)) add('comprehensive', null, target, rnd.pick(COMPREHENSIVE_GOALS));

    // Pilots by field: a different field each, on a unit that fits it.
    const fields = [...FIELD_TEMPLATES];
    for (let i = fields.length - 1; i > 0; i--) {
      const j = rnd.int(0, i);
      [fields[i], fields[j]] = [fields[j] as FieldTemplate, fields[i] as FieldTemplate];
    }
    let fieldCount = 0;
    for (const template of fields) {
      if (fieldCount >= quota.field) break;
      const candidates = below.filter((u) => !taken.has(u.id) && template.fits(u));
      if (candidates.length === 0) continue;
      const pilot = add('field', template.field, rnd.pick(candidates), rnd.pick(template.goals));
      fieldCount += 1;
      if (committee.code === DEMO_COMPLETED_PILOT_COMMITTEE && fieldCount === 1) {
        // Completed early, at a preliminary review (sơ kết) in late May.
        pilot.state = 'completed';
        pilot.completedOn = '2012-05-28';
        pilot.result = `Đơn vị hoàn thành các mục tiêu đề ra trước thời hạn; hội nghị sơ kết ngày 28/05/2012 đánh giá đạt yêu cầu, Ban Thường vụ ${place} chỉ đạo nhân rộng cách làm ra các đơn vị khác.`;
        pilot.lessons = 'Cấp ủy vào cuộc sớm, người đứng đầu gương mẫu; nội dung làm theo cụ thể, đo được; thường xuyên kiểm tra, đôn đốc và biểu dương kịp thời.';
        pilot.updatedAt = '2012-05-28T16:30:00+07:00';
        notes.push({ id: bases.note + notes.length + 1, pilotId: pilot.id, notedOn: '2012-05-28', note: 'Hội nghị sơ kết chỉ đạo điểm: đơn vị đạt các mục tiêu đề ra, đề nghị kết thúc và nhân rộng.' });
      }
    }
    if (fieldCount < quota.field) throw new Error(`demo pilots: too few units for ${committee.code}`);
  }

  // ——— Pressing issues ———
  const issues: IssueSeed[] = [];
  const milestones: MilestoneSeed[] = [];
  for (const committee of committees) {
    if (DEMO_NO_ISSUE_CODES.includes(committee.code)) continue;
    const spec = ISSUES[committee.code];
    if (!spec) continue;
    const createdAt = at(rnd, spec.createdOn);
    const item: IssueSeed = { id: bases.issue + issues.length + 1, committeeUnitId: committee.id, title: spec.title, target: spec.target, status: spec.status, createdAt, updatedAt: createdAt };
    issues.push(item);
    // Milestones due by today are done, but an issue at risk has its last one behind; the next one has started.
    const past = spec.milestones.filter(([, due]) => due < TODAY).length;
    spec.milestones.forEach(([title, dueOn, weight], index) => {
      let progress = 0;
      let doneOn: string | null = null;
      if (index < past) {
        const behind = spec.status === 'at_risk' && index === past - 1;
        progress = behind ? rnd.int(55, 80) : 100;
        doneOn = behind ? null : shift(dueOn, -rnd.int(0, 6));
      } else if (index === past) {
        progress = rnd.int(2, 8) * 5;
      }
      if (doneOn && doneOn > item.updatedAt.slice(0, 10)) item.updatedAt = `${doneOn}T16:00:00+07:00`;
      milestones.push({ issueId: item.id, number: index + 1, title, dueOn, weight, progress, doneOn });
    });
  }

  const rule = {
    unitId: province.id,
    year: DEMO_STANDARDS_YEAR,
    comprehensivePilots: DEFAULT_YEAR_RULE.comprehensivePilots,
    fieldPilots: DEFAULT_YEAR_RULE.fieldPilots,
    pressingIssues: DEFAULT_YEAR_RULE.pressingIssues,
    updatedAt: '2011-12-22T09:00:00+07:00',
  };
  return { rule, standards, versions, criteria, pilots, notes, issues, milestones };
}

export interface StandardsSummary {
  standards: number;
  versions: number;
  pilots: number;
  issues: number;
}

/** Write the year rule, standards, pilots and pressing issues into the demo's transaction. */
export async function loadStandardsDemo(tx: Db, input: StandardsInput): Promise<StandardsSummary> {
  const max = async (table: string) =>
    Number((await sql<{ max: string | null }>`SELECT max(id)::text AS max FROM ${sql.table(table)}`.execute(tx)).rows[0]?.max ?? 0);
  const bases: StandardsIdBases = {
    standard: await max('conduct_standard'),
    version: await max('standard_version'),
    pilot: await max('pilot'),
    note: await max('pilot_note'),
    issue: await max('pressing_issue'),
  };
  const { rule, standards, versions, criteria, pilots, notes, issues, milestones } = buildStandardsDemo(input, bases);

  await tx
    .insertInto('campaign_year_rule')
    .values({
      unit_id: rule.unitId,
      year: rule.year,
      comprehensive_pilots: rule.comprehensivePilots,
      field_pilots: rule.fieldPilots,
      pressing_issues: rule.pressingIssues,
      updated_at: rule.updatedAt,
    })
    .execute();

  await sql`
    INSERT INTO conduct_standard (id, unit_id, kind)
    SELECT * FROM unnest(${standards.map((s) => s.id)}::bigint[], ${standards.map((s) => s.unitId)}::bigint[], ${standards.map((s) => s.kind)}::text[])`.execute(tx);
  const v = <K extends keyof VersionSeed>(key: K) => versions.map((x) => x[key]);
  await sql`
    INSERT INTO standard_version (id, standard_id, version_no, title, state, return_comment, submitted_at, approved_at, document_symbol,
                                  issued_on, superseded_on, created_at, updated_at)
    SELECT * FROM unnest(${v('id')}::bigint[], ${v('standardId')}::bigint[], ${v('versionNo')}::int[], ${v('title')}::text[], ${v('state')}::text[],
                         ${v('returnComment')}::text[], ${v('submittedAt')}::timestamptz[], ${v('approvedAt')}::timestamptz[],
                         ${v('documentSymbol')}::text[], ${v('issuedOn')}::date[], ${v('supersededOn')}::date[], ${v('createdAt')}::timestamptz[],
                         ${v('updatedAt')}::timestamptz[])`.execute(tx);
  await sql`
    INSERT INTO standard_criterion (version_id, number, group_label, text)
    SELECT * FROM unnest(${criteria.map((c) => c.versionId)}::bigint[], ${criteria.map((c) => c.number)}::int[], ${criteria.map((c) => c.group)}::text[],
                         ${criteria.map((c) => c.text)}::text[])`.execute(tx);

  const p = <K extends keyof PilotSeed>(key: K) => pilots.map((x) => x[key]);
  await sql`
    INSERT INTO pilot (id, committee_unit_id, year, kind, field, target_unit_id, goals, responsible, state, result, lessons, completed_on,
                       created_at, updated_at)
    SELECT id, committee_unit_id, ${DEMO_STANDARDS_YEAR}, kind, field, target_unit_id, goals, responsible, state, result, lessons, completed_on,
           created_at, updated_at
      FROM unnest(${p('id')}::bigint[], ${p('committeeUnitId')}::bigint[], ${p('kind')}::text[], ${p('field')}::text[], ${p('targetUnitId')}::bigint[],
                  ${p('goals')}::text[], ${p('responsible')}::text[], ${p('state')}::text[], ${p('result')}::text[], ${p('lessons')}::text[],
                  ${p('completedOn')}::date[], ${p('createdAt')}::timestamptz[], ${p('updatedAt')}::timestamptz[])
        AS t(id, committee_unit_id, kind, field, target_unit_id, goals, responsible, state, result, lessons, completed_on, created_at, updated_at)`.execute(tx);
  await sql`
    INSERT INTO pilot_note (id, pilot_id, noted_on, note, created_at)
    SELECT id, pilot_id, noted_on, note, noted_on + time '17:00' AT TIME ZONE 'Asia/Ho_Chi_Minh'
      FROM unnest(${notes.map((n) => n.id)}::bigint[], ${notes.map((n) => n.pilotId)}::bigint[], ${notes.map((n) => n.notedOn)}::date[],
                  ${notes.map((n) => n.note)}::text[]) AS t(id, pilot_id, noted_on, note)`.execute(tx);

  const i = <K extends keyof IssueSeed>(key: K) => issues.map((x) => x[key]);
  await sql`
    INSERT INTO pressing_issue (id, committee_unit_id, year, title, target, status, created_at, updated_at)
    SELECT id, committee_unit_id, ${DEMO_STANDARDS_YEAR}, title, target, status, created_at, updated_at
      FROM unnest(${i('id')}::bigint[], ${i('committeeUnitId')}::bigint[], ${i('title')}::text[], ${i('target')}::text[], ${i('status')}::text[],
                  ${i('createdAt')}::timestamptz[], ${i('updatedAt')}::timestamptz[])
        AS t(id, committee_unit_id, title, target, status, created_at, updated_at)`.execute(tx);
  const m = <K extends keyof MilestoneSeed>(key: K) => milestones.map((x) => x[key]);
  await sql`
    INSERT INTO pressing_issue_milestone (issue_id, number, title, due_on, weight, progress, done_on)
    SELECT * FROM unnest(${m('issueId')}::bigint[], ${m('number')}::int[], ${m('title')}::text[], ${m('dueOn')}::date[], ${m('weight')}::numeric[],
                         ${m('progress')}::int[], ${m('doneOn')}::date[])`.execute(tx);

  for (const table of ['conduct_standard', 'standard_version', 'pilot', 'pilot_note', 'pressing_issue']) {
    await sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), greatest(1, (SELECT max(id) FROM ${sql.table(table)})))`.execute(tx);
  }
  return { standards: standards.length, versions: versions.length, pilots: pilots.length, issues: issues.length };
}
