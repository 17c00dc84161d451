import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { ErrorEnvelopeDto } from '@tradefloor/core';
import { Auth, CurrentUser, OptionalAuth, type Principal } from '@tradefloor/identity';
import type { FastifyRequest } from 'fastify';
import {
  AssignComplaintDto,
  ComplaintDto,
  ComplaintKindDto,
  ComplaintListDto,
  ComplaintListQueryDto,
  ComplaintLookupQueryDto,
  ComplaintReceiptDto,
  ComplaintStatusDto,
  ComplaintTakedownDto,
  EscalateComplaintDto,
  FileComplaintDto,
  ResolveComplaintDto,
  SellerComplaintListDto,
  StaffReplyDto,
} from './complaint.dto';
import { Complaints } from './complaints.service';

@ApiTags('complaints')
@Controller('api/v1/complaints')
export class PublicComplaintsController {
  constructor(private readonly complaints: Complaints) {}

  @Get('kinds')
  @ApiOkResponse({ type: [ComplaintKindDto], description: 'Kinds of complaint and the published answer deadline of each' })
  kinds(): ComplaintKindDto[] {
    return this.complaints.kinds();
  }

  @Post()
  @OptionalAuth()
  @ApiCreatedResponse({ type: ComplaintReceiptDto, description: 'Keep the code: with the email it shows the complaint’s progress' })
  @ApiTooManyRequestsResponse({ type: ErrorEnvelopeDto })
  file(@Body() dto: FileComplaintDto, @Req() req: FastifyRequest, @CurrentUser() user: Principal | undefined): Promise<ComplaintReceiptDto> {
    return this.complaints.file(dto, req.ip, user);
  }

  @Get(':code')
  @ApiOkResponse({ type: ComplaintStatusDto })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto, description: 'Unknown code, or not the email it was filed with' })
  status(@Param('code') code: string, @Query() q: ComplaintLookupQueryDto): Promise<ComplaintStatusDto> {
    return this.complaints.lookup(code, q.email);
  }
}

@ApiTags('admin')
@Controller('api/v1/admin/complaints')
@Auth('admin', 'editor')
export class StaffComplaintsController {
  constructor(private readonly complaints: Complaints) {}

  @Get()
  @ApiOkResponse({ type: ComplaintListDto, description: 'Active first, nearest deadline first' })
  list(@CurrentUser() staff: Principal, @Query() q: ComplaintListQueryDto): Promise<ComplaintListDto> {
    return this.complaints.list(q, staff);
  }

  @Get(':id')
  @ApiOkResponse({ type: ComplaintDto })
  @ApiNotFoundResponse({ type: ErrorEnvelopeDto })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<ComplaintDto> {
    return this.complaints.get(id);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @ApiOkResponse({ type: ComplaintDto })
  @ApiConflictResponse({ type: ErrorEnvelopeDto, description: 'COMPLAINT_CLOSED' })
  assign(@CurrentUser() staff: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: AssignComplaintDto): Promise<ComplaintDto> {
    return this.complaints.assign(staff, id, dto.userId);
  }

  @Post(':id/replies')
  @HttpCode(200)
  @ApiOkResponse({ type: ComplaintDto, description: 'The reply is shown to the complainant' })
  @ApiConflictResponse({ type: ErrorEnvelopeDto, description: 'COMPLAINT_CLOSED' })
  reply(@CurrentUser() staff: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: StaffReplyDto): Promise<ComplaintDto> {
    return this.complaints.reply(staff, id, dto.message);
  }

  @Post(':id/escalate')
  @HttpCode(200)
  @ApiOkResponse({ type: ComplaintDto })
  @ApiConflictResponse({ type: ErrorEnvelopeDto, description: 'COMPLAINT_CLOSED' })
  escalate(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: EscalateComplaintDto): Promise<ComplaintDto> {
    return this.complaints.escalate(id, dto.note);
  }

  @Post(':id/resolution')
  @HttpCode(200)
  @ApiOkResponse({ type: ComplaintDto })
  @ApiConflictResponse({ type: ErrorEnvelopeDto, description: 'COMPLAINT_CLOSED' })
  resolve(@CurrentUser() staff: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ResolveComplaintDto): Promise<ComplaintDto> {
    return this.complaints.resolve(staff, id, dto);
  }
}

/** Opening a takedown is an administrator's decision, as for takedowns filed directly. */
@ApiTags('admin')
@Controller('api/v1/admin/complaints')
@Auth('admin')
export class ComplaintTakedownsController {
  constructor(private readonly complaints: Complaints) {}

  @Post(':id/takedown')
  @HttpCode(200)
  @ApiOkResponse({ type: ComplaintDto, description: 'The subject is off every public surface when this returns' })
  @ApiConflictResponse({ type: ErrorEnvelopeDto, description: 'COMPLAINT_CLOSED | COMPLAINT_NO_SUBJECT | COMPLAINT_TAKEDOWN_EXISTS | TAKEDOWN_EXISTS' })
  takedown(@CurrentUser() staff: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ComplaintTakedownDto): Promise<ComplaintDto> {
    return this.complaints.openTakedown(staff, id, dto);
  }
}

@ApiTags('complaints')
@Controller('api/v1/enterprises')
@Auth()
export class SellerComplaintsController {
  constructor(private readonly complaints: Complaints) {}

  @Get(':id/complaints')
  @ApiOkResponse({
    type: SellerComplaintListDto,
    description: 'Complaints about the enterprise or its products (members only), without the complainants’ contact details',
  })
  forEnterprise(
    @CurrentUser() user: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() q: ComplaintListQueryDto,
  ): Promise<SellerComplaintListDto> {
    return this.complaints.forEnterprise(user, id, q);
  }
}
