import { z } from 'zod';
import { COMMITMENT_KINDS, COMMITMENT_STATES, ITEM_KINDS, MAX_ITEMS, SELF_RESULTS } from '../domain/commitments';
import { TIMELINESS_STATES } from '../domain/timeliness';
import { UNIT_KINDS } from '../domain/units';
import { idSchema, isoDateSchema, textSchema, versionSchema } from './common';
import { storedFileSchema } from './files';

const yearSchema = z.coerce.number({ error: 'Năm không hợp lệ.' }).int({ error: 'Năm không hợp lệ.' }).min(1945, { error: 'Năm không hợp lệ.' }).max(2100, { error: 'Năm không hợp lệ.' });
const unitRef = z.object({ id: z.number(), name: z.string(), kind: z.enum(UNIT_KINDS) });
const countsSchema = z.object({ done_on_time: z.number(), done_late: z.number(), pending: z.number(), overdue: z.number() });

// ——— Assessment schemes ———

export const assessmentLevelSchema = z.object({ code: z.string(), label: z.string(), rank: z.number() });
export type AssessmentLevelOut = z.infer<typeof assessmentLevelSchema>;

export const assessmentSchemeSchema = z.object({
  id: z.number(),
  code: z.string(),
  title: z.string(),
  validFromYear: z.number(),
  validToYear: z.number().nullable(),
  memberLevels: z.array(assessmentLevelSchema),
  organisationLevels: z.array(assessmentLevelSchema),
  cap: z.object({ capped: z.string(), relativeTo: z.string(), ratio: z.number() }).nullable(),
});
export type AssessmentScheme = z.infer<typeof assessmentSchemeSchema>;
export const assessmentSchemeListSchema = z.object({ items: z.array(assessmentSchemeSchema) });

// ——— Registration rounds ———

export const commitmentRoundSchema = z.object({
  id: z.number(),
  year: z.number(),
  campaign: z.object({ id: z.number(), name: z.string() }).nullable(),
  scheme: assessmentSchemeSchema,
  leaderDeadline: z.string(),
  memberDeadline: z.string(),
  reviewOpensOn: z.string(),
  studyTopic: z.object({ id: z.number(), title: z.string(), items: z.array(z.object({ id: z.number(), number: z.number(), title: z.string() })) }).nullable(),
  standardsNote: z.string().nullable(),
  version: z.number(),
  can: z.object({ edit: z.boolean() }),
});
export type CommitmentRound = z.infer<typeof commitmentRoundSchema>;
export const commitmentRoundListSchema = z.object({ items: z.array(commitmentRoundSchema), can: z.object({ create: z.boolean() }) });
export type CommitmentRoundList = z.infer<typeof commitmentRoundListSchema>;

const roundFields = {
  leaderDeadline: isoDateSchema,
  memberDeadline: isoDateSchema,
  /** Default 1 December of the year. */
  reviewOpensOn: isoDateSchema.optional(),
  /** Default: the scheme valid for the year. */
  schemeId: idSchema.optional(),
  studyTopicId: idSchema.nullable().optional(),
  campaignId: idSchema.nullable().optional(),
  standardsNote: textSchema('Ghi chú về chuẩn mực', 2000, 0).nullable().optional(),
};
export const createRoundSchema = z.strictObject({ year: yearSchema, ...roundFields });
export type CreateRoundInput = z.input<typeof createRoundSchema>;
export const updateRoundSchema = z.strictObject({
  version: versionSchema,
  leaderDeadline: isoDateSchema.optional(),
  memberDeadline: isoDateSchema.optional(),
  reviewOpensOn: isoDateSchema.optional(),
  schemeId: idSchema.optional(),
  studyTopicId: idSchema.nullable().optional(),
  campaignId: idSchema.nullable().optional(),
  standardsNote: textSchema('Ghi chú về chuẩn mực', 2000, 0).nullable().optional(),
});
export type UpdateRoundInput = z.input<typeof updateRoundSchema>;
export const roundQuerySchema = z.object({ year: yearSchema.optional() });

