import { z } from 'zod';
import { chinaMinute, MAX_ROUNDS_IN_YEAR } from './round-rules';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

/** A China-time instant to the minute, 'YYYY-MM-DDTHH:mm+08:00' (seconds :00 allowed), kept as 'YYYY-MM-DDTHH:mm:00+08:00'. */
const chinaInstant = z
  .string({ error: '请填写开奖时间（北京时间）' })
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:00)?\+08:00$/, '开奖时间格式应为 YYYY-MM-DDTHH:mm+08:00（北京时间）')
  .transform((v) => (v.length === 22 ? `${v.slice(0, 16)}:00+08:00` : v))
  .refine(
    (v) => !Number.isNaN(Date.parse(v)) && chinaMinute(new Date(v)) === v.slice(0, 16).replace('T', ' '),
    '开奖时间不是有效的日期和时间',
  );

export const entropyDeclaration = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('lottery'),
    description: z.string().trim().min(6, '请写明随机源：哪一期、哪一天开奖的哪种彩票（至少 6 个字）').max(500),
    sources: z.number().int().min(1, '至少一个随机源').max(10, '随机源最多 10 个'),
    /** When the declared lottery draws (several sources: the last of them); numbers are refused before it. */
    drawsAt: chinaInstant,
  }),
  z.object({
    kind: z.literal('local'),
    seedHash: z.string().regex(/^[0-9a-f]{64}$/, '本地种子摘要应为 64 位小写十六进制'),
  }),
]);

export const roundCommitInput = z
  .object({
    title: z.string().trim().min(4, '请填写抽取轮次名称（至少 4 个字）').max(100),
    year: z.number().int().min(2020).max(2100),
    /** Omitted: the next free number of the year for these items (src/draw/round-rules.ts). */
    roundIndex: z.number().int().min(1).max(MAX_ROUNDS_IN_YEAR).optional(),
    /** Omitted: at least the round's number, and as many as earlier rounds of the series declared. */
    roundsInYear: z.number().int().min(1).max(MAX_ROUNDS_IN_YEAR).optional(),
    window: z.object({ from: date, to: date }),
    samplingItemIds: z
      .array(z.number().int().positive())
      .min(1, '请至少选择一个随机抽查事项')
      .max(1000)
      .transform((ids) => [...new Set(ids)]),
    design: z.enum(['poisson', 'fixed']).default('fixed'),
    hash: z.enum(['sha256', 'sm3']).default('sha256'),
    entropy: entropyDeclaration,
  })
  .superRefine((v, ctx) => {
    if (v.roundIndex !== undefined && v.roundsInYear !== undefined && v.roundIndex > v.roundsInYear)
      ctx.addIssue({
        code: 'custom',
        path: ['roundIndex'],
        message: `第 ${v.roundIndex} 轮超出本年度 ${v.roundsInYear} 轮`,
      });
    if (v.window.to < v.window.from)
      ctx.addIssue({ code: 'custom', path: ['window', 'to'], message: '检查期结束日不能早于开始日' });
    if (!v.window.from.startsWith(String(v.year)) || !v.window.to.startsWith(String(v.year)))
      ctx.addIssue({ code: 'custom', path: ['window'], message: `检查期应在 ${v.year} 年内` });
  });
export type RoundCommitInput = z.infer<typeof roundCommitInput>;

export const entropyReveal = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('lottery'), keyString: z.string().trim().min(3).max(2000) }),
  z.object({ kind: z.literal('local'), seed: z.string().trim().min(16, '本地种子至少 16 个字符').max(200) }),
]);

export const drawRunInput = z.object({
  reveal: entropyReveal,
  /** Required when the round already has a record: a redraw must say why. */
  redrawReason: z.string().trim().min(10, '重新抽取须说明理由（至少 10 个字）').max(1000).nullable().default(null),
});
export type DrawRunInput = z.infer<typeof drawRunInput>;

export const roundNoParams = z.object({ roundNo: z.string().min(1).max(40) });
export const recordNoParams = z.object({ recordNo: z.string().min(1).max(40) });
export const selfCheckQuery = z.object({
  uscc: z.string().trim().toUpperCase().length(18, '统一社会信用代码应为 18 位'),
});

