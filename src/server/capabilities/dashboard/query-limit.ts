import os from 'node:os';
import type { Db } from '../../db/connect';
import type { DashboardUnitRow } from './dashboard.service';

/** Runs a task when a slot is free; at most a fixed number of the tasks given to it run at once. */
export type Limit = <T>(task: () => Promise<T>) => Promise<T>;

/**
 * At most this many of one dashboard request's queries hold a pool connection at once. A dashboard
 * (or a report: dashboard + children) issues ~15 independent queries; run all at once, a few
 * concurrent readers took every connection of the app's 20-connection pool and writes (which wait
 * at most 5 s for a connection) starved. Three keeps most of the parallel speed-up on a small
 * machine (2 cores: more parallel queries only contend) while one request holds 3 connections.
 */
export const REQUEST_QUERY_PARALLELISM = 3;

/**
 * At most this many dashboard queries (all requests of the process together) run at once: one per CPU
 * core, between 2 and 12. So readers never take more than 12 of the 20 pool connections (writes and
 * other pages keep the rest), and, more to the point, they cannot keep more cores busy than the machine
 * has, so a write is not queued behind a crowd of dashboard queries. Measured at national scale (issue #9
 * bench (h), 2 cores, 10 readers of the root dashboard in a loop): with 12, recording a meeting took
 * p50 760 / p95 1,125 ms while readers got 14 req/s; with 2, p50 78 / p95 169 ms and readers 10 req/s.
 * The root dashboard alone is unchanged (p95 116 ms).
 */
export const PROCESS_QUERY_PARALLELISM = Math.min(12, Math.max(2, os.availableParallelism()));

/** A FIFO limit of `max` tasks at once. */
export function createLimit(max: number): Limit {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active < max) active += 1;
    // A finishing task hands its slot over (active unchanged).
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const wake = waiting.shift();
      if (wake) wake();
      else active -= 1;
    }
  };
}

/** No limit (direct callers of the repository). */
export const unlimited: Limit = (task) => task();

const processLimits = new WeakMap<Db, Limit>();
const requestLimits = new WeakMap<DashboardUnitRow, Limit>();

/**
 * The limit of one request: keyed by the unit row the request read (each request reads its own row;
 * a report passes the same row to computeDashboard and computeChildren, so both share one limit),
 * inside the process-wide limit of the database.
 */
export function requestLimit(db: Db, unit: DashboardUnitRow): Limit {
  let shared = processLimits.get(db);
  if (!shared) {
    shared = createLimit(PROCESS_QUERY_PARALLELISM);
    processLimits.set(db, shared);
  }
  let own = requestLimits.get(unit);
  if (!own) {
    const perRequest = createLimit(REQUEST_QUERY_PARALLELISM);
    const outer = shared;
    own = (task) => perRequest(() => outer(task));
    requestLimits.set(unit, own);
  }
  return own;
}
