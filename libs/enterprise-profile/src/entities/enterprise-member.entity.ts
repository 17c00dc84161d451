import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export type MemberRole = 'owner' | 'staff';

/** A user who may manage an enterprise's data: its owner, or staff the owner added. */
@Entity('enterprise_members')
export class EnterpriseMemberEntity {
  @PrimaryColumn('uuid', { name: 'enterprise_id' }) enterpriseId!: string;
  @PrimaryColumn('uuid', { name: 'user_id' }) userId!: string;
  @Column({ type: 'text' }) role!: MemberRole;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
}
