import { isRecordLate, planDeadline, DEFAULT_TOPIC_RULE, type MeetingKind } from '../../../shared/domain/meetings';
import { fullName } from '../../../shared/domain/text';
import type { UnitKind } from '../../../shared/domain/units';
import type { MeetingDetail, MeetingSummary, TopicItem } from '../../../shared/schemas/meetings';
import type { StoredFile } from '../../../shared/schemas/files';
import { todayInVietnam } from '../../http/clock';
import type { MeetingRow } from './meetings.repository';

const dateOf = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

/** The day a record was made, in Vietnam. */
const dayInVietnam = (value: Date | string): string => todayInVietnam(new Date(value));

export function recordLate(row: Pick<MeetingRow, 'held_on' | 'recorded_at' | 'record_days'>): boolean {
  if (row.held_on === null || row.recorded_at === null) return false;
  return isRecordLate(row.held_on, dayInVietnam(row.recorded_at), { recordDays: row.record_days ?? DEFAULT_TOPIC_RULE.recordDays });
}

export function planLate(row: Pick<MeetingRow, 'year' | 'month' | 'planned_at' | 'plan_day'>): boolean {
  if (row.planned_at === null) return false;
  return dayInVietnam(row.planned_at) > planDeadline(row.year, row.month, { planDay: row.plan_day ?? DEFAULT_TOPIC_RULE.planDay });
}

export function presentMeetingSummary(row: MeetingRow): MeetingSummary {
  return {
    id: row.id,
    kind: row.kind as MeetingKind,
    year: row.year,
    month: row.month,
    plannedOn: row.planned_on,
    heldOn: row.held_on,
    studiedCount: row.studied_count,
    present: row.present_count,
    roll: row.present_count + row.excused_count + row.absent_count,
    recordLate: recordLate(row),
  };
}

export interface MeetingExtras {
  planned: TopicItem[];
  studied: TopicItem[];
  attendance: { member_id: number; status: string; family_name: string; middle_name: string; given_name: string }[];
  minutes: StoredFile | null;
  can: { edit: boolean; delete: boolean };
}

export function presentMeetingDetail(row: MeetingRow, extras: MeetingExtras): MeetingDetail {
  return {
    ...presentMeetingSummary(row),
    unit: { id: row.unit_id, name: row.unit_name, kind: row.unit_kind as UnitKind },
    topicId: row.topic_id,
    planNote: row.plan_note,
    plannedAt: dateOf(row.planned_at),
    planLate: planLate(row),
    plannedItems: extras.planned,
    studiedItems: extras.studied,
    relatedNotes: row.related_notes,
    actions: row.actions,
    attendance: extras.attendance.map((a) => ({
      memberId: a.member_id,
      fullName: fullName({ familyName: a.family_name, middleName: a.middle_name, givenName: a.given_name }),
      status: a.status as 'present' | 'excused' | 'absent',
    })),
    excused: row.excused_count,
    absent: row.absent_count,
    recordedAt: dateOf(row.recorded_at),
    minutes: extras.minutes,
    version: row.version,
    can: extras.can,
  };
}

type AuditedFields = 'kind' | 'year' | 'month' | 'planned_on' | 'held_on' | 'present_count' | 'excused_count' | 'absent_count' | 'related_notes' | 'actions' | 'minutes_file_id';

export function auditedMeeting(row: Pick<MeetingRow, AuditedFields>, studied: TopicItem[]) {
  return {
    kind: row.kind,
    month: `${row.month}/${row.year}`,
    plannedOn: row.planned_on,
    heldOn: row.held_on,
    studied: studied.map((i) => i.number),
    present: row.present_count,
    excused: row.excused_count,
    absent: row.absent_count,
    relatedNotes: row.related_notes,
    actions: row.actions,
    minutesFileId: row.minutes_file_id,
  };
}
