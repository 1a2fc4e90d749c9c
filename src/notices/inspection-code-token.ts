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

/** The claims when the signature holds; null for anything malformed, altered or signed by another key. */
export async function readInspectionCode(token: string, key: KeyObject): Promise<InspectionCodeClaims | null> {
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
