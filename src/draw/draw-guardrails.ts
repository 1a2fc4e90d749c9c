import type { Db } from '../db/database';
import { AppError } from '../shared/app-error';
import { chinaDate } from '../shared/china-date';
import type { Commitment } from './engine/commitment';
import type { RoundCommitInput } from './draw.schemas';
import { listYearRounds } from './draw-round.repository';
import {
  chinaMinute,
  entropyOpensAt,
  MAX_ROUNDS_IN_YEAR,
  nextRoundIndex,
  type NumberedRound,
  roundsInYearFor,
  roundWithIndex,
  seriesOf,
} from './round-rules';

/**
 * What a commitment may not say, by the platform's clock (docs/draw.md, 承诺的约束): a check window that
 * has already ended, a lottery that has already drawn (its numbers are known: whoever commits could
 * choose them), or one that draws only after the window.
 */
export function requireTimelyCommitment(input: RoundCommitInput, now: Date): void {
  const today = chinaDate(now);
  if (input.window.to < today)
    throw new AppError('VALIDATION', `检查期已过：结束日 ${input.window.to} 早于今天 ${today}，请选择今后的检查期`, [
      { field: 'window.to', message: '检查期已过' },
    ]);
  const drawsAt = entropyOpensAt(input.entropy);
  if (!drawsAt) return;
  if (drawsAt.getTime() <= now.getTime())
    throw new AppError(
      'VALIDATION',
      `声明的开奖时间 ${chinaMinute(drawsAt)} 已过：开奖号码已经公开，承诺须在开奖之前作出，请改为尚未开奖的一期`,
      [{ field: 'entropy.drawsAt', message: '开奖时间已过' }],
    );
  if (chinaDate(drawsAt) > input.window.to)
    throw new AppError(
      'VALIDATION',
      `声明的开奖时间 ${chinaMinute(drawsAt)} 晚于检查期结束日 ${input.window.to}，请选择检查期结束前开奖的一期`,
      [{ field: 'entropy.drawsAt', message: '开奖时间晚于检查期' }],
    );
}

function inUse(year: number, index: number, taken: NumberedRound, next: number): AppError {
  return new AppError(
    'CONFLICT',
    `${year} 年第 ${index} 轮已由抽取轮次 ${taken.roundNo}“${taken.title}”承诺（含相同的抽查事项），承诺不可撤回；` +
      (next <= MAX_ROUNDS_IN_YEAR ? `本轮请改为第 ${next} 轮` : `本年度这些事项已有 ${MAX_ROUNDS_IN_YEAR} 轮`),
    [{ field: 'roundIndex', message: `第 ${index} 轮已承诺` }],
  );
}

/**
 * The round's number (第 k 轮，共 R 轮): as given, or the next free one of the year for these items
 * (src/draw/round-rules.ts). A number already committed for the same year and an overlapping set of
 * items is refused: two rounds cannot both claim to be the same round.
 */
export async function resolveRoundNumber(
  db: Db,
  input: Pick<RoundCommitInput, 'year' | 'samplingItemIds' | 'roundIndex' | 'roundsInYear'>,
): Promise<{ roundIndex: number; roundsInYear: number }> {
  const series = seriesOf(await listYearRounds(db, input.year), input.year, input.samplingItemIds);
  const next = nextRoundIndex(series);
  const roundIndex = input.roundIndex ?? next;
  const taken = roundWithIndex(series, roundIndex);
  if (taken) throw inUse(input.year, roundIndex, taken, next);
  if (roundIndex > MAX_ROUNDS_IN_YEAR)
    throw new AppError('CONFLICT', `${input.year} 年这些抽查事项已承诺 ${MAX_ROUNDS_IN_YEAR} 轮，不能再增加`, [
      { field: 'roundIndex', message: '本年度轮次已满' },
    ]);
  const roundsInYear = input.roundsInYear ?? roundsInYearFor(series, roundIndex);
  if (roundIndex > roundsInYear)
    throw new AppError('VALIDATION', `第 ${roundIndex} 轮超出本年度 ${roundsInYear} 轮`, [
      { field: 'roundIndex', message: `第 ${roundIndex} 轮超出本年度 ${roundsInYear} 轮` },
    ]);
  return { roundIndex, roundsInYear };
}

/**
 * Numbers of a declared lottery are accepted only after its declared draw time, by the platform's
 * clock: before it they do not exist, and whoever enters them could choose them.
 */
export function requireEntropyOpen(commitment: Commitment, now: Date): void {
  const opensAt = entropyOpensAt(commitment.entropy);
  if (opensAt && now.getTime() < opensAt.getTime())
    throw new AppError(
      'CONFLICT',
      `开奖时间 ${chinaMinute(opensAt)} 之后方可录入开奖号码：承诺声明的随机源尚未开奖（现在是 ${chinaMinute(now)}，北京时间）`,
      [{ field: 'reveal', message: `${chinaMinute(opensAt)} 之后方可录入` }],
    );
}
