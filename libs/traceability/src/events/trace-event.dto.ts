import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsISO8601, IsOptional, IsString, IsUrl, Matches, MaxLength, MinLength } from 'class-validator';
import { CBV_BIZ_STEPS, EPCIS_ACTIONS, EPCIS_EVENT_TYPES, type EpcisAction, type EpcisEventType } from './vocabulary';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateTraceEventDto {
  @ApiProperty({ enum: EPCIS_EVENT_TYPES })
  @IsIn(EPCIS_EVENT_TYPES as unknown as string[], { message: 'Loại sự kiện EPCIS không hợp lệ (unknown EPCIS event type)' })
  type!: EpcisEventType;

  @ApiProperty({ enum: CBV_BIZ_STEPS, description: 'CBV 2.0 business step, bare (`packing`) or as URI (https://ref.gs1.org/cbv/BizStep-packing)' })
  @IsString()
  @MaxLength(80)
  bizStep!: string;

  @ApiProperty({ example: '2025-07-01T07:30:00+07:00', description: 'ISO 8601 date-time with a zone' })
  @IsISO8601({ strict: true }, { message: 'Thời điểm dạng ISO 8601 (eventTime must be ISO 8601)' })
  @Matches(/T.*(Z|[+-]\d\d:\d\d)$/, { message: 'Cần giờ và múi giờ (eventTime needs a time and a zone)' })
  eventTime!: string;

  @ApiPropertyOptional({ example: '+07:00', description: 'Default +07:00 (Vietnam)' })
  @IsOptional()
  @Matches(/^[+-](0\d|1[0-4]):[0-5]\d$/, { message: 'Múi giờ dạng +07:00 (offset like +07:00)' })
  eventTimeZoneOffset?: string;

  @ApiPropertyOptional({
    enum: EPCIS_ACTIONS,
    description: 'Object/Aggregation events; default ADD for commissioning, else OBSERVE. Not allowed on TransformationEvent.',
  })
  @IsOptional()
  @IsIn(EPCIS_ACTIONS as unknown as string[], { message: 'action là ADD, OBSERVE hoặc DELETE (action must be ADD, OBSERVE or DELETE)' })
  action?: EpcisAction;

  @ApiPropertyOptional({ example: 'Vườn bưởi ấp Phú Thọ, xã Hùng Hòa' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  place?: string;

  @ApiPropertyOptional({ example: '29362' })
  @IsOptional()
  @Matches(/^\d{5}$/, { message: 'Mã xã không hợp lệ (invalid commune code)' })
  communeCode?: string;

  @ApiPropertyOptional({ example: 'https://id.gs1.org/414/8934567000009', description: 'EPCIS readPoint id (a URI, e.g. a GLN)' })
  @IsOptional()
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] }, { message: 'readPoint phải là URI (readPoint must be a URI)' })
  @MaxLength(300)
  readPoint?: string;

  @ApiPropertyOptional({ example: 'Tổ kiểm tra chất lượng HTX' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  actor?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  note?: string;

  @ApiPropertyOptional({ description: 'URL of a photo (https, or a /media/… path of this floor)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @Matches(/^(https:\/\/[^\s"<>]+|\/media\/[A-Za-z0-9._/-]+)$/, { message: 'Ảnh phải là URL https hoặc /media/… (photo must be an https URL or /media/ path)' })
  photoUrl?: string;
}

export class TraceEventDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: EPCIS_EVENT_TYPES }) type!: string;
  @ApiProperty({ enum: EPCIS_ACTIONS, nullable: true, type: String }) action!: string | null;
  @ApiProperty({ example: 'packing' }) bizStep!: string;
  @ApiProperty({ example: 'Đóng gói' }) bizStepLabel!: string;
  @ApiProperty() eventTime!: Date;
  @ApiProperty({ example: '+07:00' }) eventTimeZoneOffset!: string;
  @ApiProperty({ nullable: true, type: String }) place!: string | null;
  @ApiProperty({ nullable: true, type: String }) communeCode!: string | null;
  @ApiProperty({ nullable: true, type: String }) readPoint!: string | null;
  @ApiProperty({ nullable: true, type: String }) actor!: string | null;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty({ nullable: true, type: String }) photoUrl!: string | null;
}

export class TraceEventListDto {
  @ApiProperty({ type: [TraceEventDto] }) items!: TraceEventDto[];
}

/** Shape of the EPCIS 2.0 JSON-LD document (documented loosely: its events follow the GS1 schema). */
export class EpcisDocumentDto {
  @ApiProperty({ type: 'array', items: { oneOf: [{ type: 'string' }, { type: 'object' }] } }) '@context'!: unknown[];
  @ApiProperty({ example: 'EPCISDocument' }) type!: string;
  @ApiProperty({ example: '2.0' }) schemaVersion!: string;
  @ApiProperty() creationDate!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: '{ eventList: [...] }' }) epcisBody!: Record<string, unknown>;
}
