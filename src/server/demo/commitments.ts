/**
 * Commitments (đăng ký việc làm theo) of the Bắc Ninh 2012 demo (DOMAIN.md §2, Task 2). The Tỉnh ủy opens
 * the 2012 round on 02/03/2012 in the campaign of Chỉ thị 03-CT/TW, with the Hướng dẫn 07-HD/BTCTW
 * scheme: key leaders and heads register by 15/04/2012, every member by 31/05/2012, the year-end review
 * opens 01/12/2012. The demo's "today" is the article's date, 19/06/2012, so there are no reviews or
 * decisions yet.
 *
 * - Key leaders and heads nearly all registered, most before 15/04, each with one "nêu gương" item.
 * - Most other members registered in May (a cell usually registers around one evening meeting), some
 *   late in June, some not at all (a few left a draft). Thuận Thành and Lương Tài, the two districts
 *   that were late with their plans in the direction demo, lag here too: fewer registered, more late.
 * - Most commitments are accepted by the cell, some submitted and waiting, a few returned with a comment.
 *   Members joining after mid-May have not registered (key leaders and heads all may).
 * - 1–4 items each (leaders: one example item and 1–3 actions), chosen from realistic actions of the
 *   member's sector, due within 2012, many citing an item of the 2012 study topic or a standard; some
 *   check-ins (percent done and a note) on accepted commitments, between March and 19/06/2012.
 * - Most grassroots units registered a collective commitment in May.
 * - The demo secretary's cell (BN.TXTS.07.01, account `bithu`) has a mix for the browser journey: the
 *   secretary and most members accepted, one submitted and waiting, one late, one draft, and several
 *   members not registered, among them the member account `dangvien` (the cell's last member), who has
 *   nothing for 2012.
 *
 * Built in memory, deterministically (its own mulberry32 stream, so the rest of the demo is unchanged),
 * then written with a few unnest INSERTs inside the demo's transaction (~41,000 commitments, ~110,000
 * items, ~13,000 check-ins). It is a bulk load: the summary triggers of commitment are off and the
 * summaries rebuilt once by recompute_commitment_rollups(); the foreign keys, keys and indexes of the
 * three tables are dropped and built again after (one join or sort each instead of work per row).
 */
import { sql } from 'kysely';
import { isLeaderMember } from '../../shared/domain/commitments';
import type { UnitKind } from '../../shared/domain/units';
import type { Db } from '../db/connect';
import { DEMO_SECRETARY_CELL, DEMO_TOPIC_YEAR } from './meetings';
import { Random } from './random';

/** What the commitments demo reads of the generated province (structurally the seeds of generate.ts). */
export interface CommitmentsInput {
  units: readonly { id: number; parentId: number | null; kind: UnitKind; code: string; sector: string | null }[];
  members: readonly { id: number; unitId: number; joinedOn: string; isKeyLeader: boolean; isHead: boolean }[];
}

export const DEMO_ROUND = {
  year: DEMO_TOPIC_YEAR,
  schemeCode: '07-HD/BTCTW',
  leaderDeadline: '2012-04-15',
  memberDeadline: '2012-05-31',
  reviewOpensOn: '2012-12-01',
  openedAt: '2012-03-02T08:30:00+07:00',
  standardsNote:
    'Việc đăng ký gắn với chuẩn mực đạo đức của cán bộ, đảng viên theo Quy định 47-QĐ/TW ngày 01/11/2011 về những điều ' +
    'đảng viên không được làm và chuẩn mực đạo đức nghề nghiệp của từng ngành; mỗi việc nêu rõ cách đo kết quả, thời hạn ' +
    'hoàn thành và, khi có thể, nội dung chuyên đề năm 2012 mà việc đó thực hiện.',
} as const;

/** The districts that lag (as in the direction demo). */
export const LAGGING_DISTRICTS: readonly string[] = ['BN.TT', 'BN.LT'];
/** The article's date: nothing in the demo happens after it. */
const TODAY = '2012-06-19';
const COMMITMENTS_SEED = 20120531;

export type DemoCommitmentState = 'draft' | 'submitted' | 'accepted' | 'returned';

