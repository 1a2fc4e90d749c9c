import type { AuditLogTable } from '../audit/audit.table';
import type { SessionTable } from '../auth/session.table';
import type { CalendarDayTable, CalendarYearTable } from '../calendar/calendar.table';
import type { DepartmentTable } from '../departments/department.table';
import type { DrawRecordTable, DrawRoundTable, PlatformKeyTable } from '../draw/draw.table';
import type { ImportJobTable } from '../imports/import-job.table';
import type { InspectionObjectTable } from '../inspection-objects/inspection-object.table';
import type { SamplingItemCheckItemTable, SamplingItemTable } from '../items/sampling-item.table';
import type { CheckItemTable, SupervisionItemTable, SupervisionItemVersionTable } from '../items/supervision-item.table';
import type { InspectorConflictTable, InspectorTable } from '../inspectors/inspector.table';
import type { RoleTable } from '../roles/role.table';
import type { SettingTable } from '../settings/setting.table';
import type { IndustryTable, SubjectTable } from '../subjects/subject.table';
import type { SubjectTagTable, TagTable } from '../tags/tag.table';
import type { UserRoleTable, UserTable } from '../users/user.table';

/** The whole database as Kysely sees it; each capability owns its table types. */
export interface Database {
  departments: DepartmentTable;
  roles: RoleTable;
  users: UserTable;
  user_roles: UserRoleTable;
  sessions: SessionTable;
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
  known_permissions: { code: string };
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
}
