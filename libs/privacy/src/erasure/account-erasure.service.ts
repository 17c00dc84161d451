import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditTrail, FileStorage, NotFoundError, PersonalDataRegistry, UnauthorizedError, ValidationFailedError } from '@tradefloor/core';
import { UsersService } from '@tradefloor/identity';
import type { DataSource } from 'typeorm';
import { pseudonymOf } from '../pseudonym';
import type { AccountClosedDto } from './erasure.dto';

/**
 * Closing an account (PDP Law: the right to deletion): after the password is re-confirmed, every
 * registered contributor erases its part in one transaction — the account row keeps only its id
 * and the pseudonym (`user-<hash>`), sessions are revoked, the email is free to register again;
 * records the law or other people's rights require (audit log, published bulletins, an
 * enterprise's legal identity) keep pointing at the now anonymous id. Audit rows are never changed.
 */
@Injectable()
export class AccountErasure {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contributors: PersonalDataRegistry,
    private readonly users: UsersService,
    private readonly storage: FileStorage,
    private readonly audit: AuditTrail,
  ) {}

  async close(userId: string, password: string): Promise<AccountClosedDto> {
    const user = await this.users.get(userId);
    if (!user) throw new NotFoundError('Người dùng');
    if (!(await this.users.passwordMatches(userId, password))) {
      throw new UnauthorizedError('Mật khẩu không đúng (wrong password)', 'PASSWORD_MISMATCH');
    }
    if (user.role === 'admin') {
      throw ValidationFailedError.field('password', 'Tài khoản quản trị không thể tự xoá; hãy nhờ quản trị viên khác (an admin account cannot close itself)');
    }
    const subject = { userId, email: user.email, pseudonym: pseudonymOf(userId) };
    const erased: string[] = [];
    const files = await this.dataSource.transaction(async (m) => {
      for (const c of this.contributors.all()) {
        if (!c.erase) continue;
        await c.erase(subject, m);
        erased.push(c.section);
      }
      // Exports not yet downloaded go with the account.
      const exports: Array<{ file_key: string | null }> = await m.query(
        `UPDATE personal_data_exports SET status = 'expired' WHERE user_id = $1 AND status IN ('pending','ready') RETURNING file_key`,
        [userId],
      );
      await this.audit.record(m, {
        actor: { id: userId, role: user.role },
        action: 'privacy.account.close',
        subject: { type: 'user', id: userId },
        after: { pseudonym: subject.pseudonym, erased },
      });
      return exports.map((e) => e.file_key).filter((k): k is string => !!k);
    });
    for (const key of files) await this.storage.delete(key);
    return { status: 'closed', pseudonym: subject.pseudonym, erased };
  }
}
