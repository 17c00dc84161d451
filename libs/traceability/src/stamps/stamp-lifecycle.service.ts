import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, NotFoundError, ValidationFailedError } from '@tradefloor/core';
import type { Principal } from '@tradefloor/identity';
import type { DataSource } from 'typeorm';
import { BatchAccess } from '../batches/batch-access.service';
import { parseSerial } from '../codes/serial-code';
import { assertMayStamp } from '../trust/issuer-gate';
import type { RevokeStampsDto, SeqRangeDto } from './stamp.dto';

function checkRange(range: { fromSeq?: number; toSeq?: number }): void {
  if (range.fromSeq !== undefined && range.toSeq !== undefined && range.fromSeq > range.toSeq) {
    throw ValidationFailedError.field('toSeq', 'toSeq phải ≥ fromSeq (toSeq must not be below fromSeq)');
  }
}

/** State changes of issued stamps: issued → activated → revoked (revocation also from issued). */
@Injectable()
export class StampLifecycle {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: BatchAccess,
    private readonly clock: Clock,
  ) {}

  async activate(principal: Principal, batchId: string, range: SeqRangeDto): Promise<number> {
    checkRange(range);
    const { batch, enterprise, product } = await this.access.assertCanManage(principal, batchId);
    assertMayStamp(enterprise, product, 'fromSeq');
    const [, count] = await this.dataSource.query(
      `UPDATE trace_stamps SET state = 'activated', activated_at = $4
       WHERE batch_id = $1 AND state = 'issued' AND seq >= $2 AND seq <= $3`,
      [batch.id, range.fromSeq ?? 1, range.toSeq ?? 2_147_483_647, this.clock.now()],
    );
    return Number(count);
  }

  async revoke(principal: Principal, dto: RevokeStampsDto): Promise<number> {
    if (dto.serials !== undefined && dto.batchId !== undefined) {
      throw ValidationFailedError.field('serials', 'Chọn serials hoặc batchId, không cả hai (give serials or batchId, not both)');
    }
    checkRange(dto);
    const now = this.clock.now();
    if (dto.batchId !== undefined) {
      const { batch } = await this.access.assertCanManage(principal, dto.batchId);
      const [, count] = await this.dataSource.query(
        `UPDATE trace_stamps SET state = 'revoked', revoked_at = $4, revoke_reason = $5
         WHERE batch_id = $1 AND state <> 'revoked' AND seq >= $2 AND seq <= $3`,
        [batch.id, dto.fromSeq ?? 1, dto.toSeq ?? 2_147_483_647, now, dto.reason],
      );
      return Number(count);
    }
    if (dto.fromSeq !== undefined || dto.toSeq !== undefined) {
      throw ValidationFailedError.field('fromSeq', 'Khoảng số thứ tự chỉ dùng với batchId (a range needs batchId)');
    }
    const serials: string[] = [];
    const bad = (dto.serials ?? []).flatMap((raw, i) => {
      const s = parseSerial(raw);
      if (s) serials.push(s);
      return s ? [] : [{ field: `serials.${i}`, message: 'Số sê-ri sai (invalid serial: check character)' }];
    });
    if (bad.length) throw new ValidationFailedError(bad);
    const rows: Array<{ serial: string; batch_id: string }> = await this.dataSource.query(
      `SELECT serial, batch_id FROM trace_stamps WHERE serial = ANY($1::text[])`,
      [serials],
    );
    if (rows.length !== new Set(serials).size) throw new NotFoundError('Tem', 'STAMP_NOT_FOUND');
    // Every batch involved must be the caller's: one foreign serial refuses the whole request.
    for (const batchId of new Set(rows.map((r) => r.batch_id))) await this.access.assertCanManage(principal, batchId);
    const [, count] = await this.dataSource.query(
      `UPDATE trace_stamps SET state = 'revoked', revoked_at = $2, revoke_reason = $3
       WHERE serial = ANY($1::text[]) AND state <> 'revoked'`,
      [serials, now, dto.reason],
    );
    return Number(count);
  }
}