// ——— Commitments ———

export const checkinSchema = z.object({
  id: z.number(),
  itemId: z.number(),
  postedOn: z.string(),
  percent: z.number(),
  note: z.string(),
  evidence: storedFileSchema.nullable(),
  postedBy: z.string().nullable(),
});
export type Checkin = z.infer<typeof checkinSchema>;

export const commitmentItemSchema = z.object({
  id: z.number(),
  number: z.number(),
  kind: z.enum(ITEM_KINDS),
  action: z.string(),
  measure: z.string().nullable(),
  dueOn: z.string().nullable(),
  topicItem: z.object({ id: z.number(), number: z.number(), title: z.string() }).nullable(),
  standardRef: z.string().nullable(),
  selfResult: z.enum(SELF_RESULTS).nullable(),
  selfNote: z.string().nullable(),
  /** Latest percent posted in a check-in, or null. */
  percent: z.number().nullable(),
  checkins: z.array(checkinSchema),
});
export type CommitmentItem = z.infer<typeof commitmentItemSchema>;

const levelOut = z.object({ code: z.string(), label: z.string() }).nullable();

export const commitmentSchema = z.object({
  id: z.number(),
  roundId: z.number(),
  year: z.number(),
  kind: z.enum(COMMITMENT_KINDS),
  member: z.object({ id: z.number(), fullName: z.string() }).nullable(),
  unit: unitRef,
  isLeader: z.boolean(),
  state: z.enum(COMMITMENT_STATES),
  firstSubmittedOn: z.string().nullable(),
  /** Registration timeliness against the deadline that applies (leaders: the leaders' deadline). */
  timeliness: z.enum(TIMELINESS_STATES),
  deadline: z.string(),
  returnComment: z.string().nullable(),
  items: z.array(commitmentItemSchema),
  review: z.object({
    selfLevel: levelOut,
    selfNote: z.string().nullable(),
    selfReviewedAt: z.string().nullable(),
    cellLevel: levelOut,
    cellNote: z.string().nullable(),
    decidedLevel: levelOut,
    notAssessedReason: z.string().nullable(),
  }),
  /** Levels the reviews may choose from (member or organisation levels of the round's scheme). */
  levels: z.array(assessmentLevelSchema),
  reviewOpensOn: z.string(),
  version: z.number(),
  can: z.object({
    edit: z.boolean(),
    submit: z.boolean(),
    accept: z.boolean(),
    return: z.boolean(),
    checkin: z.boolean(),
    selfReview: z.boolean(),
    cellReview: z.boolean(),
  }),
});
export type Commitment = z.infer<typeof commitmentSchema>;

const itemInput = z.strictObject({
  /** Present when editing an existing item (its check-ins stay). */
  id: idSchema.optional(),
  kind: z.enum(ITEM_KINDS, { error: 'Loại nội dung không hợp lệ.' }).default('action'),
  action: textSchema('Việc sẽ làm', 1000, 3),
  measure: textSchema('Cách đo kết quả', 500, 0).nullable().optional(),
  dueOn: isoDateSchema.nullable().optional(),
  topicItemId: idSchema.nullable().optional(),
  standardRef: textSchema('Chuẩn mực viện dẫn', 300, 0).nullable().optional(),
});
export type CommitmentItemInput = z.input<typeof itemInput>;

const itemsInput = z
  .array(itemInput, { error: 'Danh sách việc đăng ký không hợp lệ.' })
  .max(MAX_ITEMS, { error: `Bản đăng ký có tối đa ${MAX_ITEMS} việc.` });

/** A personal commitment names its member; a collective one names the unit that registers. */
export const createCommitmentSchema = z.strictObject({
  roundId: idSchema,
  memberId: idSchema.optional(),
  unitId: idSchema.optional(),
  items: itemsInput.default([]),
});
export type CreateCommitmentInput = z.input<typeof createCommitmentSchema>;

