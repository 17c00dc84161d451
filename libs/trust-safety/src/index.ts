export { TrustSafetyModule } from './trust-safety.module';
export { AuditLog, AUDIT_CSV_MAX_ROWS } from './audit/audit-log.service';
export { AuditChainHeads, AUDIT_HEAD_QUEUE } from './audit/audit-chain-heads.job';
export { verifyAuditChain, type AuditChainReport, type Queryable } from './audit/audit-chain-verifier';
export { AuditEventDto, AuditEventListDto, AuditQueryDto, AuditVerificationDto } from './audit/audit-query.dto';
export { Takedowns, TAKEDOWN_CONFIRM_QUEUE, TAKEDOWN_DEADLINE_MS, type TakedownNotice } from './takedowns/takedowns.service';
export {
  CreateTakedownDto,
  AppealTakedownDto,
  DecideTakedownDto,
  TakedownDto,
  TakedownListDto,
  TAKEDOWN_SUBJECTS,
  TAKEDOWN_SOURCES,
} from './takedowns/takedown.dto';
export { Complaints } from './complaints/complaints.service';
export { complaintKinds } from './complaints/complaint-kinds';
export {
  COMPLAINT_KINDS,
  COMPLAINT_STATUSES,
  FileComplaintDto,
  ComplaintDto,
  ComplaintStatusDto,
  ComplaintReceiptDto,
  ComplaintKindDto,
  ComplaintListQueryDto,
  type ComplaintKind,
  type ComplaintStatus,
} from './complaints/complaint.dto';
export { SellerIdentity, IDENTITY_PAGE_PATH, IDENTITY_CHECK_QUEUE, IDENTITY_CALLBACK_PATH } from './identity/seller-identity.service';
export { IdentitySweep, IDENTITY_SWEEP_QUEUE, IDENTITY_REMINDER_QUEUE } from './identity/identity-sweep.job';
export { IdentityProofProvider, type ProofOutcome, type ProvenDocument, type ProofSession, type ProofStart } from './identity/identity-provider';
export { eidSignature } from './identity/electronic-identity.provider';
export { FOREIGN_PASSPORT_MIN_MONTHS, identitySettings, type IdentitySettings } from './identity/identity-config';
export {
  DOCUMENT_KINDS,
  IDENTITY_STATES,
  IDENTITY_CHECKS,
  IDENTITY_METHODS,
  SubmitIdentityProofDto,
  DecideIdentityDto,
  StartElectronicDto,
  IdentityQueueQueryDto,
  IdentityStatusDto,
  IdentityRequestDto,
  IdentityClaimDto,
  type DocumentKind,
  type IdentityState,
  type IdentityMethod,
} from './identity/identity.dto';
export { TakedownListQueryDto } from './takedowns/takedown.dto';
export { ComplaintLookupQueryDto, StaffReplyDto, EscalateComplaintDto, ResolveComplaintDto, ComplaintTakedownDto } from './complaints/complaint.dto';
