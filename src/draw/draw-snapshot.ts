import { promisify } from 'node:util';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip, gunzipSync, gzip as gzipCallback } from 'node:zlib';
import { jsonPieces } from '../shared/json-pieces';
import { framesFromJson, typedArraysAsArrays } from './engine/bundle';
import { PPM } from './engine/inclusion';
import type { FrameItem, Frames, RoundInspector } from './engine/types';
import type { DrawBundle } from './engine/verify';

/** What a round freezes at commitment: the frames and inspectors its draw will use. */
export interface RoundSnapshot {
  frames: Frames;
  inspectors: RoundInspector[];
  departmentNames: Record<number, string>;
  itemNames: Record<string, string>;
}

/** A stored record: the bundle without what its round already holds (frames, inspectors), with the item names. */
export type StoredRecord = Omit<DrawBundle, 'frames' | 'inspectors'> & { itemNames: Record<string, string> };

const MAGIC = Buffer.from('LJS2', 'ascii');
/** Level 1: a 1,000,000-subject frame packs in about a second; level 6 took ten times as long for 20 % less. */
const gzipInPool = promisify(gzipCallback);
const pad4 = (n: number) => (n + 3) & ~3;

type ItemMeta = Omit<FrameItem, 'members' | 'piPpm' | 'stratum'> & {
  length: number;
  /** Bytes of the members' varint-coded gaps. */
  memberBytes: number;
  /** The item's distinct π values when there are at most 256: π is then stored as one byte per member. */
  piValues: number[] | null;
};
interface SnapshotMeta {
  items: ItemMeta[];
  excluded: Frames['excluded'];
  subjects: number;
  usccBytes: number;
  inspectors: RoundInspector[];
  departmentNames: Record<number, string>;
  itemNames: Record<string, string>;
}

/** Ascending member positions as LEB128 varints of their gaps (most gaps fit one or two bytes). */
function encodeGaps(members: Int32Array): Uint8Array {
  const out = new Uint8Array(members.length * 5);
  let at = 0;
  let previous = 0;
  for (let k = 0; k < members.length; k += 1) {
    let gap = members[k]! - previous;
    previous = members[k]!;
    while (gap >= 0x80) {
      out[at++] = (gap & 0x7f) | 0x80;
      gap >>>= 7;
    }
    out[at++] = gap;
  }
  return out.subarray(0, at);
}

function decodeGaps(bytes: Uint8Array, length: number): Int32Array {
  const members = new Int32Array(length);
  let at = 0;
  let value = 0;
  for (let k = 0; k < length; k += 1) {
    let gap = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = bytes[at++]!;
      gap |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    value += gap;
    members[k] = value;
  }
  return members;
}

function distinctValues(values: Int32Array, limit: number): number[] | null {
  // An item has a few π (by class and risk), often in runs: the last value is tried first, then the short list (a Set
  // only once it is long); a Set alone cost a lookup for each of twelve million memberships.
  const seen: number[] = [];
  let many: Set<number> | null = null;
  let last = Number.NaN;
  for (let k = 0; k < values.length; k += 1) {
    const v = values[k]!;
    if (v === last) continue;
    last = v;
    if (many ? many.has(v) : seen.includes(v)) continue;
    if (v < 0 || v > PPM) return null;
    if (seen.length === limit) return null;
    seen.push(v);
    if (many) many.add(v);
    else if (seen.length > 16) many = new Set(seen);
  }
  return seen.sort((a, b) => a - b);
}

/**
 * The snapshot as one binary block, gzip level 1: a JSON header (items, exclusions, inspectors,
 * names), the USCCs as newline-separated text, the register ids as float64, and per item its
 * members (varint gaps), π (one byte into the item's π values, or int32) and strata (uint8).
 * JSON of the same frames is ten times slower to write and read at a million subjects.
 * The compression runs in libuv's thread pool: it neither blocks the server's event loop (about a second for a
 * million-subject frame) nor the commitment's Merkle hashing, which goes on meanwhile (draw.service.ts).
 */
export function packSnapshot(snapshot: RoundSnapshot): Promise<Buffer> {
  const { frames } = snapshot;
  const usccs = Buffer.from(frames.usccs.join('\n'), 'utf8');
  const sections: Uint8Array[] = [];
  const piCode = new Uint8Array(PPM + 1);
  const items: ItemMeta[] = frames.items.map(({ members, piPpm, stratum, ...rest }) => {
    const gaps = encodeGaps(members);
    const piValues = distinctValues(piPpm, 256);
    let pis: Uint8Array;
    if (piValues) {
      piValues.forEach((v, k) => (piCode[v] = k));
      pis = new Uint8Array(piPpm.length);
      for (let k = 0; k < piPpm.length; k += 1) pis[k] = piCode[piPpm[k]!]!;
    } else pis = new Uint8Array(piPpm.buffer, piPpm.byteOffset, piPpm.byteLength);
    sections.push(gaps, pis, stratum);
    return { ...rest, length: members.length, memberBytes: gaps.length, piValues };
  });
  const meta: SnapshotMeta = {
    items,
    excluded: frames.excluded,
    subjects: frames.usccs.length,
    usccBytes: usccs.length,
    inspectors: snapshot.inspectors,
    departmentNames: snapshot.departmentNames,
    itemNames: snapshot.itemNames,
  };
  const head = Buffer.from(JSON.stringify(meta), 'utf8');
  const parts: Uint8Array[] = [MAGIC, Buffer.from(new Uint32Array([head.length]).buffer), head];
  const align = () => {
    const used = parts.reduce((a, p) => a + p.byteLength, 0);
    if (used % 4) parts.push(new Uint8Array(4 - (used % 4)));
  };
  align();
  parts.push(usccs);
  align();
  parts.push(new Uint8Array(Float64Array.from(frames.subjectIds).buffer));
  for (const section of sections) parts.push(section);
  return gzipInPool(Buffer.concat(parts), { level: 1 });
}

