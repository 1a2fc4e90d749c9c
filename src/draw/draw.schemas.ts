import { z } from 'zod';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

export const entropyDeclaration = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('lottery'),
    description: z.string().trim().min(6, '请写明随机源：哪一期、哪一天开奖的哪种彩票（至少 6 个字）').max(500),
    sources: z.number().int().min(1, '至少一个随机源').max(10, '随机源最多 10 个'),
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
    roundIndex: z.number().int().min(1).default(1),
    roundsInYear: z.number().int().min(1).max(12).default(1),
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
    if (v.roundIndex > v.roundsInYear)
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
