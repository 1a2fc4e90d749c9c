import type { ColumnType, Generated, Selectable } from 'kysely';
import type { SupervisionItemView } from './supervision-item.schemas';

import type { CheckMethod, ItemLevel, ItemSource, ItemStatus } from './supervision-item.enums';

export type { CheckMethod, ItemLevel, ItemSource, ItemStatus };

/** 监管事项目录清单: one row per item, `version` counts its changes (history in supervision_item_versions). */
export interface SupervisionItemTable {
  id: Generated<number>;
  code: string;
  name: string;
  department_id: number;
  legal_basis: string;
  object_type: string;
  measures: string;
  process: string;
  result_handling: string;
  level: ItemLevel;
  responsible_leader: string;
  responsible_unit: string;
  responsible_person: string;
  /** Linked licence items of the government-service catalog (《朔州市平鲁区“互联网+监管”系统运行管理办法》第十二条). */
  licence_items: string[];
  source: ItemSource;
  /** The higher-level catalog code an item was claimed from; set exactly when source is 认领. */
  claimed_from: string | null;
  status: ItemStatus;
  version: number;
  created_at: ColumnType<Date, Date, never>;
  updated_at: Date;
  updated_by: number | null;
}

/**
 * 检查实施清单: the check sub-items of a supervision item. A sub-item removed from the list is withdrawn,
 * not deleted, so ids referenced by sampling items, inspection records and old versions stay valid.
 */
export interface CheckItemTable {
  id: Generated<number>;
  supervision_item_id: number;
  code: string;
  content: string;
  method: CheckMethod;
  basis: string;
  sort_order: number;
  withdrawn_at: Date | null;
}
export type CheckItemRow = Selectable<CheckItemTable>;

/** Every version of an item as it was, written by each create and change. */
export interface SupervisionItemVersionTable {
  item_id: number;
  version: number;
  snapshot: ColumnType<SupervisionItemView, string, never>;
  changed_by: number | null;
  changed_by_name: string;
  changed_at: Date;
  summary: string;
}
