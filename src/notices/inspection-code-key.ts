import type { Db } from '../db/database';
import { type PlatformKey, platformKey } from '../platform-keys/platform-key.service';

/** The key of 检查码: public half published at /api/public/inspection-codes/key. */
export type InspectionCodeKey = PlatformKey;

/** A key of its own for 检查码, separate from the draw records' key (src/draw/platform-key.ts). */
export const inspectionCodeKey = (db: Db, now: Date): Promise<InspectionCodeKey> =>
  platformKey(db, 'inspection-code', now);
