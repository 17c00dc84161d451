import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ErrorEnvelopeDto } from '@tradefloor/core';
import { Auth } from '@tradefloor/identity';
import { ApproveBulletinDto, RejectBulletinDto } from '../dto/bulletin-input.dto';
import { BulletinDto } from '../dto/bulletin-output.dto';
import { BulletinWorkflowService } from './bulletin-workflow.service';
import { BulletinPresenter } from './bulletin.presenter';

/** Approval of editors' bulletins (BULLETIN_REQUIRE_APPROVAL=true). */
@ApiTags('admin')
@Controller('api/v1/admin/bulletins')
@Auth('admin')
export class AdminBulletinsController {
  constructor(
    private readonly workflow: BulletinWorkflowService,
    private readonly presenter: BulletinPresenter,
  ) {}

  @Post(':id/approve')
  @HttpCode(200)
  @ApiOkResponse({ type: BulletinDto, description: 'Published now, or scheduled when the requested publishAt is in the future' })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  @ApiConflictResponse({ type: ErrorEnvelopeDto, description: 'Not pending (an edit sent it back to draft), or STALE_REVISION' })
  async approve(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ApproveBulletinDto): Promise<BulletinDto> {
    return this.presenter.one(await this.workflow.approve(id, dto.revision));
  }

  @Post(':id/reject')
  @HttpCode(200)
  @ApiOkResponse({ type: BulletinDto, description: 'Back to draft with the reason' })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  @ApiConflictResponse({ type: ErrorEnvelopeDto })
  async reject(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: RejectBulletinDto): Promise<BulletinDto> {
    return this.presenter.one(await this.workflow.reject(id, dto.reason));
  }
}
