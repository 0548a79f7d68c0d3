import { inject } from 'vitest';

/** Moves the app server's day (the browser's clock is pinned separately, by the page). */
export async function setServerToday(today: string | 'system'): Promise<void> {
  const response = await fetch(inject('clockUrl'), { method: 'PUT', body: today });
  if (response.status !== 204) throw new Error(`Could not set the server's day to ${today}`);
}
