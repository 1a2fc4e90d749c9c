import { createRequire } from 'node:module';
import { PassThrough } from 'node:stream';

/**
 * ExcelJS, with its streaming reader's UTF-8 decoding fixed. exceljs 4.4 decodes each decompressed
 * chunk on its own (lib/utils/parse-sax.js), so a Chinese character split across two chunks becomes
 * "��" (exceljs issues #2063, #2084, #2316; fix PRs unmerged). Here parse-sax is replaced in the
 * module cache by the same function with a streaming TextDecoder, before ExcelJS loads it.
 * Take ExcelJS from this module's excel() only.
 */
const require = createRequire(import.meta.url);
const parseSaxPath = require.resolve('exceljs/lib/utils/parse-sax.js');
const { SaxesParser } = createRequire(parseSaxPath)('saxes') as typeof import('saxes');

interface SaxEvent {
  eventType: 'opentag' | 'text' | 'closetag';
  value: unknown;
}

async function* parseSax(input: AsyncIterable<Buffer | string> & { pipe?: unknown }): AsyncGenerator<SaxEvent[]> {
  const iterable =
    input.pipe && !(Symbol.asyncIterator in input)
      ? (input as unknown as NodeJS.ReadableStream).pipe(new PassThrough())
      : input;
  const parser = new SaxesParser();
  const decoder = new TextDecoder('utf-8');
  let error: Error | undefined;
  let events: SaxEvent[] = [];
  parser.on('error', (e) => (error = e));
  parser.on('opentag', (value) => events.push({ eventType: 'opentag', value }));
  parser.on('text', (value) => events.push({ eventType: 'text', value }));
  parser.on('closetag', (value) => events.push({ eventType: 'closetag', value }));
  for await (const chunk of iterable as AsyncIterable<Buffer | string>) {
    parser.write(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    if (error) throw error;
    yield events;
    events = [];
  }
  const rest = decoder.decode();
  if (rest) parser.write(rest);
  if (error) throw error;
  if (events.length > 0) yield events;
}

let loaded: typeof import('exceljs') | null = null;

/**
 * ExcelJS with the fixed parse-sax, loaded the first time a workbook is read or written: loading it takes about a
 * quarter of a second, which a start of the platform need not wait for.
 */
export function excel(): typeof import('exceljs') {
  if (loaded) return loaded;
  const cached = require.cache[parseSaxPath];
  if (cached && cached.exports !== parseSax && !(cached as { fixed?: boolean }).fixed) {
    throw new Error('exceljs 已在修补前被加载：请通过 src/imports/exceljs.ts 的 excel() 取得 ExcelJS');
  }
  if (!cached) {
    const Module = require('node:module') as { new (id: string): NodeJS.Module };
    const patched = Object.assign(new Module(parseSaxPath), {
      filename: parseSaxPath,
      loaded: true,
      exports: parseSax,
      fixed: true,
    });
    require.cache[parseSaxPath] = patched;
  }
  loaded = require('exceljs') as typeof import('exceljs');
  return loaded;
}
