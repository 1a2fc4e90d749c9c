import { inclusionPpm } from './inclusion';
import { creditCodes, riskCodes } from './register-columns';
import { strata } from './types';
import type {
  ExcludedEntry,
  FrameItem,
  FrameParams,
  FrameRegisters,
  Frames,
  ItemScope,
  RegisterColumns,
  RegisterSubject,
  RoundItem,
} from './types';

export const exclusionReasons = {
  whitelisted: '白名单主体，不主动开展现场检查',
  inspectedThisYear: '本年度已就该事项接受检查',
  visitCap: '本年度日常检查已达上限',
  aClassExempt: 'A类信用主体，无事不扰（该事项不纳入主动抽查）',
  rewarded: '联合激励对象，无事不扰（不纳入主动抽查）',
} as const;

/** An exclusion reason as the public self-check shows it: one that names a credit class or a reward says only the rule. */
export const publicExclusionReason = (reason: string): string =>
  reason === exclusionReasons.aClassExempt || reason === exclusionReasons.rewarded
    ? '按信用分级分类监管规则不纳入该事项主动抽查'
    : reason;

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

/**
 * Whether one subject falls in an item's object scope: the test buildFrames applies to every subject,
 * for a single one (a registration, a choice by staff). 存续 only; each condition the scope sets must hold.
 */
export function subjectInScope(
  subject: Pick<RegisterSubject, 'status' | 'kind' | 'divisionCode' | 'industryCodes' | 'tags'>,
  scope: ItemScope,
  sectionOfDivision: Record<string, string>,
): boolean {
  if (subject.status !== '存续') return false;
  if (scope.industries.length > 0) {
    const keys = new Set(industryKeys(subject.industryCodes, sectionOfDivision));
    if (!scope.industries.some((code) => keys.has(code.toUpperCase()))) return false;
  }
  if (scope.subjectKinds.length > 0 && !scope.subjectKinds.includes(subject.kind)) return false;
  if (scope.divisions.length > 0 && !scope.divisions.some((prefix) => subject.divisionCode.startsWith(prefix)))
    return false;
  return scope.tags.length === 0 || subject.tags.some((tag) => scope.tags.includes(tag));
}

/**
 * Subjects indexed by industry key, so an item's candidates are found without a full scan: for each key the
 * subjects holding it, ascending, in one Int32Array (offsets in `start`). The keys of each distinct list of codes are
 * worked out once, not once per subject, and nothing is allocated per subject: at ten million subjects the arrays of
 * an index built from JavaScript lists kept the garbage collector busy for most of the frame's time.
 */
interface IndustryIndex {
  keyId: Map<string, number>;
  start: Int32Array;
  list: Int32Array;
}

function industryIndex(register: RegisterColumns, sectionOfDivision: Record<string, string>): IndustryIndex {
  const keyId = new Map<string, number>();
  // Each distinct list of codes (a few thousand in a city) gets its keys once, each key once (industryKeys): a key two
  // of its codes share counts once.
  const keysOfList = register.industryLists.map((codes) =>
    Int32Array.from(industryKeys(codes, sectionOfDivision), (key) => {
      let id = keyId.get(key);
      if (id === undefined) keyId.set(key, (id = keyId.size));
      return id;
    }),
  );
  const { count: n, industries } = register;
  // Pass 1 counts the subjects under each key; pass 2 fills.
  const keys = keyId.size;
  const counts = new Int32Array(keys);
  for (let i = 0; i < n; i += 1) {
    const ids = keysOfList[industries[i]!]!;
    for (let k = 0; k < ids.length; k += 1) counts[ids[k]!] += 1;
  }
  const start = new Int32Array(keys + 1);
  for (let k = 0; k < keys; k += 1) start[k + 1] = start[k]! + counts[k]!;
  const list = new Int32Array(start[keys]!);
  const fill = start.slice(0, keys);
  for (let i = 0; i < n; i += 1) {
    const ids = keysOfList[industries[i]!]!;
    for (let k = 0; k < ids.length; k += 1) list[fill[ids[k]!]++] = i;
  }
  return { keyId, start, list };
}

