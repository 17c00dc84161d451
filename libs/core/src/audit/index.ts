export { AuditTrail, SYSTEM_ACTOR, type AuditActor, type AuditEntry } from './audit-trail';
export { AUDIT_GENESIS_HASH, auditRowHash, type AuditHashedFields } from './audit-hash';
export { redactForAudit } from './redact';
