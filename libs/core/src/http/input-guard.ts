import { isUtf8 } from 'node:buffer';
import { ValidationFailedError } from '../errors/domain-error';

/**
 * Input that no route can use and that PostgreSQL or the recursive code behind a route would turn
 * into a 500 (issue 12 §2, issue 18 §8): control characters (NUL…), invalid UTF-8 and JSON nested
 * deeper than any DTO. Checked once at the edge, so every route, present and future, answers 400.
 */

/** C0 controls except tab, line feed and carriage return (which forms and rich text use), and DEL. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/** A UTF-16 surrogate without its pair (JSON "\ud800"): no UTF-8 encoding exists for it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** No DTO nests anywhere near this deep; the bound keeps every recursive walker far from the stack limit. */
export const MAX_JSON_DEPTH = 32;

const MESSAGE_CONTROL = 'Chứa ký tự điều khiển không được phép (contains a control character)';
const MESSAGE_UTF8 = 'Không phải văn bản UTF-8 hợp lệ (not valid UTF-8 text)';
export const INVALID_PATH_MESSAGE = 'Đường dẫn không hợp lệ (malformed or non-UTF-8 path)';
const MESSAGE_DEPTH = `Dữ liệu lồng nhau quá sâu, tối đa ${MAX_JSON_DEPTH} cấp (nested deeper than ${MAX_JSON_DEPTH} levels)`;

function badField(field: string, message: string): ValidationFailedError {
  return ValidationFailedError.field(field, message);
}

/** The problem with one string, or undefined when it is acceptable text. */
function textProblem(value: string): string | undefined {
  if (CONTROL_CHAR.test(value)) return MESSAGE_CONTROL;
  if (LONE_SURROGATE.test(value)) return MESSAGE_UTF8;
  return undefined;
}

/**
 * Walks a parsed value without recursion: NFC-normalises every string in place and throws a 400
 * naming the first string with a control character or a lone surrogate, or a value nested too deep.
 */
export function checkAndNormalize(root: unknown, rootField: string): unknown {
  if (typeof root === 'string') {
    const problem = textProblem(root);
    if (problem) throw badField(rootField, problem);
    return root.normalize('NFC');
  }
  const stack: Array<{ value: unknown; field: string; depth: number }> = [{ value: root, field: rootField, depth: 0 }];
  while (stack.length) {
    const { value, field, depth } = stack.pop()!;
    if (depth > MAX_JSON_DEPTH) throw badField(rootField, MESSAGE_DEPTH);
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (typeof item === 'string') value[i] = checkedString(item, `${field}[${i}]`);
        else if (item && typeof item === 'object') stack.push({ value: item, field: `${field}[${i}]`, depth: depth + 1 });
      }
    } else if (value && typeof value === 'object' && isPlainRecord(value)) {
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        const keyProblem = textProblem(key);
        if (keyProblem) throw badField(field, keyProblem);
        const item = record[key];
        const path = field ? `${field}.${key}` : key;
        if (typeof item === 'string') record[key] = checkedString(item, path);
        else if (item && typeof item === 'object') stack.push({ value: item, field: path, depth: depth + 1 });
      }
    }
  }
  return root;
}

function checkedString(value: string, field: string): string {
  const problem = textProblem(value);
  if (problem) throw badField(field, problem);
  return value.normalize('NFC');
}

/** Parsed JSON, query strings (null prototype) — not Buffers, streams or class instances. */
function isPlainRecord(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * The JSON body parser: an empty body is no body (clients and scripts send `content-type:
 * application/json` with nothing, issue 12 §3), bytes must be UTF-8, nesting is bounded before
 * `JSON.parse` builds anything.
 */
export function parseJsonBody(body: Buffer, parse: (text: string) => unknown): unknown {
  if (body.length === 0 || /^\s*$/.test(body.toString('latin1'))) return undefined;
  if (!isUtf8(body)) throw badField('body', MESSAGE_UTF8);
  const text = body.toString('utf8');
  if (jsonDepth(text) > MAX_JSON_DEPTH) throw badField('body', MESSAGE_DEPTH);
  return parse(text);
}

/** Deepest nesting of arrays/objects in JSON text, counted in one pass (strings skipped). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) max = depth;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return max;
}

/**
 * Checks the request line: each percent-decoded path segment and query parameter must be UTF-8
 * text without control characters. Runs on the raw URL because the router and the query-string
 * parser keep a malformed escape (`%FF`) as literal text instead of refusing it.
 */
export function checkRawUrl(url: string): void {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  if (path.includes('%') || CONTROL_CHAR.test(path)) {
    for (const segment of path.split('/')) decodedOrThrow(segment, 'path', INVALID_PATH_MESSAGE);
  }
  if (q === -1) return;
  const query = url.slice(q + 1);
  if (!query.includes('%') && !CONTROL_CHAR.test(query)) return;
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    const rawKey = eq === -1 ? pair : pair.slice(0, eq);
    const key = decodedOrThrow(rawKey, 'query');
    if (eq !== -1) decodedOrThrow(pair.slice(eq + 1), `query.${key}`);
  }
}

function decodedOrThrow(raw: string, field: string, malformed = MESSAGE_UTF8): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    throw badField(field, malformed);
  }
  const problem = textProblem(decoded);
  if (problem) throw badField(field, problem);
  return decoded;
}

/**
 * Header values arrive as Latin-1 text (one char per byte). Control characters are refused, and a
 * value with bytes above 0x7F must be UTF-8 (the only encoding the app reads them in).
 */
export function checkHeaders(headers: Record<string, string | string[] | undefined>): void {
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) {
      if (/^[\x20-\x7e\t]*$/.test(v)) continue;
      if (CONTROL_CHAR.test(v)) throw badField(`headers.${name}`, MESSAGE_CONTROL);
      if (!isUtf8(Buffer.from(v, 'latin1'))) throw badField(`headers.${name}`, MESSAGE_UTF8);
    }
  }
}
