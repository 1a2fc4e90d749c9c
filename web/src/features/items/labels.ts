import type { ItemStatus } from '@server/items/supervision-item.table';

export const itemStatusTypes: Record<ItemStatus, 'success' | 'info'> = { 有效: 'success', 停用: 'info' };