// Responses. Plain shapes of what the services return (no input checks: a stored record written
// under older limits must still be shown); the serializer drops any key not listed here.

const dateWindow = z.object({ from: z.string(), to: z.string() });

/** The published commitment (src/draw/engine/commitment.ts). */
const commitment = z.object({
  algorithm: z.string(),
  round: z.object({
    year: z.number(),
    roundIndex: z.number(),
    roundsInYear: z.number(),
    window: dateWindow,
    hash: z.enum(['sha256', 'sm3']),
  }),
  frameRoot: z.string(),
  strataDigest: z.string(),
  frameSubjects: z.number(),
  frameItems: z.array(z.object({ code: z.string(), design: z.string(), size: z.number() })),
  inspectorDigest: z.string(),
  entropy: z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('lottery'),
      description: z.string(),
      sources: z.number(),
      drawsAt: z.string().optional(),
    }),
    z.object({ kind: z.literal('local'), seedHash: z.string() }),
  ]),
  committedAt: z.string(),
  /** The credit evaluation run the frame's classes come from (null: none pushed; absent: older commitments). */
  creditRun: z.object({ runNo: z.string(), resultsDigest: z.string().nullable() }).nullable().optional(),
});

export const roundSummary = z.object({
  roundNo: z.string(),
  title: z.string(),
  year: z.number(),
  roundIndex: z.number(),
  roundsInYear: z.number(),
  samplingItemIds: z.array(z.number()),
  window: dateWindow,
  committedAt: z.string(),
});
export type RoundSummary = z.infer<typeof roundSummary>;

/** What was entered to draw: the numbers as the key string and per source, or the local seed. */
const revealView = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('lottery'), keyString: z.string(), numbers: z.array(z.array(z.number())) }),
  z.object({ kind: z.literal('local'), seed: z.string() }),
]);

const recordSummary = z.object({
  recordNo: z.string(),
  reveal: revealView,
  /** Who entered the numbers and ran the draw: name and department only (the time is drawnAt). */
  enteredBy: z.object({ name: z.string(), department: z.string() }).nullable(),
  seed: z.string(),
  recordDigest: z.string(),
  redrawOf: z.string().nullable(),
  redrawReason: z.string().nullable(),
  drawnAt: z.string(),
  current: z.boolean(),
  summary: z.object({
    frameSubjects: z.number(),
    distinctVisits: z.number(),
    tasks: z.number(),
    unstaffed: z.number(),
  }),
});

/** Where a request's time went (ms), for the service benchmark. */
const serviceTimingsMs = z.record(z.string(), z.number()).optional();

export const roundView = roundSummary.extend({
  design: z.enum(['poisson', 'fixed']),
  commitment,
  commitmentHash: z.string(),
  /** Numbers are accepted from this instant (the declared draw time); null: at any time (a local seed). */
  entropyOpensAt: z.string().nullable(),
  /** Whether, by the platform's clock, numbers are accepted now. */
  entropyOpen: z.boolean(),
  records: z.array(recordSummary),
  serviceTimingsMs,
});
export type RoundView = z.infer<typeof roundView>;

/** The draw's measures (DrawMeasures in src/draw/engine/types.ts). */
const drawMeasures = z.object({
  frameSubjects: z.number(),
  items: z.array(
    z.object({
      code: z.string(),
      frame: z.number(),
      selected: z.number(),
      strata: z.array(
        z.object({
          stratum: z.enum(['A', 'B', 'C', 'D']),
          frame: z.number(),
          expected: z.number(),
          selected: z.number(),
        }),
      ),
    }),
  ),
  selections: z.number(),
  distinctVisits: z.number(),
  lowerBound: z.number(),
  independentExpected: z.number(),
  tasks: z.number(),
  tasksByDepartmentCount: z.array(z.number()),
  inspectorLoad: z.object({ inspectors: z.number(), min: z.number(), median: z.number(), max: z.number() }),
  unstaffed: z.number(),
  excluded: z.record(z.string(), z.number()),
  timingsMs: z.record(z.string(), z.number()),
});

