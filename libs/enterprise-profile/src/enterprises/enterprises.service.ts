import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, ConflictError, DomainEvents, InvalidStateError, ValidationFailedError, type FieldError } from '@tradefloor/core';
import type { Principal } from '@tradefloor/identity';
import type { DataSource, EntityManager } from 'typeorm';
import { EnterpriseAccess } from '../access/enterprise-access.service';
import type { CreateEnterpriseDto, UpdateEnterpriseDto } from '../dto/enterprise-input.dto';
import { EnterpriseMemberEntity } from '../entities/enterprise-member.entity';
import { EnterpriseEntity } from '../entities/enterprise.entity';
import { ReferenceData } from '../reference/reference-data.service';
import { sanitizeDescription } from '../text/sanitize-description';
import { isUniqueViolation } from './db-errors';
import { nextStatus } from './enterprise-lifecycle';
import { allocateSlug } from './enterprise-slugs';
import { checkLegalIdentity, legalIdentityChanged, type LegalIdentity } from './legal-identity';

const SLUG_ATTEMPTS = 5;

const identityOf = (e: Pick<EnterpriseEntity, keyof LegalIdentity>): LegalIdentity => ({
  kind: e.kind,
  legalForm: e.legalForm ?? null,
  legalName: e.legalName,
  taxCode: e.taxCode ?? null,
  personalId: e.personalId ?? null,
});

/**
 * Owner-side writes: create (the creator becomes the owner), edit, submit for verification.
 * Every write publishes `enterprise.changed` in its own transaction.
 *
 * Editing rule: display fields (names shown, contacts, address, description, logo) never change
 * the status. The legal identity (kind, legal form, legal name, tax code, personal ID) of a
 * verified enterprise may change only through re-verification: the edit sends it back to
 * pending_verification (hidden from the public until an admin verifies it again). A suspended
 * enterprise cannot change its legal identity (that would be a way out of the suspension).
 */
