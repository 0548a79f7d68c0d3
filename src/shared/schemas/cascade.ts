import { z } from 'zod';
import { DOCUMENT_TYPES } from '../domain/documents';
import { TIMELINESS_STATES } from '../domain/timeliness';
import { UNIT_KINDS } from '../domain/units';
import { idSchema } from './common';
import { documentSummarySchema } from './documents';

const stateSchema = z.enum(TIMELINESS_STATES);
export const timelinessCountsSchema = z.object({
  done_on_time: z.number(),
  done_late: z.number(),
  pending: z.number(),
  overdue: z.number(),
});

/** What one unit owes under one requirement, and how it stands today. */
export const obligationSchema = z.object({
  requirementId: z.number(),
  parentDocument: z.object({ id: z.number(), symbol: z.string() }),
  requiredType: z.enum(DOCUMENT_TYPES),
  dueOn: z.string(),
  state: stateSchema,
  /** Days after the due date (done late or overdue), else null. */
  daysLate: z.number().nullable(),
  document: z.object({ id: z.number(), symbol: z.string(), issuedOn: z.string() }).nullable(),
  conferenceDueOn: z.string().nullable(),
  conferenceState: stateSchema.nullable(),
  conference: z.object({ id: z.number(), heldOn: z.string() }).nullable(),
});
export type Obligation = z.infer<typeof obligationSchema>;

export const cascadeNodeSchema = z.object({
  unitId: z.number(),
  name: z.string(),
  kind: z.enum(UNIT_KINDS),
  childCount: z.number(),
  /** This unit's own obligations in the cascade. */
  own: z.array(obligationSchema),
  /** Obligations of the whole subtree (this unit included), by state: documents, then conferences. */
  counts: timelinessCountsSchema,
  conferenceCounts: timelinessCountsSchema,
});
export type CascadeNode = z.infer<typeof cascadeNodeSchema>;

export const cascadeQuerySchema = z.object({
  documentId: idSchema,
  /** The unit whose subtree is shown (default: the caller's scope). */
  unitId: idSchema.optional(),
  /** Only children whose subtree has something overdue. */
  overdueOnly: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
});

export const cascadeViewSchema = z.object({
  document: documentSummarySchema,
  /** Ancestors of `unit` inside the caller's scope, top first (for the breadcrumb). */
  ancestors: z.array(z.object({ id: z.number(), name: z.string() })),
  unit: cascadeNodeSchema,
  /** Children that have obligations in their subtree, ordered by name. */
  children: z.array(cascadeNodeSchema),
  today: z.string(),
});
export type CascadeView = z.infer<typeof cascadeViewSchema>;

export const cascadeExportQuerySchema = cascadeQuerySchema.omit({ overdueOnly: true });

export const upcomingQuerySchema = z.object({
  unitId: idSchema.optional(),
  days: z.coerce.number().int().min(1, { error: 'Số ngày phải từ 1.' }).max(90, { error: 'Tối đa 90 ngày.' }).default(7),
});

export const upcomingItemSchema = z.object({
  unit: z.object({ id: z.number(), name: z.string(), kind: z.enum(UNIT_KINDS) }),
  /** 'document': issue the implementing document; 'conference': hold the dissemination conference. */
  action: z.enum(['document', 'conference']),
  requiredType: z.enum(DOCUMENT_TYPES),
  parentDocument: z.object({ id: z.number(), symbol: z.string(), title: z.string() }),
  dueOn: z.string(),
  daysLeft: z.number(),
});
export type UpcomingItem = z.infer<typeof upcomingItemSchema>;
export const upcomingListSchema = z.object({ items: z.array(upcomingItemSchema), today: z.string() });
export type UpcomingList = z.infer<typeof upcomingListSchema>;
