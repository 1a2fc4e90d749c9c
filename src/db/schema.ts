import type { AuditLogTable } from '../audit/audit.table';
import type { DashboardSnapshotTable, DashboardSubjectCountTable } from '../work-portal/dashboard-snapshot.table';
import type {
  PerformanceEvaluationTable,
  PerformanceIndicatorResultTable,
  PerformanceIndicatorVersionTable,
  PerformanceNoticeTable,
  PerformanceScoreTable,
} from '../performance/performance.table';
import type {
  ExposureCaseEventTable,
  ExposureCaseTable,
  IndustryGuideLeadTable,
  IndustryGuideTable,
  KnowledgeEntryTable,
  PortalNewsTable,
} from '../portal-content/portal-content.table';
import type {
  AggregationBatchTable,
  AggregationCheckTable,
  AggregationRecordTable,
  AnomalyReminderTable,
  DataAnomalyTable,
  ExchangeCodeMappingTable,
  ExchangeExportedRecordTable,
  ExchangeExportTable,
} from '../aggregation/aggregation.table';
import type {
  CreditRepairApplicationTable,
  CreditRepairEventTable,
  CreditRepairEvidenceTable,
  PenaltyDocumentSetTable,
} from '../credit-repair/credit-repair.table';
import type { CreditRecordHistoryTable, CreditRecordTable } from '../credit-records/credit-record.table';
import type { CreditModelTable, CreditRunResultTable, CreditRunTable } from '../credit-evaluation/credit-run.table';
import type { CreditRunInputTable } from '../credit-evaluation/credit-run-input.table';
import type { KeyTargetTable } from '../key-targets/key-target.table';
import type { RiskAssessmentResultTable, RiskAssessmentTable } from '../risk-assessment/risk-assessment.table';
import type { LoginLockoutTable, LoginThrottleTable } from '../auth/login-throttle.table';
import type { SessionTable } from '../auth/session.table';
import type { CalendarDayTable, CalendarYearTable } from '../calendar/calendar.table';
import type { DepartmentTable } from '../departments/department.table';
import type { DivisionTable } from '../divisions/division.table';
import type { DrawRecordTable, DrawRoundTable } from '../draw/draw.table';
import type { PlatformKeyTable } from '../platform-keys/platform-key.table';
import type { TaskAnnouncementTable } from '../draw/task-announcement.table';
import type { InspectionCodeTable, InspectionEvaluationTable, InspectionQueryCodeTable } from '../notices/notice.table';
import type { PublishedResultTable, ResultReviewTable } from '../results/result.table';
import type { OffsiteInspectionTable, OffsiteResultTable } from '../inspection-records/inspection-record.table';
import type {
  AssistanceRequestTable,
  CaseTransferTable,
  CopyNoticeTable,
  CopyRecipientTable,
  TransferEventTable,
  TransferFileTable,
  TransferReminderTable,
} from '../transfers/transfer.table';
import type {
  InspectionPhotoTable,
  InspectionResultTable,
  InspectionSubmissionTable,
  InspectionVisitChangeTable,
  InspectionVisitTable,
} from '../inspections/inspection.table';
import type { ImportJobTable } from '../imports/import-job.table';
import type { InspectionObjectTable } from '../inspection-objects/inspection-object.table';
import type { SamplingItemCheckItemTable, SamplingItemTable } from '../items/sampling-item.table';
import type {
  CheckItemTable,
  SupervisionItemTable,
  SupervisionItemVersionTable,
} from '../items/supervision-item.table';
import type { InspectorConflictTable, InspectorTable } from '../inspectors/inspector.table';
import type {
  AnnualPlanEntryTable,
  AnnualPlanJointItemTable,
  AnnualPlanTable,
  SpecialPlanConsultationTable,
  SpecialPlanTable,
} from '../plans/plan.table';
import type {
  NotificationReminderTable,
  NotificationTable,
  OutboundContactMessageTable,
  OutboundMessageTable,
} from '../notifications/notification.table';
import type { KnownPermissionTable, RoleTable } from '../roles/role.table';
import type { SettingTable } from '../settings/setting.table';
import type { SubjectTable } from '../subjects/subject.table';
import type { IndustryTable } from '../industries/industry.table';
import type { SubjectTagTable, TagTable } from '../tags/tag.table';
import type { InspectionRegistrationTable } from '../registrations/registration.table';
import type {
  MergeProposalPartyTable,
  MergeProposalSourceTable,
  MergeProposalTable,
} from '../registrations/visit-matching.table';
import type {
  InspectionTaskInspectorTable,
  InspectionTaskItemTable,
  InspectionTaskTable,
  TaskStaffingTable,
} from '../tasks/task.table';
import type { UserRoleTable, UserTable } from '../users/user.table';
import type {
  BusinessRegistrationTable,
  LicenceRecordTable,
  PenaltyRecordTable,
  ReceivedRecordVersionTable,
} from '../records/record.table';
import type { RegistrationPushTable } from '../dual-notice/registration-push.table';
import type { FollowUpTable, LicenceApplicationTable, RoutineSupervisionTable } from '../follow-ups/follow-up.table';
import type { OutboundDataMessageTable } from '../notifications/data-message.table';
import type {
  CreditMeasureCaseTable,
  CreditMeasureFeedbackTable,
  CreditMeasureTable,
  CreditMeasureVersionTable,
} from '../credit-measures/credit-measure.table';
import type { ComplaintEventTable, ComplaintMatterTable, ComplaintTable } from '../complaints/complaint.table';
import type { ComplaintAttachmentTable } from '../complaints/complaint-intake.table';
import type { WarningEventTable, WarningRuleTable, WarningRunTable, WarningTable } from '../warnings/warning.table';
import type { ComplaintDispatchRuleTable } from '../complaints/complaint-dispatch.table';
import type { ComplaintReminderTable } from '../complaints/complaint-deadline.table';
import type { PublicationPushTable, PublicationTable, PublicitySettingTable } from '../publicity/publication.table';
import type {
  CatalogItemTable,
  CatalogVersionTable,
  DualNoticeCaseItemTable,
  DualNoticeCaseTable,
  DualNoticeCommitmentTable,
  DualNoticeReminderTable,
  JointReviewTable,
  LicenceFeedbackTable,
} from '../dual-notice/dual-notice.table';