/** How many candidates candidatesOf can give the item, at most (a subject under two of its keys counts twice). */
function candidateBound(item: RoundItem, subjectCount: number, index: IndustryIndex): number {
  if (item.scope.industries.length === 0) return subjectCount;
  let bound = 0;
  for (const code of item.scope.industries) {
    const id = index.keyId.get(code.toUpperCase());
    if (id !== undefined) bound += index.start[id + 1]! - index.start[id]!;
  }
  return Math.min(bound, subjectCount);
}

/**
 * An item's candidate subjects into `out`, ascending, each once: those under any of its industry keys (the keys'
 * ascending lists merged), or all.
 */
function candidatesOf(item: RoundItem, subjectCount: number, index: IndustryIndex, out: Int32Array): number {
  if (item.scope.industries.length === 0) {
    for (let i = 0; i < subjectCount; i += 1) out[i] = i;
    return subjectCount;
  }
  const at: number[] = [];
  const end: number[] = [];
  for (const code of item.scope.industries) {
    const id = index.keyId.get(code.toUpperCase());
    if (id === undefined || index.start[id] === index.start[id + 1]) continue;
    at.push(index.start[id]!);
    end.push(index.start[id + 1]!);
  }
  let count = 0;
  let last = -1;
  for (;;) {
    let best = -1;
    let smallest = subjectCount;
    for (let j = 0; j < at.length; j += 1)
      if (at[j]! < end[j]! && index.list[at[j]!]! < smallest) {
        smallest = index.list[at[j]!]!;
        best = j;
      }
    if (best < 0) return count;
    at[best] += 1;
    if (smallest !== last) out[count++] = last = smallest;
  }
}

/** A scope test specialised to the item: conditions the item does not set cost nothing per subject. */
function scopeTest(item: RoundItem, register: RegisterColumns): (i: number) => boolean {
  const { tags, subjectKinds, divisions } = item.scope;
  const { status, kind, division } = register;
  const alive = Uint8Array.from(register.statuses, (s) => (s === '存续' ? 1 : 0));
  const kindOk =
    subjectKinds.length > 0 ? Uint8Array.from(register.kinds, (k) => (subjectKinds.includes(k) ? 1 : 0)) : null;
  const divisionOk =
    divisions.length > 0
      ? Uint8Array.from(register.divisions, (code) => (divisions.some((prefix) => code.startsWith(prefix)) ? 1 : 0))
      : null;
  const wanted = tags.length > 0 ? new Set(tags) : null;
  if (kindOk === null && divisionOk === null && wanted === null) return (i) => alive[status[i]!] === 1;
  return (i) =>
    alive[status[i]!] === 1 &&
    (kindOk === null || kindOk[kind[i]!] === 1) &&
    (divisionOk === null || divisionOk[division[i]!] === 1) &&
    (wanted === null || (register.tags.get(i)?.some((tag) => wanted.has(tag)) ?? false));
}

/** Per subject, the index into an item's π table: stratum × risk level × key target (4 × 5 × 2). */
function piKeys(register: RegisterColumns, params: FrameParams): { key: Uint8Array; stratum: Uint8Array } {
  const key = new Uint8Array(register.count);
  const stratum = new Uint8Array(register.count);
  const stratumOfCredit = Uint8Array.from(creditCodes, (c) => strata.indexOf(c ?? params.unclassifiedAs));
  for (let i = 0; i < register.count; i += 1) {
    const st = stratumOfCredit[register.credit[i]!]!;
    stratum[i] = st;
    key[i] = (st * riskCodes.length + register.risk[i]!) * 2 + register.keyTarget[i]!;
  }
  return { key, stratum };
}

/** The code of class A in the register's credit column. */
const creditA = creditCodes.indexOf('A');

/** π for every key of piKeys, computed by inclusionPpm itself so the two can never disagree. */
function piTable(item: RoundItem, params: FrameParams): Int32Array {
  const table = new Int32Array(strata.length * riskCodes.length * 2);
  strata.forEach((creditClass, st) =>
    riskCodes.forEach((riskLevel, r) => {
      for (const keyTarget of [false, true]) {
        const probe = { creditClass, riskLevel, keyTarget } as RegisterSubject;
        table[(st * riskCodes.length + r) * 2 + (keyTarget ? 1 : 0)] = inclusionPpm(probe, item, params);
      }
    }),
  );
  return table;
}

