import { z } from 'zod';
import { textSchema, versionSchema } from './common';

const yearSchema = z.coerce
  .number({ error: 'Năm không hợp lệ.' })
  .int({ error: 'Năm không hợp lệ.' })
  .min(1945, { error: 'Năm phải từ 1945.' })
  .max(2100, { error: 'Năm phải trước 2100.' });

export const campaignSchema = z.object({
  id: z.number(),
  name: z.string(),
  startYear: z.number(),
  endYear: z.number(),
  description: z.string().nullable(),
  documentCount: z.number(),
  version: z.number(),
});
export type Campaign = z.infer<typeof campaignSchema>;

export const campaignListSchema = z.object({
  items: z.array(campaignSchema),
  can: z.object({ create: z.boolean(), edit: z.boolean() }),
});
export type CampaignList = z.infer<typeof campaignListSchema>;

const campaignFields = {
  name: textSchema('Tên cuộc vận động', 300, 5),
  startYear: yearSchema,
  endYear: yearSchema,
  description: textSchema('Mô tả', 2000, 0).nullable().optional(),
};

const yearsInOrder = (value: { startYear?: number; endYear?: number }) =>
  value.startYear === undefined || value.endYear === undefined || value.endYear >= value.startYear;
const yearsMessage = { error: 'Năm kết thúc không được trước năm bắt đầu.', path: ['endYear'] };

export const createCampaignBodySchema = z.strictObject(campaignFields).refine(yearsInOrder, yearsMessage);
export type CreateCampaignBody = z.infer<typeof createCampaignBodySchema>;

export const updateCampaignBodySchema = z
  .strictObject({
    version: versionSchema,
    name: campaignFields.name.optional(),
    startYear: yearSchema.optional(),
    endYear: yearSchema.optional(),
    description: campaignFields.description,
  })
  .refine(yearsInOrder, yearsMessage);
export type UpdateCampaignBody = z.infer<typeof updateCampaignBodySchema>;
