/**
 * The year's study topic and the monthly cell meetings of the Bắc Ninh 2012 demo (DOMAIN.md §2, Task 3).
 * The Tỉnh ủy sets the 2012 topic "Nêu cao tinh thần trách nhiệm, chống chủ nghĩa cá nhân, nói đi đôi với
 * làm" with its numbered items; every open cell meets monthly from January to May 2012 (the article is
 * dated 19/06/2012: nothing from June on). About 93 % of the cell-months were held, 95 % of those took up
 * 1 or 2 items of the topic, the rest met without it; a few cells missed two months in a row, a few held
 * an extraordinary meeting; attendance is ticked from each cell's roll and the counts on the meeting row
 * agree with it. The demo secretary's cell (BN.TXTS.07.01, account `bithu`) met every month January–May
 * and has nothing for June, which a browser journey records.
 *
 * Built in memory, deterministically (its own mulberry32 stream, so the rest of the demo is unchanged),
 * then written with a few unnest INSERTs inside the demo's transaction (~10,000 meetings, ~200,000
 * attendance rows). It is a bulk load: the summary triggers of cell_meeting are off and the summaries
 * rebuilt once by recompute_meeting_rollup(); the foreign keys and secondary indexes of the three meeting
 * tables are dropped and built again after, which checks each key with one join instead of a lookup per row.
 */
import { sql } from 'kysely';
import { type AttendanceStatus, DEFAULT_TOPIC_RULE } from '../../shared/domain/meetings';
import type { UnitKind } from '../../shared/domain/units';
import type { Db } from '../db/connect';
import { Random } from './random';

/** What the meetings demo reads of the generated province (structurally the seeds of generate.ts). */
export interface MeetingsInput {
  units: readonly { id: number; parentId: number | null; kind: UnitKind; code: string }[];
  members: readonly { id: number; unitId: number; joinedOn: string }[];
  positions: readonly { memberId: number; unitId: number; position: string }[];
}

export interface TopicSeed {
  id: number;
  unitId: number;
  year: number;
  title: string;
  description: string;
  campaignId: number | null;
  createdAt: string;
  items: { id: number; number: number; title: string; description: string }[];
  materials: { id: number; title: string; url: string }[];
}

export interface MeetingSeed {
  id: number;
  unitId: number;
  year: number;
  month: number;
  kind: 'regular' | 'extraordinary';
  topicId: number;
  plannedOn: string | null;
  planNote: string | null;
  /** Timestamps with the Vietnam offset, e.g. 2012-02-18T20:05:00+07:00. */
  plannedAt: string | null;
  heldOn: string | null;
  recordedAt: string | null;
  studiedCount: number;
  presentCount: number;
  excusedCount: number;
  absentCount: number;
  relatedNotes: string | null;
  actions: string | null;
}

export interface MeetingItemSeed {
  meetingId: number;
  stage: 'planned' | 'studied';
  itemId: number;
}

/** Attendance by columns (about 200,000 rows: three flat arrays are cheap to build and to send). */
export interface AttendanceColumns {
  meetingId: number[];
  memberId: number[];
  status: AttendanceStatus[];
}

export interface MeetingsDemo {
  topic: TopicSeed;
  meetings: MeetingSeed[];
  items: MeetingItemSeed[];
  attendance: AttendanceColumns;
}

export interface MeetingsIdBases {
  topic: number;
  item: number;
  material: number;
  meeting: number;
}

const NO_BASES: MeetingsIdBases = { topic: 0, item: 0, material: 0, meeting: 0 };
const MEETINGS_SEED = 20120619;
export const DEMO_TOPIC_YEAR = 2012;
/** Months of 2012 with meetings: the article is dated 19/06/2012. */
export const DEMO_MEETING_MONTHS = [1, 2, 3, 4, 5] as const;
/** The demo secretary's cell (account `bithu`): every month held, nothing for June. */
export const DEMO_SECRETARY_CELL = 'BN.TXTS.07.01';
const ARTICLE_DATE = '2012-06-19';
const MEETING_KINDS_OF_CELLS: readonly UnitKind[] = ['cell', 'grassroots_cell'];

export const DEMO_TOPIC_TITLE = 'Nêu cao tinh thần trách nhiệm, chống chủ nghĩa cá nhân, nói đi đôi với làm';

