const SECRET_KEY = /pass(word)?|secret|token|api_?key|private|personal_?id|personalId|otp|code_?verifier/i;
const MAX_DEPTH = 6;
const MAX_STRING = 2_000;

/**
 * What an audit row may keep of a before/after state: never a secret (matched by key name), never
 * a NUL (jsonb refuses it), strings cut to a bounded length, nesting bounded.
 */
export function redactForAudit(value: unknown, depth = 0): unknown {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return value.replaceAll(String.fromCharCode(0), '').slice(0, MAX_STRING);
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return value.toString();
  if (depth >= MAX_DEPTH) return '[…]';
  if (Array.isArray(value)) return value.slice(0, 200).map((v) => redactForAudit(v, depth + 1));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v === undefined || typeof v === 'function') continue;
      out[k] = SECRET_KEY.test(k) ? '[redacted]' : redactForAudit(v, depth + 1);
    }
    return out;
  }
  return String(value);
}
