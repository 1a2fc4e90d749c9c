import { AppError } from '../shared/app-error';
import { parseBundle } from './engine/bundle';
import { verifyBundle } from './engine/verify';

/**
 * The largest audit bundle the public verification accepts. A bundle is about 230 bytes per subject
 * (300 items, 40 departments): 32 MB is a round of about 140,000 subjects, checked in about 2.5 s
 * with about 200 MB of memory. The published records themselves are verified on the server without
 * an upload (GET /api/public/draw-records/:no/verify), whatever their size.
 */
export const BUNDLE_UPLOAD_LIMIT = 32 * 1024 * 1024;

/** Recomputes a draw from the text of its audit bundle: identical, or the first difference. */
export function verifyBundleText(text: string): { identical: boolean; difference: string | null } {
  const parsed = parseBundle(text);
  if ('problem' in parsed) throw new AppError('BAD_FILE', parsed.problem);
  const outcome = verifyBundle(parsed.bundle);
  return outcome.identical
    ? { identical: true, difference: null }
    : { identical: false, difference: outcome.difference };
}
