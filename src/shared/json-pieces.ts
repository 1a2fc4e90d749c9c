/**
 * JSON text in pieces of about PIECE_CHARS characters: text that parses to what
 * JSON.parse(JSON.stringify(value, (_, v) => toJson(v))) gives, produced a slice of an array at a time, so a large
 * document (the record of a million-subject draw is about 40 MB of JSON, held twice over as a string and as its bytes)
 * can be compressed without ever being one string.
 *
 * `toJson` is a key-blind replacer that must give the same value when applied twice (as typedArraysAsArrays does): a
 * walked value passes through it before it is walked and again inside JSON.stringify. Arrays of SLICE elements or
 * more, and the arrays and plain objects that hold one, are walked; everything else is written by JSON.stringify. As
 * in JSON.stringify, an object member whose value is undefined, a function or a symbol is left out, and such an array
 * element is null.
 */
const SLICE = 512;
const PIECE_CHARS = 1 << 18;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null &&
  typeof value === 'object' &&
  !Array.isArray(value) &&
  [Object.prototype, null].includes(Object.getPrototypeOf(value) as object | null);

const unwritable = (value: unknown) => value === undefined || typeof value === 'function' || typeof value === 'symbol';

/** Whether walking pays: an array of SLICE elements or more, or an array or plain object holding such a one. */
function large(value: unknown): boolean {
  if (Array.isArray(value)) return value.length >= SLICE || value.some(large);
  return isPlainObject(value) && Object.values(value).some(large);
}

export function* jsonPieces(value: unknown, toJson: (value: unknown) => unknown = (v) => v): Generator<string> {
  const replacer = (_key: string, v: unknown) => toJson(v);
  let text = '';
  // Appends; hands out the text gathered once it is a piece's worth.
  function* put(part: string): Generator<string> {
    text += part;
    if (text.length >= PIECE_CHARS) {
      yield text;
      text = '';
    }
  }
  function* walk(v: unknown): Generator<string> {
    if (Array.isArray(v) && large(v)) {
      yield* put('[');
      for (let from = 0; from < v.length; from += SLICE) {
        const slice = v.slice(from, from + SLICE).map(toJson);
        if (from > 0) yield* put(',');
        if (!slice.some(large)) {
          // The slice in one call, without its brackets (JSON.stringify writes unwritable elements as null).
          yield* put(JSON.stringify(slice, replacer).slice(1, -1));
          continue;
        }
        for (let i = 0; i < slice.length; i += 1) {
          if (i > 0) yield* put(',');
          if (unwritable(slice[i])) yield* put('null');
          else yield* walk(slice[i]);
        }
      }
      yield* put(']');
    } else if (isPlainObject(v) && large(v)) {
      yield* put('{');
      let first = true;
      for (const [name, raw] of Object.entries(v)) {
        const member = toJson(raw);
        if (unwritable(member)) continue;
        yield* put(`${first ? '' : ','}${JSON.stringify(name)}:`);
        first = false;
        yield* walk(member);
      }
      yield* put('}');
    } else yield* put(JSON.stringify(v, replacer) ?? 'null');
  }
  yield* walk(toJson(value));
  if (text) yield text;
}
