import { type RawBuilder, type SqlBool, sql } from 'kysely';

/**
 * Conditions on a task row's members (migration 20261207_0053: items and inspectors as arrays on inspection_tasks,
 * written by src/tasks/task-members.repository.ts), in the form the arrays' GIN indexes serve. Every capability that
 * asks "the tasks of this department / of this inspector" asks it here, so a department's or an inspector's lists
 * stay index lookups however many tasks a city has. `task` is the alias of inspection_tasks in the query.
 */

type Id = number | RawBuilder<unknown>;

/** The task has an item of the department. */
export const taskHasDepartment = (task: string, departmentId: Id): RawBuilder<SqlBool> =>
  sql<SqlBool>`${sql.ref(`${task}.item_department_ids`)} @> ARRAY[${departmentId}]::integer[]`;

/** The inspector is on the task. */
export const taskHasInspector = (task: string, inspectorId: Id): RawBuilder<SqlBool> =>
  sql<SqlBool>`${sql.ref(`${task}.inspector_ids`)} @> ARRAY[${inspectorId}]::integer[]`;

/** One of the user's inspector records is on the task. */
export const taskHasInspectorUser = (task: string, userId: Id): RawBuilder<SqlBool> =>
  sql<SqlBool>`${sql.ref(`${task}.inspector_ids`)} && ARRAY(SELECT id FROM inspectors WHERE user_id = ${userId})`;

/** The department the inspector goes for on the task (null when not on it). */
export const inspectorDepartmentOnTask = (task: string, inspectorId: Id): RawBuilder<number | null> =>
  sql<
    number | null
  >`${sql.ref(`${task}.inspector_department_ids`)}[array_position(${sql.ref(`${task}.inspector_ids`)}, ${inspectorId}::integer)]`;

/**
 * The task's departments among `departmentIds` (an int[] expression), each once, as a subquery with the column
 * department_id: `CROSS JOIN LATERAL ${taskDepartmentsAmong('t', ids)} ti` gives a row per task and department.
 */
export const taskDepartmentsAmong = (task: string, departmentIds: RawBuilder<unknown>): RawBuilder<unknown> =>
  sql`(SELECT DISTINCT e AS department_id FROM unnest(${sql.ref(`${task}.item_department_ids`)}) AS e
        WHERE e = ANY(${departmentIds}))`;
