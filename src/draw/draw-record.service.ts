import { type Actor, requirePermission } from '../auth/actor';
import { notFound } from '../shared/app-error';
import type { AppDeps } from '../shared/context';
import { type StoredRecord, unpackBundle, unpackRecord, unpackSnapshot } from './draw-snapshot';
import { verifyBundle } from './engine/verify';
import { findRound, findRoundSnapshot, listRounds as listRoundRows, numberedRound } from './draw-round.repository';
import type { EntropyReveal } from './engine/commitment';
import { rfc3797Sources } from './engine/rfc3797';
import { entropyOpensAt } from './round-rules';
import { findRecord, listRoundRecords } from './draw-record.repository';
import {
  bundleForReader,
  departmentItemCodes,
  readerDepartment,
  requireWholeRecordReader,
  visibleMeasures,
  visibleResult,
} from './draw-scope';

/** A round without its frame snapshot; 404 when there is none. */
export async function roundRow(deps: AppDeps, roundNo: string) {
  const row = await findRound(deps.db, roundNo);
  if (!row) throw notFound(`抽取轮次 ${roundNo} `);
  return row;
}

export async function roundSnapshot(deps: AppDeps, roundId: number) {
  return unpackSnapshot(await findRoundSnapshot(deps.db, roundId));
}

/** What was entered, as the public page shows it: the key string with each source's numbers, or the local seed. */
function revealView(reveal: EntropyReveal) {
  return reveal.kind === 'lottery'
    ? { kind: 'lottery' as const, keyString: reveal.keyString, numbers: rfc3797Sources(reveal.keyString) }
    : { kind: 'local' as const, seed: reveal.seed };
}

/**
 * A round with its commitment and every record (earlier ones stay visible after a redraw): for each,
 * what was entered and by whom (name and department, nothing else of the user).
 */
export async function publicRound(deps: AppDeps, roundNo: string) {
  const row = await roundRow(deps, roundNo);
  const records = await listRoundRecords(deps.db, row.id);
  const opensAt = entropyOpensAt(row.commitment.entropy);
  return {
    ...numberedRound(row),
    window: { from: row.window_from, to: row.window_to },
    design: row.design,
    commitment: row.commitment,
    commitmentHash: row.commitment_hash,
    committedAt: row.created_at.toISOString(),
    entropyOpensAt: opensAt?.toISOString() ?? null,
    entropyOpen: !opensAt || deps.clock.now().getTime() >= opensAt.getTime(),
    records: records.map((r, n) => ({
      recordNo: r.record_no,
      // Records drawn before the entry was kept apart: read it from their bundle.
      reveal: revealView(r.reveal ?? unpackRecord(r.legacy_bundle!).reveal),
      enteredBy:
        r.entered_by_name === null ? null : { name: r.entered_by_name, department: r.entered_by_department ?? '' },
      seed: r.seed,
      recordDigest: r.record_digest,
      redrawOf: r.redraw_of,
      redrawReason: r.redraw_reason,
      drawnAt: r.created_at.toISOString(),
      current: n === records.length - 1,
      summary: {
        frameSubjects: r.measures.frameSubjects,
        distinctVisits: r.measures.distinctVisits,
        tasks: r.measures.tasks,
        unstaffed: r.measures.unstaffed,
      },
    })),
  };
}

export async function getRound(deps: AppDeps, actor: Actor | null, roundNo: string) {
  requirePermission(actor, 'draw:round:read');
  return publicRound(deps, roundNo);
}

export async function listRounds(deps: AppDeps, actor: Actor | null) {
  requirePermission(actor, 'draw:round:read');
  const rows = await listRoundRows(deps.db);
  return rows.map((r) => ({
    ...numberedRound(r),
    window: { from: r.window_from, to: r.window_to },
    committedAt: r.created_at.toISOString(),
  }));
}

