import type { ColumnType, Generated, Selectable } from 'kysely';

export interface UserTable {
  id: Generated<number>;
  username: string;
  name: string;
  /** Only the masked form is stored (first 6 and last 4 characters). */
  id_card_masked: string;
  phone: string;
  department_id: number;
  status: 'active' | 'disabled';
  password_hash: string;
  /** A password set by someone else (creation, reset, bootstrap, demo): to be changed at the next login. Defaults to true. */
  must_change_password: ColumnType<boolean, boolean | undefined, boolean>;
  last_login_at: Date | null;
  password_changed_at: Date | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}
export type UserRow = Selectable<UserTable>;

export interface UserRoleTable {
  user_id: number;
  role_code: string;
}
