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
    const members = await this.dataSource.getRepository(EnterpriseMemberEntity).findBy({ enterpriseId });
    const contacts = await this.users.contactsOf(members.map((m) => m.userId));
    return members
      .flatMap((m) => {
        const contact = contacts.get(m.userId);
        return contact ? [{ userId: m.userId, ...contact, role: m.role, createdAt: m.createdAt }] : [];
      })
      .sort(
        (a, b) =>
          Number(b.role === 'owner') - Number(a.role === 'owner') ||
          a.createdAt.getTime() - b.createdAt.getTime() ||
          (a.email < b.email ? -1 : a.email > b.email ? 1 : 0),
      )
      .map((r) => ({ ...r, createdAt: new Date(r.createdAt).toISOString() }));
  }

  async add(principal: Principal, enterpriseId: string, email: string): Promise<MemberDto> {
    await this.assertOwnerOrAdmin(principal, enterpriseId);
    const user = await this.users.findByEmail(email);
    if (!user) throw new NotFoundError('Người dùng', 'USER_NOT_FOUND');
    if (user.role !== 'business' || user.status !== 'active') {
      throw ValidationFailedError.field('email', 'Chỉ thêm được tài khoản doanh nghiệp đang hoạt động (only active business accounts can be members)');
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
