import { type Kysely, sql } from 'kysely';

/**
 * Credit evaluation runs keep the inputs they scored (credit_run_inputs: each counting record's id, version, status
 * and what the model reads of it), so a run can be recomputed and compared after the records have moved on, and the
 * run it compares its movements with. Finished runs, their inputs and results, and published model versions are
 * immutable: the database refuses the change, whoever asks. The inputs are a copy (no foreign keys to the records or
 * subjects: a copy stays as it was, and 3,000,000 rows are written without a lookup each).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE credit_runs ADD COLUMN previous_run_id integer REFERENCES credit_runs (id);

    CREATE TABLE credit_run_inputs (
      run_id integer NOT NULL REFERENCES credit_runs (id),
      record_id integer NOT NULL,
      subject_id integer NOT NULL,
      kind text NOT NULL,
      severity text NOT NULL,
      occurred_on date NOT NULL,
      version integer NOT NULL,
      status text NOT NULL,
      PRIMARY KEY (run_id, subject_id, record_id)
    );

    CREATE FUNCTION credit_run_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM credit_runs WHERE id = OLD.run_id AND status IN ('待推送', '已推送')) THEN
        RAISE EXCEPTION '信用评价已完成，评价结果和输入不能修改或删除';
      END IF;
      RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END $$;
    CREATE TRIGGER credit_run_results_frozen BEFORE UPDATE OR DELETE ON credit_run_results
      FOR EACH ROW EXECUTE FUNCTION credit_run_frozen();
    CREATE TRIGGER credit_run_inputs_frozen BEFORE UPDATE OR DELETE ON credit_run_inputs
      FOR EACH ROW EXECUTE FUNCTION credit_run_frozen();

    CREATE FUNCTION credit_run_finished() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' AND OLD.status IN ('待推送', '已推送') THEN
        RAISE EXCEPTION '信用评价已完成，不能删除';
      END IF;
      IF TG_OP = 'UPDATE' AND OLD.status IN ('待推送', '已推送') AND (
        NEW.status NOT IN ('待推送', '已推送') OR (OLD.status = '已推送' AND NEW.status <> '已推送')
        OR NEW.run_no <> OLD.run_no OR NEW.model_id <> OLD.model_id OR NEW.as_of <> OLD.as_of
        OR NEW.period <> OLD.period OR NEW.inputs_digest IS DISTINCT FROM OLD.inputs_digest
        OR NEW.results_digest IS DISTINCT FROM OLD.results_digest OR NEW.subject_count <> OLD.subject_count
        OR NEW.record_count <> OLD.record_count OR NEW.upgraded <> OLD.upgraded OR NEW.downgraded <> OLD.downgraded
        OR NEW.previous_run_id IS DISTINCT FROM OLD.previous_run_id
        OR NEW.finished_at IS DISTINCT FROM OLD.finished_at
        OR (OLD.status = '已推送' AND (NEW.pushed_at IS DISTINCT FROM OLD.pushed_at OR NEW.pushed_by IS DISTINCT FROM OLD.pushed_by))
      ) THEN
        RAISE EXCEPTION '信用评价已完成，只能推送，不能修改';
      END IF;
      RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END $$;
    CREATE TRIGGER credit_runs_finished BEFORE UPDATE OR DELETE ON credit_runs
      FOR EACH ROW EXECUTE FUNCTION credit_run_finished();

    CREATE FUNCTION credit_model_published() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' AND OLD.status <> '草稿' THEN
        RAISE EXCEPTION '已发布的信用评价模型不能删除';
      END IF;
      IF TG_OP = 'UPDATE' AND OLD.status <> '草稿' AND (
        NEW.definition IS DISTINCT FROM OLD.definition OR NEW.version <> OLD.version OR NEW.name <> OLD.name
        OR NEW.status = '草稿' OR NEW.published_at IS DISTINCT FROM OLD.published_at
      ) THEN
        RAISE EXCEPTION '已发布的信用评价模型不能修改，请起草新版本';
      END IF;
      RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END $$;
    CREATE TRIGGER credit_models_published BEFORE UPDATE OR DELETE ON credit_models
      FOR EACH ROW EXECUTE FUNCTION credit_model_published();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TRIGGER credit_models_published ON credit_models;
    DROP FUNCTION credit_model_published();
    DROP TRIGGER credit_runs_finished ON credit_runs;
    DROP FUNCTION credit_run_finished();
    DROP TABLE credit_run_inputs;
    DROP FUNCTION credit_run_frozen();
    ALTER TABLE credit_runs DROP COLUMN previous_run_id;
  `.execute(db);
}
