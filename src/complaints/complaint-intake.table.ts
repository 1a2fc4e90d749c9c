import type { ColumnType, Generated } from 'kysely';

export const attachmentTypes = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type AttachmentType = (typeof attachmentTypes)[number];

/** A file attached to a complaint (photo or PDF), its type checked by its first bytes, not by its name. */
export interface ComplaintAttachmentTable {
  id: Generated<number>;
  complaint_id: number;
  file_name: string;
  content_type: AttachmentType;
  size: number;
  sha256: string;
  data: Buffer;
  /** Null: the complainant on the portal. */
  uploaded_by: number | null;
  uploaded_at: ColumnType<Date, Date, never>;
}
