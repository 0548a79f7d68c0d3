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