async function recordRow(deps: AppDeps, recordNo: string) {
  const row = await findRecord(deps.db, recordNo);
  if (!row) throw notFound(`抽取记录 ${recordNo} `);
  return row;
}

type RecordRow = Awaited<ReturnType<typeof recordRow>>;

type PresentedRow = Pick<
  RecordRow,
  'record_no' | 'round_no' | 'title' | 'seed' | 'record_digest' | 'redraw_reason' | 'created_at' | 'measures'
>;

/** A record as sealed: number, seed, digest, signature and measures, without its tasks (draw.schemas.ts drawRunView). */
export function presentSeal(row: PresentedRow, signature: StoredRecord['signature']) {
  return {
    recordNo: row.record_no,
    roundNo: row.round_no,
    title: row.title,
    seed: row.seed,
    recordDigest: row.record_digest,
    redrawReason: row.redraw_reason,
    drawnAt: row.created_at.toISOString(),
    measures: row.measures,
    signature,
  };
}

/** A record for its page: measures, signature, tasks with item and department names, unstaffed reasons. */
export function presentRecord(row: PresentedRow, stored: StoredRecord) {
  const { itemNames, departmentNames } = stored;
  return {
    ...presentSeal(row, stored.signature),
    tasks: stored.result.tasks.map((t) => ({
      ...t,
      itemNames: t.itemCodes.map((c) => itemNames[c] ?? c),
      departments: t.departmentIds.map((d) => departmentNames[d] ?? String(d)),
    })),
    unstaffed: stored.result.unstaffed,
  };
}

/** A record for a reader confined to `department` (null: every department), src/draw/draw-scope.ts. */
async function recordView(deps: AppDeps, recordNo: string, department: number | null) {
  const row = await recordRow(deps, recordNo);
  const stored = unpackRecord(row.bundle);
  const noNames = Object.keys(stored.itemNames).length === 0;
  if (department === null && !noNames) return presentRecord(row, stored);
  const snapshot = await roundSnapshot(deps, row.round_id);
  // Records sealed before item names were kept with them: the names are in the round's snapshot.
  if (noNames) Object.assign(stored, { itemNames: snapshot.itemNames });
  if (department === null) return presentRecord(row, stored);
  const ownItems = departmentItemCodes(snapshot.frames, department);
  return presentRecord(
    { ...row, measures: visibleMeasures(row.measures, ownItems) },
    { ...stored, result: { ...stored.result, ...visibleResult(stored.result, department) } },
  );
}

export async function getRecord(deps: AppDeps, actor: Actor | null, recordNo: string) {
  requirePermission(actor, 'draw:round:read');
  return recordView(deps, recordNo, readerDepartment(actor));
}

async function wholeBundle(deps: AppDeps, recordNo: string) {
  const row = await recordRow(deps, recordNo);
  return unpackBundle(row.bundle, await findRoundSnapshot(deps.db, row.round_id));
}

/** The auditors' bundle: everything needed to recompute the draw, as stored and signed (readers of every department). */
export async function recordBundle(deps: AppDeps, actor: Actor | null, recordNo: string) {
  requirePermission(actor, 'draw:round:read');
  requireWholeRecordReader(readerDepartment(actor));
  return wholeBundle(deps, recordNo);
}

/** The bundle as far as the reader may see it, for the frame and task CSV files. */
export async function readerBundle(deps: AppDeps, actor: Actor | null, recordNo: string) {
  requirePermission(actor, 'draw:round:read');
  return bundleForReader(await wholeBundle(deps, recordNo), readerDepartment(actor));
}

/** Recompute a stored record (the public verification page). */
export async function verifyRecord(deps: AppDeps, recordNo: string) {
  const row = await recordRow(deps, recordNo);
  const outcome = verifyBundle(unpackBundle(row.bundle, await findRoundSnapshot(deps.db, row.round_id)));
  return {
    recordNo,
    ...(outcome.identical
      ? { identical: true as const, difference: null }
      : { identical: false as const, difference: outcome.difference }),
  };
}