/** The topic's items, with what members related them to (liên hệ) and the actions agreed (làm theo). */
const TOPIC_ITEMS: readonly { title: string; description: string; related: readonly string[]; actions: readonly string[] }[] = [
  {
    title: 'Tinh thần trách nhiệm trong thực thi công vụ, nhiệm vụ được giao',
    description: 'Tư tưởng Hồ Chí Minh về tinh thần trách nhiệm của cán bộ, đảng viên với công việc, với tập thể và với nhân dân.',
    related: [
      'Đảng viên liên hệ việc hoàn thành nhiệm vụ được giao; còn trường hợp chưa đúng giờ, giải quyết việc còn chậm.',
      'Các đồng chí trong chi ủy nhận khuyết điểm chưa thường xuyên đôn đốc, kiểm tra việc thực hiện nghị quyết chi bộ.',
      'Liên hệ trách nhiệm trong việc vận động gia đình thực hiện nếp sống văn minh, đóng góp xây dựng nông thôn mới.',
    ],
    actions: [
      'Mỗi đảng viên rà soát nhiệm vụ được giao, hoàn thành đúng hạn; chi ủy kiểm tra vào kỳ sinh hoạt tới.',
      'Thực hiện nghiêm giờ giấc làm việc, không để tồn đọng hồ sơ, việc của dân.',
      'Phân công đảng viên phụ trách hộ gia đình, nắm tình hình và báo cáo tại sinh hoạt chi bộ hằng tháng.',
    ],
  },
  {
    title: 'Chống chủ nghĩa cá nhân, lợi ích nhóm, tư tưởng cục bộ',
    description: 'Nhận diện biểu hiện của chủ nghĩa cá nhân: ích kỷ, cơ hội, thực dụng, cục bộ, bè phái; học tập bài viết "Nâng cao đạo đức cách mạng, quét sạch chủ nghĩa cá nhân".',
    related: [
      'Chi bộ thảo luận các biểu hiện "sống ích kỷ, chỉ lo vun vén cho bản thân" và liên hệ bản thân từng đảng viên.',
      'Liên hệ việc giữ gìn đoàn kết nội bộ, còn biểu hiện nể nang, né tránh trong tự phê bình và phê bình.',
      'Đảng viên nêu những việc còn đặt lợi ích cá nhân lên trên lợi ích chung và hướng khắc phục.',
    ],
    actions: [
      'Tăng cường tự phê bình và phê bình trong sinh hoạt chi bộ; mỗi đảng viên tự nhận một khuyết điểm và hướng sửa.',
      'Công khai các khoản thu, chi của thôn, khu phố, cơ quan để nhân dân, cán bộ giám sát.',
      'Không vụ lợi trong giải quyết công việc; chi bộ lấy ý kiến nhận xét của quần chúng về đảng viên.',
    ],
  },
  {
    title: 'Nói đi đôi với làm, gương mẫu trong lời nói và việc làm',
    description: 'Tấm gương "nói đi đôi với làm" của Chủ tịch Hồ Chí Minh; trách nhiệm thực hiện đúng những điều đã hứa, đã cam kết.',
    related: [
      'Liên hệ việc thực hiện những điều đã đăng ký làm theo; có đảng viên đăng ký nhưng chưa làm.',
      'Chi bộ nhận xét việc gương mẫu của đảng viên ở khu dân cư: thực hiện hương ước, vệ sinh môi trường, tiết kiệm trong việc cưới, việc tang.',
      'Đảng viên liên hệ việc nói và làm theo nghị quyết của chi bộ trong gia đình và nơi làm việc.',
    ],
    actions: [
      'Rà soát bản đăng ký việc làm theo, bổ sung việc cụ thể, có thời hạn hoàn thành.',
      'Đảng viên gương mẫu đi đầu thực hiện nếp sống văn minh trong việc cưới, việc tang, lễ hội.',
      'Chi ủy theo dõi, nhận xét việc thực hiện lời hứa, cam kết của đảng viên vào cuối quý.',
    ],
  },
  {
    title: 'Trách nhiệm nêu gương của cán bộ, đảng viên, trước hết là người đứng đầu',
    description: 'Cán bộ chủ chốt, người đứng đầu làm trước để quần chúng làm theo; gương mẫu về đạo đức, lối sống.',
    related: [
      'Bí thư chi bộ, trưởng thôn liên hệ việc làm gương trong huy động đóng góp làm đường giao thông nông thôn.',
      'Người đứng đầu cơ quan liên hệ trách nhiệm nêu gương trong thực hành tiết kiệm, chống lãng phí.',
      'Đảng viên là cán bộ hưu trí liên hệ vai trò nêu gương, vận động con cháu chấp hành pháp luật.',
    ],
    actions: [
      'Cán bộ chủ chốt đăng ký ít nhất một việc nêu gương, báo cáo kết quả với chi bộ.',
      'Thực hành tiết kiệm trong sử dụng điện, nước, văn phòng phẩm, xe công.',
      'Mỗi đảng viên vận động ít nhất một hộ gia đình thực hiện tốt nếp sống văn minh.',
    ],
  },
  {
    title: 'Gần dân, trọng dân, có trách nhiệm với dân',
    description: 'Giải quyết kịp thời, đúng pháp luật kiến nghị của nhân dân; thái độ phục vụ tận tụy, không hách dịch, cửa quyền.',
    related: [
      'Liên hệ việc tiếp dân, giải quyết đơn thư; có việc để kéo dài, nhân dân còn phàn nàn.',
      'Chi bộ nhận xét thái độ phục vụ của cán bộ tại bộ phận một cửa, trạm y tế, trường học.',
      'Đảng viên liên hệ việc nắm tâm tư, nguyện vọng của nhân dân nơi cư trú.',
    ],
    actions: [
      'Giải quyết dứt điểm các kiến nghị còn tồn đọng của nhân dân trong tháng.',
      'Niêm yết công khai thủ tục, thời gian giải quyết; cán bộ đeo thẻ, thực hiện văn hóa công sở.',
      'Đảng viên tham gia họp tổ dân phố, thôn đầy đủ, báo cáo tình hình với chi bộ.',
    ],
  },
  {
    title: 'Tự phê bình và phê bình, sửa chữa khuyết điểm trong chi bộ',
    description: 'Nâng cao chất lượng sinh hoạt chi bộ; tự phê bình và phê bình thẳng thắn, chân thành theo lời dạy của Bác.',
    related: [
      'Chi bộ đánh giá chất lượng sinh hoạt: nội dung còn chung chung, ít đảng viên phát biểu.',
      'Đảng viên tự nhận khuyết điểm chậm đóng đảng phí, vắng sinh hoạt không báo cáo.',
      'Liên hệ việc khắc phục những hạn chế đã chỉ ra trong kiểm điểm cuối năm 2011.',
    ],
    actions: [
      'Xây dựng kế hoạch khắc phục hạn chế sau kiểm điểm, chi ủy theo dõi từng đảng viên.',
      'Đổi mới nội dung sinh hoạt: mỗi kỳ có chuyên đề, phân công đảng viên chuẩn bị ý kiến trước.',
      'Đóng đảng phí đúng kỳ; vắng sinh hoạt phải báo cáo lý do với bí thư chi bộ.',
    ],
  },
  {
    title: 'Cần, kiệm, liêm, chính, chí công vô tư trong công việc và cuộc sống',
    description: 'Học tập đức tính cần, kiệm, liêm, chính, chí công vô tư của Chủ tịch Hồ Chí Minh và vận dụng vào công việc hằng ngày.',
    related: [
      'Liên hệ việc thực hành tiết kiệm trong gia đình, cơ quan; tổ chức lễ hội, mừng thọ còn tốn kém.',
      'Đảng viên liên hệ việc giữ gìn phẩm chất, không nhận quà biếu khi giải quyết công việc.',
      'Chi bộ nhận xét việc sử dụng tài sản công, kinh phí của thôn, cơ quan.',
    ],
    actions: [
      'Đăng ký tiết kiệm chi hành chính, dành kinh phí giúp hộ nghèo, gia đình chính sách.',
      'Thực hiện nghiêm quy định về những điều đảng viên không được làm.',
      'Vận động nhân dân tổ chức việc cưới, việc tang, mừng thọ gọn nhẹ, tiết kiệm.',
    ],
  },
];

