// Made once: building a formatter with a time zone costs far more than formatting with it.
const vietnamDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today in Vietnam (UTC+7) as yyyy-mm-dd: what "today" means for dates users type. */
export function todayInVietnam(now = new Date()): string {
  return vietnamDay.format(now);
}

/**
 * The app's sense of time, injected through `buildApp` so tests (and the scheduled work of later
 * capabilities) can walk days without waiting for them. Services that take a clock use it for every
 * "today" they compare deadlines with.
 */
export interface Clock {
  now(): Date;
  /** yyyy-mm-dd in Vietnam. */
  today(): string;
}

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => todayInVietnam(),
};

/** A clock whose day a test sets; `null` follows the system clock. */
export function settableClock(): Clock & { set(today: string | null): void } {
  let fixed: string | null = null;
  return {
    now: () => (fixed === null ? new Date() : new Date(`${fixed}T05:00:00Z`)),
    today: () => fixed ?? todayInVietnam(),
    set(today) {
      fixed = today;
    },
  };
}
