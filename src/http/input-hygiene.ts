import '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../shared/app-error';
import { textFault, textFaultNames } from '../shared/text-hygiene';
import { isApiPath } from './auth-plugin';

/** Deepest nesting of objects and arrays a JSON body may have; no form of this platform needs more than a few. */
export const MAX_JSON_DEPTH = 32;

const badInput = (message: string, field: string): AppError => new AppError('BAD_INPUT', message, [{ field, message }]);

function textProblem(text: string): string | null {
  const fault = textFault(text);
  return fault ? `请求中含有不允许的字符（${textFaultNames[fault]}）` : null;
}

/**
 * Whether JSON text nests objects and arrays deeper than `max`, found in one pass over the text
 * (brackets inside strings do not count) without recursion, so a body of 50,000 `[` costs one loop.
 */
export function jsonNestsDeeper(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth += 1;
      if (depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth -= 1;
  }
  return false;
}

/** The first string (value or key) of a parsed value that no route accepts, with where it is and why. */
function findBadText(value: unknown, path: string): { field: string; message: string } | null {
  if (typeof value === 'string') {
    const message = textProblem(value);
    return message ? { field: path, message } : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const bad = findBadText(value[i], `${path}.${i}`);
      if (bad) return bad;
    }
    return null;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const keyMessage = textProblem(key);
      if (keyMessage) return { field: path, message: keyMessage };
      const bad = findBadText(item, `${path}.${key}`);
      if (bad) return bad;
    }
  }
  return null;
}

function assertClean(value: unknown, path: string): void {
  const bad = findBadText(value, path);
  if (bad) throw badInput(bad.message, bad.field);
}

/**
 * One rule for every route, instead of a check in each: NUL characters (PostgreSQL refuses them in
 * text) and lone UTF-16 surrogates (not encodable, they break the audit JSON) anywhere in a JSON or
 * text body, the query string, the path parameters, or an uploaded file's name and form fields; JSON
 * nested deeper than MAX_JSON_DEPTH (refused before it is parsed). All answered 400 BAD_INPUT.
 */
export const inputHygiene = fp(async (app: FastifyInstance) => {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    if (jsonNestsDeeper(text, MAX_JSON_DEPTH)) {
      done(badInput(`请求内容嵌套层级过深（超过 ${MAX_JSON_DEPTH} 层）`, 'body'), undefined);
      return;
    }
    parseJson(request, text, done);
  });

  app.addHook('preValidation', async (request: FastifyRequest) => {
    // The web app's pages and files are not input: any path of the app gets the app (a mangled 检查码 link included).
    if (!isApiPath(request.routeOptions.url ?? '')) return;
    assertClean(request.params, 'params');
    assertClean(request.query, 'query');
    assertClean(request.body, 'body');
    if (request.isMultipart()) {
      // Handlers read the upload themselves (request.file()); its name and the form fields before it are checked as it is opened.
      const open = request.file.bind(request);
      request.file = async (...args: Parameters<typeof open>) => {
        let part: Awaited<ReturnType<typeof open>>;
        try {
          part = await open(...args);
        } catch (error) {
          // Fastify's own multipart errors carry their status (413 and the like); anything else is a body that is
          // not multipart at all (no boundary, cut off), which the parser throws as a plain error.
          if (error instanceof AppError || ((error as { statusCode?: number }).statusCode ?? 500) < 500) throw error;
          throw new AppError(
            'BAD_FILE',
            '上传内容不是完整的 multipart/form-data（缺少分隔符或已截断），请重新选择文件上传',
          );
        }
        if (part) {
          assertClean(part.filename, 'file');
          for (const field of Object.values(part.fields).flat()) {
            if (field && field.type === 'field') assertClean(field.value, field.fieldname);
          }
        }
        return part;
      };
    }
  });
});
