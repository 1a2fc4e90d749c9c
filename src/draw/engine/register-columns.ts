import type { CreditClass, RegisterColumns, RegisterSubject, RiskLevel } from './types';

/** Credit classes as the columns code them: 0 not yet classified, then A … D. */
export const creditCodes: readonly (CreditClass | null)[] = [null, 'A', 'B', 'C', 'D'];
/** Composite risk levels as the columns code them: 0 none assessed, then 低 … 高. */
export const riskCodes: readonly (RiskLevel | null)[] = [null, '低', '一般', '较高', '高'];

/** One subject's facts as the builder takes them; industry codes as one comma-separated text. */
export interface RegisterRow {
  id: number;
  uscc: string;
  kind: string;
  divisionCode: string;
  status: string;
  creditClass: CreditClass | null;
  keyTarget: boolean;
  whitelisted: boolean;
  industryCodes: string;
  riskLevel: RiskLevel | null;
}

const noCodes: readonly string[] = Object.freeze([]);

/** The value's code in a list of the values seen so far (a new value is added), at most `limit` of them. */
function code(seen: string[], value: string, what: string, limit = 255): number {
  let at = seen.indexOf(value);
  if (at < 0) {
    if (seen.length > limit) throw new Error(`register columns: more than ${limit + 1} distinct values of ${what}`);
    at = seen.push(value) - 1;
  }
  return at;
}

/** The value's code in a fixed list; a value outside it is refused. */
function known<T>(codes: readonly T[], value: T, what: string): number {
  const at = codes.indexOf(value);
  if (at < 0) throw new Error(`register columns: unknown ${what} ${String(value)}`);
  return at;
}

/** Fills the columns a subject at a time, growing them as needed; `done` trims them to the subjects added. */
export class RegisterColumnsBuilder {
  private size = 0;
  private ids: Float64Array;
  private readonly usccs: string[] = [];
  private status: Uint8Array;
  private readonly statuses: string[] = [];
  private kind: Uint16Array;
  private readonly kinds: string[] = [];
  private division: Int32Array;
  private readonly divisionIds = new Map<string, number>();
  private industries: Int32Array;
  private readonly industryIds = new Map<string, number>();
  private readonly industryLists: (readonly string[])[] = [];
  private credit: Uint8Array;
  private risk: Uint8Array;
  private keyTarget: Uint8Array;
  private whitelisted: Uint8Array;
  private readonly tags = new Map<number, readonly string[]>();

  constructor(expected = 1024) {
    const n = Math.max(16, expected);
    this.ids = new Float64Array(n);
    this.status = new Uint8Array(n);
    this.kind = new Uint16Array(n);
    this.division = new Int32Array(n);
    this.industries = new Int32Array(n);
    this.credit = new Uint8Array(n);
    this.risk = new Uint8Array(n);
    this.keyTarget = new Uint8Array(n);
    this.whitelisted = new Uint8Array(n);
  }

  private grow(): void {
    const n = this.ids.length * 2;
    const more = <T extends Float64Array | Uint8Array | Uint16Array | Int32Array>(
      old: T,
      make: (n: number) => T,
    ): T => {
      const grown = make(n);
      grown.set(old as never);
      return grown;
    };
    this.ids = more(this.ids, (k) => new Float64Array(k));
    this.status = more(this.status, (k) => new Uint8Array(k));
    this.kind = more(this.kind, (k) => new Uint16Array(k));
    this.division = more(this.division, (k) => new Int32Array(k));
    this.industries = more(this.industries, (k) => new Int32Array(k));
    this.credit = more(this.credit, (k) => new Uint8Array(k));
    this.risk = more(this.risk, (k) => new Uint8Array(k));
    this.keyTarget = more(this.keyTarget, (k) => new Uint8Array(k));
    this.whitelisted = more(this.whitelisted, (k) => new Uint8Array(k));
  }

  add(row: RegisterRow): number {
    const i = this.size;
    if (i === this.ids.length) this.grow();
    this.ids[i] = row.id;
    this.usccs.push(row.uscc);
    this.status[i] = code(this.statuses, row.status, 'status');
    this.kind[i] = code(this.kinds, row.kind, 'kind', 65535);
    let division = this.divisionIds.get(row.divisionCode);
    if (division === undefined) this.divisionIds.set(row.divisionCode, (division = this.divisionIds.size));
    this.division[i] = division;
    let industries = this.industryIds.get(row.industryCodes);
    if (industries === undefined) {
      this.industryIds.set(row.industryCodes, (industries = this.industryLists.length));
      this.industryLists.push(row.industryCodes === '' ? noCodes : Object.freeze(row.industryCodes.split(',')));
    }
    this.industries[i] = industries;
    this.credit[i] = known(creditCodes, row.creditClass, 'credit class');
    this.risk[i] = known(riskCodes, row.riskLevel, 'risk level');
    this.keyTarget[i] = row.keyTarget ? 1 : 0;
    this.whitelisted[i] = row.whitelisted ? 1 : 0;
    this.size = i + 1;
    return i;
  }

  /** Tags of the subject at position i (tags of a subject not added are refused). */
  tag(i: number, codes: readonly string[]): void {
    if (i < 0 || i >= this.size) throw new Error(`register columns: no subject at ${i}`);
    if (codes.length > 0) this.tags.set(i, codes);
  }

  /** The subjects' ids, by position, while they are being added (for attaching tags). */
  idAt(i: number): number {
    return this.ids[i]!;
  }

  get count(): number {
    return this.size;
  }

  done(): RegisterColumns {
    const n = this.size;
    return {
      count: n,
      ids: this.ids.slice(0, n),
      usccs: this.usccs,
      status: this.status.slice(0, n),
      statuses: this.statuses,
      kind: this.kind.slice(0, n),
      kinds: this.kinds,
      division: this.division.slice(0, n),
      divisions: [...this.divisionIds.keys()],
      industries: this.industries.slice(0, n),
      industryLists: this.industryLists,
      credit: this.credit.slice(0, n),
      risk: this.risk.slice(0, n),
      keyTarget: this.keyTarget.slice(0, n),
      whitelisted: this.whitelisted.slice(0, n),
      tags: this.tags,
    };
  }
}

/** The subject at position i as an object (a few subjects at a time: the checks of one registration or warning). */
export function subjectAt(register: RegisterColumns, i: number): RegisterSubject {
  return {
    id: register.ids[i]!,
    uscc: register.usccs[i]!,
    kind: register.kinds[register.kind[i]!]!,
    divisionCode: register.divisions[register.division[i]!]!,
    industryCodes: register.industryLists[register.industries[i]!]! as string[],
    tags: (register.tags.get(i) ?? noCodes) as string[],
    status: register.statuses[register.status[i]!]!,
    creditClass: creditCodes[register.credit[i]!]!,
    keyTarget: register.keyTarget[i] === 1,
    whitelisted: register.whitelisted[i] === 1,
    riskLevel: riskCodes[register.risk[i]!]!,
  };
}
