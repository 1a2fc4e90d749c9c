import type { Actor } from '../auth/actor';
import { type AuditSubject, recordAudit } from '../audit/audit.service';
import { AppError } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import { markJobWritten, saveApplyState } from './import-job.repository';
import { type ApplyState, type ImportMode, importModeNames, type RowProblem } from './import-job.table';
import type { ImportKind, UpsertContext } from './import-spec';
import type { Staging } from './import-staging';

/** What finishing a job's write needs besides its staged rows; sealed next to them (plain data only). */
export interface ApplyPlan {
  kind: string;
  jobId: string;
  mode: ImportMode;
  /** The importer (department scope and change author for specs that use one); null on the command line. */
  actor: Actor | null;
  auditSubject: AuditSubject;
  fileName: string;
  sha256: string;
  /** Fields whose column is in the file. */
  present: string[];
  /** The job's time: every row it writes carries it, also when the write is finished after a restart. */
  now: Date;
  processedRows: number;
  rejected: number;
  /** The rows refused (valid-only mode), for the job's report. */
  problems: RowProblem[];
  problemsOmitted: number;
}

/**
 * Rows per write transaction. On PGlite (one connection) a transaction holds every other request until it
 * commits; 250 subject rows take about 0.1 s there, so no request waits long behind the write.
 */
export const APPLY_SLICE = 250;

export const noneApplied: ApplyState = { slices: 0, rows: 0, inserted: 0, updated: 0, unchanged: 0 };

const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Writes a job's sealed staged rows, slice by slice, each slice in its own short transaction that also
 * records how far the write got; a last transaction adds the job's one audit entry and marks it written.
 * The write starts from `from` (what a previous process finished before it ended), so a job whose write has
 * started always ends with every row written: by this process, or at start-up by the next
 * (src/imports/import-recovery.service.ts). Rows were validated before; should a slice still fail (a
 * concurrent change), the job fails saying how many rows were already written.
 */
export async function applyStaged(
  deps: AppDeps,
  kind: ImportKind,
  staging: Staging,
  plan: ApplyPlan,
  options: { from?: ApplyState; context?: unknown; onSlice?: (state: ApplyState) => void } = {},
): Promise<ApplyState> {
  const from = options.from ?? noneApplied;
  if (from.slices === 0) await saveApplyState(deps.db, plan.jobId, from);
  const ctx: UpsertContext<unknown> = {
    context: options.context ?? (await kind.prepare(deps.db, plan.actor)),
    present: new Set(plan.present),
    now: plan.now,
    deps,
  };
  let state = from;
  let index = 0;
  for await (const batch of staging.batches()) {
    for (let at = 0; at < batch.length; at += APPLY_SLICE, index += 1) {
      if (index < from.slices) continue;
      const slice = batch.slice(at, at + APPLY_SLICE);
      try {
        state = await deps.db.transaction().execute(async (trx) => {
          const counts = await kind.upsert(trx, slice, ctx);
          const next: ApplyState = {
            slices: state.slices + 1,
            rows: state.rows + slice.length,
            inserted: state.inserted + counts.inserted,
            updated: state.updated + counts.updated,
            unchanged: state.unchanged + counts.unchanged,
          };
          await saveApplyState(trx, plan.jobId, next);
          return next;
        });
      } catch (error) {
        throw partialWrite(state, plan, error);
      }
      options.onSlice?.(state);
      await yieldToOthers();
    }
  }
  await deps.db.transaction().execute(async (trx) => {
    await recordAudit(trx, deps.config.auditHash, plan.now, plan.auditSubject, {
      action: kind.auditAction,
      entityType: 'import_job',
      entityId: plan.jobId,
      summary: `批量导入${kind.title}（${importModeNames[plan.mode].label}）：文件“${plan.fileName}”共 ${plan.processedRows} 行，新增 ${state.inserted}、更新 ${state.updated}、未变 ${state.unchanged}、拒绝 ${plan.rejected} 行`,
      after: {
        fileName: plan.fileName,
        fileSha256: plan.sha256,
        mode: plan.mode,
        rows: plan.processedRows,
        inserted: state.inserted,
        updated: state.updated,
        unchanged: state.unchanged,
        rejected: plan.rejected,
      },
    });
    await markJobWritten(trx, plan.jobId, state);
  });
  return state;
}

/** A write stopped by an error after some slices: the message says what is already in the register. */
function partialWrite(state: ApplyState, plan: ApplyPlan, error: unknown): AppError {
  const reason = error instanceof Error ? error.message : String(error);
  const total = plan.processedRows - plan.rejected;
  const done =
    state.rows === 0
      ? '未写入任何行'
      : `前 ${state.rows} 行已写入（新增 ${state.inserted}、更新 ${state.updated}、未变 ${state.unchanged}），其余 ${total - state.rows} 行未写入；按主键重新导入同一文件可补齐，不会产生重复记录`;
  return new AppError(error instanceof AppError ? error.code : 'CONFLICT', `写入时出错：${reason}。${done}`);
}
