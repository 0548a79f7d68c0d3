/** Sequential timings shared by the benchmarks that time single requests (cascade view, meeting matrix). */

export interface Latency {
  samples: number;
  p50: number;
  p95: number;
  max: number;
}

export function latency(values: number[]): Latency {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
  return { samples: sorted.length, p50: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? 0 };
}

export async function timed(run: () => Promise<void>): Promise<number> {
  const start = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** A deterministic non-negative pseudo-random bigint from an SQL expression and a salt, for generated data. */
export const h = (expr: string, salt: number) => `(hashint8extended((${expr})::bigint, ${salt}) & 9223372036854775807)`;

/** App against floor: two warm-up calls, then `samples` app calls and `floorSamples` floor calls, timed one by one. */
export async function appAgainstFloor(
  app: () => Promise<unknown>,
  floor: () => Promise<unknown>,
  options: { samples: number; floorSamples: number; target?: number | undefined },
): Promise<{ app: Latency; floor: Latency; speedup: number; target: string; verdict: string }> {
  for (let i = 0; i < 2; i++) await app();
  const appTimes: number[] = [];
  for (let i = 0; i < options.samples; i++) appTimes.push(await timed(async () => void (await app())));
  const floorTimes: number[] = [];
  for (let i = 0; i < options.floorSamples; i++) floorTimes.push(await timed(async () => void (await floor())));
  const appLatency = latency(appTimes);
  const floorLatency = latency(floorTimes);
  return {
    app: appLatency,
    floor: floorLatency,
    speedup: floorLatency.p50 / appLatency.p50,
    target: options.target === undefined ? '' : `p95<${options.target}ms`,
    verdict: options.target === undefined ? '' : appLatency.p95 < options.target ? 'PASS' : 'FAIL',
  };
}