export const recordView = z.object({
  recordNo: z.string(),
  roundNo: z.string(),
  title: z.string(),
  seed: z.string(),
  recordDigest: z.string(),
  redrawReason: z.string().nullable(),
  drawnAt: z.string(),
  measures: drawMeasures,
  signature: z.object({ algorithm: z.literal('ed25519'), publicKey: z.string(), value: z.string() }).nullable(),
  tasks: z.array(
    z.object({
      key: z.string(),
      uscc: z.string(),
      subjectId: z.number(),
      itemCodes: z.array(z.string()),
      departmentIds: z.array(z.number()),
      inspectorIds: z.array(z.number()),
      itemNames: z.array(z.string()),
      departments: z.array(z.string()),
    }),
  ),
  unstaffed: z.array(z.object({ key: z.string(), reason: z.string() })),
  serviceTimingsMs,
});

/**
 * What the draw answers: the record as sealed, with its measures, without its task list. A city's draw has tens of
 * thousands of tasks (a 1,000,000-subject city about 88,000, some 69 MB of JSON); they are read afterwards, by page
 * (the record's review and task pages) or whole (GET /api/draw-records/{recordNo}, its CSV).
 */
export const drawRunView = recordView.omit({ tasks: true, unstaffed: true });
export type DrawRunView = z.infer<typeof drawRunView>;

export const verifyOutcome = z.object({ identical: z.boolean(), difference: z.string().nullable() });
export const recordVerifyOutcome = verifyOutcome.extend({ recordNo: z.string() });
export type RecordVerifyOutcome = z.infer<typeof recordVerifyOutcome>;

const proofStep = z.object({ left: z.array(z.string()), right: z.array(z.string()) });

/** A subject's own case (src/draw/draw-public.service.ts): π, leaf and proof only when detailed. */
export const selfCheckView = z.object({
  recordNo: z.string(),
  uscc: z.string(),
  detailed: z.boolean(),
  inFrame: z.boolean(),
  number: z.number().nullable(),
  items: z.array(
    z.object({
      itemCode: z.string(),
      itemName: z.string(),
      design: z.string(),
      pi: z.number().optional(),
      selected: z.boolean(),
    }),
  ),
  excluded: z.array(z.object({ itemCode: z.string().nullable(), itemName: z.string().nullable(), reason: z.string() })),
  selected: z.boolean(),
  taskKey: z.string().nullable().optional(),
  leaf: z.string().nullable(),
  proof: z.array(proofStep),
  frameRoot: z.string(),
});
export type SelfCheckView = z.infer<typeof selfCheckView>;

/** 审核 figures of a record (src/draw/draw-review.service.ts). */
export const drawReviewView = z.object({
  recordNo: z.string(),
  roundNo: z.string(),
  title: z.string(),
  current: z.boolean(),
  announcement: z.object({ title: z.string(), publishedAt: z.string() }).nullable(),
  statuses: z.record(z.string(), z.number()),
  visits: z.object({
    merged: z.number(),
    unmergedSelections: z.number(),
    independentExpected: z.number(),
    lowerBound: z.number(),
    frameSubjects: z.number(),
    saved: z.number(),
  }),
  visitsPerEnterprise: z.array(z.object({ visits: z.number(), unmerged: z.number(), merged: z.number() })),
  departmentsPerTask: z.array(z.object({ departments: z.number(), tasks: z.number() })),
  joint: z.object({ tasks: z.number(), share: z.number() }),
  inspectorLoad: z.object({
    inspectors: z.number(),
    min: z.number(),
    median: z.number(),
    max: z.number(),
    assignments: z.number(),
    histogram: z.array(z.object({ tasks: z.number(), inspectors: z.number() })),
  }),
  byDivision: z.array(z.object({ code: z.string(), name: z.string(), tasks: z.number() })),
  byCreditClass: z.array(z.object({ creditClass: z.string(), tasks: z.number() })),
  byRiskLevel: z.array(z.object({ riskLevel: z.string(), tasks: z.number() })),
  byDepartment: z.array(
    z.object({ id: z.number(), name: z.string(), tasks: z.number(), items: z.number(), unstaffed: z.number() }),
  ),
  unstaffed: z.number(),
});
export type DrawReviewView = z.infer<typeof drawReviewView>;
