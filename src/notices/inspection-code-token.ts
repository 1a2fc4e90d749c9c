import { CompactSign, compactVerify } from 'jose';
import type { KeyObject } from 'node:crypto';

/** What a 检查码 carries (short claim names keep the QR small). */
export interface InspectionCodeClaims {
  /** Token id. */
  jti: string;
  /** Task number. */
  tno: string;
  /** The subject's USCC. */
  sub: string;
  /** Inspection window, 'YYYY-MM-DD'. */
  wf: string;
  wt: string;
  /** Issued at and expiry, seconds since the epoch. */
  iat: number;
  exp: number;
}

/** An Ed25519-signed compact JWS (header.payload.signature, base64url). */
export async function signInspectionCode(claims: InspectionCodeClaims, key: KeyObject): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
    .setProtectedHeader({ alg: 'EdDSA', typ: 'lianjian-inspection-code' })
    .sign(key);
}

/**
 * Codes whose signature was found to hold, per key: a signature that holds today holds tomorrow, so a code verified
 * again (the public page is opened many times) skips the Ed25519 check. Only genuine codes are kept, at most
 * GENUINE_KEPT per key, the oldest forgotten first: a guesser's random codes never enter. What the code's task says
 * now (revoked, expired …) is never kept here; the verification reads it every time.
 */
const GENUINE_KEPT = 20_000;
const genuine = new WeakMap<KeyObject, Map<string, InspectionCodeClaims>>();

/** The claims when the signature holds; null for anything malformed, altered or signed by another key. */
export async function readInspectionCode(token: string, key: KeyObject): Promise<InspectionCodeClaims | null> {
  const known = genuine.get(key)?.get(token);
  if (known) return known;
  const claims = await checkSignature(token, key);
  if (claims) {
    let kept = genuine.get(key);
    if (!kept) genuine.set(key, (kept = new Map()));
    if (kept.size >= GENUINE_KEPT) kept.delete(kept.keys().next().value!);
    kept.set(token, Object.freeze(claims));
  }
  return claims;
}

async function checkSignature(token: string, key: KeyObject): Promise<InspectionCodeClaims | null> {
  try {
    const { payload } = await compactVerify(token, key, { algorithms: ['EdDSA'] });
    const claims = JSON.parse(new TextDecoder().decode(payload)) as Partial<InspectionCodeClaims>;
    if (
      typeof claims.jti !== 'string' ||
      typeof claims.tno !== 'string' ||
      typeof claims.exp !== 'number' ||
      typeof claims.wt !== 'string'
    )
      return null;
    return claims as InspectionCodeClaims;
  } catch {
    return null;
  }
}
