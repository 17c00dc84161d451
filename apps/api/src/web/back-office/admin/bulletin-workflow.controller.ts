import { Body, Controller, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, DomainError, type ResolvedConfig, isUuid } from '@tradefloor/core';
import { BulletinWorkflowService, RejectBulletinDto, type BulletinEntity } from '@tradefloor/news-bulletin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { validateForm } from '../../session/form-validation';
import { WebSession } from '../../session/web-session.service';
import { parseVietnamLocal } from './format';
import { redirectDone, staffError, staffPost, type Form, type StaffRequest } from './staff-page';

const PATH = '/quan-ly/ban-tin';

/** Publishing, scheduling, archiving and (admins) approving bulletins from the editor page. */
@ApiExcludeController()
@Controller('quan-ly/ban-tin')
export class BulletinWorkflowController {
  constructor(
    private readonly session: WebSession,
    private readonly workflow: BulletinWorkflowService,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  @Post(':id/xuat-ban')
  async publish(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string, @Body() body: Form): Promise<void> {
    const staff = await this.staff(req, reply, id, ['editor', 'admin']);
    if (!staff) return;
    let publishAt: Date | undefined;
    if (body.publishAt) {
      publishAt = parseVietnamLocal(body.publishAt);
      if (!publishAt) return staffError(reply, staff.ctx, 400, staff.ctx.t('admin.bul.badPublishAt'));
    }
    await this.run(
      reply,
      staff,
      id,
      () => this.workflow.publish(staff.user, id, publishAt),
      (b) => (b.status === 'pending_approval' ? 'submitted' : b.status === 'scheduled' ? 'scheduled' : 'published'),
    );
  }

  @Post(':id/luu-tru')
  async archive(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    const staff = await this.staff(req, reply, id, ['editor', 'admin']);
    if (staff)
      await this.run(
        reply,
        staff,
        id,
        () => this.workflow.archive(staff.user, id),
        () => 'archived',
      );
  }

  @Post(':id/duyet')
  async approve(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string, @Body() body: Form): Promise<void> {
    const staff = await this.staff(req, reply, id, ['admin']);
    const revision = Number(body.revision);
    if (staff)
      await this.run(
        reply,
        staff,
        id,
        () => this.workflow.approve(id, Number.isInteger(revision) && revision > 0 ? revision : undefined),
        () => 'approved',
      );
  }

  @Post(':id/tu-choi')
  async reject(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string, @Body() body: Form): Promise<void> {
    const staff = await this.staff(req, reply, id, ['admin']);
    if (!staff) return;
    const { value, errors } = await validateForm(RejectBulletinDto, { reason: body.reason });
    if (errors.reason) return staffError(reply, staff.ctx, 400, errors.reason);
    await this.run(
      reply,
      staff,
      id,
      () => this.workflow.reject(id, value.reason),
      () => 'rejected',
    );
  }

  private async staff(req: FastifyRequest, reply: FastifyReply, id: string, roles: Array<'editor' | 'admin'>): Promise<StaffRequest | undefined> {
    const staff = await staffPost(this.session, this.config, req, reply, roles);
    if (staff && !isUuid(id)) {
      staffError(reply, staff.ctx, 404, staff.ctx.t('notfound.body'));
      return undefined;
    }
    return staff;
  }

  /** Runs a workflow step; a refused step (wrong state, approval rule) is shown as a page, nothing changed. */
  private async run(
    reply: FastifyReply,
    staff: StaffRequest,
    id: string,
    step: () => Promise<BulletinEntity>,
    done: (b: BulletinEntity) => string,
  ): Promise<void> {
    try {
      const b = await step();
      redirectDone(reply, `${PATH}/${id}`, done(b));
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      staffError(reply, staff.ctx, err.status, err.message);
    }
  }
}