export const updateCommitmentSchema = z.strictObject({ version: versionSchema, items: itemsInput });
export type UpdateCommitmentInput = z.input<typeof updateCommitmentSchema>;

export const versionBodySchema = z.strictObject({ version: versionSchema });
export const returnCommitmentSchema = z.strictObject({ version: versionSchema, comment: textSchema('Ý kiến trả lại', 2000, 3) });

export const createCheckinSchema = z.strictObject({
  itemId: idSchema,
  percent: z.number({ error: 'Tiến độ phải là số phần trăm.' }).int({ error: 'Tiến độ phải là số nguyên.' }).min(0, { error: 'Tiến độ từ 0 đến 100%.' }).max(100, { error: 'Tiến độ từ 0 đến 100%.' }),
  note: textSchema('Ghi chú tiến độ', 2000, 3),
  evidenceFileId: idSchema.nullable().optional(),
});
export type CreateCheckinInput = z.input<typeof createCheckinSchema>;

export const selfReviewSchema = z.strictObject({
  version: versionSchema,
  items: z.array(z.strictObject({ itemId: idSchema, result: z.enum(SELF_RESULTS, { error: 'Kết quả tự đánh giá không hợp lệ.' }), note: textSchema('Ghi chú', 1000, 0).nullable().optional() })),
  level: z.string({ error: 'Hãy chọn mức tự xếp loại.' }).min(1, { error: 'Hãy chọn mức tự xếp loại.' }),
  note: textSchema('Nhận xét', 2000, 0).nullable().optional(),
});
export type SelfReviewInput = z.input<typeof selfReviewSchema>;

export const cellReviewSchema = z.strictObject({
  version: versionSchema,
  level: z.string({ error: 'Hãy chọn mức chi bộ đề nghị.' }).min(1, { error: 'Hãy chọn mức chi bộ đề nghị.' }),
  note: textSchema('Nhận xét của chi bộ', 2000, 0).nullable().optional(),
});
export type CellReviewInput = z.input<typeof cellReviewSchema>;

/** The grassroots committee's decisions, saved together so the cap is checked on the final state. */
export const decisionsSchema = z.strictObject({
  roundId: idSchema,
  unitId: idSchema,
  decisions: z
    .array(
      z.strictObject({
        commitmentId: idSchema,
        version: versionSchema,
        level: z.string().min(1).nullable(),
        notAssessedReason: textSchema('Lý do chưa đánh giá', 500, 3).nullable().optional(),
      }),
    )
    .min(1, { error: 'Chưa có quyết định xếp loại nào.' })
    .max(500, { error: 'Tối đa 500 quyết định một lần.' }),
});
export type DecisionsInput = z.input<typeof decisionsSchema>;

// ——— Lists, coverage, ranking ———

export const unitRoundQuerySchema = z.object({ unitId: idSchema.optional(), roundId: idSchema });

/** A row of a unit's register: each active member of the unit's cells, with or without a commitment. */
export const registerRowSchema = z.object({
  member: z.object({ id: z.number(), fullName: z.string(), familyName: z.string(), middleName: z.string(), givenName: z.string() }),
  cell: z.object({ id: z.number(), name: z.string() }),
  isLeader: z.boolean(),
  commitment: z
    .object({
      id: z.number(),
      state: z.enum(COMMITMENT_STATES),
      itemCount: z.number(),
      firstSubmittedOn: z.string().nullable(),
      lastActivityOn: z.string().nullable(),
      quiet: z.boolean(),
      selfLevel: z.string().nullable(),
      cellLevel: z.string().nullable(),
      decidedLevel: z.string().nullable(),
      notAssessedReason: z.string().nullable(),
      doneShare: z.number().nullable(),
      version: z.number(),
    })
    .nullable(),
  timeliness: z.enum(TIMELINESS_STATES),
});
export type RegisterRow = z.infer<typeof registerRowSchema>;

