import { ApiProperty } from '@nestjs/swagger';
import { CertificationDto } from '../batches/batch.dto';
import { VERDICTS } from './verdict';

export class VerifiedProductDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() slug!: string;
  @ApiProperty({ nullable: true, type: String }) gtin!: string | null;
  @ApiProperty({ nullable: true, type: Number, enum: [3, 4, 5], description: 'Stars of a valid (unexpired, unrevoked) OCOP certificate' }) ocopStars!:
    number | null;
  @ApiProperty() ocopPotentialFiveStar!: boolean;
  @ApiProperty({ nullable: true, type: String }) ocopValidUntil!: string | null;
  @ApiProperty({ type: [CertificationDto] }) certifications!: CertificationDto[];
  @ApiProperty({ nullable: true, type: String }) thumbnailUrl!: string | null;
  @ApiProperty({ description: 'The product page is public (published, enterprise verified)' }) listed!: boolean;
}

export class VerifiedEnterpriseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() slug!: string;
}

export class VerifiedBatchDto {
  @ApiProperty() lotCode!: string;
  @ApiProperty({ example: '2025-07-01' }) producedAt!: string;
  @ApiProperty({ nullable: true, type: String }) expiresAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) originCommuneCode!: string | null;
  @ApiProperty({ nullable: true, type: String }) originCommuneName!: string | null;
  @ApiProperty({ type: [CertificationDto] }) certifications!: CertificationDto[];
}

export class TimelineEventDto {
  @ApiProperty() type!: string;
  @ApiProperty({ example: 'packing' }) bizStep!: string;
  @ApiProperty({ example: 'Đóng gói' }) bizStepLabel!: string;
  @ApiProperty() eventTime!: Date;
  @ApiProperty({ nullable: true, type: String }) place!: string | null;
  @ApiProperty({ nullable: true, type: String }) actor!: string | null;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty({ nullable: true, type: String }) photoUrl!: string | null;
}

export class VerificationDto {
  @ApiProperty({ nullable: true, type: String, description: 'The serial as normalised; null when malformed' }) serial!: string | null;
  @ApiProperty({
    enum: VERDICTS,
    description:
      '`genuine` only while the seller is verified (not suspended), the product passed moderation and is not withdrawn, the GTIN is ' +
      'confirmed as the seller’s, the stamp is not revoked and its scans stay within the thresholds. Otherwise: `seller_unverified`, ' +
      '`seller_suspended`, `product_unapproved`, `withdrawn`, `gtin_unconfirmed`, `revoked`, `warning` (copied?), `unknown` (no such stamp).',
  })
  verdict!: (typeof VERDICTS)[number];
  @ApiProperty({ example: 'Sản phẩm chính hãng (genuine)' }) message!: string;
  @ApiProperty({ enum: ['issued', 'activated', 'revoked'], nullable: true, type: String }) stampState!: string | null;
  @ApiProperty({ description: 'False for a stamp issued but not yet activated by its owner' }) activated!: boolean;
  @ApiProperty({ description: 'Scans counted for this stamp, this one included' }) scanCount!: number;
  @ApiProperty() distinctPlaces!: number;
  @ApiProperty({ nullable: true, type: Date }) firstScannedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String, description: 'GS1 Digital Link (or /t/) URL of the stamp' }) url!: string | null;
  @ApiProperty({ type: VerifiedProductDto, nullable: true }) product!: VerifiedProductDto | null;
  @ApiProperty({ type: VerifiedEnterpriseDto, nullable: true }) enterprise!: VerifiedEnterpriseDto | null;
  @ApiProperty({ type: VerifiedBatchDto, nullable: true }) batch!: VerifiedBatchDto | null;
  @ApiProperty({ type: [TimelineEventDto] }) events!: TimelineEventDto[];
}
