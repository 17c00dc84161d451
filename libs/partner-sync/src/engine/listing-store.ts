import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, returnedRows } from '@tradefloor/core';
import type { DataSource } from 'typeorm';

/** Writes to a listing row and its attempt history; every timestamp from the engine's Clock. */
@Injectable()
export class ListingStore {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  async set(id: string, fields: Record<string, unknown>): Promise<void> {
    const keys = Object.keys(fields);
    const assignments = keys.map((k, i) => `${k} = $${i + 2}`).join(', ');
    await this.dataSource.query(`UPDATE listings SET ${assignments}, updated_at = now() WHERE id = $1`, [id, ...keys.map((k) => fields[k])]);
  }

  /** Marks a create as started (keeping the first attempt's time) and returns that time. */
  async startCreate(id: string, hash: string): Promise<Date> {
    const [row] = returnedRows<{ create_started_at: Date }>(
      await this.dataSource.query(
        `UPDATE listings SET create_started_at = COALESCE(create_started_at, clock_timestamp()), create_hash = $2, updated_at = now()
         WHERE id = $1 RETURNING create_started_at`,
        [id, hash],
      ),
    );
    return new Date(row.create_started_at);
  }

  async deadLetter(id: string, state: 'failed' | 'rejected', errorClass: string, reason: string): Promise<void> {
    await this.set(id, { state, error_class: errorClass, last_error: reason, dead_lettered_at: this.now() });
  }

  async attempt(listingId: string, action: string, outcome: 'ok' | 'error', errorClass: string | null, message: string | null): Promise<void> {
    await this.dataSource.query(`INSERT INTO listing_attempts (listing_id, action, outcome, error_class, message) VALUES ($1, $2, $3, $4, $5)`, [
      listingId,
      action,
      outcome,
      errorClass,
      message?.slice(0, 1000) ?? null,
    ]);
  }
}
