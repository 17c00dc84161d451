export { TrustSafetyModule } from './trust-safety.module';
export { AuditLog, AUDIT_CSV_MAX_ROWS } from './audit/audit-log.service';
export { AuditChainHeads, AUDIT_HEAD_QUEUE } from './audit/audit-chain-heads.job';
export { verifyAuditChain, type AuditChainReport, type Queryable } from './audit/audit-chain-verifier';
export { AuditEventDto, AuditEventListDto, AuditQueryDto, AuditVerificationDto } from './audit/audit-query.dto';
