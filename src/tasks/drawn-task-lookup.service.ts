// The draw hands its sealed tasks to the task register here, and asks whether a record's tasks are under way
// before it may be drawn again.
export { deferDrawRecordCheck, drawTaskWriter, tasksUnderWay } from './task-persist.repository';
