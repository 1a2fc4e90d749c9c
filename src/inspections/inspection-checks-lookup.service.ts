// The check sub-items behind a task's sampling items, as inspection records and their export read them.
export { checksOfTasks, taskChecks } from './inspection.repository';