export interface CommitmentSeed {
  id: number;
  kind: 'personal' | 'collective';
  memberId: number | null;
  unitId: number;
  isLeader: boolean;
  state: DemoCommitmentState;
  firstSubmittedOn: string | null;
  submittedAt: string | null;
  returnComment: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ItemSeed {
  id: number;
  commitmentId: number;
  number: number;
  /** Index into ITEM_TEMPLATES (the texts and the due date). */
  template: number;
  topicItemId: number | null;
  cite: boolean;
  /** Drafts may lack the measure. */
  withMeasure: boolean;
}

export interface CheckinSeed {
  id: number;
  commitmentId: number;
  itemId: number;
  postedOn: string;
  percent: number;
  note: string;
}

export interface CommitmentsDemo {
  commitments: CommitmentSeed[];
  items: ItemSeed[];
  checkins: CheckinSeed[];
}

export interface CommitmentsIdBases {
  commitment: number;
  item: number;
  checkin: number;
}

const NO_BASES: CommitmentsIdBases = { commitment: 0, item: 0, checkin: 0 };

// ——— What members register ———

type Group = 'common' | 'village' | 'public' | 'education' | 'health' | 'armed' | 'enterprise' | 'example' | 'example_village' | 'collective' | 'collective_commune' | 'collective_agency';

interface ItemTemplate {
  group: Group;
  action: string;
  measure: string;
  due: string;
  /** Number of the 2012 topic item the action carries out, if any. */
  topic?: number;
  standard?: string;
}

const QD47 = 'Quy định 47-QĐ/TW: những điều đảng viên không được làm';
const Y = '2012-12-31';
const Q3 = '2012-09-30';
const NOV = '2012-11-30';

export const ITEM_TEMPLATES: readonly ItemTemplate[] = [
  // Every member.
  { group: 'common', action: 'Thực hiện nghiêm những điều đảng viên không được làm', measure: 'Cả năm không vi phạm; chi bộ nhận xét cuối năm', due: Y, standard: QD47 },
  { group: 'common', action: 'Tham gia đầy đủ sinh hoạt chi bộ, đóng đảng phí đúng kỳ', measure: 'Không vắng sinh hoạt không có lý do; đóng đủ 12 tháng đảng phí', due: Y, topic: 6 },
  { group: 'common', action: 'Nghiên cứu tài liệu chuyên đề năm 2012, liên hệ bản thân và viết bài thu hoạch', measure: '01 bài thu hoạch nộp chi bộ', due: Q3, topic: 1 },
  { group: 'common', action: 'Tổ chức việc cưới, việc tang, mừng thọ trong gia đình gọn nhẹ, tiết kiệm', measure: 'Gia đình không tổ chức linh đình; đạt danh hiệu gia đình văn hóa năm 2012', due: Y, topic: 7 },
  { group: 'common', action: 'Tự phê bình và phê bình thẳng thắn, chân thành trong sinh hoạt chi bộ', measure: 'Mỗi quý phát biểu ý kiến xây dựng ít nhất 1 lần; sửa xong khuyết điểm đã nhận', due: Y, topic: 6 },
  { group: 'common', action: 'Nói đi đôi với làm: thực hiện đúng những việc đã hứa với chi bộ và quần chúng', measure: 'Báo cáo kết quả từng việc với chi bộ vào cuối quý', due: Y, topic: 3 },
  { group: 'common', action: 'Giữ gìn đoàn kết nội bộ, không nói và làm trái nghị quyết của chi bộ', measure: 'Không có ý kiến phản ánh về đoàn kết; chi bộ nhận xét cuối năm', due: Y, topic: 2, standard: QD47 },
  // Residential (village and street cells).
  { group: 'village', action: 'Vận động gia đình và 3 hộ liền kề giữ vệ sinh môi trường, đổ rác đúng nơi quy định', measure: '3 hộ thực hiện thường xuyên; không đổ rác ra đường làng, ngõ xóm', due: Y, topic: 4 },
  { group: 'village', action: 'Đóng góp ngày công, kinh phí làm đường giao thông nông thôn theo nghị quyết của thôn', measure: 'Đóng góp đủ, đúng hạn; tham gia ít nhất 5 ngày công', due: NOV, topic: 4 },
  { group: 'village', action: 'Giáo dục con cháu không vi phạm pháp luật, không mắc tệ nạn xã hội', measure: 'Gia đình không có người vi phạm pháp luật, tệ nạn xã hội', due: Y },
  { group: 'village', action: 'Giúp 1 hộ nghèo trong thôn về cách làm ăn, giống cây trồng, vật nuôi', measure: 'Hộ được giúp tăng thu nhập, phấn đấu thoát nghèo cuối năm 2012', due: Y, topic: 5 },
  { group: 'village', action: 'Gương mẫu thực hiện hương ước, quy ước của thôn, khu phố', measure: 'Không vi phạm hương ước; được nhân dân nơi cư trú nhận xét tốt', due: Y, topic: 3 },
  { group: 'village', action: 'Dự họp thôn, tổ dân phố đầy đủ; nắm tâm tư, nguyện vọng của nhân dân báo cáo chi bộ', measure: 'Báo cáo tình hình tại sinh hoạt chi bộ hằng tháng', due: Y, topic: 5 },
  { group: 'village', action: 'Vận động các hộ tham gia bảo hiểm y tế tự nguyện', measure: 'Vận động được ít nhất 2 hộ tham gia', due: Q3 },
  // State and Party agencies.
  { group: 'public', action: 'Giải quyết hồ sơ, công việc được giao đúng thời hạn, không để tồn đọng', measure: '100% hồ sơ giải quyết đúng hạn; không có đơn thư phản ánh', due: Y, topic: 1 },
  { group: 'public', action: 'Thực hiện nghiêm giờ giấc làm việc và văn hóa công sở', measure: 'Không đi muộn, về sớm; đeo thẻ công chức khi làm việc', due: Y, topic: 1 },
  { group: 'public', action: 'Không sử dụng xe công vào việc riêng', measure: 'Cả năm không vi phạm', due: Y, topic: 7, standard: QD47 },
  { group: 'public', action: 'Không gây phiền hà, sách nhiễu khi giải quyết công việc của nhân dân, doanh nghiệp', measure: 'Không có phản ánh, khiếu nại về thái độ phục vụ', due: Y, topic: 5, standard: 'Chuẩn mực đạo đức nghề nghiệp của ngành' },
  { group: 'public', action: 'Tiết kiệm văn phòng phẩm, điện, nước tại cơ quan', measure: 'Giảm 10% chi văn phòng phẩm, điện, nước so với năm 2011', due: Y, topic: 7 },
  { group: 'public', action: 'Học tập nâng cao trình độ tin học, xử lý văn bản trên phần mềm quản lý văn bản', measure: 'Xử lý 100% văn bản đến trên phần mềm từ quý III/2012', due: Q3 },
  // Schools.
  { group: 'education', action: 'Đổi mới phương pháp dạy học, ứng dụng công nghệ thông tin trong giảng dạy', measure: 'Ít nhất 4 tiết dạy có ứng dụng công nghệ thông tin mỗi học kỳ; không có tiết xếp loại chưa đạt', due: Y, topic: 1 },
  { group: 'education', action: 'Không dạy thêm, học thêm trái quy định', measure: 'Cả năm không vi phạm', due: Y, standard: 'Quy định về đạo đức nhà giáo' },
  { group: 'education', action: 'Giúp đỡ học sinh có hoàn cảnh khó khăn, không để học sinh bỏ học', measure: 'Giúp 2 học sinh; lớp chủ nhiệm không có học sinh bỏ học', due: Y, topic: 5 },
  { group: 'education', action: 'Viết sáng kiến kinh nghiệm về đổi mới phương pháp giảng dạy', measure: '01 sáng kiến được Hội đồng khoa học cấp huyện xếp loại', due: NOV },
  { group: 'education', action: 'Thực hiện cuộc vận động "Mỗi thầy cô giáo là một tấm gương đạo đức, tự học và sáng tạo"', measure: 'Được tập thể giáo viên nhận xét tốt cuối năm học', due: Y, topic: 3, standard: 'Quy định về đạo đức nhà giáo' },
  // Health.
  { group: 'health', action: 'Thực hiện tốt 12 điều y đức, ân cần, hòa nhã với người bệnh', measure: 'Không có phản ánh của người bệnh về thái độ phục vụ', due: Y, topic: 5, standard: 'Quy định về y đức (12 điều y đức)' },
  { group: 'health', action: 'Không nhận phong bì, quà biếu của người bệnh và người nhà người bệnh', measure: 'Cả năm không vi phạm', due: Y, topic: 7, standard: 'Quy định về y đức (12 điều y đức)' },
  { group: 'health', action: 'Rút ngắn thời gian chờ khám, hướng dẫn tận tình người bệnh', measure: 'Người bệnh chờ khám không quá 60 phút', due: Y, topic: 5 },
  { group: 'health', action: 'Tham gia tiêm chủng mở rộng, khám sức khỏe cho người cao tuổi trên địa bàn', measure: '98% trẻ trong độ tuổi được tiêm chủng đầy đủ', due: NOV },
  // Police and military.
  { group: 'armed', action: 'Chấp hành nghiêm điều lệnh, kỷ luật và quy định của ngành', measure: 'Cả năm không vi phạm kỷ luật', due: Y, topic: 1 },
  { group: 'armed', action: 'Thực hiện Sáu điều Bác Hồ dạy Công an nhân dân, giữ gìn phẩm chất người chiến sĩ', measure: 'Được đơn vị nhận xét, xếp loại tốt cuối năm', due: Y, topic: 3, standard: 'Sáu điều Bác Hồ dạy Công an nhân dân' },
  { group: 'armed', action: 'Bám địa bàn, nắm chắc tình hình an ninh trật tự, giải quyết kịp thời vụ việc', measure: 'Không để xảy ra vụ việc phức tạp, điểm nóng trên địa bàn phụ trách', due: Y, topic: 5 },
  { group: 'armed', action: 'Tham gia huấn luyện, luyện tập đầy đủ, đạt yêu cầu', measure: 'Kết quả huấn luyện năm 2012 đạt khá trở lên', due: NOV },
  { group: 'armed', action: 'Thái độ đúng mực, không gây phiền hà cho nhân dân khi làm nhiệm vụ', measure: 'Không có phản ánh, khiếu nại của nhân dân', due: Y, topic: 5 },
  // Enterprises and banks.
  { group: 'enterprise', action: 'Hoàn thành vượt mức kế hoạch sản xuất, kinh doanh được giao', measure: 'Vượt 5% chỉ tiêu năm 2012 của bộ phận', due: Y, topic: 1 },
  { group: 'enterprise', action: 'Thực hiện nghiêm quy trình an toàn lao động, vệ sinh lao động', measure: 'Không để xảy ra tai nạn lao động', due: Y },
  { group: 'enterprise', action: 'Phục vụ khách hàng tận tình, đúng quy trình nghiệp vụ', measure: 'Không có khiếu nại của khách hàng', due: Y, topic: 5, standard: 'Chuẩn mực đạo đức nghề nghiệp của ngành' },
  { group: 'enterprise', action: 'Tiết kiệm nguyên liệu, vật tư, điện năng trong sản xuất', measure: 'Giảm 3% tiêu hao vật tư so với định mức', due: Y, topic: 7 },
  // Leaders' "nêu gương" pledges.
  { group: 'example', action: 'Gương mẫu đi đầu thực hành tiết kiệm, chống lãng phí tại cơ quan, đơn vị', measure: 'Chi thường xuyên giảm 10% so với dự toán; công khai kết quả tại hội nghị cán bộ', due: Y, topic: 4 },
  { group: 'example', action: 'Nêu gương giữ gìn phẩm chất đạo đức, lối sống; không để người thân lợi dụng chức vụ của mình', measure: 'Cả năm không có đơn thư phản ánh về bản thân và gia đình', due: Y, topic: 4, standard: QD47 },
  { group: 'example', action: 'Trực tiếp tiếp dân định kỳ, đối thoại với nhân dân', measure: 'Tiếp dân ít nhất 1 ngày mỗi tháng; giải quyết dứt điểm kiến nghị trong thẩm quyền', due: Y, topic: 5 },
  { group: 'example', action: 'Làm trước để cán bộ, đảng viên làm theo: báo cáo kết quả việc làm theo với chi bộ', measure: 'Báo cáo mỗi quý; công khai bản đăng ký tại cơ quan', due: Y, topic: 4 },
  { group: 'example', action: 'Gương mẫu nhận khuyết điểm và sửa chữa sau kiểm điểm năm 2011', measure: 'Khắc phục dứt điểm các hạn chế đã nêu trong kiểm điểm', due: Q3, topic: 6 },
  { group: 'example_village', action: 'Đi đầu vận động nhân dân hiến đất, góp công làm đường giao thông nông thôn', measure: 'Gia đình hiến đất, góp công trước; vận động được 10 hộ tham gia', due: NOV, topic: 4 },
  { group: 'example_village', action: 'Gương mẫu thực hiện nếp sống văn minh trong việc cưới, việc tang ở khu dân cư', measure: 'Gia đình thực hiện đúng quy ước; vận động được 5 hộ làm theo', due: Y, topic: 4 },
  // Collective commitments of grassroots units.
  { group: 'collective', action: '100% cán bộ, đảng viên đăng ký việc làm theo gắn với nhiệm vụ được giao', measure: 'Hoàn thành đăng ký trước ngày 31/5/2012; chi bộ duyệt từng bản', due: '2012-06-30' },
  { group: 'collective', action: 'Duy trì sinh hoạt chi bộ hằng tháng có nội dung chuyên đề năm 2012', measure: '12/12 kỳ sinh hoạt có nội dung chuyên đề và liên hệ việc làm theo', due: Y, topic: 6 },
  { group: 'collective', action: 'Xây dựng tổ chức cơ sở đảng trong sạch, vững mạnh', measure: 'Cuối năm đạt trong sạch, vững mạnh; không có đảng viên vi phạm kỷ luật', due: Y },
  { group: 'collective', action: 'Phát hiện, biểu dương, nhân rộng điển hình tiên tiến trong học tập và làm theo', measure: 'Biểu dương ít nhất 2 tập thể, 5 cá nhân; gửi tin bài cho Báo Bắc Ninh', due: NOV },
  { group: 'collective', action: 'Thực hiện quy chế dân chủ ở cơ sở, công khai tài chính', measure: 'Công khai 6 tháng một lần; không có khiếu kiện đông người', due: Y, topic: 2 },
  { group: 'collective_commune', action: 'Hoàn thành chỉ tiêu xây dựng nông thôn mới năm 2012', measure: 'Đạt thêm ít nhất 2 tiêu chí nông thôn mới', due: Y, topic: 5 },
  { group: 'collective_commune', action: 'Giải quyết dứt điểm đơn thư, kiến nghị tồn đọng của nhân dân', measure: 'Không còn đơn thư tồn đọng quá hạn vào cuối năm', due: NOV, topic: 5 },
  { group: 'collective_agency', action: 'Cải cách thủ tục hành chính, niêm yết công khai quy trình giải quyết công việc', measure: '95% hồ sơ trả đúng hạn; không có phản ánh về thái độ phục vụ', due: Y, topic: 5 },
  { group: 'collective_agency', action: 'Thực hành tiết kiệm, chống lãng phí trong chi tiêu của cơ quan, đơn vị', measure: 'Tiết kiệm 10% chi thường xuyên so với dự toán năm 2012', due: Y, topic: 7 },
];

const templatesOf = (groups: readonly Group[]): number[] =>
  ITEM_TEMPLATES.flatMap((t, i) => (groups.includes(t.group) ? [i] : []));

const SECTOR_GROUP: Readonly<Record<string, Group>> = {
  village: 'village',
  education: 'education',
  health: 'health',
  police: 'armed',
  military: 'armed',
  enterprise: 'enterprise',
  banking: 'enterprise',
};
const POOLS = new Map<Group, { actions: number[]; examples: number[] }>(
  (['village', 'public', 'education', 'health', 'armed', 'enterprise'] as const).map((group) => [
    group,
    {
      actions: templatesOf(['common', group]),
      examples: templatesOf(group === 'village' ? ['example', 'example_village'] : ['example']),
    },
  ]),
);
const COLLECTIVE_POOLS = {
  commune: templatesOf(['collective', 'collective_commune']),
  agency: templatesOf(['collective', 'collective_agency']),
};

const RETURN_COMMENTS = [
  'Nội dung đăng ký còn chung chung, chưa gắn với nhiệm vụ chuyên môn; đề nghị đồng chí bổ sung việc cụ thể.',
  'Đề nghị đăng ký thêm ít nhất một việc gắn với nội dung chuyên đề năm 2012.',
  'Cách đo kết quả chưa rõ (đo bằng gì, bao nhiêu); đề nghị ghi cụ thể chỉ tiêu.',
  'Thời hạn hoàn thành chưa phù hợp với kế hoạch của chi bộ, đề nghị điều chỉnh.',
];

const CHECKIN_NOTES = [
  'Đã thực hiện đúng kế hoạch, chưa có vi phạm.',
  'Đã báo cáo kết quả với chi bộ tại kỳ sinh hoạt tháng.',
  'Đang thực hiện; một số việc còn chậm do bận công tác, sẽ khắc phục trong tháng tới.',
  'Hoàn thành phần việc của quý II, tiếp tục thực hiện trong quý III.',
  'Đã vận động được một số hộ; còn hộ chưa đồng tình, tiếp tục gặp gỡ.',
  'Thực hiện thường xuyên, được đồng chí bí thư chi bộ ghi nhận.',
];

// ——— Dates ———

const pad = (n: number) => String(n).padStart(2, '0');
/** The days of 2012 as ISO dates, so date steps are array lookups. */
const DAYS = Array.from({ length: 366 }, (_, i) => new Date(Date.UTC(2012, 0, 1 + i)).toISOString().slice(0, 10));
const DAY_INDEX = new Map(DAYS.map((d, i) => [d, i]));

function dayIndex(date: string): number {
  const i = DAY_INDEX.get(date);
  if (i === undefined) throw new Error(`demo date outside 2012: ${date}`);
  return i;
}

function shift(date: string, days: number): string {
  const day = DAYS[dayIndex(date) + days];
  if (!day) throw new Error(`demo date out of range: ${date} + ${days}`);
  return day;
}

/** A day between `from` and `to` inclusive. */
function between(rnd: Random, from: string, to: string): string {
  return DAYS[rnd.int(dayIndex(from), dayIndex(to))] ?? from;
}

const minDate = (a: string, b: string) => (a < b ? a : b);
const maxDate = (a: string, b: string) => (a > b ? a : b);

/** A timestamp in Vietnam time: most registrations are typed in the evening. */
function at(rnd: Random, date: string): string {
  const hour = rnd.chance(0.6) ? rnd.int(19, 22) : rnd.int(8, 16);
  return `${date}T${pad(hour)}:${pad(rnd.int(0, 59))}:00+07:00`;
}

// ——— Building ———

export interface CommitmentsRefs {
  /** Item ids of the round's study topic, by item number (index 0 = item 1). */
  topicItemIds: readonly number[];
}

/** Build the commitments of 2012 in memory (the round itself is a single row written by the loader). */
export function buildCommitmentsDemo(input: CommitmentsInput, refs: CommitmentsRefs, bases: CommitmentsIdBases = NO_BASES, seed = COMMITMENTS_SEED): CommitmentsDemo {
  const rnd = new Random(seed);
  const byId = new Map(input.units.map((u) => [u.id, u]));
  const province = input.units.find((u) => u.parentId === null);
  if (!province) throw new Error('demo province missing');
  /** The district-level ancestor (child of the province) of a unit. */
  const districtCache = new Map<number, string>();
  const districtOf = (unitId: number): string => {
    const cached = districtCache.get(unitId);
    if (cached !== undefined) return cached;
    let unit = byId.get(unitId);
    while (unit && unit.parentId !== null && unit.parentId !== province.id) unit = byId.get(unit.parentId);
    const code = unit?.code ?? '';
    districtCache.set(unitId, code);
    return code;
  };

  const membersOf = new Map<number, CommitmentsInput['members'][number][]>();
  for (const member of input.members) {
    const list = membersOf.get(member.unitId) ?? [];
    list.push(member);
    membersOf.set(member.unitId, list);
  }

  const commitments: CommitmentSeed[] = [];
  const items: ItemSeed[] = [];
  const checkins: CheckinSeed[] = [];

  const topicItemId = (number: number | undefined) => (number === undefined ? null : (refs.topicItemIds[number - 1] ?? null));

  const addItems = (commitment: CommitmentSeed, chosen: number[], draft: boolean): ItemSeed[] =>
    chosen.map((template, i) => {
      const t = ITEM_TEMPLATES[template];
      if (!t) throw new Error(`no item template ${template}`);
      const item: ItemSeed = {
        id: bases.item + items.length + 1,
        commitmentId: commitment.id,
        number: i + 1,
        template,
        topicItemId: rnd.chance(0.6) ? topicItemId(t.topic) : null,
        cite: t.standard !== undefined && rnd.chance(0.7),
        // Drafts are unfinished now and then: a measure still missing.
        withMeasure: !draft || rnd.chance(0.7),
      };
      items.push(item);
      return item;
    });

  /** `count` distinct templates of `pool`, in the pool's order shuffled. */
  const pickDistinct = (pool: readonly number[], count: number): number[] => {
    const left = [...pool];
    const out: number[] = [];
    while (out.length < count && left.length > 0) out.push(left.splice(rnd.int(0, left.length - 1), 1)[0] ?? 0);
    return out;
  };

  const personalItems = (group: Group, isLeader: boolean): number[] => {
    const pool = POOLS.get(group) ?? POOLS.get('public');
    if (!pool) throw new Error('no item pool');
    const r = rnd.next();
    if (isLeader) {
      const actions = r < 0.3 ? 1 : r < 0.75 ? 2 : 3;
      return [...pickDistinct(pool.examples, 1), ...pickDistinct(pool.actions, actions)];
    }
    const count = r < 0.1 ? 1 : r < 0.45 ? 2 : r < 0.8 ? 3 : 4;
    return pickDistinct(pool.actions, count);
  };

  const newCommitment = (c: Omit<CommitmentSeed, 'id'>): CommitmentSeed => {
    const commitment: CommitmentSeed = {
      id: bases.commitment + commitments.length + 1,
      kind: c.kind,
      memberId: c.memberId,
      unitId: c.unitId,
      isLeader: c.isLeader,
      state: c.state,
      firstSubmittedOn: c.firstSubmittedOn,
      submittedAt: c.submittedAt,
      returnComment: c.returnComment,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
    };
    commitments.push(commitment);
    return commitment;
  };

  /** A draft started on `on`, never submitted. */
  const draftOf = (base: Pick<CommitmentSeed, 'kind' | 'memberId' | 'unitId' | 'isLeader'>, on: string): Omit<CommitmentSeed, 'id'> => {
    const createdAt = at(rnd, on);
    return { kind: base.kind, memberId: base.memberId, unitId: base.unitId, isLeader: base.isLeader, state: 'draft', firstSubmittedOn: null, submittedAt: null, returnComment: null, createdAt, updatedAt: createdAt };
  };

  /** A registration submitted on `on`, then accepted, waiting or returned. */
  const registered = (base: Pick<CommitmentSeed, 'kind' | 'memberId' | 'unitId' | 'isLeader'>, on: string, state: Exclude<DemoCommitmentState, 'draft'>) => {
    const submittedAt = at(rnd, on);
    const createdAt = at(rnd, shift(on, -rnd.int(0, 4)));
    const reviewedOn = minDate(TODAY, shift(on, rnd.int(1, 9)));
    return newCommitment({
      kind: base.kind,
      memberId: base.memberId,
      unitId: base.unitId,
      isLeader: base.isLeader,
      state,
      firstSubmittedOn: on,
      submittedAt,
      returnComment: state === 'returned' ? rnd.pick(RETURN_COMMENTS) : null,
      createdAt: createdAt < submittedAt ? createdAt : submittedAt,
      updatedAt: state === 'submitted' ? submittedAt : maxDate(submittedAt, at(rnd, reviewedOn)),
    });
  };

  /** Check-ins on an accepted commitment: progress posted after it was registered, up to the demo's today. */
  const addCheckins = (commitment: CommitmentSeed, own: readonly ItemSeed[], chance: number) => {
    const from = commitment.firstSubmittedOn;
    if (commitment.state !== 'accepted' || from === null || !rnd.chance(chance)) return;
    const first = shift(from, 10);
    if (first > TODAY) return;
    const count = rnd.int(1, 3);
    let on = first;
    const progress = new Map<number, number>();
    for (let k = 0; k < count && on <= TODAY; k++) {
      on = between(rnd, on, minDate(TODAY, shift(on, 30)));
      const item = rnd.pick(own);
      const percent = Math.min(100, (progress.get(item.id) ?? 0) + 5 * rnd.int(2, 8));
      progress.set(item.id, percent);
      checkins.push({ id: bases.checkin + checkins.length + 1, commitmentId: commitment.id, itemId: item.id, postedOn: on, percent, note: rnd.pick(CHECKIN_NOTES) });
      on = shift(on, 1);
    }
  };

  // Most members of a cell register around one meeting in May: the weekdays it may fall on.
  const mayDays = DAYS.filter((d) => d >= '2012-05-02' && d <= '2012-05-28' && ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()));

