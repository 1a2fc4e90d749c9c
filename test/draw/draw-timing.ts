import type { TestClock } from '../support/test-platform';

/**
 * A declared lottery for tests: it draws `minutes` after the test clock's now (to the minute, China
 * time), so a round can be committed to it now and drawn once the clock has passed it (afterTheDraw).
 */
export function drawsAtIn(clock: TestClock, minutes = 10): string {
  const china = new Date(clock.now().getTime() + minutes * 60_000 + 8 * 3_600_000).toISOString();
  return `${china.slice(0, 16)}:00+08:00`;
}

/** Moves the test clock past a lottery declared with drawsAtIn (sessions stay valid: well under their idle limit). */
export function afterTheDraw(clock: TestClock): void {
  clock.advanceMinutes(12);
}
