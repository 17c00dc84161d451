import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  APP_CONFIG,
  AuditTrail,
  LOGGER,
  NotFoundError,
  ValidationFailedError,
  escapeLike,
  normalizeVietnameseMobile,
  type ResolvedConfig,
} from '@tradefloor/core';
import type { Logger } from 'pino';
import { In, type DataSource } from 'typeorm';
import { PasswordHasher } from '../auth/password-hasher';
import { TokenService } from '../auth/token.service';
import { UserEntity, type Role } from '../entities/user.entity';

export interface UserPage {
  items: UserEntity[];
  total: number;
  page: number;
  pageSize: number;
}

export interface UserContact {
  email: string;
  displayName: string;
}

@Injectable()
export class UsersService implements OnApplicationBootstrap {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly audit: AuditTrail,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.bootstrapAdmin();
  }

  /** Creates the ADMIN_EMAIL account once; later starts leave it (and its password) as it is. */
  async bootstrapAdmin(): Promise<void> {
    const { adminEmail, adminPassword } = this.config;
    if (!adminEmail || !adminPassword) return;
    const repo = this.dataSource.getRepository(UserEntity);
    const existing = await repo.findOneBy({ email: adminEmail });
    if (existing) {
      if (existing.role !== 'admin') this.logger.warn({ email: adminEmail }, 'ADMIN_EMAIL belongs to a non-admin account; left unchanged');
      return;
    }
    const passwordHash = await this.hasher.hash(adminPassword);
    await repo
      .createQueryBuilder()
      .insert()
      .values({ email: adminEmail, displayName: 'Quản trị viên', passwordHash, role: 'admin', status: 'active', phone: null })
      .orIgnore()
      .execute();
    this.logger.info({ email: adminEmail }, 'admin account created');
  }

  /** Re-confirmation before a destructive action (closing the account): does this password match? */
  async passwordMatches(id: string, password: string): Promise<boolean> {
    const user = await this.dataSource.getRepository(UserEntity).createQueryBuilder('u').addSelect('u.passwordHash').where('u.id = :id', { id }).getOne();
    return this.hasher.verify(user?.passwordHash, password);
  }

  /** The owner's own correction of their name and phone (audited with the fields changed, not their values). */
  async updateProfile(id: string, change: { displayName?: string; phone?: string | null }): Promise<UserEntity> {
    return this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(UserEntity);
      const patch: Partial<UserEntity> = {};
      if (change.displayName !== undefined) patch.displayName = change.displayName;
      if (change.phone !== undefined) patch.phone = change.phone ? normalizeVietnameseMobile(change.phone) : null;
      if (Object.keys(patch).length) {
        await repo.update({ id }, patch);
        await this.audit.record(m, { action: 'user.profile-update', subject: { type: 'user', id }, after: { fields: Object.keys(patch) } });
      }
      const user = await repo.findOneBy({ id });
      if (!user) throw new NotFoundError('Người dùng');
      return user;
    });
  }

  get(id: string): Promise<UserEntity | null> {
    return this.dataSource.getRepository(UserEntity).findOneBy({ id });
  }

  /** Email and name of these users (one query), for other contexts that show or write to them. */
  async contactsOf(ids: string[]): Promise<Map<string, UserContact>> {
    if (!ids.length) return new Map();
    const users = await this.dataSource
      .getRepository(UserEntity)
      .find({ select: { id: true, email: true, displayName: true }, where: { id: In([...new Set(ids)]) } });
    return new Map(users.map((u) => [u.id, { email: u.email, displayName: u.displayName }]));
  }

  /** Ids of active users with a verified email after `afterId` (id order), for mail sent to every account in batches. */
  async activeVerifiedIds(afterId: string | null, limit: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM users WHERE status = 'active' AND email_verified_at IS NOT NULL AND ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT $2`,
      [afterId, limit],
    );
    return rows.map((r) => r.id);
  }

  findByEmail(email: string): Promise<UserEntity | null> {
    return this.dataSource.getRepository(UserEntity).findOneBy({ email: email.trim().toLowerCase() });
  }

  async list(filter: { page: number; pageSize: number; role?: Role; q?: string }): Promise<UserPage> {
    const qb = this.dataSource.getRepository(UserEntity).createQueryBuilder('u').orderBy('u.createdAt', 'DESC');
    if (filter.role) qb.andWhere('u.role = :role', { role: filter.role });
    if (filter.q) qb.andWhere(`(u.email ILIKE :q OR u.display_name ILIKE :q)`, { q: `%${escapeLike(filter.q)}%` });
    const [items, total] = await qb
      .skip((filter.page - 1) * filter.pageSize)
      .take(filter.pageSize)
      .getManyAndCount();
    return { items, total, page: filter.page, pageSize: filter.pageSize };
  }

  async changeRole(actorId: string, id: string, role: Role): Promise<UserEntity> {
    if (actorId === id) throw ValidationFailedError.field('role', 'Không thể tự đổi vai trò của mình (cannot change your own role)');
    return this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(UserEntity);
      const user = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw new NotFoundError('Người dùng');
      await repo.update({ id }, { role });
      await this.audit.record(m, { action: 'user.role-change', subject: { type: 'user', id }, before: { role: user.role }, after: { role } });
      return repo.findOneByOrFail({ id });
    });
  }

  async changeStatus(actorId: string, id: string, status: 'active' | 'disabled'): Promise<UserEntity> {
    if (actorId === id) throw ValidationFailedError.field('status', 'Không thể tự khoá tài khoản của mình (cannot disable yourself)');
    return this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(UserEntity);
      const user = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw new NotFoundError('Người dùng');
      await repo.update({ id }, { status });
      if (status === 'disabled') await this.tokens.revokeAllForUser(id, m);
      await this.audit.record(m, { action: 'user.status-change', subject: { type: 'user', id }, before: { status: user.status }, after: { status } });
      return repo.findOneByOrFail({ id });
    });
  }
}
