import { z } from 'zod';
import { idSchema } from './common';

export const storedFileSchema = z.object({
  id: z.number(),
  name: z.string(),
  mediaType: z.string(),
  size: z.number(),
});
export type StoredFile = z.infer<typeof storedFileSchema>;

/** POST /api/files?unitId=…: the raw bytes are the body; the name travels in the X-File-Name header (URI-encoded). */
export const uploadFileQuerySchema = z.object({ unitId: idSchema });
