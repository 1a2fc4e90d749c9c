import { type Kysely, sql } from 'kysely';

/**
 * A task's items and inspectors move onto the task row, as parallel arrays ordered by item code and by inspector id.
 * They are written with the task and never apart from it, and a city's annual draw writes about 88,000 tasks with
 * 1.1 million items and 0.6 million inspector places: as rows of two tables with two B-tree indexes each, writing them
 * took three times as long as the tasks themselves (docs/scale.md, 第五次会话). On the row they cost one array each.
 *
 * inspection_task_items and inspection_task_inspectors stay as read-only views with the same columns, so reports keep
 * their joins. Lookups that start from a department or an inspector use the GIN indexes on the arrays
 * (`item_department_ids @> ARRAY[…]`, `inspector_ids @> ARRAY[…]`). The checks keep the parallel arrays of equal
 * length. One entry per item code and per inspector, which the two primary keys kept, is kept by the one writer
 * (src/tasks/task-members.repository.ts): a check calling a function per row took a second of the round's write.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE inspection_tasks
      ADD COLUMN item_codes text[] NOT NULL DEFAULT '{}',
      ADD COLUMN item_department_ids integer[] NOT NULL DEFAULT '{}',
      ADD COLUMN item_names text[] NOT NULL DEFAULT '{}',
      ADD COLUMN inspector_ids integer[] NOT NULL DEFAULT '{}',
      ADD COLUMN inspector_department_ids integer[] NOT NULL DEFAULT '{}';
    UPDATE inspection_tasks t SET
      item_codes = i.codes, item_department_ids = i.departments, item_names = i.names
      FROM (SELECT task_id, array_agg(item_code ORDER BY item_code) AS codes,
                   array_agg(department_id ORDER BY item_code) AS departments,
                   array_agg(item_name ORDER BY item_code) AS names
              FROM inspection_task_items GROUP BY task_id) i
      WHERE i.task_id = t.id;
    UPDATE inspection_tasks t SET
      inspector_ids = p.ids, inspector_department_ids = p.departments
      FROM (SELECT task_id, array_agg(inspector_id ORDER BY inspector_id) AS ids,
                   array_agg(department_id ORDER BY inspector_id) AS departments
              FROM inspection_task_inspectors GROUP BY task_id) p
      WHERE p.task_id = t.id;
    DROP TABLE inspection_task_items;
    DROP TABLE inspection_task_inspectors;
    ALTER TABLE inspection_tasks
      ADD CONSTRAINT inspection_tasks_items_shape CHECK (
        cardinality(item_department_ids) = cardinality(item_codes)
        AND cardinality(item_names) = cardinality(item_codes)),
      ADD CONSTRAINT inspection_tasks_inspectors_shape CHECK (
        cardinality(inspector_department_ids) = cardinality(inspector_ids));
    CREATE INDEX inspection_tasks_item_departments ON inspection_tasks USING gin (item_department_ids);
    CREATE INDEX inspection_tasks_inspectors ON inspection_tasks USING gin (inspector_ids);
    CREATE VIEW inspection_task_items AS
      SELECT t.id AS task_id, i.department_id, i.item_code, i.item_name
        FROM inspection_tasks t
        CROSS JOIN LATERAL unnest(t.item_department_ids, t.item_codes, t.item_names) AS i (department_id, item_code, item_name);
    CREATE VIEW inspection_task_inspectors AS
      SELECT t.id AS task_id, p.inspector_id, p.department_id
        FROM inspection_tasks t
        CROSS JOIN LATERAL unnest(t.inspector_ids, t.inspector_department_ids) AS p (inspector_id, department_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP VIEW inspection_task_items;
    DROP VIEW inspection_task_inspectors;
    CREATE TABLE inspection_task_items (
      task_id bigint NOT NULL,
      department_id bigint NOT NULL,
      item_code text NOT NULL,
      item_name text NOT NULL,
      PRIMARY KEY (task_id, item_code)
    );
    CREATE INDEX inspection_task_items_department ON inspection_task_items (department_id, task_id);
    CREATE TABLE inspection_task_inspectors (
      task_id bigint NOT NULL,
      inspector_id bigint NOT NULL,
      department_id bigint NOT NULL,
      PRIMARY KEY (task_id, inspector_id)
    );
    CREATE INDEX inspection_task_inspectors_inspector ON inspection_task_inspectors (inspector_id, task_id);
    INSERT INTO inspection_task_items
      SELECT t.id, i.d, i.c, i.n FROM inspection_tasks t, unnest(t.item_department_ids, t.item_codes, t.item_names) AS i (d, c, n);
    INSERT INTO inspection_task_inspectors
      SELECT t.id, p.i, p.d FROM inspection_tasks t, unnest(t.inspector_ids, t.inspector_department_ids) AS p (i, d);
    ALTER TABLE inspection_tasks
      DROP COLUMN item_codes, DROP COLUMN item_department_ids, DROP COLUMN item_names,
      DROP COLUMN inspector_ids, DROP COLUMN inspector_department_ids;
  `.execute(db);
}
