import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ErrorEnvelopeDto } from '@tradefloor/core';
import { Auth, CurrentUser, type Principal } from '@tradefloor/identity';
import { AddMemberDto, MemberDto } from '../dto/member.dto';
import { EnterpriseMembers } from '../members/enterprise-members.service';

@ApiTags('enterprises')
@Controller('api/v1/enterprises/:id/members')
@Auth()
export class EnterpriseMembersController {
  constructor(private readonly members: EnterpriseMembers) {}

  @Get()
  @ApiOkResponse({ type: [MemberDto] })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  list(@CurrentUser() user: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<MemberDto[]> {
    return this.members.list(user, id);
  }

  @Post()
  @ApiCreatedResponse({ type: MemberDto, description: 'Chủ sở hữu hoặc quản trị thêm nhân viên (owner or admin adds staff)' })
  @ApiBadRequestResponse({ type: ErrorEnvelopeDto })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto, description: 'ENTERPRISE_NOT_FOUND' })
  @ApiConflictResponse({ type: ErrorEnvelopeDto, description: 'ALREADY_MEMBER' })
  add(@CurrentUser() user: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: AddMemberDto): Promise<MemberDto> {
    return this.members.add(user, id, dto.email);
  }

  @Delete(':userId')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Đã xoá (removed)' })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  @ApiConflictResponse({ type: ErrorEnvelopeDto, description: 'CANNOT_REMOVE_OWNER' })
  async remove(
    @CurrentUser() user: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('userId', new ParseUUIDPipe()) userId: string,
  ): Promise<void> {
    await this.members.remove(user, id, userId);
  }
}
