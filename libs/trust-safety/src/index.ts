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
export { COMPLAINT_MAIL_QUEUE } from './complaints/complaint-mail.job';
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
export { ScreeningTerms, SCREENING_RESCREEN_QUEUE } from './screening/screening-terms.service';
export { ProductScreening, SCREENING_PROHIBITED } from './screening/product-screening.service';
export { TermMatcher, foldTerm, type TermMatch, type ListedTerm, type TermSeverity } from './screening/term-matcher';
export { CreateScreeningTermDto, UpdateScreeningTermDto, ScreeningTermDto, ScreeningTermListDto } from './screening/screening.dto';
export { DataRequests, DATA_REQUEST_EXPORT_QUEUE } from './data-requests/data-requests.service';
export { CreateDataRequestDto, DataRequestDto, DataRequestListDto, DATA_REQUEST_SUBJECTS } from './data-requests/data-request.dto';
export { SellerAccounts, SELLER_SUSPENSIONS_QUEUE } from './account-states/seller-accounts.service';
export { AccountStateDto, AccountEventDto, AccountReasonDto, SuspendAccountDto, ACCOUNT_STATES, type AccountState } from './account-states/account-state.dto';
export { SellerNotices } from './notices/seller-notices';
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
export { Breaches } from './breaches/breaches.service';
export {
  BreachDto,
  BreachListDto,
  BreachNoticesDto,
  CreateBreachDto,
  UpdateBreachDto,
  BREACH_STATUSES,
  BREACH_NOTIFY_HOURS,
  type BreachStatus,
} from './breaches/breach.dto';
export { spreadsheetSafe } from './audit/audit-log.service';