  const cells = input.units.filter((u) => u.kind === 'cell' || u.kind === 'grassroots_cell');
  if (!cells.some((c) => c.code === DEMO_SECRETARY_CELL)) throw new Error(`demo cell ${DEMO_SECRETARY_CELL} missing`);
  for (const cell of cells) {
    const roll = membersOf.get(cell.id) ?? [];
    const lag = LAGGING_DISTRICTS.includes(districtOf(cell.id));
    const group = SECTOR_GROUP[cell.sector ?? ''] ?? 'public';
    const isSecretaryCell = cell.code === DEMO_SECRETARY_CELL;
    // Cells differ: a few have hardly started (more of them in the lagging districts), a few secretaries
    // have not yet looked at what was submitted.
    const stalled = !isSecretaryCell && rnd.chance(lag ? 0.14 : 0.03);
    const slowSecretary = !isSecretaryCell && rnd.chance(0.06);
    const registerChance = stalled ? 0.4 : lag ? 0.85 : 0.97;
    const lateShare = lag ? 0.3 : 0.07;
    const meetingDay = isSecretaryCell ? '2012-05-08' : rnd.pick(mayDays);

    roll.forEach((member, index) => {
      const isLeader = isLeaderMember(member);
      const base = { kind: 'personal' as const, memberId: member.id, unitId: cell.id, isLeader };
      // Members who joined after mid-May have not registered yet. Key leaders and heads hold their posts
      // in 2012 whatever joining date the generator drew for them, so they all may register.
      const eligible = isLeader || member.joinedOn <= '2012-05-15';

      if (isSecretaryCell) {
        // The browser journey's cell: the last member (`dangvien`) and one other have nothing, one a draft.
        const last = roll.length - 1;
        if (index === last || index === last - 2 || !eligible) return;
        if (index === last - 1) {
          const draft = newCommitment(draftOf(base, '2012-06-14'));
          addItems(draft, personalItems(group, isLeader), true);
          return;
        }
        const on = isLeader ? between(rnd, '2012-03-26', '2012-04-13') : index === 1 ? '2012-05-30' : index === 3 ? '2012-06-05' : shift(meetingDay, rnd.int(-2, 2));
        const c = registered(base, on, index === 1 ? 'submitted' : 'accepted');
        addCheckins(c, addItems(c, personalItems(group, isLeader), false), isLeader ? 0.6 : 0.3);
        return;
      }

      if (!eligible) return;
      let on: string | null = null;
      if (isLeader) {
        if (rnd.chance(lag ? 0.94 : 0.985)) {
          const r = rnd.next();
          on = r < (lag ? 0.62 : 0.9) ? between(rnd, '2012-03-12', '2012-04-15') : r < (lag ? 0.88 : 0.97) ? between(rnd, '2012-04-16', '2012-05-31') : between(rnd, '2012-06-01', '2012-06-18');
        }
      } else if (rnd.chance(registerChance)) {
        const r = rnd.next();
        on = r < lateShare ? between(rnd, '2012-06-01', '2012-06-19') : r < lateShare + 0.1 ? between(rnd, '2012-04-02', '2012-04-30') : minDate('2012-05-31', shift(meetingDay, rnd.int(-3, 4)));
      }
      if (on === null) {
        // Some who have not registered have started a draft.
        if (rnd.chance(0.3)) {
          const started = between(rnd, '2012-05-10', TODAY);
          const draft = newCommitment(draftOf(base, started));
          addItems(draft, personalItems(group, isLeader), true);
        }
        return;
      }
      const r = rnd.next();
      const recent = on >= '2012-06-10';
      const state: Exclude<DemoCommitmentState, 'draft'> =
        recent || slowSecretary ? (r < 0.65 ? 'submitted' : 'accepted') : r < 0.035 ? 'returned' : r < 0.1 ? 'submitted' : 'accepted';
      const c = registered(base, on, state);
      addCheckins(c, addItems(c, personalItems(group, isLeader), false), isLeader ? 0.5 : lag ? 0.1 : 0.22);
    });
  }

