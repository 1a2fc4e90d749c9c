import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parseBundle } from '../draw/engine/bundle';
import { rfc3797Select } from '../draw/engine/rfc3797';
import { verifyBundle } from '../draw/engine/verify';

const positiveInt =
  (label: string) =>
  (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new Error(`${label}应为非负整数：${value}`);
    return n;
  };

/** `lianjian draw verify BUNDLE` and `lianjian draw rfc3797`: neither needs the database. */
export function registerDrawCommands(program: Command): void {
  const draw = program.command('draw').description('双随机抽取');
  draw
    .command('verify')
    .argument('<bundle>', '抽取记录审计包（JSON）')
    .description('由审计包独立重算抽取：一致时输出 identical，否则输出第一处差异（退出码 1）')
    .action((file: string) => {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        console.error(`无法读取文件：${file}`);
        process.exitCode = 2;
        return;
      }
      const parsed = parseBundle(text);
      if ('problem' in parsed) {
        console.error(parsed.problem);
        process.exitCode = 2;
        return;
      }
      const outcome = verifyBundle(parsed.bundle);
      if (outcome.identical) {
        const m = parsed.bundle.result.measures;
        console.log('identical');
        console.log(`记录 ${parsed.bundle.recordNo}：种子 ${outcome.seed}`);
        console.log(
          `对象框架 ${m.frameSubjects} 户，抽中 ${m.selections} 项次，实际入户 ${m.distinctVisits} 户（下界 Σmaxπ ${m.lowerBound}，各事项独立抽取期望 ${m.independentExpected}），检查任务 ${m.tasks} 个，未配齐人员 ${m.unstaffed} 个`,
        );
        console.log(
          `人员负荷：${m.inspectorLoad.inspectors} 人，最少 ${m.inspectorLoad.min}、中位 ${m.inspectorLoad.median}、最多 ${m.inspectorLoad.max}`,
        );
        for (const item of m.items) {
          console.log(
            `  ${item.code}：框架 ${item.frame}，抽中 ${item.selected}（${item.strata.map((s) => `${s.stratum} ${s.selected}/${s.frame}，期望 ${s.expected}`).join('；')}）`,
          );
        }
      } else {
        console.log(`different: ${outcome.difference}`);
        process.exitCode = 1;
      }
    });
  draw
    .command('rfc3797')
    .description('RFC 3797 等概率抽取：按密钥串从 N 个候选中选出 K 个，逐行输出序号（从 1 起）')
    .requiredOption('--pool <n>', '候选总数', positiveInt('候选总数'))
    .requiredOption('--key <keyString>', '密钥串，如 9319./2.5.8.10.12./9.18.26.34.41.45./')
    .requiredOption('--count <k>', '抽取个数', positiveInt('抽取个数'))
    .action((opts: { pool: number; key: string; count: number }) => {
      if (opts.pool < 1 || opts.count > opts.pool) {
        console.error('抽取个数不能超过候选总数，候选总数至少为 1');
        process.exitCode = 2;
        return;
      }
      for (const position of rfc3797Select(opts.pool, opts.key, opts.count)) console.log(position);
    });
}
