import { unlessYearMissing, type WorkCalendar } from '../calendar/work-calendar';

/** Working days a department has to fix and resend anomalous data (《朔州市平鲁区“互联网+监管”系统运行管理办法》第十四条). */
export const ANOMALY_FIX_WORKING_DAYS = 5;

/**
 * The one rule of an anomaly's deadline: the 5th working day after the day it was detected (the detection day not
 * counted), through the work calendar with its holidays and make-up working days; null while the year it falls in has
 * no holiday notice loaded yet.
 */
export const anomalyDueOn = (cal: WorkCalendar, detectedOn: string): string | null =>
  unlessYearMissing(() => cal.addWorkingDays(detectedOn, ANOMALY_FIX_WORKING_DAYS));