function readBinarySnapshot(data: Buffer): RoundSnapshot {
  let at = 4;
  const headLength = data.readUInt32LE(at);
  at += 4;
  const meta = JSON.parse(data.toString('utf8', at, at + headLength)) as SnapshotMeta;
  at = pad4(at + headLength);
  const usccs = meta.subjects === 0 ? [] : data.toString('utf8', at, at + meta.usccBytes).split('\n');
  at = pad4(at + meta.usccBytes);
  // Copies (slice) give each array its own aligned buffer, independent of the decompressed block.
  const copy = (bytes: number) => {
    const out = data.buffer.slice(data.byteOffset + at, data.byteOffset + at + bytes);
    at += bytes;
    return out;
  };
  const view = (bytes: number) => {
    const out = data.subarray(at, at + bytes);
    at += bytes;
    return out;
  };
  const subjectIds = Array.from(new Float64Array(copy(meta.subjects * 8)));
  const items: FrameItem[] = meta.items.map(({ length, memberBytes, piValues, ...rest }) => {
    const members = decodeGaps(view(memberBytes), length);
    let piPpm: Int32Array;
    if (piValues) {
      const codes = view(length);
      piPpm = new Int32Array(length);
      for (let k = 0; k < length; k += 1) piPpm[k] = piValues[codes[k]!]!;
    } else piPpm = new Int32Array(copy(length * 4));
    const stratum = new Uint8Array(copy(length));
    return { ...rest, members, piPpm, stratum };
  });
  return {
    frames: { usccs, subjectIds, items, excluded: meta.excluded },
    inspectors: meta.inspectors,
    departmentNames: meta.departmentNames,
    itemNames: meta.itemNames,
  };
}

export function unpackSnapshot(data: Buffer): RoundSnapshot {
  const raw = gunzipSync(data);
  if (raw.subarray(0, 4).equals(MAGIC)) return readBinarySnapshot(raw);
  // Rounds committed before the binary format: gzip of the snapshot's JSON.
  const json = JSON.parse(raw.toString('utf8')) as RoundSnapshot;
  return { ...json, frames: framesFromJson(json.frames) };
}

/**
 * A record keeps only what its round does not: the result, seed, digest and signature (and the names, for display).
 * Stored as gzip level 1, its JSON written in pieces (src/shared/json-pieces.ts) into the compressor, which
 * runs in the thread pool: a million-subject record is about 40 MB of JSON that, made at once, was held as a string
 * and again as its bytes, and set the draw's peak memory.
 */
export async function packRecord(bundle: DrawBundle, itemNames: Record<string, string>): Promise<Buffer> {
  const { frames, inspectors, ...rest } = bundle;
  const stored: StoredRecord = { ...rest, itemNames };
  const chunks: Buffer[] = [];
  await pipeline(
    Readable.from(jsonPieces(stored, (value) => typedArraysAsArrays('', value))),
    createGzip({ level: 1, chunkSize: 1 << 18 }),
    async (compressed: AsyncIterable<Buffer>) => {
      for await (const chunk of compressed) chunks.push(chunk);
    },
  );
  return Buffer.concat(chunks);
}

export function unpackRecord(data: Buffer): StoredRecord {
  const stored = JSON.parse(gunzipSync(data).toString('utf8')) as StoredRecord;
  return { ...stored, itemNames: stored.itemNames ?? {} };
}

/** The auditors' bundle of a record: the stored record joined with its round's snapshot. */
export function unpackBundle(record: Buffer, roundSnapshot: Buffer): DrawBundle {
  const stored = unpackRecord(record) as StoredRecord & Partial<Pick<DrawBundle, 'frames' | 'inspectors'>>;
  // Records sealed before records and rounds were stored apart hold the whole bundle.
  if (stored.frames) {
    const { itemNames, ...whole } = stored;
    return { ...(whole as DrawBundle), frames: framesFromJson(stored.frames) };
  }
  const { frames, inspectors, departmentNames } = unpackSnapshot(roundSnapshot);
  const { format, recordNo, redraw, commitment, reveal, seed, result, recordDigest, signature } = stored;
  // departmentNames from the snapshot: records stored before names were kept in them lack them.
  return {
    format,
    recordNo,
    redraw,
    commitment,
    reveal,
    seed,
    frames,
    inspectors,
    departmentNames,
    result,
    recordDigest,
    signature,
  };
}
