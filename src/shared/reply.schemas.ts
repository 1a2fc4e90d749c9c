import { z } from 'zod';

/** A 204 reply: documents that the route answers with no body (the API contract test counts it as declared). */
export const noContent = z.void().describe('无内容');

/** A platform signing key as published for verifiers (Ed25519, SPKI DER base64). */
export const publicKeyView = z.object({ algorithm: z.string(), publicKey: z.string() });
