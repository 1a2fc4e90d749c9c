import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../shared/app-error';

export interface UploadedFile {
  fileName: string;
  contentType: string;
  data: Buffer;
}

/**
 * The one file of a multipart request (fields sent before it are in `fields`), refused beyond `maxBytes` and, when
 * `types` is given, unless its declared type is one of them (a caller that checks the content itself passes none).
 */
export async function readUpload(
  request: FastifyRequest,
  maxBytes: number,
  types?: readonly string[],
): Promise<UploadedFile & { fields: Record<string, string> }> {
  if (!request.isMultipart()) throw new AppError('BAD_FILE', '请以 multipart/form-data 方式上传文件');
  const part = await request.file({ limits: { fileSize: maxBytes, files: 1 } });
  if (!part) throw new AppError('BAD_FILE', '请求中没有文件');
  const mb = Math.round(maxBytes / 1024 / 1024);
  const tooLarge = () =>
    new AppError('BAD_FILE', `文件不能超过 ${mb} MB`, [{ field: 'file', message: `超过 ${mb} MB` }]);
  const data = await part.toBuffer().catch(() => {
    throw tooLarge();
  });
  if (part.file.truncated) throw tooLarge();
  if (types && !types.includes(part.mimetype))
    throw new AppError('BAD_FILE', '文件类型不支持', [{ field: 'file', message: `仅支持 ${types.join('、')}` }]);
  const fields: Record<string, string> = {};
  for (const [name, field] of Object.entries(part.fields)) {
    const one = Array.isArray(field) ? field[0] : field;
    if (one && one.type === 'field' && typeof one.value === 'string') fields[name] = one.value;
  }
  return { fileName: part.filename, contentType: part.mimetype, data, fields };
}

/** A stored file sent back as a download (or shown inline, for an evidence preview), never sniffed as another type. */
export function sendFile(reply: FastifyReply, file: UploadedFile, inline = false) {
  return reply
    .type(file.contentType)
    .header(
      'content-disposition',
      `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    )
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .send(file.data);
}
