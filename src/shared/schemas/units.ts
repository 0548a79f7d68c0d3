import { z } from 'zod';
import { SECTOR_CODES, UNIT_KINDS } from '../domain/units';
import { idSchema, isoDateSchema, textSchema, versionSchema } from './common';

const kindSchema = z.enum(UNIT_KINDS, { error: 'Loại tổ chức không hợp lệ.' });
const sectorSchema = z.enum(SECTOR_CODES, { error: 'Lĩnh vực không hợp lệ.' }).nullable();
const codeSchema = z
  .string({ error: 'Mã đơn vị phải là chuỗi ký tự.' })
  .trim()
  .min(1, { error: 'Mã đơn vị không được để trống.' })
  .max(40, { error: 'Mã đơn vị dài quá 40 ký tự.' })
  .regex(/^[A-Za-z0-9._-]+$/u, { error: 'Mã đơn vị chỉ gồm chữ không dấu, số, dấu chấm, gạch ngang, gạch dưới.' });

export const unitRefSchema = z.object({ id: z.number(), name: z.string(), kind: z.enum(UNIT_KINDS) });
export type UnitRef = z.infer<typeof unitRefSchema>;

export const unitSummarySchema = z.object({
  id: z.number(),
  name: z.string(),
  code: z.string(),
  kind: z.enum(UNIT_KINDS),
  isGrassroots: z.boolean(),
  sector: z.string().nullable(),
  closedOn: z.string().nullable(),
  childCount: z.number(),
  memberCount: z.number(),
});
export type UnitSummary = z.infer<typeof unitSummarySchema>;

export const unitDetailSchema = unitSummarySchema.extend({
  parentId: z.number().nullable(),
  depth: z.number(),
  validFrom: z.string(),
  version: z.number(),
  /** Ancestors from the top of the caller's scope down to the parent. */
  ancestors: z.array(unitRefSchema),
  counts: z.object({
    childUnits: z.number(),
    subtreeUnits: z.number(),
    subtreeMembers: z.number(),
    directMembers: z.number(),
  }),
  children: z.array(unitSummarySchema),
  can: z.object({ edit: z.boolean(), createChild: z.boolean(), move: z.boolean(), close: z.boolean() }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type UnitDetail = z.infer<typeof unitDetailSchema>;

export const unitChildrenQuerySchema = z.object({
  includeClosed: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
});

export const unitSearchQuerySchema = z.object({
  q: textSchema('Từ khóa', 100),
  within: idSchema.optional(),
  includeClosed: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const unitSearchHitSchema = z.object({
  id: z.number(),
  name: z.string(),
  kind: z.enum(UNIT_KINDS),
  closedOn: z.string().nullable(),
  /** Names of the ancestors inside the caller's scope, top first. */
  path: z.array(z.string()),
});
export type UnitSearchHit = z.infer<typeof unitSearchHitSchema>;

export const createUnitBodySchema = z.strictObject({
  parentId: idSchema,
  name: textSchema('Tên đơn vị', 200, 2),
  kind: kindSchema,
  code: codeSchema.optional(),
  sector: sectorSchema.optional(),
  validFrom: isoDateSchema.optional(),
});
export type CreateUnitBody = z.infer<typeof createUnitBodySchema>;

export const updateUnitBodySchema = z.strictObject({
  version: versionSchema,
  name: textSchema('Tên đơn vị', 200, 2).optional(),
  code: codeSchema.optional(),
  sector: sectorSchema.optional(),
});
export type UpdateUnitBody = z.infer<typeof updateUnitBodySchema>;

export const moveUnitBodySchema = z.strictObject({
  version: versionSchema,
  newParentId: idSchema,
});
export type MoveUnitBody = z.infer<typeof moveUnitBodySchema>;

export const closeUnitBodySchema = z.strictObject({
  version: versionSchema,
  closedOn: isoDateSchema,
});
export type CloseUnitBody = z.infer<typeof closeUnitBodySchema>;
