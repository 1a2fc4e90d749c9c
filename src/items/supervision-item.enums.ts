// The items' enumerations, apart from the table and the schemas so that neither imports the other's values.
export const itemLevels = ['国家', '省', '市', '县'] as const;
export type ItemLevel = (typeof itemLevels)[number];
/** 自有: compiled by the department itself; 认领: claimed from a catalog compiled higher up (《朔州市平鲁区“互联网+监管”系统运行管理办法》第九条). */
export const itemSources = ['自有', '认领'] as const;
export type ItemSource = (typeof itemSources)[number];
export const itemStatuses = ['有效', '停用'] as const;
export type ItemStatus = (typeof itemStatuses)[number];
export const checkMethods = ['现场检查', '非现场检查', '书面检查', '其他'] as const;
export type CheckMethod = (typeof checkMethods)[number];