/** The whole database as Kysely sees it; each capability owns its table types. */
export interface Database {
  departments: DepartmentTable;
  divisions: DivisionTable;
  roles: RoleTable;
  users: UserTable;
  user_roles: UserRoleTable;
  sessions: SessionTable;
  login_throttles: LoginThrottleTable;
  login_lockouts: LoginLockoutTable;
  audit_log: AuditLogTable;
  calendar_years: CalendarYearTable;
  calendar_days: CalendarDayTable;
  industries: IndustryTable;
  subjects: SubjectTable;
  inspectors: InspectorTable;
  inspector_conflicts: InspectorConflictTable;
  platform_keys: PlatformKeyTable;
  draw_rounds: DrawRoundTable;
  draw_records: DrawRecordTable;
  inspection_tasks: InspectionTaskTable;
  inspection_task_items: InspectionTaskItemTable;
  inspection_task_inspectors: InspectionTaskInspectorTable;
  task_staffings: TaskStaffingTable;
  inspection_registrations: InspectionRegistrationTable;
  merge_proposals: MergeProposalTable;
  merge_proposal_sources: MergeProposalSourceTable;
  merge_proposal_parties: MergeProposalPartyTable;
  task_announcements: TaskAnnouncementTable;
  inspection_visits: InspectionVisitTable;
  inspection_visit_changes: InspectionVisitChangeTable;
  inspection_results: InspectionResultTable;
  inspection_photos: InspectionPhotoTable;
  inspection_submissions: InspectionSubmissionTable;
  offsite_inspections: OffsiteInspectionTable;
  offsite_results: OffsiteResultTable;
  case_transfers: CaseTransferTable;
  inspection_codes: InspectionCodeTable;
  inspection_evaluations: InspectionEvaluationTable;
  inspection_query_codes: InspectionQueryCodeTable;
  result_reviews: ResultReviewTable;
  published_results: PublishedResultTable;
  annual_plans: AnnualPlanTable;
  annual_plan_joint_items: AnnualPlanJointItemTable;
  annual_plan_entries: AnnualPlanEntryTable;
  special_plans: SpecialPlanTable;
  special_plan_consultations: SpecialPlanConsultationTable;
  known_permissions: KnownPermissionTable;
  tags: TagTable;
  subject_tags: SubjectTagTable;
  inspection_objects: InspectionObjectTable;
  settings: SettingTable;
  supervision_items: SupervisionItemTable;
  check_items: CheckItemTable;
  supervision_item_versions: SupervisionItemVersionTable;
  sampling_items: SamplingItemTable;
  sampling_item_check_items: SamplingItemCheckItemTable;
  import_jobs: ImportJobTable;
  notifications: NotificationTable;
  outbound_messages: OutboundMessageTable;
  outbound_contact_messages: OutboundContactMessageTable;
  notification_reminders: NotificationReminderTable;
  business_registrations: BusinessRegistrationTable;
  licence_records: LicenceRecordTable;
  penalty_records: PenaltyRecordTable;
  received_record_versions: ReceivedRecordVersionTable;
  registration_pushes: RegistrationPushTable;
  follow_ups: FollowUpTable;
  routine_supervisions: RoutineSupervisionTable;
  licence_applications: LicenceApplicationTable;
  publications: PublicationTable;
  publicity_settings: PublicitySettingTable;
  publication_pushes: PublicationPushTable;
  outbound_data_messages: OutboundDataMessageTable;
  dual_notice_catalog_versions: CatalogVersionTable;
  dual_notice_catalog_items: CatalogItemTable;
  dual_notice_cases: DualNoticeCaseTable;
  dual_notice_case_items: DualNoticeCaseItemTable;
  dual_notice_commitments: DualNoticeCommitmentTable;
  dual_notice_joint_reviews: JointReviewTable;
  licence_feedbacks: LicenceFeedbackTable;
  dual_notice_reminders: DualNoticeReminderTable;
  credit_records: CreditRecordTable;
  credit_record_history: CreditRecordHistoryTable;
  credit_models: CreditModelTable;
  credit_runs: CreditRunTable;
  credit_run_results: CreditRunResultTable;
  credit_run_inputs: CreditRunInputTable;
  key_targets: KeyTargetTable;
  penalty_document_sets: PenaltyDocumentSetTable;
  credit_repair_applications: CreditRepairApplicationTable;
  credit_repair_evidence: CreditRepairEvidenceTable;
  credit_repair_events: CreditRepairEventTable;
  risk_assessments: RiskAssessmentTable;
  risk_assessment_results: RiskAssessmentResultTable;
  credit_measures: CreditMeasureTable;
  credit_measure_versions: CreditMeasureVersionTable;
  credit_measure_cases: CreditMeasureCaseTable;
  credit_measure_feedbacks: CreditMeasureFeedbackTable;
  complaint_matters: ComplaintMatterTable;
  complaints: ComplaintTable;
  complaint_events: ComplaintEventTable;
  complaint_attachments: ComplaintAttachmentTable;
  warning_rules: WarningRuleTable;
  warning_runs: WarningRunTable;
  warnings: WarningTable;
  warning_events: WarningEventTable;
  assistance_requests: AssistanceRequestTable;
  copy_notices: CopyNoticeTable;
  copy_recipients: CopyRecipientTable;
  transfer_events: TransferEventTable;
  transfer_files: TransferFileTable;
  transfer_reminders: TransferReminderTable;
  complaint_dispatch_rules: ComplaintDispatchRuleTable;
  complaint_reminders: ComplaintReminderTable;
  aggregation_batches: AggregationBatchTable;
  data_anomalies: DataAnomalyTable;
  performance_indicator_versions: PerformanceIndicatorVersionTable;
  performance_evaluations: PerformanceEvaluationTable;
  performance_scores: PerformanceScoreTable;
  performance_indicator_results: PerformanceIndicatorResultTable;
  performance_notices: PerformanceNoticeTable;
  exposure_cases: ExposureCaseTable;
  exposure_case_events: ExposureCaseEventTable;
  portal_news: PortalNewsTable;
  knowledge_entries: KnowledgeEntryTable;
  industry_guide_leads: IndustryGuideLeadTable;
  industry_guides: IndustryGuideTable;
  dashboard_subject_counts: DashboardSubjectCountTable;
  dashboard_snapshots: DashboardSnapshotTable;
  aggregation_records: AggregationRecordTable;
  anomaly_reminders: AnomalyReminderTable;
  aggregation_checks: AggregationCheckTable;
  exchange_code_mappings: ExchangeCodeMappingTable;
  exchange_exports: ExchangeExportTable;
  exchange_exported_records: ExchangeExportedRecordTable;
}
