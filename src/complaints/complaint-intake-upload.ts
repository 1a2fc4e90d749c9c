import type { FastifyRequest } from 'fastify';
import { AppError } from '../shared/app-error';
import { ATTACHMENT_MAX_BYTES } from './complaint-attachment';

export interface ReceivedFile {
  fileName: string;
  data: Buffer;
  fields: Record<string, string>;
}

/** The one file of a multipart request (fields sent before it in `fields`), refused beyond ATTACHMENT_MAX_BYTES. */
export async function readAttachment(request: FastifyRequest): Promise<ReceivedFile> {
  if (!request.isMultipart()) throw new AppError('BAD_FILE', '请以 multipart/form-data 方式上传文件');
  const part = await request.file({ limits: { fileSize: ATTACHMENT_MAX_BYTES, files: 1 } });
  if (!part) throw new AppError('BAD_FILE', '请求中没有文件');
  const tooLarge = () => new AppError('BAD_FILE', '每个附件不能超过 5 MB', [{ field: 'file', message: '超过 5 MB' }]);
  const data = await part.toBuffer().catch(() => {
    throw tooLarge();
  });
  if (part.file.truncated) throw tooLarge();
  const fields: Record<string, string> = {};
  for (const [name, field] of Object.entries(part.fields)) {
    const one = Array.isArray(field) ? field[0] : field;
    if (one && one.type === 'field' && typeof one.value === 'string') fields[name] = one.value;
  }
  return { fileName: part.filename, data, fields };
}