/**
 * The frames of a round (docs/draw.md, 确切定义): per sampling item, the subjects in its object scope
 * that are 存续, minus whitelisted subjects, subjects already inspected for the item this year,
 * subjects at the routine-visit cap and subjects under a stated exclusion (each recorded with
 * its reason), with each member's π and stratum.
 */
export function buildFrames(registers: FrameRegisters, params: FrameParams): Frames {
  const { register } = registers;
  const { count: subjectCount, ids, usccs: registerUsccs } = register;
  const index = industryIndex(register, registers.sectionOfDivision);
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
  // Reasons that exclude a subject from every item, decided once per subject.
  const everywhereReasons: string[] = [];
  const everywhere = new Uint8Array(subjectCount);
  const checkVisits = registers.routineVisits.size > 0;
  const checkAll = allItems.size > 0;
  for (let i = 0; i < subjectCount; i += 1) {
    const reason =
      register.whitelisted[i] === 1
        ? exclusionReasons.whitelisted
        : checkVisits && (registers.routineVisits.get(ids[i]!) ?? 0) >= params.routineVisitCap
          ? exclusionReasons.visitCap
          : checkAll
            ? allItems.get(ids[i]!)
            : undefined;
    if (reason === undefined) continue;
    let code = everywhereReasons.indexOf(reason);
    if (code < 0) code = everywhereReasons.push(reason) - 1;
    everywhere[i] = code + 1;
  }
  const excluded: ExcludedEntry[] = [];
  const excludedEverywhere = new Uint8Array(subjectCount);
  // Every item's members back to back in one growing array (item n's from memberStart[n]): a few large allocations
  // instead of one per item, each of which (as external memory) would make V8 mark the whole heap, which at ten
  // million subjects is several gigabytes.
  const items = [...registers.items].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const memberStart = new Int32Array(items.length + 1);
  // Sized once by the candidates (an item's members are among them), so it seldom grows; but items without an
  // industry scope count every subject, so the first size is capped (16 memberships a subject) and grows if need be.
  let candidateTotal = 0;
  for (const item of items) candidateTotal += candidateBound(item, subjectCount, index);
  // In shared memory from the start (see below), so that it is seldom copied.
  const sharedInts = (length: number) => new Int32Array(new SharedArrayBuffer(length * 4));
  let buffer = sharedInts(Math.max(1024, Math.min(candidateTotal, subjectCount * 16)));
  let count = 0;
  const candidates = new Int32Array(subjectCount);
  items.forEach((item, n) => {
    const itemExclusions = perItem.get(item.id);
    const inScope = scopeTest(item, register);
    const checkOwn = itemExclusions !== undefined || registers.inspectedItems.size > 0;
    const exemptA = item.aClassExempt === true;
    const candidateCount = candidatesOf(item, subjectCount, index, candidates);
    for (let c = 0; c < candidateCount; c += 1) {
      const i = candidates[c]!;
      if (!inScope(i)) continue;
      if (everywhere[i]) {
        if (!excludedEverywhere[i]) {
          excludedEverywhere[i] = 1;
          excluded.push({ uscc: registerUsccs[i]!, itemCode: null, reason: everywhereReasons[everywhere[i]! - 1]! });
        }
        continue;
      }
      if (exemptA && register.credit[i] === creditA && register.keyTarget[i] === 0) {
        excluded.push({ uscc: registerUsccs[i]!, itemCode: item.code, reason: exclusionReasons.aClassExempt });
        continue;
      }
      if (checkOwn) {
        const own = registers.inspectedItems.get(ids[i]!)?.has(item.id)
          ? exclusionReasons.inspectedThisYear
          : itemExclusions?.get(ids[i]!);
        if (own) {
          excluded.push({ uscc: registerUsccs[i]!, itemCode: item.code, reason: own });
          continue;
        }
      }
      if (count === buffer.length) {
        const grown = sharedInts(buffer.length * 2);
        grown.set(buffer);
        buffer = grown;
      }
      buffer[count++] = i;
    }
    memberStart[n + 1] = count;
  });
  const membersOf = (n: number) => buffer.subarray(memberStart[n]!, memberStart[n + 1]!);

  // Renumber the subjects that are in any frame, ascending by USCC. The registers come ordered by USCC (their
  // loader sorts them), and then a subject's rank is its index: the two maps (80 MB at ten million subjects) are
  // only built for registers in another order.
  let byUscc: Int32Array | null = null;
  let rank: Int32Array | null = null;
  if (registerUsccs.some((uscc, i) => i > 0 && registerUsccs[i - 1]! >= uscc)) {
    byUscc = Int32Array.from({ length: subjectCount }, (_, i) => i).sort((a, b) =>
      registerUsccs[a]! < registerUsccs[b]! ? -1 : 1,
    );
    rank = new Int32Array(subjectCount);
    for (let r = 0; r < subjectCount; r += 1) rank[byUscc[r]!] = r;
  }
  // Each rank's frame position, or −1: first 0 for a rank in any frame. The candidates' buffer, of the same length
  // and no longer needed, holds them.
  const position = candidates.fill(-1);
  for (let at = 0; at < count; at += 1) position[rank === null ? buffer[at]! : rank[buffer[at]!]!] = 0;
  let inAny = 0;
  for (let r = 0; r < subjectCount; r += 1) if (position[r] === 0) inAny += 1;
  // The framed subjects in USCC order, and the frames' two lists of them, each allocated once at its size.
  const usccs = new Array<string>(inAny);
  const subjectIds = new Array<number>(inAny);
  for (let r = 0, at = 0; r < subjectCount; r += 1) {
    if (position[r] !== 0) continue;
    const i = byUscc === null ? r : byUscc[r]!;
    position[r] = at;
    usccs[at] = registerUsccs[i]!;
    subjectIds[at] = ids[i]!;
    at += 1;
  }
  const keys = piKeys(register, params);
  // The frames' columns, each one allocation shared by the items as views. The members' positions replace their
  // register indices in place (each item's indices are first copied as ranks), in a buffer trimmed to its use. Members
  // and π are in shared memory: the commitment's worker threads read them without a copy (merkle-threads.ts).
  if (count < buffer.length * 0.75) {
    const trimmed = sharedInts(count);
    trimmed.set(buffer.subarray(0, count));
    buffer = trimmed;
  }
  const allPi = sharedInts(count);
  const allStrata = new Uint8Array(count);
  let scratch = new Int32Array(1024);
  const frameItems: FrameItem[] = items.map((item, n) => {
    const members = membersOf(n);
    if (scratch.length < members.length) scratch = new Int32Array(members.length);
    const ranks = scratch.subarray(0, members.length);
    let sorted = true;
    if (rank === null) ranks.set(members);
    else {
      for (let k = 0; k < members.length; k += 1) {
        ranks[k] = rank[members[k]!]!;
        if (k > 0 && ranks[k]! < ranks[k - 1]!) sorted = false;
      }
    }
    if (!sorted) ranks.sort();
    const table = piTable(item, params);
    const piPpm = allPi.subarray(memberStart[n]!, memberStart[n + 1]!);
    const stratum = allStrata.subarray(memberStart[n]!, memberStart[n + 1]!);
    const positions = members;
    for (let k = 0; k < ranks.length; k += 1) {
      const r = ranks[k]!;
      const i = byUscc === null ? r : byUscc[r]!;
      positions[k] = position[r]!;
      piPpm[k] = table[keys.key[i]!]!;
      stratum[k] = keys.stratum[i]!;
    }
    return {
      id: item.id,
      code: item.code,
      departmentId: item.departmentId,
      design: item.design,
      fields: [...item.fields],
      minInspectors: item.minInspectors,
      members: positions,
      piPpm,
      stratum,
    };
  });
  excluded.sort((a, b) =>
    a.uscc < b.uscc ? -1 : a.uscc > b.uscc ? 1 : (a.itemCode ?? '') < (b.itemCode ?? '') ? -1 : 1,
  );
  return {
    usccs,
    subjectIds,
    items: frameItems,
    excluded,
  };
}
