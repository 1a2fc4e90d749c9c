// What inspections, results, notices and the subject history ask of the task register: a task as it
// is shown, a task's head (locked for a write), and the department an inspector is on it for.
export { assignmentOf, findTask, findTasks, lockTaskHead, type TaskHead } from './task.repository';
