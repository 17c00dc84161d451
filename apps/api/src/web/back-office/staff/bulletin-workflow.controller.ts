import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { isUuid } from '@tradefloor/core';
import type { Role } from '@tradefloor/identity';
import { BulletinWorkflowService, RejectBulletinDto } from '@tradefloor/news-bulletin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { parseVietnamLocal } from '../../kit/format';
import { validateForm } from '../../session/form-validation';
import { ADMINS, BackOffice, STAFF, type BackOfficeRequest, type Form } from '../back-office';

const PATH = '/quan-ly/ban-tin';

/**
 * Publishing, scheduling, archiving and (admins) approving bulletins from the editor page. A refused
 * step (wrong state, approval rule) is a DomainError: BackOffice shows it as a page, nothing changed.
 */
@ApiExcludeController()
@Controller('quan-ly/ban-tin')
export class BulletinWorkflowController {
  constructor(
    private readonly bo: BackOffice,
    private readonly workflow: BulletinWorkflowService,
  ) {}

  @Post(':id/xuat-ban')
  publish(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string, @Body() body: Form): Promise<void> {
    return this.step(req, reply, id, STAFF, async (r) => {
      let publishAt: Date | undefined;
      if (body.publishAt) {
        publishAt = parseVietnamLocal(body.publishAt);
        if (!publishAt) return this.bo.fail(r, 400, r.ctx.t('admin.bul.badPublishAt'));
      }
      const b = await this.workflow.publish(r.user, id, publishAt);
      return b.status === 'pending_approval' ? 'submitted' : b.status === 'scheduled' ? 'scheduled' : 'published';
    });
  }

  @Post(':id/luu-tru')
  archive(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    return this.step(req, reply, id, STAFF, async (r) => {
      await this.workflow.archive(r.user, id);
      return 'archived';
    });
  }

  @Post(':id/duyet')
  approve(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string, @Body() body: Form): Promise<void> {
    // Pinned to the revision shown on the page: an edit made meanwhile is refused, not approved unread.
    const revision = Number(body.revision);
    return this.step(req, reply, id, ADMINS, async () => {
      await this.workflow.approve(id, Number.isInteger(revision) && revision > 0 ? revision : undefined);
      return 'approved';
    });
  }

  @Post(':id/tu-choi')
  reject(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string, @Body() body: Form): Promise<void> {
    return this.step(req, reply, id, ADMINS, async (r) => {
      const { value, errors } = await validateForm(RejectBulletinDto, { reason: body.reason }, r.ctx.lang);
      if (errors.reason) return this.bo.fail(r, 400, errors.reason);
      await this.workflow.reject(id, value.reason);
      return 'rejected';
    });
  }

  /** A workflow post: unknown ids are a 404 page; a step returns the `done` key of the editor page, or nothing when it answered itself. */
  private step(req: FastifyRequest, reply: FastifyReply, id: string, roles: Role[], work: (r: BackOfficeRequest) => Promise<string | void>): Promise<void> {
    return this.bo.form(req, reply, roles, async (r) => {
      if (!isUuid(id)) return this.bo.fail(r, 404, r.ctx.t('notfound.body'));
      const key = await work(r);
      if (key) this.bo.redirect(r, `${PATH}/${id}`, key);
    });
  }
}
