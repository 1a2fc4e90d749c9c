import type { Db } from '../db/database';
import type { AppDeps } from '../shared/context';
import { dispatchOutbox } from './outbox.service';
import { sendDeadlineReminders } from './reminders.service';

const REMINDER_INTERVAL_MS = 60 * 60_000;

interface Dispatcher {
  kick(): void;
  /** Stops the timer and waits for a run in progress (before the database closes). */
  stop(): Promise<void>;
}

/** The running dispatcher of a database, so a service can ask for sending right after its commit. */
const running = new WeakMap<Db, Dispatcher>();

/** After a commit that created notifications: send them now if a dispatcher runs (otherwise the timer or a later run will). */
export function kickOutbox(deps: AppDeps): void {
  running.get(deps.db)?.kick();
}

/**
 * Sends pending outbound messages every `intervalSeconds` and after commits, and runs the deadline
 * reminders at most once an hour. Runs never overlap; errors are logged and the next run tries again.
 */
/** Work that runs with the hourly reminders (e.g. registrations whose window opened become tasks). */
export type HourlyJob = (deps: AppDeps, now: Date) => Promise<unknown>;

export function startDispatcher(
  deps: AppDeps,
  log: (message: string, error: unknown) => void,
  hourly: readonly HourlyJob[] = [],
  /** The first run (catching up on reminders and the daily jobs) this long after the start instead of at once. */
  firstRunAfterMs = 0,
): Dispatcher {
  const intervalMs = deps.config.notify.intervalSeconds * 1000;
  let busy: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let lastReminders = 0;
  const run = (): void => {
    if (stopped) return;
    if (busy) {
      again = true;
      return;
    }
    busy = (async () => {
      try {
        if (Date.now() - lastReminders >= REMINDER_INTERVAL_MS) {
          lastReminders = Date.now();
          // A failing job is logged and does not hold back the reminders.
          for (const job of hourly)
            await job(deps, deps.clock.now()).catch((error: unknown) => log('定时任务失败', error));
          await sendDeadlineReminders(deps, deps.clock.now());
        }
        await dispatchOutbox(deps);
      } catch (error) {
        log('消息推送失败', error);
      }
    })().finally(() => {
      busy = null;
      if (again && !stopped) {
        again = false;
        run();
      }
    });
  };
  const timer = setInterval(run, intervalMs);
  timer.unref();
  const dispatcher: Dispatcher = {
    kick: () => setImmediate(run),
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      if (running.get(deps.db) === dispatcher) running.delete(deps.db);
      await busy;
    },
  };
  running.set(deps.db, dispatcher);
  if (firstRunAfterMs > 0) setTimeout(run, firstRunAfterMs).unref();
  else setImmediate(run);
  return dispatcher;
}
