import { workCalendar } from '../calendar/calendar.service';
import type { Db } from '../db/database';
import { chinaDate } from '../shared/china-date';
import { findLicence, insertLicenceFeedback } from './licence-feedback.repository';
import { LICENCE_FEEDBACK_WORKING_DAYS, workingDaysAfter } from './push-dates';

/** Whether a licence decided on `decidedOn` and received on `receivedOn` was reported in time (第十二条: 7 working days). */
export function licenceFeedbackTimeliness(
  calendar: Awaited<ReturnType<typeof workCalendar>>,
  decidedOn: string,
  receivedOn: string,
) {
  const dueOn = workingDaysAfter(calendar, decidedOn, LICENCE_FEEDBACK_WORKING_DAYS);
  return { dueOn, late: receivedOn > dueOn };
}

/**
 * 二反馈 (《浦东新区“六个双”政府综合监管实施办法（暂行）》第十二条), hook afterLicenceReceived: the licensing department
 * reports a licence result within 7 working days of its decision. Records, for the licence's department, when it
 * arrived (China date) against that deadline. A licence of a city or national body (no platform department,
 * 第十三条) is entered by the supervising department when it learns of it and is not timed.
 */
export async function recordLicenceFeedback(trx: Db, licenceId: number): Promise<void> {
  const licence = await findLicence(trx, licenceId);
  if (!licence || licence.department_id === null) return;
  const decidedOn = licence.decided_on;
  const receivedOn = chinaDate(new Date(licence.received_at));
  const { dueOn, late } = licenceFeedbackTimeliness(await workCalendar(trx), decidedOn, receivedOn);
  await insertLicenceFeedback(trx, {
    licence_id: licence.id,
    department_id: licence.department_id,
    decided_on: decidedOn,
    received_on: receivedOn,
    due_on: dueOn,
    late,
  });
}
