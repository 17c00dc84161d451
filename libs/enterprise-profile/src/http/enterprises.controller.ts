import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ErrorEnvelopeDto } from '@tradefloor/core';
import { Auth, CurrentUser, type Principal } from '@tradefloor/identity';
import { CreateEnterpriseDto, UpdateEnterpriseDto } from '../dto/enterprise-input.dto';
import { EnterpriseDto, PublicEnterpriseListDto, PublicEnterpriseProfileDto } from '../dto/enterprise-output.dto';
import { PublicEnterpriseQuery } from '../dto/enterprise-query.dto';
import { EnterpriseMapper } from '../enterprises/enterprise.mapper';
import { EnterpriseQueries } from '../enterprises/enterprise-queries.service';
import { EnterprisesService } from '../enterprises/enterprises.service';
import { EnterpriseProductsDirectory } from '../products/enterprise-products-directory';

@ApiTags('enterprises')
@Controller('api/v1/enterprises')
export class EnterprisesController {
  constructor(
    private readonly enterprises: EnterprisesService,
    private readonly queries: EnterpriseQueries,
    private readonly mapper: EnterpriseMapper,
    private readonly products: EnterpriseProductsDirectory,
  ) {}

  @Post()
  @Auth('business')
  @ApiCreatedResponse({ type: EnterpriseDto, description: 'Tạo ở trạng thái draft; người tạo là chủ sở hữu (created as draft, caller is the owner)' })
  @ApiBadRequestResponse({ type: ErrorEnvelopeDto })
  @ApiConflictResponse({ type: ErrorEnvelopeDto, description: 'TAX_CODE_TAKEN' })
  async create(@CurrentUser() user: Principal, @Body() dto: CreateEnterpriseDto): Promise<EnterpriseDto> {
    return this.mapper.full(await this.enterprises.create(user, dto), 'owner');
  }

  @Get()
  @ApiOkResponse({ type: PublicEnterpriseListDto, description: 'Chỉ doanh nghiệp đã xác minh (verified only)' })
  @ApiBadRequestResponse({ type: ErrorEnvelopeDto })
  async list(@Query() query: PublicEnterpriseQuery): Promise<PublicEnterpriseListDto> {
    const page = await this.queries.publicList(query);
    return { ...page, items: await Promise.all(page.items.map((e) => this.mapper.summary(e))) };
  }

  @Get('by-id/:id')
  @Auth()
  @ApiOkResponse({ type: EnterpriseDto, description: 'Mọi trạng thái, cho thành viên và quản trị (any status, members and admins)' })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  async getManaged(@CurrentUser() user: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<EnterpriseDto> {
    const { enterprise, role } = await this.queries.managed(user, id);
    return this.mapper.full(enterprise, role);
  }

  @Get(':slug')
  @ApiOkResponse({ type: PublicEnterpriseProfileDto, description: 'Hồ sơ công khai kèm sản phẩm đã đăng (public profile with published products)' })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  async profile(@Param('slug') slug: string): Promise<PublicEnterpriseProfileDto> {
    const enterprise = await this.queries.publicBySlug(slug);
    const [dto, products] = await Promise.all([this.mapper.public(enterprise), this.products.list(enterprise.id)]);
    return { ...dto, products };
  }

  @Patch(':id')
  @Auth()
  @ApiOkResponse({ type: EnterpriseDto })
  @ApiBadRequestResponse({ type: ErrorEnvelopeDto })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  @ApiConflictResponse({ type: ErrorEnvelopeDto, description: 'TAX_CODE_TAKEN, INVALID_STATE' })
  async update(@CurrentUser() user: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateEnterpriseDto): Promise<EnterpriseDto> {
    const updated = await this.enterprises.update(user, id, dto);
    return this.mapper.full(updated, (await this.queries.managed(user, id)).role);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @Auth()
  @ApiOkResponse({ type: EnterpriseDto, description: 'draft | rejected → pending_verification' })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  @ApiConflictResponse({ type: ErrorEnvelopeDto, description: 'INVALID_STATE' })
  async submit(@CurrentUser() user: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<EnterpriseDto> {
    const submitted = await this.enterprises.submit(user, id);
    return this.mapper.full(submitted, (await this.queries.managed(user, id)).role);
  }
}
