import { z } from 'zod';
import { HELPER_ACTIVITY_KINDS, HELPER_ROLES, HELPER_UNIT_STATES } from '../domain/direction';
import { idSchema, isoDateSchema, textSchema, versionSchema } from './common';
import { unitRefSchema } from './units';

/** Bộ phận giúp việc: one per committee, with its founding decision, regulation, members and activity log. */

export const helperUnitStateSchema = z.enum(HELPER_UNIT_STATES, { error: 'Trạng thái không hợp lệ.' });
export const helperRoleSchema = z.enum(HELPER_ROLES, { error: 'Vai trò phải là trưởng bộ phận, phó trưởng bộ phận hoặc thành viên.' });
export const helperActivityKindSchema = z.enum(HELPER_ACTIVITY_KINDS, { error: 'Loại hoạt động không hợp lệ.' });

const documentRefSchema = z.object({ id: z.number(), symbol: z.string(), title: z.string(), issuedOn: z.string() });

export const helperUnitMemberSchema = z.object({
  /** The membership row. */
  id: z.number(),
  memberId: z.number(),
  /** họ tên đệm tên */
  fullName: z.string(),
  /** The member's cell. */
  unitName: z.string(),
  role: helperRoleSchema,
  duty: z.string().nullable(),
  /** Set when the member has since left the registry. */
  leftOn: z.string().nullable(),
});
export type HelperUnitMember = z.infer<typeof helperUnitMemberSchema>;

export const helperUnitActivitySchema = z.object({
  id: z.number(),
  heldOn: z.string(),
  kind: helperActivityKindSchema,
  content: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type HelperUnitActivity = z.infer<typeof helperUnitActivitySchema>;

export const helperUnitDetailSchema = z.object({
  id: z.number(),
  unitId: z.number(),
  name: z.string(),
  establishedOn: z.string(),
  state: helperUnitStateSchema,
  foundingDocument: documentRefSchema.nullable(),
  regulationDocument: documentRefSchema.nullable(),
  /** Head first, then deputies, then the others; by name (tên, tên đệm, họ) within each. */
  members: z.array(helperUnitMemberSchema),
  /** The latest 50, newest first. */
  activities: z.array(helperUnitActivitySchema),
  activityCount: z.number(),
  version: z.number(),
});
export type HelperUnitDetail = z.infer<typeof helperUnitDetailSchema>;

export const helperUnitByUnitSchema = z.object({
  unit: unitRefSchema.extend({ closedOn: z.string().nullable() }),
  helperUnit: helperUnitDetailSchema.nullable(),
  can: z.object({ create: z.boolean(), edit: z.boolean() }),
});
export type HelperUnitByUnit = z.infer<typeof helperUnitByUnitSchema>;

export const helperCoverageQuerySchema = z.object({
  unitId: idSchema.optional(),
  state: helperUnitStateSchema.optional(),
});

export const helperCoverageRowSchema = z.object({
  unit: unitRefSchema,
  /** The committee above, for telling apart committees of the same name in a large tree. */
  parentName: z.string().nullable(),
  helperUnitId: z.number().nullable(),
  state: helperUnitStateSchema,
  establishedOn: z.string().nullable(),
  /** Members still in the registry. */
  memberCount: z.number(),
  regulationDocument: z.object({ id: z.number(), symbol: z.string() }).nullable(),
  lastActivityOn: z.string().nullable(),
});
export type HelperCoverageRow = z.infer<typeof helperCoverageRowSchema>;

export const helperCoverageSchema = z.object({
  /** Committees of the filtered state; the counts cover all of them. */
  items: z.array(helperCoverageRowSchema),
  counts: z.object({ missing: z.number(), no_regulation: z.number(), complete: z.number() }),
});
export type HelperCoverage = z.infer<typeof helperCoverageSchema>;

const helperFields = {
  name: textSchema('Tên bộ phận giúp việc', 300),
  establishedOn: isoDateSchema,
  foundingDocumentId: idSchema.nullable(),
  regulationDocumentId: idSchema.nullable(),
};

export const createHelperUnitBodySchema = z.strictObject({
  unitId: idSchema,
  name: helperFields.name,
  establishedOn: helperFields.establishedOn,
  foundingDocumentId: helperFields.foundingDocumentId.optional(),
  regulationDocumentId: helperFields.regulationDocumentId.optional(),
});
export type CreateHelperUnitBody = z.input<typeof createHelperUnitBodySchema>;

export const updateHelperUnitBodySchema = z.strictObject({
  version: versionSchema,
  name: helperFields.name.optional(),
  establishedOn: helperFields.establishedOn.optional(),
  foundingDocumentId: helperFields.foundingDocumentId.optional(),
  regulationDocumentId: helperFields.regulationDocumentId.optional(),
});
export type UpdateHelperUnitBody = z.input<typeof updateHelperUnitBodySchema>;

export const addHelperMemberBodySchema = z.strictObject({
  memberId: idSchema,
  role: helperRoleSchema,
  duty: textSchema('Nhiệm vụ', 300, 0)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional(),
});
export type AddHelperMemberBody = z.input<typeof addHelperMemberBodySchema>;

export const helperMemberParamsSchema = z.strictObject({ id: idSchema, memberId: idSchema });

export const addHelperActivityBodySchema = z.strictObject({
  heldOn: isoDateSchema,
  kind: helperActivityKindSchema,
  content: textSchema('Nội dung hoạt động', 4000),
});
export type AddHelperActivityBody = z.input<typeof addHelperActivityBodySchema>;
