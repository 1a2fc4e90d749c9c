import type { AttachmentType } from './complaint-intake.table';

/** At most this many files per complaint, each at most ATTACHMENT_MAX_BYTES. */
export const ATTACHMENT_MAX_FILES = 5;
export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;

/** The type of a file by its first bytes (JPEG, PNG, PDF), whatever its name or declared type says; null otherwise. */
export function sniffAttachmentType(data: Buffer): AttachmentType | null {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (data.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  return null;
}

/** A file name safe to store and send back: no path, no control characters, at most 100 characters. */
export function cleanFileName(name: string, type: AttachmentType): string {
  const base = name
    .split(/[\\/]/)
    .pop()!
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .trim()
    .slice(-100);
  const extension = type === 'application/pdf' ? '.pdf' : type === 'image/png' ? '.png' : '.jpg';
  return base || `附件${extension}`;
}
