import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ErrorEnvelopeDto, PageQueryDto } from '@tradefloor/core';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { Auth, CurrentUser } from '../auth/auth.guard';
import type { Principal } from '../auth/principal';
import { ChangeRoleDto, ChangeStatusDto, UserDto, UserListDto } from '../dto/auth.dto';
import { ROLES, type Role } from '../entities/user.entity';
import { toUserDto } from './user.mapper';
import { UsersService } from './users.service';

class UserListQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES as unknown as string[]) role?: Role;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) q?: string;
}

@ApiTags('admin')
@Controller('api/v1/admin/users')
@Auth('admin')
export class AdminUsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOkResponse({ type: UserListDto })
  async list(@Query() query: UserListQuery): Promise<UserListDto> {
    const page = await this.users.list(query);
    return { ...page, items: page.items.map(toUserDto) };
  }

  @Patch(':id/role')
  @ApiOkResponse({ type: UserDto })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  async changeRole(@CurrentUser() actor: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ChangeRoleDto): Promise<UserDto> {
    return toUserDto(await this.users.changeRole(actor.id, id, dto.role));
  }

  @Patch(':id/status')
  @ApiOkResponse({ type: UserDto })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  async changeStatus(@CurrentUser() actor: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ChangeStatusDto): Promise<UserDto> {
    return toUserDto(await this.users.changeStatus(actor.id, id, dto.status));
  }
}
