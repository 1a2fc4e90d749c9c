import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, errorStatus } from '../shared/app-error';

const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`;

/** The one place an error becomes an HTTP response: `{ error: { code, message, details? } }`. */
export function handleError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof AppError) {
    return reply
      .status(errorStatus[error.code])
      .send({ error: { code: error.code, message: error.message, details: error.details } });
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details = error.validation.map((v) => ({
      field: v.instancePath.replace(/^\//, '').replaceAll('/', '.') || String(v.params?.['missingProperty'] ?? ''),
      message: v.message ?? '格式不正确',
    }));
    const message = details.map((d) => (d.field ? `${d.field}：${d.message}` : d.message)).join('；');
    return reply.status(400).send({ error: { code: 'VALIDATION', message: `输入有误：${message}`, details } });
  }
  const statusCode = (error as FastifyError).statusCode;
  if (statusCode === 413) {
    // A body over the route's limit (refused by its Content-Length before it is read, or as soon as it passes
    // the limit), or a multipart upload with too large a file or too many parts.
    const limit =
      (error as FastifyError).code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? request.routeOptions.bodyLimit : undefined;
    const message = limit
      ? `请求内容过大，超过本接口 ${sizeText(limit)} 的上限`
      : '上传的内容过大或文件过多，超过本接口的上限';
    return reply.status(413).send({ error: { code: 'TOO_LARGE', message } });
  }
  if (statusCode && statusCode < 500) {
    const message =
      statusCode === 404 ? '接口不存在' : statusCode === 415 ? '不支持的内容类型' : `请求无效：${error.message}`;
    return reply.status(statusCode).send({ error: { code: statusCode === 404 ? 'NOT_FOUND' : 'VALIDATION', message } });
  }
  // A unique constraint caught a request that raced an identical one (double submission, double click): the first one won.
  if ((error as { code?: unknown }).code === '23505') {
    request.log.warn({ err: error }, 'unique violation answered as conflict');
    return reply
      .status(409)
      .send({ error: { code: 'CONFLICT', message: '该操作已由另一个同时提交的请求完成，请刷新后查看' } });
  }
  // A value the schema let through but the database cannot hold (an id beyond its integer range, 2026-02-30): the
  // request is wrong, not the server, and its transaction has rolled back.
  const sqlState = (error as { code?: unknown }).code;
  if (typeof sqlState === 'string' && /^22[0-9A-Z]{3}$/.test(sqlState)) {
    request.log.warn({ err: error }, 'data exception answered as bad input');
    return reply.status(400).send({ error: { code: 'BAD_INPUT', message: dataExceptionMessage(sqlState) } });
  }
  request.log.error({ err: error }, 'unhandled error');
  return reply.status(500).send({ error: { code: 'INTERNAL', message: '服务器内部错误，请稍后重试或联系管理员' } });
}

/** PostgreSQL's data exceptions (SQLSTATE class 22) in words a user can act on. */
function dataExceptionMessage(sqlState: string): string {
  if (sqlState === '22003') return '输入有误：数值超出允许的范围';
  if (sqlState === '22007' || sqlState === '22008') return '输入有误：日期或时间不存在或格式不正确';
  if (sqlState === '22021' || sqlState === '22P05') return '输入有误：含有不允许的字符';
  if (sqlState === '22001') return '输入有误：内容过长';
  return '输入有误：数据格式不正确';
}
