import type { ColumnType } from 'kysely';

/** Platform-wide settings changed by the platform admin, one JSON value per key (e.g. 'sampling.defaultRatios'). */
export interface SettingTable {
  key: string;
  value: ColumnType<unknown, string, string>;
  updated_at: Date;
  updated_by: number | null;
}
