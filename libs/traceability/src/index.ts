export { TraceabilityModule } from './traceability.module';
export { BatchEntity } from './batches/batch.entity';
export { TraceEventEntity } from './events/trace-event.entity';
export { StampIssuer } from './stamps/stamp-issuer.service';
export { StampExports, type ExportFile } from './stamps/stamp-exports.service';
export { StampLifecycle } from './stamps/stamp-lifecycle.service';
export { SerialGenerator } from './stamps/serial-generator';
export { ScanStore } from './verification/scan-store';
export {
  verdictOf,
  standingVerdict,
  VERDICTS,
  VERDICT_MESSAGES,
  type Verdict,
  type IssuerStanding,
  type ScanCounters,
  type Thresholds,
} from './verification/verdict';
export { StampVerifier } from './verification/stamp-verifier.service';
export { scanRequest } from './verification/scan-request';
export { SHEET as STAMP_SHEET_LAYOUT } from './stamps/render/stamp-sheet';
export { vietnameseFontPath } from './stamps/render/sheet-font';
export { parseSerial, normalizeSerial, generateSerials, checkSymbol, CROCKFORD_ALPHABET } from './codes/serial-code';
export { gs1CheckDigit, isValidGtin, toGtin14 } from './codes/gtin';
export { stampUrl, lgtinUri, encodeAiValue, isValidLotCode } from './codes/digital-link';
export { BatchAccess } from './batches/batch-access.service';
export { BatchesService, type EnterpriseBatch } from './batches/batches.service';
export { ScanStatistics } from './dashboard/scan-statistics.service';
export { CreateBatchDto } from './batches/batch.dto';
export { TraceEvents } from './events/trace-events.service';
export { CreateTraceEventDto } from './events/trace-event.dto';
export { BIZ_STEP_LABELS_VI, CBV_BIZ_STEPS, EPCIS_EVENT_TYPES } from './events/vocabulary';
export { IssueStampsDto, MAX_STAMPS_PER_REQUEST, RevokeStampsDto, SeqRangeDto } from './stamps/stamp.dto';
export { TraceabilityDashboard } from './dashboard/traceability-dashboard.service';
export { ScanSeriesQueryDto, type AnomaliesDto, type ScanSeriesDto, type StampRangesDto } from './dashboard/dashboard.dto';
export type { VerificationDto } from './verification/verification.dto';
export { GtinClaims, type GtinClaim, type GtinClaimStatus } from './trust/gtin-claims.service';
export { WarningReviews, type WarningReview } from './verification/warning-reviews.service';
export { StampSheets, type SheetFile } from './stamps/stamp-sheets.service';
export { NationalTraceExport, NationalEpcisQueryDto, stampEpc, NATIONAL_EPCIS_MAX_BATCHES, NATIONAL_EPCIS_MAX_STAMPS } from './exports/national-epcis';
