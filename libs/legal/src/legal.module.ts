import { Module } from '@nestjs/common';
import { SearchModule } from '@tradefloor/search';
import { LegalDocuments } from './legal-documents.service';
import { LegalNoticesJob } from './legal-notices.job';
import { AdminLegalController, LegalController } from './legal.controller';
import { AcceptancePersonalData } from './privacy/acceptance-personal-data';

/** Versioned legal documents, their publication with notice, and users' acceptances (README). */
@Module({
  imports: [SearchModule],
  controllers: [LegalController, AdminLegalController],
  providers: [LegalDocuments, LegalNoticesJob, AcceptancePersonalData],
  exports: [LegalDocuments],
})
export class LegalModule {}
