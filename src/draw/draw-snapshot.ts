import { gunzipSync, gzipSync } from 'node:zlib';
import { bundleJson, framesFromJson, parseBundle, typedArraysAsArrays } from './engine/bundle';
import type { Frames, RoundInspector } from './engine/types';
import type { DrawBundle } from './engine/verify';
import { AppError } from '../shared/app-error';

/** What a round freezes at commitment: the frames and inspectors its draw will use. */
export interface RoundSnapshot {
  frames: Frames;
  inspectors: RoundInspector[];
  departmentNames: Record<number, string>;
  itemNames: Record<string, string>;
}

export const packSnapshot = (snapshot: RoundSnapshot): Buffer => gzipSync(JSON.stringify(snapshot, typedArraysAsArrays));

export function unpackSnapshot(data: Buffer): RoundSnapshot {
  const raw = JSON.parse(gunzipSync(data).toString('utf8')) as RoundSnapshot;
  return { ...raw, frames: framesFromJson(raw.frames) };
}

export const packBundle = (bundle: DrawBundle): Buffer => gzipSync(bundleJson(bundle));

export function unpackBundle(data: Buffer): DrawBundle {
  const parsed = parseBundle(gunzipSync(data).toString('utf8'));
  if ('problem' in parsed) throw new AppError('CONFLICT', `存储的抽取记录包无法读取：${parsed.problem}`);
  return parsed.bundle;
}
