type TagType = 'success' | 'info' | 'warning' | 'danger' | 'primary';

export const severityTypes: Record<string, TagType> = { 轻微: 'info', 一般: 'warning', 较重: 'danger', 严重: 'danger' };
export const statusTypes: Record<string, TagType> = {
  有效: 'success',
  已修复: 'primary',
  已撤销: 'info',
  已移出: 'info',
};
/** 表彰奖励 is the one positive kind. */
export const kindType = (kind: string): TagType => (kind === '表彰奖励' ? 'success' : 'warning');
