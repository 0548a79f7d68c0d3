/**
 * What the web side needs from the job queue: hand it e-mail deliveries to send. The deliveries are rows
 * of notification_delivery written in the request's transaction; this is called after commit. If it
 * fails (or no worker runs here), nothing is lost: the worker's sweep (every few minutes) queues every
 * pending delivery that has no job yet.
 */
export interface JobQueue {
  enqueueDeliveries(deliveryIds: readonly number[]): Promise<void>;
}

/** Task names, the graphile-worker identifiers. */
export const TASKS = {
  dailyUrging: 'daily_urging',
  sendEmail: 'send_email',
  sendEmailBatch: 'send_email_batch',
  sweep: 'urging_sweep',
} as const;

/** A delivery is tried this many times (graphile-worker's exponential backoff: e^attempt seconds). */
export const EMAIL_MAX_ATTEMPTS = 8;

/** Deliveries per send_email_batch job of the daily run. */
export const EMAIL_BATCH_SIZE = 200;

export const deliveryJobKey = (deliveryId: number) => `delivery:${deliveryId}`;