export const registerSchema = z.object({
  unit: unitRef,
  round: z.object({ id: z.number(), year: z.number(), leaderDeadline: z.string(), memberDeadline: z.string(), reviewOpensOn: z.string() }),
  rows: z.array(registerRowSchema),
  collectives: z.array(z.object({ unit: unitRef, commitmentId: z.number().nullable(), state: z.enum(COMMITMENT_STATES).nullable(), timeliness: z.enum(TIMELINESS_STATES) })),
  levels: z.array(assessmentLevelSchema),
  cap: z.object({ capped: z.string(), relativeTo: z.string(), ratio: z.number() }).nullable(),
  can: z.object({ review: z.boolean(), decide: z.boolean(), registerCollective: z.boolean() }),
});
export type Register = z.infer<typeof registerSchema>;
export const registerQuerySchema = z.object({ unitId: idSchema, roundId: idSchema });

export const coverageRowSchema = z.object({
  unit: unitRef.extend({ childCount: z.number() }),
  members: z.number(),
  leaders: z.number(),
  /** All members against the members' deadline; leaders against theirs. */
  memberStates: countsSchema,
  leaderStates: countsSchema,
  collectivesOnTime: z.number(),
  collectivesLate: z.number(),
  accepted: z.number(),
  selfReviewed: z.number(),
  decided: z.number(),
  /** Decided member levels (code → count), with 'not_assessed'. */
  levels: z.record(z.string(), z.number()),
});
export type CoverageRow = z.infer<typeof coverageRowSchema>;

export const coverageSchema = z.object({
  round: z.object({ id: z.number(), year: z.number(), leaderDeadline: z.string(), memberDeadline: z.string() }),
  today: z.string(),
  ancestors: z.array(z.object({ id: z.number(), name: z.string() })),
  unit: coverageRowSchema,
  rows: z.array(coverageRowSchema),
  levels: z.array(assessmentLevelSchema),
});
export type Coverage = z.infer<typeof coverageSchema>;

export const unregisteredQuerySchema = z.object({
  unitId: idSchema,
  roundId: idSchema,
  leadersOnly: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1, { error: 'Trang phải từ 1.' }).default(1),
  pageSize: z.coerce.number().int().min(1).max(200, { error: 'Tối đa 200 dòng một trang.' }).default(50),
});
export const unregisteredSchema = z.object({
  items: z.array(z.object({ member: z.object({ id: z.number(), fullName: z.string() }), cell: z.object({ id: z.number(), name: z.string() }), isLeader: z.boolean(), state: z.enum(['pending', 'overdue']) })),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type Unregistered = z.infer<typeof unregisteredSchema>;

export const rankingSchema = z.object({
  unit: unitRef,
  round: z.object({ id: z.number(), year: z.number() }),
  levels: z.array(assessmentLevelSchema),
  members: z.array(z.object({ position: z.number(), member: z.object({ id: z.number(), fullName: z.string() }), cell: z.string(), level: levelOut, doneShare: z.number().nullable(), items: z.number() })),
  units: z.array(z.object({ position: z.number(), unit: unitRef, members: z.number(), decided: z.number(), levels: z.record(z.string(), z.number()), topShare: z.number().nullable() })),
});
export type Ranking = z.infer<typeof rankingSchema>;

export const myCommitmentQuerySchema = z.object({ year: yearSchema.optional() });
export const myCommitmentSchema = z.object({
  round: commitmentRoundSchema.nullable(),
  member: z.object({ id: z.number(), fullName: z.string(), isLeader: z.boolean(), cell: z.object({ id: z.number(), name: z.string() }) }),
  commitment: commitmentSchema.nullable(),
  deadline: z.string().nullable(),
});
export type MyCommitment = z.infer<typeof myCommitmentSchema>;

export const formQuerySchema = z.object({ form: z.enum(['registration', 'review'], { error: 'Mẫu phiếu không hợp lệ.' }).default('registration') });
