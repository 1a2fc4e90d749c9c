import type { Command } from 'commander';
import { dispatchOutbox } from '../notifications/outbox.service';
import { sendDeadlineReminders } from '../notifications/reminders.service';
import { openDueRegistrations } from '../registrations/registration-confirm.service';
import type { Platform } from '../platform';

type WithPlatform = (work: (platform: Platform) => Promise<number | void>) => Promise<void>;

/** `lianjian reminders send`: the deadline reminders of today, then the outbound messages (for cron). */
export function registerReminderCommands(program: Command, withPlatform: WithPlatform): void {
  const reminders = program.command('reminders').description('期限提醒、到期登记转任务与消息推送');
  reminders
    .command('send')
    .description(
      '发送今天的期限提醒（逾期未提交结果、逾期未公示、反馈单到期；同一事项每天至多一次），并推送待发送的消息',
    )
    .action(() =>
      withPlatform(async (p) => {
        const opened = await openDueRegistrations(p.deps, p.deps.clock.now());
        if (opened.created.length)
          console.log(
            `检查期已开始的登记转为检查任务：${opened.created.length} 个（${opened.created.slice(0, 10).join('、')}${opened.created.length > 10 ? '……' : ''}）`,
          );
        for (const r of opened.refused) console.log(`登记 ${r.registrationNo} 未能转为检查任务：${r.reason}`);
        const report = await sendDeadlineReminders(p.deps, p.deps.clock.now());
        const sent = await dispatchOutbox(p.deps);
        console.log(
          `期限提醒：新提醒 ${report.reminders} 项（${report.notifications} 条消息），今天已提醒过 ${report.skipped} 项`,
        );
        console.log(`消息推送：已发送 ${sent.sent} 条，待重试 ${sent.retrying} 条，发送失败 ${sent.failed} 条`);
        return sent.failed > 0 ? 1 : 0;
      }),
    );
}
