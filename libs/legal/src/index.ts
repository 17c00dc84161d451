export { LegalModule } from './legal.module';
export { LegalDocuments, LEGAL_NOTIFY_QUEUE, LEGAL_EFFECT_QUEUE, LEGAL_PAGE_TAG, type LegalNotice } from './legal-documents.service';
export { LegalNoticesJob, type LegalNotifyPayload } from './legal-notices.job';
export { legalSettings, type LegalSettings, type OperatorIdentity } from './legal-config';
export {
  LEGAL_DOCUMENTS,
  LEGAL_PAGE_PATHS,
  ACCEPTED_AT_REGISTRATION,
  ACCEPTED_AT_SIGN_IN,
  isLegalDocument,
  legalVersionPath,
  type LegalDocument,
} from './legal-documents';
export { bodyLines, diffBodies, type LegalDiffLine } from './legal-text';
export {
  PublishLegalVersionDto,
  LegalVersionDto,
  LegalVersionSummaryDto,
  LegalVersionWithDiffDto,
  LegalVersionListDto,
  LegalDiffLineDto,
  OperatorIdentityDto,
} from './legal.dto';
