/**
 * The guardrails of a commitment, as pure rules shared by the server (which enforces them) and the
 * web form (which proposes values that pass them): rounds are numbered per year and per set of
 * sampling items, and a lottery's numbers exist only after its declared draw time (docs/draw.md, 承诺的约束).
 */

/** A committed round as the numbering rule sees it. */
export interface NumberedRound {
  roundNo: string;
  title: string;
  year: number;
  roundIndex: number;
  roundsInYear: number;
  samplingItemIds: number[];
}

/** Most rounds a year may have (第 k 轮，共 R 轮, R ≤ 12). */
export const MAX_ROUNDS_IN_YEAR = 12;

/**
 * The rounds of `year` that share a sampling item with `itemIds`: one series, numbered 1, 2, …
 * Rounds on other items (another department's own draws) number on their own.
 */
export function seriesOf(rounds: readonly NumberedRound[], year: number, itemIds: readonly number[]): NumberedRound[] {
  const wanted = new Set(itemIds);
  return rounds.filter((r) => r.year === year && r.samplingItemIds.some((id) => wanted.has(id)));
}

/** The next round number of the series: one past the highest already committed (1 for the first). */
export function nextRoundIndex(series: readonly NumberedRound[]): number {
  return series.reduce((max, r) => Math.max(max, r.roundIndex), 0) + 1;
}

/** The round of the series that already carries number `index`, if any (a commitment cannot be taken back). */
export function roundWithIndex(series: readonly NumberedRound[], index: number): NumberedRound | undefined {
  return series.find((r) => r.roundIndex === index);
}

/** How many rounds the year has, as far as the series and round `index` tell: at least `index`. */
export function roundsInYearFor(series: readonly NumberedRound[], index: number): number {
  return series.reduce((max, r) => Math.max(max, r.roundsInYear), index);
}

/** A China-time minute of an instant, 'YYYY-MM-DD HH:mm', as messages and pages show it. */
export function chinaMinute(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** The instant a declared lottery draws, written in China time ('YYYY-MM-DDTHH:mm:00+08:00'). */
export function chinaInstant(date: string, time: string): string {
  return `${date}T${time.slice(0, 5)}:00+08:00`;
}

/** When entered numbers are accepted: after the declared draw time (null: a local seed, or a commitment made before times were declared). */
export function entropyOpensAt(entropy: { kind: string; drawsAt?: string }): Date | null {
  return entropy.kind === 'lottery' && entropy.drawsAt ? new Date(entropy.drawsAt) : null;
}
