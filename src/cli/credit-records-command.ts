import type { Command } from 'commander';
import { rebuildCreditRecords } from '../credit-records/credit-record-rebuild.service';
import type { Platform } from '../platform';

type WithPlatform = (work: (platform: Platform) => Promise<number | void>) => Promise<void>;

/** `lianjian credit-records rebuild`: the one-time backfill of credit records from the records already held. */
export function registerCreditRecordCommands(program: Command, withPlatform: WithPlatform): void {
  const credit = program.command('credit-records').description('信用记录');
  credit
    .command('rebuild')
    .description('由已有的行政处罚、撤销或吊销的许可和已检查的任务生成信用记录（可重复执行：已生成且未变化的不再写入）')
    .action(() =>
      withPlatform(async (p) => {
        let shown = -1;
        const report = await rebuildCreditRecords(p.deps, (done, total) => {
          const percent = Math.floor((done / total) * 10) * 10;
          if (percent !== shown && process.stdout.isTTY) console.log(`进度 ${percent}%（${done}/${total}）`);
          shown = percent;
        });
        console.log(
          `已处理行政处罚 ${report.penalties} 条、撤销或吊销的许可 ${report.licences} 条、已检查任务 ${report.tasks} 个；新增或更新信用记录 ${report.written} 条`,
        );
      }),
    );
}
