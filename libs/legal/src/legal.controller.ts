import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NotFoundError } from '@tradefloor/core';
import { Auth, CurrentUser, type Principal } from '@tradefloor/identity';
import { LegalDocuments } from './legal-documents.service';
import { LegalVersionDto, LegalVersionListDto, LegalVersionWithDiffDto, OperatorIdentityDto, PublishLegalVersionDto } from './legal.dto';

function versionNumber(raw: string): number {
  if (!/^[1-9]\d{0,5}$/.test(raw)) throw new NotFoundError('Phiên bản');
  return Number(raw);
}

@ApiTags('legal')
@Controller('api/v1/legal')
export class LegalController {
  constructor(private readonly legal: LegalDocuments) {}

  @Get('operator')
  @ApiOperation({ summary: 'Thông tin đơn vị vận hành sàn (operator identity and Ministry registration)' })
  @ApiOkResponse({ type: OperatorIdentityDto })
  operator(): OperatorIdentityDto {
    return this.legal.settings.operator;
  }

  @Get(':doc')
  @ApiOperation({
    summary:
      'Phiên bản đang có hiệu lực (the version in force) of operating-rules, privacy-policy, terms-of-use, complaint-policy, fee-schedule or search-ranking',
  })
  @ApiOkResponse({ type: LegalVersionDto })
  current(@Param('doc') doc: string): Promise<LegalVersionDto> {
    return this.legal.current(this.legal.documentOf(doc));
  }

  @Get(':doc/versions')
  @ApiOperation({ summary: 'Mọi phiên bản, mới nhất trước, kể cả sắp có hiệu lực (every version, upcoming included)' })
  @ApiOkResponse({ type: LegalVersionListDto })
  async versions(@Param('doc') doc: string): Promise<LegalVersionListDto> {
    const document = this.legal.documentOf(doc);
    return { document, items: await this.legal.versions(document) };
  }

  @Get(':doc/versions/:n')
  @ApiOperation({ summary: 'Một phiên bản kèm phần thay đổi so với phiên bản trước (one version with its diff to the previous one)' })
  @ApiOkResponse({ type: LegalVersionWithDiffDto })
  version(@Param('doc') doc: string, @Param('n') n: string): Promise<LegalVersionWithDiffDto> {
    return this.legal.version(this.legal.documentOf(doc), versionNumber(n));
  }
}

@ApiTags('admin')
@Controller('api/v1/admin/legal')
@Auth('admin')
export class AdminLegalController {
  constructor(private readonly legal: LegalDocuments) {}

  @Post(':doc/versions')
  @ApiOperation({
    summary: 'Công bố phiên bản mới (publish a version): material ones need notice, mail every verified account and show a banner until in force',
  })
  @ApiCreatedResponse({ type: LegalVersionDto })
  publish(@CurrentUser() user: Principal, @Param('doc') doc: string, @Body() dto: PublishLegalVersionDto): Promise<LegalVersionDto> {
    return this.legal.publish({ id: user.id, role: user.role }, this.legal.documentOf(doc), dto);
  }
}