@Injectable()
export class EnterprisesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: EnterpriseAccess,
    private readonly reference: ReferenceData,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
  ) {}

  async create(owner: Principal, dto: CreateEnterpriseDto): Promise<EnterpriseEntity> {
    const identity: LegalIdentity = {
      kind: dto.kind,
      legalForm: dto.legalForm ?? null,
      legalName: dto.legalName,
      taxCode: dto.taxCode ?? null,
      personalId: dto.personalId ?? null,
    };
    const errors = [
      ...checkLegalIdentity(identity),
      ...(await this.reference.checkAddress(dto.address.provinceCode, dto.address.communeCode)),
      ...this.checkFoundingYear(dto.foundingYear),
    ];
    if (errors.length) throw new ValidationFailedError(errors);

    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction(async (m) => {
          await this.assertTaxCodeFree(m, identity.taxCode);
          const repo = m.getRepository(EnterpriseEntity);
          const saved = await repo.save(
            repo.create({
              ...identity,
              slug: await allocateSlug(m, dto.displayName),
              displayName: dto.displayName,
              representative: dto.representative ?? null,
              phone: dto.phone,
              email: dto.email ?? null,
              website: dto.website ?? null,
              street: dto.address.street ?? null,
              provinceCode: dto.address.provinceCode,
              communeCode: dto.address.communeCode,
              legacyAddress: dto.address.legacyAddress ?? null,
              description: sanitizeDescription(dto.description ?? ''),
              logoUrl: dto.logoUrl ?? null,
              foundingYear: dto.foundingYear ?? null,
              status: 'draft',
              ownerId: owner.id,
            }),
          );
          await m.getRepository(EnterpriseMemberEntity).insert({ enterpriseId: saved.id, userId: owner.id, role: 'owner' });
          await this.events.publish(m, 'enterprise.changed', { enterpriseId: saved.id });
          return repo.findOneByOrFail({ id: saved.id });
        });
      } catch (err) {
        this.rethrowTaxCodeConflict(err);
        if (isUniqueViolation(err, 'enterprises_slug_key') && attempt < SLUG_ATTEMPTS) continue;
        throw err;
      }
    }
  }

  async update(principal: Principal, id: string, dto: UpdateEnterpriseDto): Promise<EnterpriseEntity> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction((m) => this.applyUpdate(m, principal, id, dto));
      } catch (err) {
        this.rethrowTaxCodeConflict(err);
        if (isUniqueViolation(err, 'enterprises_slug_key') && attempt < SLUG_ATTEMPTS) continue;
        throw err;
      }
    }
  }

  async submit(principal: Principal, id: string): Promise<EnterpriseEntity> {
    return this.dataSource.transaction(async (m) => {
      const e = await this.lockManaged(m, principal, id);
      e.status = nextStatus(e.status, 'submit');
      e.submittedAt = this.clock.now();
      e.rejectionReason = null;
      await m.getRepository(EnterpriseEntity).save(e);
      await this.events.publish(m, 'enterprise.changed', { enterpriseId: e.id });
      return m.getRepository(EnterpriseEntity).findOneByOrFail({ id });
    });
  }

  private async applyUpdate(m: EntityManager, principal: Principal, id: string, dto: UpdateEnterpriseDto): Promise<EnterpriseEntity> {
    const e = await this.lockManaged(m, principal, id);
    const before = identityOf(e);
    const kind = dto.kind ?? e.kind;
    const after: LegalIdentity = {
      kind,
      // Moving away from "company" drops the legal form unless the caller sends one (and is refused).
      legalForm: dto.legalForm !== undefined ? dto.legalForm : kind === 'company' ? e.legalForm : null,
      legalName: dto.legalName ?? e.legalName,
      taxCode: dto.taxCode !== undefined ? dto.taxCode : e.taxCode,
      personalId: dto.personalId !== undefined ? dto.personalId : e.personalId,
    };
    const errors: FieldError[] = [...checkLegalIdentity(after), ...this.checkFoundingYear(dto.foundingYear)];
    if (dto.address) errors.push(...(await this.reference.checkAddress(dto.address.provinceCode, dto.address.communeCode)));
    if (errors.length) throw new ValidationFailedError(errors);

    const identityChanged = legalIdentityChanged(before, after);
    if (identityChanged && e.status === 'suspended') {
      throw new InvalidStateError('Doanh nghiệp đang bị tạm ngưng: không thể đổi thông tin pháp lý (a suspended enterprise cannot change its legal identity)');
    }
    if (after.taxCode && after.taxCode !== before.taxCode) await this.assertTaxCodeFree(m, after.taxCode, e.id);

    Object.assign(e, after);
    if (dto.displayName !== undefined && dto.displayName !== e.displayName) {
      // The slug is stable once the enterprise has been public; before that it follows the name.
      if (!e.verifiedAt) e.slug = await allocateSlug(m, dto.displayName, e.id);
      e.displayName = dto.displayName;
    }
    if (dto.representative !== undefined) e.representative = dto.representative;
    if (dto.phone !== undefined) e.phone = dto.phone;
    if (dto.email !== undefined) e.email = dto.email;
    if (dto.website !== undefined) e.website = dto.website;
    if (dto.logoUrl !== undefined) e.logoUrl = dto.logoUrl;
    if (dto.foundingYear !== undefined) e.foundingYear = dto.foundingYear;
    if (dto.description !== undefined) e.description = sanitizeDescription(dto.description);
    if (dto.address) {
      e.street = dto.address.street ?? null;
      e.provinceCode = dto.address.provinceCode;
      e.communeCode = dto.address.communeCode;
      e.legacyAddress = dto.address.legacyAddress ?? null;
    }
    if (identityChanged && e.status === 'verified') {
      e.status = nextStatus(e.status, 'reverify');
      e.submittedAt = this.clock.now();
    }
    await m.getRepository(EnterpriseEntity).save(e);
    await this.events.publish(m, 'enterprise.changed', { enterpriseId: e.id });
    return m.getRepository(EnterpriseEntity).findOneByOrFail({ id });
  }

  /** The enterprise, row-locked for this transaction, if `principal` may manage it (404/403 otherwise). */
  private async lockManaged(m: EntityManager, principal: Principal, id: string): Promise<EnterpriseEntity> {
    await this.access.assertCanManage(principal, id, m);
    return m.getRepository(EnterpriseEntity).findOneOrFail({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  private checkFoundingYear(year: number | null | undefined): FieldError[] {
    if (year == null || year <= this.clock.now().getFullYear()) return [];
    return [{ field: 'foundingYear', message: 'Năm thành lập không thể ở tương lai (founding year cannot be in the future)' }];
  }

  private async assertTaxCodeFree(m: EntityManager, taxCode: string | null, exceptId?: string): Promise<void> {
    if (!taxCode) return;
    const rows = await m.query(`SELECT 1 FROM enterprises WHERE tax_code = $1 AND ($2::uuid IS NULL OR id <> $2::uuid)`, [taxCode, exceptId ?? null]);
    if (rows.length) throw this.taxCodeTaken();
  }

  private rethrowTaxCodeConflict(err: unknown): void {
    if (isUniqueViolation(err, 'enterprises_tax_code_key')) throw this.taxCodeTaken();
  }

  private taxCodeTaken(): ConflictError {
    return new ConflictError('Mã số thuế đã được đăng ký trên sàn (tax code already registered)', 'TAX_CODE_TAKEN', [
      { field: 'taxCode', message: 'Mã số thuế đã được đăng ký (tax code already registered)' },
    ]);
  }
}
