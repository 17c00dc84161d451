import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser, type Principal } from '@tradefloor/identity';
import { EnterpriseDto } from '../dto/enterprise-output.dto';
import { EnterpriseMapper } from '../enterprises/enterprise.mapper';
import { EnterpriseQueries } from '../enterprises/enterprise-queries.service';

@ApiTags('enterprises')
@Controller('api/v1/me/enterprises')
export class MyEnterprisesController {
  constructor(
    private readonly queries: EnterpriseQueries,
    private readonly mapper: EnterpriseMapper,
  ) {}

  @Get()
  @Auth()
  @ApiOkResponse({ type: [EnterpriseDto], description: 'Doanh nghiệp của tôi, mọi trạng thái (the caller’s enterprises, any status)' })
  async list(@CurrentUser() user: Principal): Promise<EnterpriseDto[]> {
    const rows = await this.queries.mine(user.id);
    return Promise.all(rows.map((r) => this.mapper.full(r.enterprise, r.role)));
  }
}