  // Collective commitments of the grassroots units, registered in May (some in June, fewer in the lagging districts).
  for (const unit of input.units) {
    if (unit.kind !== 'grassroots_committee' && unit.kind !== 'grassroots_cell') continue;
    const lag = LAGGING_DISTRICTS.includes(districtOf(unit.id));
    if (!rnd.chance(lag ? 0.7 : 0.92)) continue;
    const on = rnd.chance(lag ? 0.3 : 0.08) ? between(rnd, '2012-06-01', '2012-06-19') : between(rnd, '2012-05-03', '2012-05-31');
    const c = registered({ kind: 'collective', memberId: null, unitId: unit.id, isLeader: false }, on, on >= '2012-06-10' || rnd.chance(0.2) ? 'submitted' : 'accepted');
    const commune = unit.kind === 'grassroots_committee' && unit.sector === 'commune';
    addItems(c, pickDistinct(commune ? COLLECTIVE_POOLS.commune : COLLECTIVE_POOLS.agency, rnd.int(2, 5)), false);
  }
  return { commitments, items, checkins };
}

export interface CommitmentsSummary {
  roundId: number;
  commitments: number;
  items: number;
  checkins: number;
}

/** Write the 2012 round and its commitments into the demo's transaction, after the meetings demo (its study topic). */
export async function loadCommitmentsDemo(tx: Db, input: CommitmentsInput): Promise<CommitmentsSummary> {
  const max = async (table: string) =>
    Number((await sql<{ max: string | null }>`SELECT max(id)::text AS max FROM ${sql.table(table)}`.execute(tx)).rows[0]?.max ?? 0);
  const bases: CommitmentsIdBases = { commitment: await max('commitment'), item: await max('commitment_item'), checkin: await max('commitment_checkin') };

  const scheme = await tx.selectFrom('assessment_scheme').select('id').where('code', '=', DEMO_ROUND.schemeCode).executeTakeFirstOrThrow();
  // The campaign of Chỉ thị 03-CT/TW, when the direction demo registered it; else the province's campaign.
  const province = input.units.find((u) => u.parentId === null);
  const directive = await tx.selectFrom('party_document').select('campaign_id').where('symbol', '=', '03-CT/TW').orderBy('id').executeTakeFirst();
  const campaign =
    directive?.campaign_id ??
    (province ? (await tx.selectFrom('campaign').select('id').where('unit_id', '=', province.id).orderBy('id').executeTakeFirst())?.id : undefined) ??
    null;
  const topic = await tx.selectFrom('study_topic').select('id').where('year', '=', DEMO_ROUND.year).orderBy('id').executeTakeFirst();
  const topicItems = topic ? await tx.selectFrom('study_topic_item').select(['id', 'number']).where('topic_id', '=', topic.id).orderBy('number').execute() : [];

  if (!province) throw new Error('demo province missing');
  const round = await tx
    .insertInto('commitment_round')
    .values({
      unit_id: province.id,
      year: DEMO_ROUND.year,
      campaign_id: campaign,
      scheme_id: scheme.id,
      leader_deadline: DEMO_ROUND.leaderDeadline,
      member_deadline: DEMO_ROUND.memberDeadline,
      review_opens_on: DEMO_ROUND.reviewOpensOn,
      study_topic_id: topic?.id ?? null,
      standards_note: DEMO_ROUND.standardsNote,
      created_at: DEMO_ROUND.openedAt,
      updated_at: DEMO_ROUND.openedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  const { commitments: cs, items, checkins } = buildCommitmentsDemo(input, { topicItemIds: topicItems.map((i) => i.id) }, bases);

  // Bulk load (see the header): the summary triggers off, keys and indexes built after, one recompute.
  await sql`ALTER TABLE commitment DISABLE TRIGGER USER`.execute(tx);
  await withoutKeysAndIndexes(tx, ['commitment', 'commitment_item', 'commitment_checkin'], async () => {
    const col = <K extends keyof CommitmentSeed>(key: K) => cs.map((c) => c[key]);
    await sql`
      INSERT INTO commitment (id, round_id, kind, member_id, unit_id, is_leader, state, first_submitted_on, submitted_at, return_comment,
                              created_at, updated_at)
      SELECT id, ${round.id}, kind, member_id, unit_id, is_leader, state, first_submitted_on, submitted_at, return_comment, created_at, updated_at
        FROM unnest(${col('id')}::bigint[], ${col('kind')}::text[], ${col('memberId')}::bigint[], ${col('unitId')}::bigint[],
                    ${col('isLeader')}::boolean[], ${col('state')}::text[], ${col('firstSubmittedOn')}::date[], ${col('submittedAt')}::timestamptz[],
                    ${col('returnComment')}::text[], ${col('createdAt')}::timestamptz[], ${col('updatedAt')}::timestamptz[])
          AS t(id, kind, member_id, unit_id, is_leader, state, first_submitted_on, submitted_at, return_comment, created_at, updated_at)`.execute(tx);

    // Items (the big one, ~110,000 rows) carry the index of their template, the texts are sent once and
    // joined in PostgreSQL; the columns go as flat comma-separated text (empty = NULL), cheap to send and parse.
    const t = <K extends keyof ItemTemplate>(key: K) => ITEM_TEMPLATES.map((x) => x[key] ?? null);
    const ints = (values: readonly (number | null)[]) => values.map((v) => (v === null ? '' : String(v))).join(',');
    const flags = (values: readonly boolean[]) => values.map((v) => (v ? 't' : 'f')).join('');
    await sql`
      INSERT INTO commitment_item (id, commitment_id, number, kind, action, measure, due_on, topic_item_id, standard_ref)
      SELECT i.id, i.commitment_id, i.number, CASE WHEN t.grp LIKE 'example%' THEN 'example' ELSE 'action' END, t.action,
             CASE WHEN i.with_measure = 't' THEN t.measure END, t.due_on, i.topic_item_id, CASE WHEN i.cite = 't' THEN t.standard_ref END
        FROM unnest(string_to_array(${ints(items.map((x) => x.id))}, ',')::bigint[], string_to_array(${ints(items.map((x) => x.commitmentId))}, ',')::bigint[],
                    string_to_array(${ints(items.map((x) => x.number))}, ',')::int[], string_to_array(${ints(items.map((x) => x.template))}, ',')::int[],
                    string_to_array(${ints(items.map((x) => x.topicItemId))}, ',', '')::bigint[],
                    string_to_array(${flags(items.map((x) => x.cite))}, NULL), string_to_array(${flags(items.map((x) => x.withMeasure))}, NULL))
          AS i(id, commitment_id, number, template, topic_item_id, cite, with_measure)
        JOIN unnest(${t('group')}::text[], ${t('action')}::text[], ${t('measure')}::text[], ${t('standard')}::text[], ${t('due')}::date[]) WITH ORDINALITY
          AS t(grp, action, measure, standard_ref, due_on, n) ON t.n = i.template + 1`.execute(tx);

    const k = <K extends keyof CheckinSeed>(key: K) => checkins.map((x) => x[key]);
    await sql`
      INSERT INTO commitment_checkin (id, commitment_id, item_id, posted_on, percent, note, created_at)
      SELECT id, commitment_id, item_id, posted_on, percent, note, (posted_on + time '20:30') AT TIME ZONE 'Asia/Ho_Chi_Minh'
        FROM unnest(${k('id')}::bigint[], ${k('commitmentId')}::bigint[], ${k('itemId')}::bigint[], ${k('postedOn')}::date[], ${k('percent')}::int[],
                    ${k('note')}::text[]) AS t(id, commitment_id, item_id, posted_on, percent, note)`.execute(tx);
  });
  await sql`ALTER TABLE commitment ENABLE TRIGGER USER`.execute(tx);
  await sql`SELECT recompute_commitment_rollups()`.execute(tx);
  for (const table of ['commitment_round', 'commitment', 'commitment_item', 'commitment_checkin']) {
    await sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), greatest(1, (SELECT max(id) FROM ${sql.table(table)})))`.execute(tx);
  }
  return { roundId: round.id, commitments: cs.length, items: items.length, checkins: checkins.length };
}

/**
 * Run `load` with the foreign keys, keys and indexes of `tables` dropped, then build them again: each
 * foreign key is checked by one join and each index built by one sort, instead of work per row (the
 * per-row key checks alone cost several seconds for the demo's ~150,000 rows). Keys of a table that a
 * foreign key from outside `tables` refers to stay. Keys are added back before the foreign keys.
 */
async function withoutKeysAndIndexes(tx: Db, tables: readonly string[], load: () => Promise<void>): Promise<void> {
  const constraints = await sql<{ table: string; name: string; definition: string }>`
    SELECT c.conrelid::regclass::text AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS definition
      FROM pg_constraint c
     WHERE c.conrelid = ANY (${[...tables]}::regclass[])
       AND (c.contype = 'f'
            OR (c.contype IN ('p', 'u') AND NOT EXISTS (
                  SELECT 1 FROM pg_constraint r WHERE r.contype = 'f' AND r.confrelid = c.conrelid AND r.conrelid <> ALL (${[...tables]}::regclass[]))))
     ORDER BY c.contype = 'f' DESC, 1, 2`.execute(tx);
  const indexes = await sql<{ name: string; definition: string }>`
    SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
      FROM pg_index i
     WHERE i.indrelid = ANY (${[...tables]}::regclass[]) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
     ORDER BY 1`.execute(tx);
  for (const c of constraints.rows) await sql`ALTER TABLE ${sql.table(c.table)} DROP CONSTRAINT ${sql.ref(c.name)}`.execute(tx);
  for (const index of indexes.rows) await sql`DROP INDEX ${sql.ref(index.name)}`.execute(tx);
  await load();
  for (const index of indexes.rows) await sql.raw(index.definition).execute(tx);
  for (const c of [...constraints.rows].reverse()) {
    await sql`ALTER TABLE ${sql.table(c.table)} ADD CONSTRAINT ${sql.ref(c.name)} ${sql.raw(c.definition)}`.execute(tx);
  }
}
