import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';

/** The fields of an audit row that its hash covers, as stored (and read back) in `audit_events`. */
export interface AuditHashedFields {
  seq: number;
  occurredAt: string;
  actorId: string | null;
  actorRole: string;
  action: string;
  subjectType: string;
  subjectId: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

/** The hash that starts the chain (the "previous hash" of row 1). */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/**
 * sha256(previous hash ‖ RFC 8785 canonical JSON of the row). Canonical JSON (sorted keys, fixed
 * number and string forms) makes the hash independent of how PostgreSQL's jsonb reorders keys,
 * and lets anyone re-verify an exported chain in any language.
 */
export function auditRowHash(previousHash: string, fields: AuditHashedFields): string {
  const body = canonicalize({ ...fields, before: fields.before ?? null, after: fields.after ?? null });
  return createHash('sha256')
    .update(previousHash)
    .update('\n')
    .update(body ?? 'null')
    .digest('hex');
}
