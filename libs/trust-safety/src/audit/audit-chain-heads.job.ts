import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { JobRegistry } from '@tradefloor/core';
import type { DataSource } from 'typeorm';

export const AUDIT_HEAD_QUEUE = 'trust-safety.record-audit-head';
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Records the chain's head once a day (`audit_chain_heads`, append-only). A hash chain alone cannot
 * show that its newest rows were cut off; a recorded head that is no longer in the chain can.
 * Operators who want more copy these heads somewhere the database owner cannot write (the README
 * says how).
 */
@Injectable()
export class AuditChainHeads implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: JobRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register(
      AUDIT_HEAD_QUEUE,
      async () => {
        await this.record();
      },
      { concurrency: 1 },
    );
    this.registry.every(AUDIT_HEAD_QUEUE, DAY_MS, AUDIT_HEAD_QUEUE);
  }

  /** Records the current head unless it is already the last one recorded; returns it. */
  async record(): Promise<{ seq: number; hash: string } | null> {
    const [head] = (await this.dataSource.query(
      `INSERT INTO audit_chain_heads (seq, hash)
       SELECT e.seq, e.hash FROM audit_events e
       WHERE e.seq = (SELECT max(seq) FROM audit_events)
         AND NOT EXISTS (SELECT 1 FROM audit_chain_heads h WHERE h.seq = e.seq)
       RETURNING seq, hash`,
    )) as Array<{ seq: string; hash: string }>;
    return head ? { seq: Number(head.seq), hash: head.hash } : null;
  }
}
