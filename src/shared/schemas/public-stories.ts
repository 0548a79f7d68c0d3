import { z } from 'zod';
import { idSchema } from './common';

/**
 * The public page of exemplary stories (no login). Only what an officer has marked public, and only
 * names, unit names, the story, the commendation, photos and publicity: never personal data.
 */

export const publicStoriesQuerySchema = z.object({
  year: z.coerce
    .number({ error: 'Năm không hợp lệ.' })
    .int({ error: 'Năm không hợp lệ.' })
    .min(1945, { error: 'Năm không hợp lệ.' })
    .max(2100, { error: 'Năm không hợp lệ.' })
    .optional(),
  /** Stories nominated in this unit's subtree (a district, or a whole province). */
  unitId: idSchema.optional(),
});
export type PublicStoriesQuery = z.infer<typeof publicStoriesQuerySchema>;

const publicUnitSchema = z.object({ id: z.number(), name: z.string() });

export const publicPhotoSchema = z.object({
  /** Address of the image on the public page (same origin). */
  url: z.string(),
  thumbnailUrl: z.string(),
  caption: z.string().nullable(),
});
export type PublicPhoto = z.infer<typeof publicPhotoSchema>;

export const publicStoryCardSchema = z.object({
  id: z.number(),
  /** Path of the story page: /cong-khai/<id>-<slug>. */
  url: z.string(),
  title: z.string(),
  /** Họ tên đệm tên of the person, or the collective's name. */
  subjectName: z.string(),
  year: z.number(),
  /** The nominating unit. */
  unit: publicUnitSchema,
  /** The district-level unit the story is listed under (the province for its own nominations). */
  district: publicUnitSchema,
  /** The province (root of the tree). */
  province: publicUnitSchema,
  summary: z.string(),
  /** "Bằng khen của Ban Thường vụ Tỉnh ủy, Quyết định số 125-QĐ/TU ngày 19/05/2012", or null. */
  commendation: z.string().nullable(),
  photo: publicPhotoSchema.nullable(),
  publishedOn: z.string(),
});
export type PublicStoryCard = z.infer<typeof publicStoryCardSchema>;

export const publicStoryListSchema = z.object({
  items: z.array(publicStoryCardSchema),
  /** True when more stories match than one answer carries (narrow by year or unit). */
  truncated: z.boolean(),
});
export type PublicStoryList = z.infer<typeof publicStoryListSchema>;
