import type { ColumnType, Selectable } from 'kysely';

export type DataScope = 'own_department' | 'all';

export interface RoleTable {
  code: string;
  name: string;
  description: string;
  data_scope: DataScope;
  permissions: string[];
  builtin: boolean;
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}
export type RoleRow = Selectable<RoleTable>;

/** Permissions this installation has seen, so an upgrade grants only the ones a newer version introduced. */
export interface KnownPermissionTable {
  code: string;
}
