import { Injectable, type OnModuleInit } from '@nestjs/common';
import { RetentionSchedule } from '@tradefloor/core';

/**
 * Retention of sign-in records: refresh tokens (one per sign-in session and rotation) that expired,
 * were revoked or used before the cut-off, and sign-in throttle rows not touched since.
 */
@Injectable()
export class SignInRetention implements OnModuleInit {
  constructor(private readonly retention: RetentionSchedule) {}

  onModuleInit(): void {
    this.retention.register({
      kind: 'sign-ins',
      description: 'Bản ghi đăng nhập (phiên đăng nhập đã hết hạn hoặc bị thu hồi, bộ đếm đăng nhập sai), tính từ khi kết thúc',
      defaultDays: 90,
      purge: async (olderThan, m) => {
        const [, tokens] = await m.query(`DELETE FROM refresh_tokens WHERE expires_at < $1 OR revoked_at < $1 OR used_at < $1`, [olderThan]);
        const [, throttle] = await m.query(`DELETE FROM login_throttle WHERE updated_at < $1`, [olderThan]);
        return (tokens as number) + (throttle as number);
      },
    });
  }
}
