import type { Dayjs } from 'dayjs';

/** What date pickers show and accept (the first format is used for display). */
export const DATE_INPUT_FORMATS = ['DD/MM/YYYY', 'D/M/YYYY', 'DDMMYYYY'];

/** yyyy-mm-dd for the API. */
export function toIsoDate(value: Dayjs): string {
  return value.format('YYYY-MM-DD');
}
