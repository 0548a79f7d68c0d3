import type { ColumnType, Generated } from 'kysely';

/** Kysely table types. Dates come back as 'yyyy-mm-dd' strings (see connect.ts), timestamps as Date. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateOnly = string;

export interface UnitTable {
  id: Generated<number>;
  parent_id: number | null;
  path: string;
  depth: number;
  kind: string;
  is_grassroots: boolean;
  code: string;
  name: string;
  search_name: string;
  sector: string | null;
  valid_from: ColumnType<string, string | undefined, string>;
  valid_to: DateOnly | null;
  child_count: Generated<number>;
  descendant_count: Generated<number>;
  member_count: Generated<number>;
  direct_member_count: Generated<number>;
  version: Generated<number>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface MemberTable {
  id: Generated<number>;
  unit_id: number;
  family_name: string;
  middle_name: Generated<string>;
  given_name: string;
  search_name: string;
  gender: string;
  birth_date: DateOnly | null;
  ethnicity: string | null;
  status: string;
  joined_on: DateOnly | null;
  official_on: DateOnly | null;
  card_number: string | null;
  id_number: string | null;
  phone: string | null;
  is_key_leader: Generated<boolean>;
  is_head: Generated<boolean>;
  left_on: DateOnly | null;
  left_reason: string | null;
  version: Generated<number>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface MemberPositionTable {
  id: Generated<number>;
  member_id: number;
  unit_id: number;
  position: string;
  started_on: DateOnly;
  ended_on: DateOnly | null;
}

export interface AccountTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  role: string;
  scope_unit_id: number;
  member_id: number | null;
  must_change_password: Generated<boolean>;
  disabled_at: Timestamp | null;
  last_login_at: Timestamp | null;
  /** Optional e-mail address for notifications (issue #11). */
  email: ColumnType<string | null, string | null | undefined, string | null>;
  version: Generated<number>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface SessionTable {
  token_hash: Buffer;
  account_id: number;
  created_at: GeneratedTimestamp;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface LoginFailureTable {
  id: Generated<number>;
  username: string;
  ip: string;
  at: GeneratedTimestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: GeneratedTimestamp;
  actor_id: number | null;
  action: string;
  entity_type: string;
  entity_id: number | null;
  unit_id: number | null;
  unit_path: string | null;
  before: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  after: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  request_id: string | null;
  ip: string | null;
}

export interface MemberImportTable {
  id: Generated<number>;
  account_id: number;
  unit_id: number;
  file_name: string;
  file: Buffer | null;
  status: string;
  total_rows: Generated<number>;
  processed_rows: Generated<number>;
  error_count: Generated<number>;
  rows: ColumnType<unknown, string | null, string | null> | null;
  message: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface CommitteeTermTable {
  id: Generated<number>;
  name: string;
  starts_on: DateOnly;
  ends_on: DateOnly;
}

export interface StoredFileTable {
  id: Generated<number>;
  unit_id: number;
  name: string;
  media_type: string;
  size: number;
  sha256: Buffer;
  content: Buffer;
  uploaded_by: number | null;
  created_at: GeneratedTimestamp;
}

export interface CampaignTable {
  id: Generated<number>;
  unit_id: number;
  name: string;
  start_year: number;
  end_year: number;
  description: string | null;
  version: Generated<number>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface PartyDocumentTable {
  id: Generated<number>;
  campaign_id: number | null;
  issuer_unit_id: number | null;
  owner_unit_id: number;
  issuer_name: string;
  issuer_code: string;
  doc_type: string;
  type_symbol: string;
  term_id: number;
  number: number;
  symbol: string;
  issued_on: DateOnly;
  title: string;
  search_text: string;
  signer: string | null;
  implements_id: number | null;
  lineage: string;
  file_id: number | null;
  created_by: number | null;
  version: Generated<number>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface CascadeRequirementTable {
  id: Generated<number>;
  document_id: number;
  target_kinds: string[];
  required_type: string;
  days: number;
  working_days: Generated<boolean>;
  due_on: DateOnly;
  conference_days: number | null;
  conference_due_on: DateOnly | null;
  version: Generated<number>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface CascadeObligationTable {
  requirement_id: number;
  unit_id: number;
  lineage: string;
  due_on: DateOnly;
  conference_due_on: DateOnly | null;
  document_id: number | null;
  done_on: DateOnly | null;
  conference_id: number | null;
  conference_on: DateOnly | null;
}

export interface DisseminationConferenceTable {
  id: Generated<number>;
  unit_id: number;
  held_on: DateOnly;
  form: string;
  expected_cadres: number;
  attended_cadres: number;
  expected_members: number;
  attended_members: number;
  note: string | null;
  minutes_file_id: number | null;
  created_by: number | null;
  version: Generated<number>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface ConferenceDocumentTable {
  conference_id: number;
  document_id: number;
}

export interface HelperUnitTable {
  id: Generated<number>;
  unit_id: number;
  name: string;
  established_on: DateOnly;
  founding_document_id: number | null;
  regulation_document_id: number | null;
  version: Generated<number>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface HelperUnitMemberTable {
  id: Generated<number>;
  helper_unit_id: number;
  member_id: number;
  role: string;
  duty: string | null;
}

export interface HelperUnitActivityTable {
  id: Generated<number>;
  helper_unit_id: number;
  held_on: DateOnly;
  kind: string;
  content: string;
  created_by: number | null;
  created_at: GeneratedTimestamp;
}

export interface StudyTopicTable {
  id: Generated<number>;
  unit_id: number;
  year: number;
  title: string;
  description: string | null;
  campaign_id: number | null;
  min_items: Generated<number>;
  max_items: Generated<number>;
  required_months: Generated<number[]>;
  plan_day: Generated<number>;
  record_days: Generated<number>;
  version: Generated<number>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface StudyTopicItemTable {
  id: Generated<number>;
  topic_id: number;
  number: number;
  title: string;
  description: string | null;
}

export interface StudyTopicMaterialTable {
  id: Generated<number>;
  topic_id: number;
  title: string;
  url: string | null;
  file_id: number | null;
  document_id: number | null;
}

export interface CellMeetingTable {
  id: Generated<number>;
  unit_id: number;
  year: number;
  month: number;
  kind: string;
  topic_id: number | null;
  planned_on: DateOnly | null;
  plan_note: string | null;
  planned_at: Timestamp | null;
  held_on: DateOnly | null;
  recorded_at: Timestamp | null;
  studied_count: Generated<number>;
  present_count: Generated<number>;
  excused_count: Generated<number>;
  absent_count: Generated<number>;
  related_notes: string | null;
  actions: string | null;
  minutes_file_id: number | null;
  created_by: number | null;
  version: Generated<number>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface CellMeetingItemTable {
  meeting_id: number;
  stage: string;
  item_id: number;
}

export interface CellMeetingAttendanceTable {
  meeting_id: number;
  member_id: number;
  status: string;
}

export interface MeetingRollupTable {
  unit_id: number;
  year: number;
  month: number;
  held: number;
  held_without_topic: number;
  present: number;
  roll: number;
}

export interface CellMeetingYearTable {
  unit_id: number;
  year: number;
  held_mask: number;
}

export interface AssessmentSchemeTable {
  id: Generated<number>;
  code: string;
  title: string;
  valid_from_year: number;
  valid_to_year: number | null;
  cap_level: string | null;
  cap_relative_to: string | null;
  /** numeric comes back as a string */
  cap_ratio: string | null;
}

export interface AssessmentLevelTable {
  scheme_id: number;
  applies_to: string;
  code: string;
  label: string;
  rank: number;
}

export interface CommitmentRoundTable {
  id: Generated<number>;
  unit_id: number;
  year: number;
  campaign_id: number | null;
  scheme_id: number;
  leader_deadline: DateOnly;
  member_deadline: DateOnly;
  review_opens_on: DateOnly;
  study_topic_id: number | null;
  standards_note: string | null;
  created_by: number | null;
  version: Generated<number>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface CommitmentTable {
  id: Generated<number>;
  round_id: number;
  kind: string;
  member_id: number | null;
  unit_id: number;
  is_leader: Generated<boolean>;
  state: Generated<string>;
  first_submitted_on: DateOnly | null;
  submitted_at: Timestamp | null;
  return_comment: string | null;
  self_level: string | null;
  self_note: string | null;
  self_reviewed_at: Timestamp | null;
  cell_level: string | null;
  cell_note: string | null;
  cell_reviewed_at: Timestamp | null;
  decided_level: string | null;
  not_assessed_reason: string | null;
  decided_at: Timestamp | null;
  version: Generated<number>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface CommitmentItemTable {
  id: Generated<number>;
  commitment_id: number;
  number: number;
  kind: string;
  action: string;
  measure: string | null;
  due_on: DateOnly | null;
  topic_item_id: number | null;
  standard_ref: string | null;
  self_result: string | null;
  self_note: string | null;
}

export interface CommitmentCheckinTable {
  id: Generated<number>;
  commitment_id: number;
  item_id: number;
  posted_on: DateOnly;
  percent: number;
  note: string;
  evidence_file_id: number | null;
  posted_by: number | null;
  created_at: GeneratedTimestamp;
}

export interface ConductStandardTable {
  id: Generated<number>;
  unit_id: number;
  kind: string;
}

export interface StandardVersionTable {
  id: Generated<number>;
  standard_id: number;
  version_no: number;
  title: string;
  state: Generated<string>;
  return_comment: string | null;
  submitted_at: Timestamp | null;
  submitted_by: number | null;
  approved_at: Timestamp | null;
  approved_by: number | null;
  document_symbol: string | null;
  issued_on: DateOnly | null;
  superseded_on: DateOnly | null;
  version: Generated<number>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface StandardCriterionTable {
  version_id: number;
  number: number;
  group_label: string | null;
  text: string;
}

export interface CampaignYearRuleTable {
  id: Generated<number>;
  unit_id: number;
  year: number;
  comprehensive_pilots: number;
  field_pilots: number;
  pressing_issues: number;
  version: Generated<number>;
  updated_at: GeneratedTimestamp;
}

export interface PilotTable {
  id: Generated<number>;
  committee_unit_id: number;
  year: number;
  kind: string;
  field: string | null;
  target_unit_id: number;
  goals: string;
  responsible: string;
  state: Generated<string>;
  result: string | null;
  lessons: string | null;
  completed_on: DateOnly | null;
  version: Generated<number>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface PilotNoteTable {
  id: Generated<number>;
  pilot_id: number;
  noted_on: DateOnly;
  note: string;
  posted_by: number | null;
  created_at: GeneratedTimestamp;
}

export interface PressingIssueTable {
  id: Generated<number>;
  committee_unit_id: number;
  year: number;
  title: string;
  target: string;
  status: Generated<string>;
  resolved_on: DateOnly | null;
  evidence: string | null;
  evidence_file_id: number | null;
  version: Generated<number>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface PressingIssueMilestoneTable {
  id: Generated<number>;
  issue_id: number;
  number: number;
  title: string;
  due_on: DateOnly;
  /** numeric comes back as a string */
  weight: ColumnType<string, string | number, string | number>;
  progress: number;
  done_on: DateOnly | null;
}

export interface OversightActivityTable {
  id: Generated<number>;
  organiser_unit_id: number;
  kind: string;
  title: string;
  planned_on: DateOnly;
  held_on: DateOnly | null;
  state: Generated<string>;
  cancel_reason: string | null;
  location: string | null;
  participants: string | null;
  participant_count: number | null;
  conclusion: string | null;
  version: Generated<number>;
  created_by: number;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface OversightActivityUnitTable {
  activity_id: number;
  unit_id: number;
}

export interface OversightActivityAttachmentTable {
  id: Generated<number>;
  activity_id: number;
  file_id: number | null;
  document_id: number | null;
}

export interface OversightFindingTable {
  id: Generated<number>;
  activity_id: number;
  number: number;
  unit_id: number;
  kind: string;
  content: string;
  version: Generated<number>;
  created_by: number;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface FollowUpTable {
  id: Generated<number>;
  finding_id: number;
  owner_unit_id: number;
  task: string;
  due_on: DateOnly;
  state: Generated<string>;
  done_on: DateOnly | null;
  result: string | null;
  evidence_file_id: number | null;
  closed_by: number | null;
  reopen_comment: string | null;
  cancel_reason: string | null;
  version: Generated<number>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface NegativePhenomenonTable {
  id: Generated<number>;
  finding_id: number;
  unit_id: number;
  description: string;
  handling: string | null;
  version: Generated<number>;
  created_by: number;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface ExemplarTable {
  id: Generated<number>;
  nominating_unit_id: number;
  year: number;
  subject_kind: string;
  member_id: number | null;
  family_name: string | null;
  middle_name: string | null;
  given_name: string | null;
  collective_unit_id: number | null;
  collective_name: string | null;
  title: string;
  field: string | null;
  summary: string;
  story_html: Generated<string>;
  deciding_unit_id: number;
  state: Generated<string>;
  pending_unit_id: number | null;
  commendation_form: string | null;
  commendation_title: string | null;
  decision_symbol: string | null;
  decision_date: DateOnly | null;
  decision_document_id: number | null;
  commended_by: number | null;
  is_public: Generated<boolean>;
  published_at: Timestamp | null;
  version: Generated<number>;
  created_by: number;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface ExemplarStepTable {
  id: Generated<number>;
  exemplar_id: number;
  unit_id: number;
  action: string;
  comment: string | null;
  acted_by: number;
  acted_at: GeneratedTimestamp;
}

export interface ExemplarFileTable {
  exemplar_id: number;
  file_id: number;
  role: string;
  caption: string | null;
  position: Generated<number>;
}

export interface PublicityChannelTable {
  id: Generated<number>;
  root_unit_id: number | null;
  kind: string;
  name: string;
  position: Generated<number>;
  active: Generated<boolean>;
}

export interface PublicityEntryTable {
  id: Generated<number>;
  exemplar_id: number;
  channel_id: number;
  published_on: DateOnly;
  title: string;
  url: string | null;
  file_id: number | null;
  recorded_by: number;
  created_at: GeneratedTimestamp;
}

export interface ReminderRuleTable {
  id: Generated<number>;
  root_unit_id: number;
  year: number;
  item_kind: string;
  days_before: number | null;
  on_due: Generated<boolean>;
  days_after: number | null;
  digest_to_parent: Generated<boolean>;
  valid_from: DateOnly;
  valid_to: DateOnly | null;
  created_by: number | null;
  version: Generated<number>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface UrgingMessageTable {
  id: Generated<number>;
  sender_id: number;
  unit_id: number;
  item_kind: string | null;
  item_id: number | null;
  unit_ids: number[];
  text: string;
  created_at: GeneratedTimestamp;
}

export interface NotificationTable {
  id: Generated<number>;
  account_id: number;
  kind: string;
  item_kind: string | null;
  item_key: string | null;
  unit_id: number;
  rule_id: number | null;
  message_id: number | null;
  stage: string | null;
  due_on: DateOnly | null;
  business_date: DateOnly;
  title: string;
  body: string;
  link: string | null;
  dedupe_key: string;
  created_at: GeneratedTimestamp;
  read_at: Timestamp | null;
}

export interface NotificationDeliveryTable {
  id: Generated<number>;
  notification_id: number;
  email: string;
  status: Generated<string>;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: GeneratedTimestamp;
  sent_at: Timestamp | null;
}

export interface NotificationPreferenceTable {
  account_id: number;
  email_kinds: Generated<string[]>;
  digest: Generated<string>;
  /** 'HH:MM:SS' */
  quiet_from: string | null;
  quiet_to: string | null;
  email_enabled: Generated<boolean>;
  unsubscribe_token: Generated<string>;
  version: Generated<number>;
  updated_at: GeneratedTimestamp;
}

export interface Database {
  unit: UnitTable;
  member: MemberTable;
  member_position: MemberPositionTable;
  account: AccountTable;
  session: SessionTable;
  login_failure: LoginFailureTable;
  audit_log: AuditLogTable;
  member_import: MemberImportTable;
  committee_term: CommitteeTermTable;
  stored_file: StoredFileTable;
  campaign: CampaignTable;
  party_document: PartyDocumentTable;
  cascade_requirement: CascadeRequirementTable;
  cascade_obligation: CascadeObligationTable;
  dissemination_conference: DisseminationConferenceTable;
  conference_document: ConferenceDocumentTable;
  helper_unit: HelperUnitTable;
  helper_unit_member: HelperUnitMemberTable;
  helper_unit_activity: HelperUnitActivityTable;
  study_topic: StudyTopicTable;
  study_topic_item: StudyTopicItemTable;
  study_topic_material: StudyTopicMaterialTable;
  cell_meeting: CellMeetingTable;
  cell_meeting_item: CellMeetingItemTable;
  cell_meeting_attendance: CellMeetingAttendanceTable;
  meeting_rollup: MeetingRollupTable;
  cell_meeting_year: CellMeetingYearTable;
  assessment_scheme: AssessmentSchemeTable;
  assessment_level: AssessmentLevelTable;
  commitment_round: CommitmentRoundTable;
  commitment: CommitmentTable;
  commitment_item: CommitmentItemTable;
  commitment_checkin: CommitmentCheckinTable;
  conduct_standard: ConductStandardTable;
  standard_version: StandardVersionTable;
  standard_criterion: StandardCriterionTable;
  campaign_year_rule: CampaignYearRuleTable;
  pilot: PilotTable;
  pilot_note: PilotNoteTable;
  pressing_issue: PressingIssueTable;
  pressing_issue_milestone: PressingIssueMilestoneTable;
  oversight_activity: OversightActivityTable;
  oversight_activity_unit: OversightActivityUnitTable;
  oversight_activity_attachment: OversightActivityAttachmentTable;
  oversight_finding: OversightFindingTable;
  follow_up: FollowUpTable;
  negative_phenomenon: NegativePhenomenonTable;
  exemplar: ExemplarTable;
  exemplar_step: ExemplarStepTable;
  exemplar_file: ExemplarFileTable;
  publicity_channel: PublicityChannelTable;
  publicity_entry: PublicityEntryTable;
  reminder_rule: ReminderRuleTable;
  urging_message: UrgingMessageTable;
  notification: NotificationTable;
  notification_delivery: NotificationDeliveryTable;
  notification_preference: NotificationPreferenceTable;
}
