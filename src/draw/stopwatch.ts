/** Elapsed milliseconds per named phase; each call closes the phase that ran since the previous one. */
export function stopwatch(): (phase: string) => { ms: number; all: Record<string, number> } {
  const all: Record<string, number> = {};
  let mark = performance.now();
  return (phase) => {
    const now = performance.now();
    all[phase] = Math.round(now - mark);
    mark = now;
    return { ms: all[phase], all };
  };
}
