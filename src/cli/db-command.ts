import type { Command } from 'commander';
import { verifyAuditChain } from '../audit/audit-verify.service';
import { loadConfig } from '../config';
import { backupDatabase, restoreDatabase } from '../db/backup';
import { openDatabase } from '../db/database';

/** `lianjian db backup FILE` and `lianjian db restore FILE [--force]`, on the configured database (PGlite or PostgreSQL). */
export function registerBackupCommands(db: Command): void {
  db.command('backup')
    .argument('<file>', '备份文件')
    .description('备份整个数据库到一个文件（嵌入式数据库须先停止平台；PostgreSQL 使用 pg_dump）')
    .action(async (file: string) => {
      const config = loadConfig();
      const outcome = await backupDatabase(config.database, file);
      console.log(`已备份到 ${outcome.file}（${(outcome.bytes / 1024 / 1024).toFixed(1)} MB）`);
    });
  db.command('restore')
    .argument('<file>', 'lianjian db backup 生成的备份文件')
    .option('--force', '目标中已有数据时先全部删除再恢复')
    .description('由备份文件恢复数据库（目标须为空，或加 --force；嵌入式数据库须先停止平台），恢复后校验审计日志哈希链')
    .action(async (file: string, opts: { force?: boolean }) => {
      const config = loadConfig();
      await restoreDatabase(config.database, file, { force: opts.force === true });
      const handle = await openDatabase(config.database);
      try {
        const report = await verifyAuditChain(handle.db);
        console.log(
          report.ok
            ? `已由 ${file} 恢复数据库；审计日志哈希链完整：共校验 ${report.checked} 条记录`
            : `已由 ${file} 恢复数据库，但审计日志哈希链断裂：第一条断裂记录为序号 ${report.firstBroken!.seq}`,
        );
        process.exitCode = report.ok ? 0 : 1;
      } finally {
        await handle.close();
      }
    });
}
