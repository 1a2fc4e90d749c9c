import type { Actor } from '../auth/actor';
import { addDays, weekday } from '../calendar/calendar-date';
import { unlessYearMissing, type WorkCalendar } from '../calendar/work-calendar';
import type { AppDeps } from '../shared/context';

/** A China-time instant. */
export function at(date: string, time: string): Date {
  return new Date(`${date}T${time}:00+08:00`);
}

/** The platform as it was at `instant`: every service called with it records that time. */
export function atClock(deps: AppDeps, instant: Date): AppDeps {
  return { ...deps, clock: { now: () => new Date(instant) } };
}

/** The working day (Mon–Fri) on or after `date`. */
export function weekdayOnOrAfter(date: string): string {
  let d = date;
  while (weekday(d) === 0 || weekday(d) === 6) d = addDays(d, 1);
  return d;
}

/**
 * The working day on or after `date` by the platform's calendar (so no visit falls on a holiday or a weekend a
 * user would have to confirm); Monday to Friday where the year's holiday notice is not loaded.
 */
export function workingDayOnOrAfter(calendar: WorkCalendar, date: string): string {
  return unlessYearMissing(() => calendar.nextWorkingDayOnOrAfter(date)) ?? weekdayOnOrAfter(date);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A task the demo carries through; its number is filled in when a step creates it (empty until then). */
export interface DemoTask {
  taskNo: string;
  /** Per department of the task, the inspector who records its results (the first is the one who checks in). */
  inspectors: { departmentId: number; inspectorId: number }[];
}

/** An on-site inspection of a task (see `onSite` in demo-activity.ts). */
export interface OnSitePlan {
  scheduledOn: string;
  visitOn: string;
  /** Recorded as 不符合 on the first department's first check. */
  finding: string | null;
  /** Approval and publication; null leaves the submitted results awaiting review. */
  approveOn: string | null;
  /** The subject's evaluation; omitted: random, as for the round's tasks; null: none. */
  evaluation?: { satisfaction: number; comments: string } | null;
}

/** What the round's steps offer the demo's other activity: the clock, the event list and the step helpers. */
export interface DemoSteps {
  deps: AppDeps;
  now: Date;
  today: string;
  year: number;
  /** The round's window ends here (the year's end); later tasks keep inside the year too. */
  windowTo: string;
  /** Past activity lies from here to `lastPast` (yesterday). */
  firstVisit: string;
  lastPast: string;
  recordNo: string;
  /** The round's tasks its own steps carry through (not to be merged away). */
  busyTaskNos: ReadonlySet<string>;
  /** Adds a step at a past instant (a future one is dropped); steps run in time order. */
  add(when: Date, run: (d: AppDeps) => Promise<unknown>): void;
  onSite(task: DemoTask, plan: OnSitePlan): void;
  actor(username: string): Promise<Actor>;
  /** Inspector id → username of the inspector's account. */
  usernameOf: Map<number, string>;
  ensureAccounts(inspectorIds: Iterable<number>, createdAt: Date, linkAt: Date): Promise<void>;
}
