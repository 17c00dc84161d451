import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ConflictError, ForbiddenError, isUuid, NotFoundError, ValidationFailedError } from '@tradefloor/core';
import { UsersService, type Principal } from '@tradefloor/identity';
import type { DataSource } from 'typeorm';
import { EnterpriseAccess } from '../access/enterprise-access.service';
import type { MemberDto } from '../dto/member.dto';
import { EnterpriseMemberEntity } from '../entities/enterprise-member.entity';

/** Who may manage an enterprise: its owner adds and removes staff (admins may too). */
@Injectable()
export class EnterpriseMembers {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: EnterpriseAccess,
    private readonly users: UsersService,
  ) {}

  async list(principal: Principal, enterpriseId: string): Promise<MemberDto[]> {
    await this.access.assertCanManage(principal, enterpriseId);
    const rows: Array<{ userId: string; email: string; displayName: string; role: 'owner' | 'staff'; createdAt: Date }> = await this.dataSource.query(
      `SELECT m.user_id AS "userId", u.email, u.display_name AS "displayName", m.role, m.created_at AS "createdAt"
       FROM enterprise_members m JOIN users u ON u.id = m.user_id
       WHERE m.enterprise_id = $1
       ORDER BY (m.role = 'owner') DESC, m.created_at, u.email`,
      [enterpriseId],
    );
    return rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt).toISOString() }));
  }

  async add(principal: Principal, enterpriseId: string, email: string): Promise<MemberDto> {
    await this.assertOwnerOrAdmin(principal, enterpriseId);
    const user = await this.users.findByEmail(email);
    // One answer whether the email is unknown, a buyer, an editor or disabled: adding a member
    // must not tell who has an account or what role it has (issue 18 §8).
    if (!user || user.role !== 'business' || user.status !== 'active') {
      throw ValidationFailedError.field(
        'email',
        'Không thêm được email này: cần một tài khoản doanh nghiệp đang hoạt động (this email cannot be added: an active business account is needed)',
      );
    }
    const inserted = await this.dataSource
      .getRepository(EnterpriseMemberEntity)
      .createQueryBuilder()
      .insert()
      .values({ enterpriseId, userId: user.id, role: 'staff' })
      .orIgnore()
      .returning(['created_at'])
      .execute();
    if (!inserted.raw.length) throw new ConflictError('Người này đã là thành viên (already a member)', 'ALREADY_MEMBER');
    return { userId: user.id, email: user.email, displayName: user.displayName, role: 'staff', createdAt: new Date(inserted.raw[0].created_at).toISOString() };
  }

  async remove(principal: Principal, enterpriseId: string, userId: string): Promise<void> {
    await this.assertOwnerOrAdmin(principal, enterpriseId);
    const repo = this.dataSource.getRepository(EnterpriseMemberEntity);
    const member = isUuid(userId) ? await repo.findOneBy({ enterpriseId, userId }) : null;
    if (!member) throw new NotFoundError('Thành viên', 'MEMBER_NOT_FOUND');
    if (member.role === 'owner') {
      throw new ConflictError('Không thể xoá chủ sở hữu doanh nghiệp (the owner cannot be removed)', 'CANNOT_REMOVE_OWNER');
    }
    await repo.delete({ enterpriseId, userId });
  }

  private async assertOwnerOrAdmin(principal: Principal, enterpriseId: string): Promise<void> {
    const enterprise = await this.access.assertCanManage(principal, enterpriseId);
    if (principal.role !== 'admin' && enterprise.ownerId !== principal.id) {
      throw new ForbiddenError('Chỉ chủ sở hữu mới quản lý thành viên (only the owner manages members)');
    }
  }
}