const PLAN_NOTES = [
  'Đọc trước tài liệu chuyên đề năm 2012, phần nội dung sẽ học; mỗi đảng viên chuẩn bị ý kiến liên hệ.',
  'Chi ủy chuẩn bị đề cương gợi ý liên hệ; đồng chí bí thư trình bày nội dung chuyên đề.',
  'Nghiên cứu tài liệu chuyên đề; đánh giá việc thực hiện nghị quyết tháng trước.',
  'Đảng viên đọc trước tài liệu, chuẩn bị nội dung liên hệ bản thân và việc làm theo.',
];

const EXTRAORDINARY_PURPOSES = [
  'Sinh hoạt bất thường: xét, đề nghị kết nạp quần chúng ưu tú vào Đảng.',
  'Sinh hoạt bất thường: triển khai đăng ký việc làm theo tấm gương đạo đức Hồ Chí Minh (hoàn thành trong tháng 5/2012).',
  'Sinh hoạt bất thường: cho ý kiến về công tác nhân sự của chi bộ.',
  'Sinh hoạt bất thường: quán triệt nghị quyết của cấp ủy cấp trên.',
];

/** Tết Nguyên Đán 2012 (21–29/01/2012): no cell meets during the holiday. */
const TET_2012 = { from: '2012-01-21', to: '2012-01-29' };

