import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Auth } from '@tradefloor/identity';
import { AuditLog } from './audit-log.service';
import { AuditEventListDto, AuditQueryDto, AuditVerificationDto } from './audit-query.dto';

@ApiTags('admin')
@Controller('api/v1/admin/audit')
@Auth('admin')
export class AuditController {
  constructor(private readonly audit: AuditLog) {}

  @Get()
  @Header('Cache-Control', 'private, no-store')
  @ApiOperation({ summary: 'Nhật ký kiểm toán (audit log): newest first, filtered by actor, action, subject and period' })
  @ApiOkResponse({ type: AuditEventListDto })
  list(@Query() query: AuditQueryDto): Promise<AuditEventListDto> {
    return this.audit.list(query);
  }

  @Get('export.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="nhat-ky-kiem-toan.csv"')
  @Header('Cache-Control', 'private, no-store')
  @ApiOperation({ summary: 'Nhật ký kiểm toán dạng CSV (same filters, oldest first, at most 50,000 rows)' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'One row per audit event', schema: { type: 'string' } })
  csv(@Query() query: AuditQueryDto): Promise<string> {
    return this.audit.csv(query);
  }

  @Get('verification')
  @Header('Cache-Control', 'private, no-store')
  @ApiOperation({ summary: 'Kiểm tra chuỗi băm của nhật ký (walks the hash chain and the recorded daily heads)' })
  @ApiOkResponse({ type: AuditVerificationDto })
  verification(): Promise<AuditVerificationDto> {
    return this.audit.verify();
  }
}
