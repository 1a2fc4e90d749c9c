import { inclusionPpm, stratumOf } from './inclusion';
import type { ExcludedEntry, FrameItem, FrameParams, FrameRegisters, Frames, RegisterSubject, RoundItem } from './types';

export const exclusionReasons = {
  whitelisted: '白名单主体，不主动开展现场检查',
  inspectedThisYear: '本年度已就该事项接受检查',
  visitCap: '本年度日常检查已达上限',
} as const;

/** Section letter and every prefix of the subject's industry codes (a scope may name any level). */
function industryKeys(codes: readonly string[], sectionOfDivision: Record<string, string>): string[] {
  const keys = new Set<string>();
  for (const code of codes) {
    const section = sectionOfDivision[code.slice(0, 2)];
    if (section) keys.add(section);
    for (let len = 2; len <= code.length; len += 1) keys.add(code.slice(0, len));
  }
  return [...keys];
}

/** Subjects indexed by industry key, so an item's candidates are found without a full scan. */
function industryIndex(subjects: readonly RegisterSubject[], sectionOfDivision: Record<string, string>): Map<string, number[]> {
  const index = new Map<string, number[]>();
  subjects.forEach((subject, i) => {
    for (const key of industryKeys(subject.industryCodes, sectionOfDivision)) {
      const list = index.get(key);
      if (list) list.push(i);
      else index.set(key, [i]);
    }
  });
  return index;
}

function candidatesOf(item: RoundItem, subjects: readonly RegisterSubject[], index: Map<string, number[]>, seen: Uint32Array, mark: number): number[] {
  if (item.scope.industries.length === 0) return subjects.map((_, i) => i);
  const out: number[] = [];
  for (const code of item.scope.industries) {
    for (const i of index.get(code.toUpperCase()) ?? []) {
      if (seen[i] === mark) continue;
      seen[i] = mark;
      out.push(i);
    }
  }
  return out;
}

function inScope(subject: RegisterSubject, item: RoundItem): boolean {
  const { tags, subjectKinds, divisions } = item.scope;
  if (subject.status !== '存续') return false;
  if (subjectKinds.length > 0 && !subjectKinds.includes(subject.kind)) return false;
  if (divisions.length > 0 && !divisions.some((prefix) => subject.divisionCode.startsWith(prefix))) return false;
  if (tags.length > 0 && !tags.some((tag) => subject.tags.includes(tag))) return false;
  return true;
}

/**
 * The frames of a round (DRAW.md, Inputs): per sampling item, the subjects in its object scope
 * that are 存续, minus whitelisted subjects, subjects already inspected for the item this year,
 * subjects at the routine-visit cap and subjects under a stated exclusion (each recorded with
 * its reason), with each member's π and stratum.
 */
export function buildFrames(registers: FrameRegisters, params: FrameParams): Frames {
  const { subjects } = registers;
  const index = industryIndex(subjects, registers.sectionOfDivision);
  const seen = new Uint32Array(subjects.length);
  const allItems = new Map<number, string>();
  const perItem = new Map<number, Map<number, string>>();
  for (const e of registers.exclusions) {
    if (e.itemId === null) allItems.set(e.subjectId, e.reason);
    else {
      const m = perItem.get(e.itemId) ?? new Map<number, string>();
      m.set(e.subjectId, e.reason);
      perItem.set(e.itemId, m);
    }
  }
  const excluded: ExcludedEntry[] = [];
  const excludedEverywhere = new Set<number>();
  const memberOf: { item: RoundItem; members: number[] }[] = [];
  const items = [...registers.items].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  items.forEach((item, n) => {
    const members: number[] = [];
    const itemExclusions = perItem.get(item.id);
    for (const i of candidatesOf(item, subjects, index, seen, n + 1)) {
      const subject = subjects[i]!;
      if (!inScope(subject, item)) continue;
      const everywhere = subject.whitelisted
        ? exclusionReasons.whitelisted
        : (registers.routineVisits.get(subject.id) ?? 0) >= params.routineVisitCap
          ? exclusionReasons.visitCap
          : allItems.get(subject.id);
      if (everywhere) {
        if (!excludedEverywhere.has(i)) {
          excludedEverywhere.add(i);
          excluded.push({ uscc: subject.uscc, itemCode: null, reason: everywhere });
        }
        continue;
      }
      const own = registers.inspectedItems.get(subject.id)?.has(item.id) ? exclusionReasons.inspectedThisYear : itemExclusions?.get(subject.id);
      if (own) {
        excluded.push({ uscc: subject.uscc, itemCode: item.code, reason: own });
        continue;
      }
      members.push(i);
    }
    memberOf.push({ item, members });
  });

  // Renumber the subjects that are in any frame, ascending by USCC.
  const byUscc = subjects.map((_, i) => i);
  if (subjects.some((sub, i) => i > 0 && subjects[i - 1]!.uscc >= sub.uscc)) byUscc.sort((a, b) => (subjects[a]!.uscc < subjects[b]!.uscc ? -1 : 1));
  const rank = new Int32Array(subjects.length);
  byUscc.forEach((i, r) => (rank[i] = r));
  const used = new Uint8Array(subjects.length);
  for (const { members } of memberOf) for (const i of members) used[rank[i]!] = 1;
  const position = new Int32Array(subjects.length).fill(-1);
  const order: number[] = [];
  for (let r = 0; r < subjects.length; r += 1) {
    if (used[r]) {
      position[r] = order.length;
      order.push(byUscc[r]!);
    }
  }
  const frameItems: FrameItem[] = memberOf.map(({ item, members }) => {
    const ranks = Int32Array.from(members, (i) => rank[i]!).sort();
    const piPpm = new Int32Array(ranks.length);
    const stratum = new Uint8Array(ranks.length);
    const positions = new Int32Array(ranks.length);
    ranks.forEach((r, k) => {
      const subject = subjects[byUscc[r]!]!;
      positions[k] = position[r]!;
      piPpm[k] = inclusionPpm(subject, item, params);
      stratum[k] = stratumOf(subject, params);
    });
    return { id: item.id, code: item.code, departmentId: item.departmentId, design: item.design, fields: [...item.fields], minInspectors: item.minInspectors, members: positions, piPpm, stratum };
  });
  excluded.sort((a, b) => (a.uscc < b.uscc ? -1 : a.uscc > b.uscc ? 1 : (a.itemCode ?? '') < (b.itemCode ?? '') ? -1 : 1));
  return { usccs: order.map((i) => subjects[i]!.uscc), subjectIds: order.map((i) => subjects[i]!.id), items: frameItems, excluded };
}