const pad = (n: number) => String(n).padStart(2, '0');

/** The calendar the demo's dates fall in (November 2011 to July 2012), so date steps are array lookups. */
const CALENDAR = (() => {
  const days: { date: string; weekday: number }[] = [];
  for (let t = Date.UTC(2011, 10, 1); t <= Date.UTC(2012, 6, 31); t += 86_400_000) {
    const d = new Date(t);
    days.push({ date: d.toISOString().slice(0, 10), weekday: d.getUTCDay() });
  }
  return { days, index: new Map(days.map((d, i) => [d.date, i])) };
})();

/** `days` (possibly negative) calendar days from `date`, within the demo's calendar. */
function shift(date: string, days: number): string {
  const i = CALENDAR.index.get(date);
  const day = i === undefined ? undefined : CALENDAR.days[i + days];
  if (!day) throw new Error(`demo date out of range: ${date} + ${days}`);
  return day.date;
}

/** The days a cell may meet in each month: weekdays outside Tết, from the 2nd (the 3rd in January). */
const MEETING_DAYS = new Map<number, { early: string[]; any: string[] }>(
  DEMO_MEETING_MONTHS.map((month) => {
    const from = month === 1 ? 3 : 2; // 02/01/2012 was the New Year holiday
    const to = month === 1 ? 19 : 26;
    const days = CALENDAR.days
      .filter((d) => d.date.startsWith(`${DEMO_TOPIC_YEAR}-${pad(month)}-`) && d.weekday !== 0 && d.weekday !== 6)
      .map((d) => d.date)
      .filter((date) => Number(date.slice(8)) >= from && Number(date.slice(8)) <= to && !(date >= TET_2012.from && date <= TET_2012.to));
    return [month, { early: days.filter((date) => Number(date.slice(8)) <= 14), any: days }];
  }),
);

/** A weekday of the month for the meeting; most cells meet in its first half. */
function meetingDay(rnd: Random, month: number, early: boolean): string {
  const days = MEETING_DAYS.get(month);
  if (!days) throw new Error(`no meeting days in month ${month}`);
  return rnd.pick(early ? days.early : days.any);
}

