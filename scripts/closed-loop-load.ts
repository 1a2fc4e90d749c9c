/**
 * The load generator the HTTP benches share (bench-load.ts, bench-verify.ts): `connections` workers, each sending its
 * next request as soon as the last one is answered, for `seconds`; latencies in milliseconds.
 */
export interface LoadFigures {
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  firstError: string;
}

/** `send(n)` makes request n (1, 2, …) and returns null when its answer is right, or what was wrong with it. */
export async function closedLoopLoad(
  connections: number,
  seconds: number,
  send: (n: number) => Promise<string | null>,
): Promise<LoadFigures> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError = '';
  let n = 0;
  const began = performance.now();
  const end = began + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const sent = performance.now();
        let problem: string | null;
        try {
          problem = await send((n += 1));
        } catch (error) {
          problem = String(error);
        }
        if (problem !== null) {
          errors += 1;
          firstError ||= problem;
        }
        latencies.push(performance.now() - sent);
      }
    }),
  );
  const elapsed = (performance.now() - began) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return {
    requests: latencies.length,
    perSecond: latencies.length / elapsed,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    errors,
    firstError,
  };
}
