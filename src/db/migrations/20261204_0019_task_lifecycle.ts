import { type Kysely, sql } from 'kysely';

/**
 * One task lifecycle for every source (src/tasks/task-lifecycle.ts): a task records where it came
 * from (a registration, a special plan), the joint task that absorbed it, the inspection object it
 * concerns (linked to the responsible subject), and whether it counts as a routine visit. Each
 * staffing — random by seed, chosen by staff, or kept from absorbed tasks — is kept as evidence.
 * A registration confirmed by its department points at the task it became.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE inspection_tasks
      ADD COLUMN merged_into_task_id bigint REFERENCES inspection_tasks(id),
      ADD COLUMN registration_id bigint REFERENCES inspection_registrations(id),
      ADD COLUMN special_plan_id bigint REFERENCES special_plans(id),
      ADD COLUMN inspection_object_id bigint REFERENCES inspection_objects(id),
      ADD COLUMN routine boolean NOT NULL DEFAULT false;
    UPDATE inspection_tasks SET routine = true WHERE source = '抽取';
    UPDATE inspection_tasks t SET routine = true WHERE t.source = '合并' AND EXISTS (
      SELECT 1 FROM merge_proposals p JOIN merge_proposal_sources ps ON ps.proposal_id = p.id
      LEFT JOIN inspection_registrations r ON r.id = ps.registration_id
      WHERE p.merged_task_id = t.id AND (ps.task_id IS NOT NULL OR r.kind = '日常检查'));
    UPDATE inspection_tasks t SET merged_into_task_id = p.merged_task_id
      FROM merge_proposal_sources ps JOIN merge_proposals p ON p.id = ps.proposal_id
      WHERE ps.task_id = t.id AND p.status = '已合并' AND t.status = '已合并';
    -- Joint tasks merged before the lifecycle were left 待发布 with nobody to publish them: published now, and listed as
    -- unstaffed where a department has no inspector on them, for the department to choose or restaff.
    UPDATE inspection_tasks t SET status = '已发布', unstaffed_reason = CASE WHEN EXISTS (
        SELECT 1 FROM inspection_task_items ti WHERE ti.task_id = t.id
        AND NOT EXISTS (SELECT 1 FROM inspection_task_inspectors tp WHERE tp.task_id = t.id AND tp.department_id = ti.department_id))
      THEN '合并入企生成的联合检查任务尚有部门未选派执法检查人员，请选派' ELSE NULL END
      WHERE t.source = '合并' AND t.status = '待发布';
    CREATE INDEX inspection_tasks_merged_into ON inspection_tasks (merged_into_task_id) WHERE merged_into_task_id IS NOT NULL;
    CREATE INDEX inspection_tasks_special_plan ON inspection_tasks (special_plan_id) WHERE special_plan_id IS NOT NULL;
    CREATE INDEX inspection_tasks_unstaffed ON inspection_tasks (id) WHERE unstaffed_reason IS NOT NULL;
    ALTER TABLE inspection_registrations ADD COLUMN task_id bigint REFERENCES inspection_tasks(id);
    UPDATE inspection_registrations SET task_id = merged_task_id WHERE merged_task_id IS NOT NULL;
    CREATE TABLE task_staffings (
      id bigserial PRIMARY KEY,
      task_id bigint NOT NULL REFERENCES inspection_tasks(id),
      department_id bigint REFERENCES departments(id),
      method text NOT NULL,
      seed text,
      detail jsonb NOT NULL,
      inspector_ids bigint[] NOT NULL,
      unstaffed_reason text,
      reason text,
      staffed_by bigint REFERENCES users(id),
      staffed_by_name text,
      staffed_at timestamptz NOT NULL
    );
    CREATE INDEX task_staffings_task ON task_staffings (task_id, id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE task_staffings;
    ALTER TABLE inspection_registrations DROP COLUMN task_id;
    ALTER TABLE inspection_tasks DROP COLUMN merged_into_task_id, DROP COLUMN registration_id, DROP COLUMN special_plan_id, DROP COLUMN inspection_object_id, DROP COLUMN routine;
  `.execute(db);
}