/** A timestamp in Vietnam time, in the evening or working hours. */
function at(rnd: Random, date: string): string {
  const hour = rnd.chance(0.6) ? rnd.int(19, 21) : rnd.int(8, 16);
  return `${date}T${pad(hour)}:${pad(rnd.int(0, 59))}:00+07:00`;
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

/** Build the topic and the meetings of January–May 2012 in memory. */
export function buildMeetingsDemo(input: MeetingsInput, campaignId: number | null, bases: MeetingsIdBases = NO_BASES, seed = MEETINGS_SEED): MeetingsDemo {
  const rnd = new Random(seed);
  const province = input.units.find((u) => u.parentId === null);
  if (!province) throw new Error('demo province missing');
  const rule = DEFAULT_TOPIC_RULE;

  const topic: TopicSeed = {
    id: bases.topic + 1,
    unitId: province.id,
    year: DEMO_TOPIC_YEAR,
    title: DEMO_TOPIC_TITLE,
    description:
      'Chuyên đề năm 2012 của Cuộc vận động "Học tập và làm theo tấm gương đạo đức Hồ Chí Minh" theo Chỉ thị 03-CT/TW của Bộ Chính trị. ' +
      'Mỗi kỳ sinh hoạt chi bộ hằng tháng học 1 đến 2 nội dung, liên hệ bản thân và thống nhất việc làm theo.',
    campaignId,
    createdAt: '2011-12-26T09:30:00+07:00',
    items: TOPIC_ITEMS.map((item, i) => ({ id: bases.item + i + 1, number: i + 1, title: item.title, description: item.description })),
    materials: [
      {
        id: bases.material + 1,
        title: 'Tài liệu học tập chuyên đề năm 2012 (Ban Tuyên giáo Trung ương)',
        url: 'https://tuyengiao.vn/',
      },
    ],
  };
  const itemCount = topic.items.length;

  const membersOf = new Map<number, { id: number; joinedOn: string }[]>();
  for (const member of input.members) {
    const list = membersOf.get(member.unitId) ?? [];
    list.push(member);
    membersOf.set(member.unitId, list);
  }
  const secretaryOf = new Map<number, number>();
  for (const p of input.positions) if (p.position === 'secretary') secretaryOf.set(p.unitId, p.memberId);

  const meetings: MeetingSeed[] = [];
  const items: MeetingItemSeed[] = [];
  const attendance: AttendanceColumns = { meetingId: [], memberId: [], status: [] };
  const itemId = (index: number) => topic.items[index % itemCount]?.id ?? topic.items[0]?.id ?? 0;

  /** Tick the roll (members who had joined by the day), most present; the secretary always is. */
  const tickRoll = (meeting: MeetingSeed, cellId: number) => {
    const heldOn = meeting.heldOn ?? '';
    const secretary = secretaryOf.get(cellId);
    const presentShare = 0.84 + rnd.next() * 0.14;
    const excusedBelow = presentShare + (1 - presentShare) * 0.65;
    for (const member of membersOf.get(cellId) ?? []) {
      if (member.joinedOn > heldOn) continue;
      const r = rnd.next();
      const status: AttendanceStatus = member.id === secretary || r < presentShare ? 'present' : r < excusedBelow ? 'excused' : 'absent';
      attendance.meetingId.push(meeting.id);
      attendance.memberId.push(member.id);
      attendance.status.push(status);
      if (status === 'present') meeting.presentCount += 1;
      else if (status === 'excused') meeting.excusedCount += 1;
      else meeting.absentCount += 1;
    }
  };
  type MeetingFields = Omit<MeetingSeed, 'id' | 'year' | 'topicId' | 'studiedCount' | 'presentCount' | 'excusedCount' | 'absentCount'>;
  const newMeeting = (f: MeetingFields): MeetingSeed => {
    // One object shape for every meeting (no spread), which keeps building ten thousand of them cheap.
    const meeting: MeetingSeed = {
      id: bases.meeting + meetings.length + 1,
      unitId: f.unitId,
      year: DEMO_TOPIC_YEAR,
      month: f.month,
      kind: f.kind,
      topicId: topic.id,
      plannedOn: f.plannedOn,
      planNote: f.planNote,
      plannedAt: f.plannedAt,
      heldOn: f.heldOn,
      recordedAt: f.recordedAt,
      studiedCount: 0,
      presentCount: 0,
      excusedCount: 0,
      absentCount: 0,
      relatedNotes: f.relatedNotes,
      actions: f.actions,
    };
    meetings.push(meeting);
    return meeting;
  };

  const cells = input.units.filter((u) => MEETING_KINDS_OF_CELLS.includes(u.kind));
  if (!cells.some((c) => c.code === DEMO_SECRETARY_CELL)) throw new Error(`demo cell ${DEMO_SECRETARY_CELL} missing`);
  for (const cell of cells) {
    const isSecretaryCell = cell.code === DEMO_SECRETARY_CELL;
    // Which months are missed: about 1 cell in 70 skipped two months in a row (the indicator), and any
    // month of any cell is missed now and then.
    const missed = new Set<number>();
    if (!isSecretaryCell && rnd.chance(0.015)) {
      const first = rnd.int(1, DEMO_MEETING_MONTHS.length - 1);
      missed.add(first).add(first + 1);
    }
    for (const month of DEMO_MEETING_MONTHS) if (!isSecretaryCell && rnd.chance(0.058)) missed.add(month);
    // A cell works through the topic's items in order, from an item of its own choosing.
    let nextItem = rnd.int(0, itemCount - 1);
    const early = rnd.chance(0.75);
    const extraordinaryMonth = !isSecretaryCell && rnd.chance(0.02) ? rnd.pick(DEMO_MEETING_MONTHS) : null;

    for (const month of DEMO_MEETING_MONTHS) {
      const heldOn = meetingDay(rnd, month, early);
      const planDeadline = `${month === 1 ? DEMO_TOPIC_YEAR - 1 : DEMO_TOPIC_YEAR}-${pad(month === 1 ? 12 : month - 1)}-${pad(rule.planDay)}`;
      const planLate = rnd.chance(0.12);
      const plannedAt = planLate
        ? at(rnd, minDate(shift(heldOn, -1), shift(planDeadline, rnd.int(1, 12))))
        : at(rnd, shift(planDeadline, -rnd.int(0, 9)));
      const otherDay = meetingDay(rnd, month, early);
      // Usually held on the planned day; now and then moved (never to a day before the plan was made).
      const plannedOn = rnd.chance(0.88) || otherDay <= plannedAt.slice(0, 10) ? heldOn : otherDay;

      if (missed.has(month)) {
        // Some cells had planned the meeting and then did not hold it.
        if (rnd.chance(0.35)) {
          const meeting = newMeeting({
            unitId: cell.id,
            month,
            kind: 'regular',
            plannedOn,
            planNote: rnd.pick(PLAN_NOTES),
            plannedAt,
            heldOn: null,
            recordedAt: null,
            relatedNotes: null,
            actions: null,
          });
          const count = rnd.int(rule.minItems, rule.maxItems);
          for (let k = 0; k < count; k++) items.push({ meetingId: meeting.id, stage: 'planned', itemId: itemId(nextItem + k) });
        }
        continue;
      }

      const withTopic = isSecretaryCell || rnd.chance(0.95);
      const count = withTopic ? (rnd.chance(0.6) ? 1 : 2) : 0;
      const studied = Array.from({ length: count }, (_, k) => itemId(nextItem + k));
      const first = TOPIC_ITEMS[nextItem % itemCount];
      nextItem += count;
      const planned = isSecretaryCell || rnd.chance(0.9);
      const lateRecord = !isSecretaryCell && rnd.chance(0.06);
      const recordedOn = minDate(ARTICLE_DATE, shift(heldOn, lateRecord ? rnd.int(rule.recordDays + 1, rule.recordDays + 12) : rnd.chance(0.55) ? 0 : rnd.int(1, 5)));
      const meeting = newMeeting({
        unitId: cell.id,
        month,
        kind: 'regular',
        plannedOn: planned ? plannedOn : null,
        planNote: planned ? rnd.pick(PLAN_NOTES) : null,
        plannedAt: planned ? plannedAt : null,
        heldOn,
        recordedAt: `${recordedOn}T${pad(rnd.int(19, 22))}:${pad(rnd.int(0, 59))}:00+07:00`,
        relatedNotes: count > 0 && first ? rnd.pick(first.related) : null,
        actions: count > 0 && first ? rnd.pick(first.actions) : null,
      });
      meeting.studiedCount = count;
      for (const id of studied) items.push({ meetingId: meeting.id, stage: 'studied', itemId: id });
      if (planned) {
        // Mostly what was studied; now and then the plan had named another item.
        const plannedItems = count === 0 ? (rnd.chance(0.5) ? [itemId(nextItem)] : []) : rnd.chance(0.1) ? [itemId(nextItem)] : studied;
        for (const id of new Set(plannedItems)) items.push({ meetingId: meeting.id, stage: 'planned', itemId: id });
      }
      tickRoll(meeting, cell.id);

      if (extraordinaryMonth === month) {
        let extraOn = meetingDay(rnd, month, false);
        if (extraOn === heldOn) extraOn = meetingDay(rnd, month, !early);
        const extra = newMeeting({
          unitId: cell.id,
          month,
          kind: 'extraordinary',
          plannedOn: extraOn,
          planNote: month === 5 ? (EXTRAORDINARY_PURPOSES[1] ?? null) : rnd.pick(EXTRAORDINARY_PURPOSES),
          plannedAt: at(rnd, shift(extraOn, -rnd.int(2, 6))),
          heldOn: extraOn,
          recordedAt: `${minDate(ARTICLE_DATE, shift(extraOn, rnd.int(0, 3)))}T20:${pad(rnd.int(0, 59))}:00+07:00`,
          relatedNotes: null,
          actions: null,
        });
        tickRoll(extra, cell.id);
      }
    }
  }
  return { topic, meetings, items, attendance };
}

export interface MeetingsSummary {
  meetings: number;
  attendance: number;
}

/** Write the topic and the meetings into the demo's transaction, after units, members and the campaign. */
export async function loadMeetingsDemo(tx: Db, input: MeetingsInput): Promise<MeetingsSummary> {
  const max = async (table: string) =>
    Number((await sql<{ max: string | null }>`SELECT max(id)::text AS max FROM ${sql.table(table)}`.execute(tx)).rows[0]?.max ?? 0);
  const bases: MeetingsIdBases = {
    topic: await max('study_topic'),
    item: await max('study_topic_item'),
    material: await max('study_topic_material'),
    meeting: await max('cell_meeting'),
  };
  const province = input.units.find((u) => u.parentId === null);
  const campaign = province
    ? await tx.selectFrom('campaign').select('id').where('unit_id', '=', province.id).orderBy('id').executeTakeFirst()
    : undefined;
  const demo = buildMeetingsDemo(input, campaign?.id ?? null, bases);
  const { topic, meetings, items, attendance } = demo;

  await sql`
    INSERT INTO study_topic (id, unit_id, year, title, description, campaign_id, created_at, updated_at)
    VALUES (${topic.id}, ${topic.unitId}, ${topic.year}, ${topic.title}, ${topic.description}, ${topic.campaignId}, ${topic.createdAt}, ${topic.createdAt})`.execute(tx);
  await sql`
    INSERT INTO study_topic_item (id, topic_id, number, title, description)
    SELECT id, ${topic.id}, number, title, description
      FROM unnest(${topic.items.map((i) => i.id)}::bigint[], ${topic.items.map((i) => i.number)}::int[], ${topic.items.map((i) => i.title)}::text[],
                  ${topic.items.map((i) => i.description)}::text[]) AS t(id, number, title, description)`.execute(tx);
  await sql`
    INSERT INTO study_topic_material (id, topic_id, title, url)
    SELECT id, ${topic.id}, title, url
      FROM unnest(${topic.materials.map((m) => m.id)}::bigint[], ${topic.materials.map((m) => m.title)}::text[], ${topic.materials.map((m) => m.url)}::text[])
        AS t(id, title, url)`.execute(tx);

  // Bulk load, as PostgreSQL's "Populating a Database" advises (see the header).
  await sql`ALTER TABLE cell_meeting DISABLE TRIGGER USER`.execute(tx);
  await withoutKeysAndIndexes(tx, ['cell_meeting', 'cell_meeting_item', 'cell_meeting_attendance'], async () => {
    const col = <K extends keyof MeetingSeed>(key: K) => meetings.map((m) => m[key]);
    await sql`
      INSERT INTO cell_meeting (id, unit_id, year, month, kind, topic_id, planned_on, plan_note, planned_at, held_on, recorded_at,
                                studied_count, present_count, excused_count, absent_count, related_notes, actions, created_at, updated_at)
      SELECT id, unit_id, year, month, kind, topic_id, planned_on, plan_note, planned_at, held_on, recorded_at,
             studied_count, present_count, excused_count, absent_count, related_notes, actions,
             coalesce(planned_at, recorded_at), coalesce(recorded_at, planned_at)
        FROM unnest(${col('id')}::bigint[], ${col('unitId')}::bigint[], ${col('year')}::int[], ${col('month')}::int[], ${col('kind')}::text[],
                    ${col('topicId')}::bigint[], ${col('plannedOn')}::date[], ${col('planNote')}::text[], ${col('plannedAt')}::timestamptz[],
                    ${col('heldOn')}::date[], ${col('recordedAt')}::timestamptz[], ${col('studiedCount')}::int[], ${col('presentCount')}::int[],
                    ${col('excusedCount')}::int[], ${col('absentCount')}::int[], ${col('relatedNotes')}::text[], ${col('actions')}::text[])
          AS t(id, unit_id, year, month, kind, topic_id, planned_on, plan_note, planned_at, held_on, recorded_at,
               studied_count, present_count, excused_count, absent_count, related_notes, actions)`.execute(tx);
    await sql`
      INSERT INTO cell_meeting_item (meeting_id, stage, item_id)
      SELECT * FROM unnest(${items.map((i) => i.meetingId)}::bigint[], ${items.map((i) => i.stage)}::text[], ${items.map((i) => i.itemId)}::bigint[])`.execute(tx);
    // Attendance is the big one (~200,000 rows): three flat arrays sent as text, unnested by PostgreSQL.
    await sql`
      INSERT INTO cell_meeting_attendance (meeting_id, member_id, status)
      SELECT meeting_id, member_id, CASE s WHEN 'p' THEN 'present' WHEN 'e' THEN 'excused' ELSE 'absent' END
        FROM unnest(string_to_array(${attendance.meetingId.join(',')}, ',')::bigint[],
                    string_to_array(${attendance.memberId.join(',')}, ',')::bigint[],
                    string_to_array(${attendance.status.map((status) => status[0]).join('')}, NULL))
          AS t(meeting_id, member_id, s)`.execute(tx);
  });
  await sql`ALTER TABLE cell_meeting ENABLE TRIGGER USER`.execute(tx);
  await sql`SELECT recompute_meeting_rollup()`.execute(tx);

  for (const table of ['study_topic', 'study_topic_item', 'study_topic_material', 'cell_meeting']) {
    await sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), (SELECT max(id) FROM ${sql.table(table)}))`.execute(tx);
  }
  return { meetings: meetings.length, attendance: attendance.meetingId.length };
}

/**
 * Run `load` with the constraints and indexes of `tables` dropped, then build them again: each foreign
 * key is checked by one join and each index (primary keys of tables nothing refers to included) built by
 * one sort, instead of work per row. Keys are added back before the foreign keys that may rely on them.
 */
async function withoutKeysAndIndexes(tx: Db, tables: readonly string[], load: () => Promise<void>): Promise<void> {
  const constraints = await sql<{ table: string; name: string; definition: string }>`
    SELECT c.conrelid::regclass::text AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS definition
      FROM pg_constraint c
     WHERE c.conrelid = ANY (${[...tables]}::regclass[])
       AND (c.contype = 'f'
            OR (c.contype IN ('p', 'u') AND NOT EXISTS (SELECT 1 FROM pg_constraint r WHERE r.contype = 'f' AND r.confrelid = c.conrelid)))
     ORDER BY c.contype = 'f' DESC, 1, 2`.execute(tx);
  const indexes = await sql<{ name: string; definition: string }>`
    SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
      FROM pg_index i
     WHERE i.indrelid = ANY (${[...tables]}::regclass[]) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
     ORDER BY 1`.execute(tx);
  // Foreign keys first (they may rely on a key dropped next); added back in the reverse order.
  for (const c of constraints.rows) await sql`ALTER TABLE ${sql.table(c.table)} DROP CONSTRAINT ${sql.ref(c.name)}`.execute(tx);
  for (const index of indexes.rows) await sql`DROP INDEX ${sql.ref(index.name)}`.execute(tx);
  await load();
  for (const index of indexes.rows) await sql.raw(index.definition).execute(tx);
  for (const c of [...constraints.rows].reverse()) {
    await sql`ALTER TABLE ${sql.table(c.table)} ADD CONSTRAINT ${sql.ref(c.name)} ${sql.raw(c.definition)}`.execute(tx);
  }
}
