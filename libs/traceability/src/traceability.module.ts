import { ScansRetention } from './verification/scans-retention';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogModule } from '@tradefloor/catalog';
import { EnterpriseProfileModule } from '@tradefloor/enterprise-profile';
import { BatchAccess } from './batches/batch-access.service';
import { BatchEntity } from './batches/batch.entity';
import { BatchesController } from './batches/batches.controller';
import { BatchesService } from './batches/batches.service';
import { TraceabilityDashboardController } from './dashboard/traceability-dashboard.controller';
import { ScanStatistics } from './dashboard/scan-statistics.service';
import { TraceabilityDashboard } from './dashboard/traceability-dashboard.service';
import { TraceEventEntity } from './events/trace-event.entity';
import { TraceEventsController } from './events/trace-events.controller';
import { TraceEvents } from './events/trace-events.service';
import { SerialGenerator } from './stamps/serial-generator';
import { StampExports } from './stamps/stamp-exports.service';
import { StampSheets } from './stamps/stamp-sheets.service';
import { StampIssuer } from './stamps/stamp-issuer.service';
import { StampLifecycle } from './stamps/stamp-lifecycle.service';
import { StampsController } from './stamps/stamps.controller';
import { ScanFingerprints } from './verification/scan-fingerprint';
import { ScanStore } from './verification/scan-store';
import { StampVerifier } from './verification/stamp-verifier.service';
import { VerificationController } from './verification/verification.controller';
import { WarningReviews } from './verification/warning-reviews.service';
import { GtinClaims } from './trust/gtin-claims.service';
import { GtinClaimsController } from './trust/gtin-claims.controller';
import { NationalTraceExport, NationalTraceExportController } from './exports/national-epcis';

/** Batches, EPCIS trace events, QR stamps (GS1 Digital Link) and public scan verification. */
@Module({
  imports: [CatalogModule, EnterpriseProfileModule, TypeOrmModule.forFeature([BatchEntity, TraceEventEntity])],
  controllers: [
    BatchesController,
    TraceEventsController,
    StampsController,
    VerificationController,
    TraceabilityDashboardController,
    GtinClaimsController,
    NationalTraceExportController,
  ],
  providers: [
    ScansRetention,
    BatchAccess,
    BatchesService,
    TraceEvents,
    SerialGenerator,
    StampIssuer,
    StampLifecycle,
    StampExports,
    StampSheets,
    ScanFingerprints,
    ScanStore,
    StampVerifier,
    TraceabilityDashboard,
    ScanStatistics,
    WarningReviews,
    GtinClaims,
    NationalTraceExport,
  ],
  // The web pages use the same services as the REST controllers.
  exports: [
    StampVerifier,
    BatchesService,
    BatchAccess,
    TraceEvents,
    StampIssuer,
    StampLifecycle,
    StampExports,
    TraceabilityDashboard,
    ScanStatistics,
    WarningReviews,
    GtinClaims,
  ],
})
export class TraceabilityModule {}
