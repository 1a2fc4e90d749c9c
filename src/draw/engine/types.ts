import type { CandidateInspector } from '../../inspectors/inspector-eligibility';
/**
 * The draw engine's inputs and outputs. Everything here is plain data: the engine reads no
 * database and no clock, so the same inputs always give byte-identical output (docs/draw.md).
 */
export type HashName = 'sha256' | 'sm3';
export type CreditClass = 'A' | 'B' | 'C' | 'D';
export type RiskLevel = '低' | '一般' | '较高' | '高';
export type Design = 'poisson' | 'fixed';

/** A subject as the registers hold it, reduced to what frames need. */
export interface RegisterSubject {
  id: number;
  uscc: string;
  kind: string;
  divisionCode: string;
  /** GB/T 4754 class codes (4 digits, or shorter). */
  industryCodes: string[];
  /** Tag codes. */
  tags: string[];
  status: string;
  creditClass: CreditClass | null;
  keyTarget: boolean;
  whitelisted: boolean;
  /** Composite industry risk: the highest level any department assessed (null: none assessed). */
  riskLevel: RiskLevel | null;
}

/**
 * The subject register as frames read it: one column per fact, subject i at position i of each. Values with few
 * distinct forms (kind, division, industry codes, class, risk) are codes into a short list. A city's million
 * subjects are a dozen arrays instead of a million objects, which the register's loader fills as the rows arrive
 * (src/draw/draw-inputs.repository.ts, with register-columns.ts) and which the garbage collector does not have to walk or copy.
 */
export interface RegisterColumns {
  readonly count: number;
  readonly ids: Float64Array;
  readonly usccs: string[];
  /** Index into statuses (登记状态: 存续, 注销…). */
  readonly status: Uint8Array;
  readonly statuses: readonly string[];
  readonly kind: Uint16Array;
  readonly kinds: readonly string[];
  readonly division: Int32Array;
  readonly divisions: readonly string[];
  /** Index into industryLists: subjects with the same industry codes share one list. */
  readonly industries: Int32Array;
  readonly industryLists: readonly (readonly string[])[];
  /** Index into creditCodes (register-columns.ts). */
  readonly credit: Uint8Array;
  /** Index into riskCodes (register-columns.ts). */
  readonly risk: Uint8Array;
  readonly keyTarget: Uint8Array;
  readonly whitelisted: Uint8Array;
  /** Tag codes of the subjects that have any, by position. */
  readonly tags: ReadonlyMap<number, readonly string[]>;
}

export interface ItemScope {
  industries: string[];
  tags: string[];
  subjectKinds: string[];
  divisions: string[];
}

/** A sampling item taking part in the round. */
export interface RoundItem {
  id: number;
  code: string;
  departmentId: number;
  scope: ItemScope;
  /** Percent per credit class. */
  ratios: Record<CreditClass, number>;
  design: Design;
  /** Key targets (重点抽查对象) are drawn with certainty. */
  keyTargetsCertain: boolean;
  /**
   * A-class subjects are left out of the item's frame (无事不扰, 《黄浦区精准高效协同监管实施办法（试行）》第十九条), unless they
   * are key targets (a key target has a matter to check). Absent: off.
   */
  aClassExempt?: boolean;
  /** Inspector fields/qualifications any of which qualifies an inspector (empty: any of the department). */
  fields: string[];
  minInspectors: number;
}

export interface Exclusion {
  subjectId: number;
  /** Null: every item of the round. */
  itemId: number | null;
  reason: string;
}

export interface FrameParams {
  /** π multipliers per composite risk level; unassessed subjects get 1. */
  riskMultipliers: Record<RiskLevel, number>;
  /** Class assumed for subjects not yet classified. */
  unclassifiedAs: CreditClass;
  /** Routine (proactive) visits a subject may receive in a year (《黄浦区精准高效协同监管实施办法（试行）》第六条: two). */
  routineVisitCap: number;
}

export interface FrameRegisters {
  /** The subject register as columns (register-columns.ts), ordered by USCC as the platform loads it. */
  register: RegisterColumns;
  items: RoundItem[];
  /** GB/T 4754 two-digit division → section letter, so a scope may name a section. */
  sectionOfDivision: Record<string, string>;
  /** Routine visits each subject already had this year. */
  routineVisits: Map<number, number>;
  /** Item ids each subject was already inspected for this year. */
  inspectedItems: Map<number, Set<number>>;
  /** Active exemptions and other stated exclusions. */
  exclusions: Exclusion[];
}

/** Strata: credit classes in order; a stratum index is the position in this list. */
export const strata: readonly CreditClass[] = ['A', 'B', 'C', 'D'];

/** One sampling item's frame: members are indices into Frames.usccs, ascending. */
export interface FrameItem {
  id: number;
  code: string;
  departmentId: number;
  design: Design;
  fields: string[];
  minInspectors: number;
  members: Int32Array;
  /** Inclusion probability in millionths (0…1,000,000), exact and serialisable. */
  piPpm: Int32Array;
  /** Index into `strata`. */
  stratum: Uint8Array;
}

export interface ExcludedEntry {
  uscc: string;
  /** Null: excluded from every item of the round. */
  itemCode: string | null;
  reason: string;
}

export interface Frames {
  /** Every subject in any frame, ascending. */
  usccs: string[];
  /** Register ids, parallel to usccs. */
  subjectIds: number[];
  /** Ascending by code. */
  items: FrameItem[];
  excluded: ExcludedEntry[];
}

/** An inspector, reduced to what assignment needs. */
/** The inspectors a round may staff from (the rules are in src/inspectors/inspector-eligibility.ts). */
export type RoundInspector = CandidateInspector;

export interface RoundParams {
  year: number;
  /** k of R: the round's position in its year, 1-based. */
  roundIndex: number;
  roundsInYear: number;
  window: { from: string; to: string };
  hash: HashName;
}

export interface DrawInput {
  /** The version the round was committed under (algorithm.ts); the current one when absent. */
  algorithm?: string;
  round: RoundParams;
  /** 64 lowercase hex digits. */
  seed: string;
  frames: Frames;
  inspectors: RoundInspector[];
  /** For readable reasons only; not part of the draw. */
  departmentNames?: Record<number, string>;
}

export interface Task {
  key: string;
  uscc: string;
  subjectId: number;
  itemCodes: string[];
  departmentIds: number[];
  /** Inspector ids, per department in departmentIds order; empty when unstaffed. */
  inspectorIds: number[];
}

export interface UnstaffedTask {
  key: string;
  reason: string;
}

export interface StratumMeasure {
  stratum: CreditClass;
  frame: number;
  expected: number;
  selected: number;
}

export interface ItemMeasure {
  code: string;
  frame: number;
  selected: number;
  strata: StratumMeasure[];
}

export interface DrawMeasures {
  frameSubjects: number;
  items: ItemMeasure[];
  selections: number;
  distinctVisits: number;
  lowerBound: number;
  independentExpected: number;
  tasks: number;
  /** Tasks by number of departments: index = department count. */
  tasksByDepartmentCount: number[];
  inspectorLoad: { inspectors: number; min: number; median: number; max: number };
  unstaffed: number;
  excluded: Record<string, number>;
  timingsMs: Record<string, number>;
}

export interface DrawResult {
  algorithm: string;
  /** Selected member positions (indices into frames.usccs) per item, in items order. */
  selections: { code: string; members: number[] }[];
  tasks: Task[];
  unstaffed: UnstaffedTask[];
  measures: DrawMeasures;
}
