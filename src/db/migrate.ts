import { type Migration, type MigrationResultSet, Migrator, sql } from 'kysely';
import { AppError } from '../shared/app-error';
import type { Db } from './database';
import * as foundation from './migrations/20261123_0001_foundation';
import * as subjectRegister from './migrations/20261123_0002_subject_register';
import * as inspectors from './migrations/20261123_0003_inspectors';
import * as items from './migrations/20261123_0004_items';
import * as importJobs from './migrations/20261123_0005_import_jobs';
import * as tags from './migrations/20261123_0006_tags';
import * as inspectionObjects from './migrations/20261123_0007_inspection_objects';
import * as draws from './migrations/20261124_0008_draws';
import * as plans from './migrations/20261124_0009_plans';
import * as inspectionTasks from './migrations/20261124_0010_inspection_tasks';
import * as registrations from './migrations/20261124_0011_registrations';
import * as taskAnnouncements from './migrations/20261124_0012_task_announcements';
import * as notices from './migrations/20261124_0013_notices';
import * as inspections from './migrations/20261124_0014_inspections';
import * as results from './migrations/20261124_0015_results';
import * as inspectionRecords from './migrations/20261124_0016_inspection_records';
import * as resultsUnknownDue from './migrations/20261125_0018_results_unknown_due';
import * as notifications from './migrations/20261125_0017_notifications';
import * as taskLifecycle from './migrations/20261204_0019_task_lifecycle';
import * as divisions from './migrations/20261205_0020_divisions';
import * as accountSecurity from './migrations/20261206_0025_account_security';
import * as drawGuardrails from './migrations/20261206_0026_draw_guardrails';
import * as inquiryCodeReissue from './migrations/20261206_0027_inquiry_code_reissue';
import * as listFilters from './migrations/20261206_0029_list_filters';
import * as importApplyState from './migrations/20261206_0030_import_apply_state';
import * as recordsFoundation from './migrations/20261206_0031_records_foundation';
import * as followUps from './migrations/20261206_0034_follow_ups';
import * as publicity from './migrations/20261206_0035_publicity';
import * as creditFoundation from './migrations/20261206_0036_credit_foundation';
import * as creditRepair from './migrations/20261206_0041_credit_repair';
import * as creditRecords from './migrations/20261206_0037_credit_records';
import * as creditEvaluation from './migrations/20261206_0038_credit_evaluation';
import * as keyTargetsDraw from './migrations/20261206_0039_key_targets_draw';
import * as riskAssessment from './migrations/20261206_0040_risk_assessment';
import * as dualNotice from './migrations/20261206_0033_dual_notice';
import * as creditMeasures from './migrations/20261206_0042_credit_measures';
import * as signalsFoundation from './migrations/20261206_0043_signals_foundation';
import * as portalsFoundation from './migrations/20261206_0048_portals_foundation';
import * as performance from './migrations/20261206_0050_performance';
import * as portalContent from './migrations/20261206_0052_portal_content';
import * as workPortal from './migrations/20261206_0049_work_portal';
import * as aggregation from './migrations/20261206_0051_aggregation';
import * as taskMembersOnTask from './migrations/20261207_0053_task_members_on_task';
import * as drawRecordCheckDeferrable from './migrations/20261207_0054_draw_record_check_deferrable';
import * as complaintIntake from './migrations/20261206_0044_complaint_intake';
import * as warnings from './migrations/20261206_0046_warnings';
import * as transfers from './migrations/20261206_0047_transfers';
import * as complaintHandling from './migrations/20261206_0045_complaint_handling';

/** Ordered by name; add new migrations here with a later timestamp. */
const migrations: Record<string, Migration> = {
  '20261123_0001_foundation': foundation,
  '20261123_0002_subject_register': subjectRegister,
  '20261123_0003_inspectors': inspectors,
  '20261123_0004_items': items,
  '20261123_0005_import_jobs': importJobs,
  '20261123_0006_tags': tags,
  '20261123_0007_inspection_objects': inspectionObjects,
  '20261124_0008_draws': draws,
  '20261124_0009_plans': plans,
  '20261124_0010_inspection_tasks': inspectionTasks,
  '20261124_0011_registrations': registrations,
  '20261124_0012_task_announcements': taskAnnouncements,
  '20261124_0013_notices': notices,
  '20261124_0014_inspections': inspections,
  '20261124_0015_results': results,
  '20261124_0016_inspection_records': inspectionRecords,
  '20261125_0018_results_unknown_due': resultsUnknownDue,
  '20261125_0017_notifications': notifications,
  '20261204_0019_task_lifecycle': taskLifecycle,
  '20261205_0020_divisions': divisions,
  '20261206_0025_account_security': accountSecurity,
  '20261206_0026_draw_guardrails': drawGuardrails,
  '20261206_0027_inquiry_code_reissue': inquiryCodeReissue,
  '20261206_0029_list_filters': listFilters,
  '20261206_0030_import_apply_state': importApplyState,
  '20261206_0031_records_foundation': recordsFoundation,
  '20261206_0034_follow_ups': followUps,
  '20261206_0035_publicity': publicity,
  '20261206_0033_dual_notice': dualNotice,
  '20261206_0036_credit_foundation': creditFoundation,
  '20261206_0041_credit_repair': creditRepair,
  '20261206_0037_credit_records': creditRecords,
  '20261206_0038_credit_evaluation': creditEvaluation,
  '20261206_0039_key_targets_draw': keyTargetsDraw,
  '20261206_0040_risk_assessment': riskAssessment,
  '20261206_0042_credit_measures': creditMeasures,
  '20261206_0043_signals_foundation': signalsFoundation,
  '20261206_0044_complaint_intake': complaintIntake,
  '20261206_0046_warnings': warnings,
  '20261206_0047_transfers': transfers,
  '20261206_0045_complaint_handling': complaintHandling,
  '20261206_0048_portals_foundation': portalsFoundation,
  '20261206_0050_performance': performance,
  '20261206_0052_portal_content': portalContent,
  '20261206_0049_work_portal': workPortal,
  '20261206_0051_aggregation': aggregation,
  '20261207_0053_task_members_on_task': taskMembersOnTask,
  '20261207_0054_draw_record_check_deferrable': drawRecordCheckDeferrable,
};

/** Every migration's name: a database made by this build has applied exactly these. */
export const migrationNames = (): string[] => Object.keys(migrations).sort();

/**
 * Whether every migration is applied already, read from Kysely's own table without its Migrator: the Migrator first
 * introspects every table of the database (about half a second on the embedded database at each start) to learn
 * whether its table exists. Only a read: anything pending, or no table yet, goes through the Migrator and its lock.
 */
async function allApplied(db: Db): Promise<boolean> {
  const { rows } = await sql<{
    present: boolean;
  }>`SELECT to_regclass('kysely_migration') IS NOT NULL AS present`.execute(db);
  if (!rows[0]?.present) return false;
  const applied = await sql<{ name: string }>`SELECT name FROM kysely_migration`.execute(db);
  const names = new Set(applied.rows.map((r) => r.name));
  return Object.keys(migrations).every((name) => names.has(name));
}

/** Applies every pending migration; returns the names applied now. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  if (await allApplied(db)) return [];
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    allowUnorderedMigrations: true,
  });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    throw new AppError(
      'INTERNAL',
      `数据库迁移失败${failed ? `（${failed.migrationName}）` : ''}：${String(result.error)}`,
    );
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
