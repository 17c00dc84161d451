import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  APP_CONFIG,
  AuditTrail,
  Clock,
  ConflictError,
  JobQueue,
  NotFoundError,
  returnedRows,
  ValidationFailedError,
  type ResolvedConfig,
} from '@tradefloor/core';
import { PeerSearchIndex } from '@tradefloor/search';
import type { DataSource } from 'typeorm';
import { federationConfig } from '../federation-config';
import { feedUrlProblem } from './outbound-guard';
import type { CreatePeerDto, PeerDto, PeerListDto } from './peer.dto';
import { PeerProducts } from './peer-products.store';
import { PULL_QUEUE } from './peer-puller';

interface PeerRow {
  id: string;
  name: string;
  province_code: string;
  feed_url: string;
  next_pull_at: Date;
  failures: number;
  last_attempt_at: Date | null;
  last_success_at: Date | null;
  last_error: string | null;
  last_error_at: Date | null;
  last_rejected: number;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Peer floors registered by admins, and their health. */
@Injectable()
export class Peers {
  private readonly allowPrivate: boolean;
  private readonly intervalMs: number;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly products: PeerProducts,
    private readonly jobs: JobQueue,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly index: PeerSearchIndex,
    @Inject(APP_CONFIG) config: ResolvedConfig,
  ) {
    const settings = federationConfig(config);
    this.allowPrivate = settings.allowPrivatePeers;
    this.intervalMs = settings.pullIntervalSeconds * 1000;
  }

  async create(dto: CreatePeerDto, createdBy: string): Promise<PeerDto> {
    const feedUrl = dto.feedUrl.trim();
    const problem = feedUrlProblem(feedUrl, this.allowPrivate);
    if (problem) throw ValidationFailedError.field('feedUrl', `feedUrl ${problem}`);
    const id = await this.dataSource.transaction(async (m) => {
      const [row]: Array<{ id: string }> = await m.query(
        `INSERT INTO federation_peers (name, province_code, feed_url, created_by, next_pull_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (feed_url) DO NOTHING RETURNING id`,
        // The first pull is the job below; the schedule takes over after it.
        [dto.name.trim(), dto.provinceCode, feedUrl, createdBy, new Date(this.clock.now().getTime() + this.intervalMs)],
      );
      if (!row) throw new ConflictError('Sàn này đã được đăng ký (this feed URL is already a peer)', 'PEER_EXISTS');
      await this.audit.record(m, { action: 'federation.peer.create', subject: { type: 'federation-peer', id: row.id }, after: { ...dto, feedUrl } });
      // The first pull right away, in the same transaction as the registration.
      await this.jobs.enqueue(m, PULL_QUEUE, { peerId: row.id }, { dedupeKey: `peer:${row.id}` });
      return row.id;
    });
    return this.get(id);
  }

  async list(): Promise<PeerListDto> {
    const [rows, counts] = await Promise.all([
      this.dataSource.query(`SELECT * FROM federation_peers ORDER BY name, id`) as Promise<PeerRow[]>,
      this.products.countByPeer(),
    ]);
    return { items: rows.map((r) => toDto(r, counts.get(r.id) ?? 0)) };
  }

  async get(id: string): Promise<PeerDto> {
    const [row]: PeerRow[] = await this.dataSource.query(`SELECT * FROM federation_peers WHERE id = $1`, [id]);
    if (!row) throw new NotFoundError('Sàn liên kết (peer)');
    return toDto(row, (await this.products.countByPeer()).get(id) ?? 0);
  }

  /**
   * Removes a peer floor: its products go with it (foreign key), and in the same transaction a job
   * per search engine takes its documents out of the peer index; audited.
   */
  async remove(id: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const [row] = returnedRows<PeerRow>(await m.query(`DELETE FROM federation_peers WHERE id = $1 RETURNING *`, [id]));
      if (!row) throw new NotFoundError('Sàn liên kết (peer)');
      await this.audit.record(m, {
        action: 'federation.peer.remove',
        subject: { type: 'federation-peer', id },
        before: { name: row.name, provinceCode: row.province_code, feedUrl: row.feed_url },
      });
      await this.index.enqueueRemovePeer(m, id);
    });
  }

  /** An admin asks for a pull now (after fixing a peer's URL, or to check it). */
  async pullNow(id: string): Promise<PeerDto> {
    await this.get(id);
    await this.jobs.enqueueNow(PULL_QUEUE, { peerId: id }, { dedupeKey: `peer:${id}` });
    return this.get(id);
  }
}

function toDto(r: PeerRow, items: number): PeerDto {
  return {
    id: r.id,
    name: r.name,
    provinceCode: r.province_code,
    feedUrl: r.feed_url,
    health: !r.last_attempt_at ? 'never-pulled' : r.failures > 0 ? 'failing' : 'ok',
    lastSuccessAt: iso(r.last_success_at),
    lastAttemptAt: iso(r.last_attempt_at),
    lastError: r.last_error,
    lastErrorAt: iso(r.last_error_at),
    failures: r.failures,
    lastRejected: r.last_rejected,
    items,
    nextPullAt: r.next_pull_at.toISOString(),
  };
}
