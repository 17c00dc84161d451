import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { isUuid, ValidationFailedError } from '@tradefloor/core';
import { CreatePeerDto, Peers } from '@tradefloor/federation';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { MessageKey } from '../../i18n/messages';
import { doneMessage } from '../../kit/query';
import { domainFieldErrors, validateForm } from '../../session/form-validation';
import { ADMINS, BackOffice, type Form } from '../back-office';
import { PEERS_PATH as PATH, peersView } from './peers.view';

const DONE: Record<string, MessageKey> = { added: 'admin.peers.done.added', pulled: 'admin.peers.done.pulled', removed: 'admin.peers.done.removed' };

/** Peer floors and their health (admins): the same service as /api/v1/admin/peers. */
@ApiExcludeController()
@Controller('quan-ly/san-lien-ket')
export class PeersController {
  constructor(
    private readonly bo: BackOffice,
    private readonly peers: Peers,
  ) {}

  @Get()
  list(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.bo.page(req, reply, ADMINS, async (staff) => {
      const { items } = await this.peers.list();
      this.bo.send(
        staff,
        staff.ctx.t('admin.peers.title'),
        peersView(staff.ctx, { items, done: doneMessage(staff.ctx.t, req.query, DONE), csrf: staff.csrf() }),
      );
    });
  }

  @Post()
  add(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Body() body: Form): Promise<void> {
    return this.bo.form(req, reply, ADMINS, async (staff) => {
      const { ctx } = staff;
      const { value, errors } = await validateForm(CreatePeerDto, body, ctx.lang);
      if (!Object.keys(errors).length) {
        try {
          await this.peers.create(value, staff.user.id);
          return this.bo.redirect(staff, PATH, 'added');
        } catch (err) {
          if (!(err instanceof ValidationFailedError)) throw err;
          Object.assign(errors, domainFieldErrors(err, ctx.lang));
        }
      }
      const { items } = await this.peers.list();
      const values = { name: String(body.name ?? ''), provinceCode: String(body.provinceCode ?? ''), feedUrl: String(body.feedUrl ?? '') };
      this.bo.send(staff, ctx.t('admin.peers.title'), peersView(ctx, { items, csrf: staff.csrf(), values, errors }), 400);
    });
  }

  @Post(':id/keo')
  pull(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    return this.bo.form(req, reply, ADMINS, async (staff) => {
      if (!isUuid(id)) return this.bo.fail(staff, 404, staff.ctx.t('notfound.body'));
      await this.peers.pullNow(id);
      this.bo.redirect(staff, PATH, 'pulled');
    });
  }

  @Post(':id/xoa')
  remove(@Req() req: FastifyRequest, @Res() reply: FastifyReply, @Param('id') id: string): Promise<void> {
    return this.bo.form(req, reply, ADMINS, async (staff) => {
      if (!isUuid(id)) return this.bo.fail(staff, 404, staff.ctx.t('notfound.body'));
      await this.peers.remove(id);
      this.bo.redirect(staff, PATH, 'removed');
    });
  }
}
