import { Module } from '@nestjs/common';
import { AuditChainHeads } from './audit/audit-chain-heads.job';
import { AuditController } from './audit/audit.controller';
import { AuditLog } from './audit/audit-log.service';

/** Trust and safety: the audit log's reads, verification and daily heads (writes go through core's AuditTrail). */
@Module({
  controllers: [AuditController],
  providers: [AuditLog, AuditChainHeads],
  exports: [AuditLog, AuditChainHeads],
})
export class TrustSafetyModule {}
