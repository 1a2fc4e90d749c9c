import { type ImportMode, importModeNames, importModes, type ImportStatus } from '@server/imports/import-job.table';

/** The three modes in the order offered, named as on the server (template notes and CLI use the same words). */
export const importModeOptions: { value: ImportMode; label: string; hint: string }[] = importModes.map((value) => ({
  value,
  ...importModeNames[value],
}));

export const importModeLabel = (mode: ImportMode): string =>
  importModeOptions.find((m) => m.value === mode)?.label ?? mode;

type TagType = 'primary' | 'success' | 'danger';
export const importStatusLabels: Record<ImportStatus, { text: string; type: TagType }> = {
  running: { text: '进行中', type: 'primary' },
  done: { text: '已完成', type: 'success' },
  failed: { text: '失败', type: 'danger' },
};
