import { z } from 'zod';
import { POSITIONS } from '../domain/roles';
import { unitRefSchema } from './units';

export const myMemberSchema = z.object({
  id: z.number(),
  familyName: z.string(),
  middleName: z.string(),
  givenName: z.string(),
  fullName: z.string(),
  birthDate: z.string().nullable(),
  gender: z.enum(['male', 'female']),
  status: z.enum(['probationary', 'full']),
  joinedOn: z.string().nullable(),
  officialOn: z.string().nullable(),
  unit: unitRefSchema,
  positions: z.array(z.object({ position: z.enum(POSITIONS), label: z.string(), unitName: z.string(), startedOn: z.string() })),
});
export type MyMember = z.infer<typeof myMemberSchema>;
