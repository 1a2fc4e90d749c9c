import { shallowRef } from 'vue';
import { notifyError } from '@/api/notify';
import { type IndustryRow, listIndustries } from '@/api/industries';

/** A node of the GB/T 4754 tree for el-tree-select; `section` marks level-1 letters (subjects carry level 2–4 codes). */
export interface IndustryNode {
  value: string;
  label: string;
  section: boolean;
  children: IndustryNode[];
}

/** Where a code may hang, nearest first: its group, its division, its section (a group with one class is listed only as the class, e.g. 4840). */
const ancestorsOf = (row: IndustryRow): string[] =>
  row.level === 1 ? [] : [row.code.slice(0, -1), row.code.slice(0, 2), row.section].filter((c) => c !== row.code);

/** Builds the tree from the flat table (code order): each code hangs under its nearest listed ancestor. */
export function industryTree(rows: IndustryRow[]): IndustryNode[] {
  const byCode = new Map<string, IndustryNode>();
  const roots: IndustryNode[] = [];
  for (const row of rows) {
    const node: IndustryNode = {
      value: row.code,
      label: `${row.code} ${row.name}`,
      section: row.level === 1,
      children: [],
    };
    byCode.set(row.code, node);
    const parent = ancestorsOf(row)
      .map((code) => byCode.get(code))
      .find((n) => n !== undefined);
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

const tree = shallowRef<IndustryNode[]>([]);
let loading: Promise<void> | null = null;

/** The GB/T 4754 tree, fetched once per visit and shared by the filters and the dialog. */
export function useIndustries() {
  loading ??= listIndustries()
    .then((rows) => {
      tree.value = industryTree(rows);
    })
    .catch((error: unknown) => {
      loading = null;
      notifyError(error);
    });
  return { tree };
}
