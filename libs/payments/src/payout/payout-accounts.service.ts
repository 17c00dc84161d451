import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  APP_CONFIG,
  AuditTrail,
  Clock,
  derivedKey,
  FollowedCache,
  ForbiddenError,
  isUuid,
  NotFoundError,
  PageCache,
  prepared,
  SecretBox,
  ValidationFailedError,
  type FieldError,
  type ResolvedConfig,
} from '@tradefloor/core';
import { EnterpriseQueries } from '@tradefloor/enterprise-profile';
import type { Principal } from '@tradefloor/identity';
import type { DataSource } from 'typeorm';
import { napasBank } from '../banks/napas-banks';
import { BANK_PRINTED_NAME, bankPrintedName } from '../vietqr/emv-text';
import { encodeVietQr, MAX_AMOUNT_VND } from '../vietqr/vietqr-payload';
import { PayoutAccountEntity } from './payout-account.entity';
import type { PayoutAccountDto, SavePayoutAccountDto } from './payout-account.dto';

/** Key purpose of the sealed account numbers (HKDF info); no other secret shares the key. */
const KEY_PURPOSE = 'tradefloor/payments/payout-account';
/** Backstop only: a save or removal drops the held answers on every process (FollowedCache). */
const HOLDERS_TTL_MS = 60_000;
/** The sample amount of the preview QR a seller test-scans (10.000 ₫). */
export const PREVIEW_AMOUNT_VND = 10_000;

/** What a payment method needs of a seller's account: the real number, for the buyer's transfer. */
export interface PayoutAccount {
  enterpriseId: string;
  bankBin: string;
  bankShortName: string;
  bankName: string;
  accountNumber: string;
  accountHolder: string;
}

const STAFF_ROLES = new Set(['admin', 'editor']);

/** `*********3456`: the last four digits only. */
export function maskAccountNumber(number: string): string {
  return number.length <= 4 ? '*'.repeat(number.length) : '*'.repeat(number.length - 4) + number.slice(-4);
}

/**
 * Sellers' payout accounts. Only the enterprise's owner saves or removes it (it decides where
 * buyers' money goes); its members read it in full; floor staff (editors, admins) read it with the
 * number masked and change nothing. Every change is audited (numbers masked) in its transaction.
 */
@Injectable()
export class PayoutAccounts {
  private readonly box: SecretBox;
  /** Whether each enterprise has an account: read in every cart answer and checkout (VietQR offered or not). */
  private readonly holders: FollowedCache<true>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: ResolvedConfig,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
    private readonly enterprises: EnterpriseQueries,
    pageCache: PageCache,
  ) {
    this.box = new SecretBox(derivedKey(config.encryptionKey, KEY_PURPOSE).toString('base64'));
    this.holders = new FollowedCache(pageCache, 'payout-accounts', HOLDERS_TTL_MS);
  }

  /** The account as `principal` may see it: 404 when there is none, 403/404 for strangers. */
  async get(principal: Principal, enterpriseId: string): Promise<PayoutAccountDto> {
    const full = await this.readAccess(principal, enterpriseId);
    const row = await this.row(enterpriseId);
    if (!row) throw new NotFoundError('Tài khoản nhận tiền', 'PAYOUT_ACCOUNT_NOT_FOUND');
    return this.toDto(row, full);
  }

  /** Creates or replaces the account (owner only); answers it in full. */
  async save(principal: Principal, enterpriseId: string, dto: SavePayoutAccountDto): Promise<PayoutAccountDto> {
    await this.assertOwner(principal, enterpriseId);
    const value = this.check(dto);
    const now = this.clock.now();
    const row = await this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(PayoutAccountEntity);
      const before = await repo.findOne({ where: { enterpriseId }, lock: { mode: 'pessimistic_write' } });
      const saved = await repo.save({
        enterpriseId,
        bankBin: value.bankBin,
        accountNumberSealed: this.box.seal(value.accountNumber),
        accountHolder: value.accountHolder,
        updatedBy: principal.id,
        updatedAt: now,
        createdAt: before?.createdAt ?? now,
      });
      await this.audit.record(m, {
        actor: { id: principal.id, role: principal.role },
        action: before ? 'payments.payout-account.update' : 'payments.payout-account.create',
        subject: { type: 'enterprise', id: enterpriseId },
        before: before ? this.auditView(before) : undefined,
        after: this.auditView(saved),
      });
      if (!before) await this.holders.invalidate(m);
      return saved;
    });
    return this.toDto(row, true);
  }

  /** Removes the account (owner only): buyers can no longer choose VietQR. 404 when there is none. */
  async remove(principal: Principal, enterpriseId: string): Promise<void> {
    await this.assertOwner(principal, enterpriseId);
    await this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(PayoutAccountEntity);
      const before = await repo.findOne({ where: { enterpriseId }, lock: { mode: 'pessimistic_write' } });
      if (!before) throw new NotFoundError('Tài khoản nhận tiền', 'PAYOUT_ACCOUNT_NOT_FOUND');
      await repo.delete({ enterpriseId });
      await this.audit.record(m, {
        actor: { id: principal.id, role: principal.role },
        action: 'payments.payout-account.delete',
        subject: { type: 'enterprise', id: enterpriseId },
        before: this.auditView(before),
      });
      await this.holders.invalidate(m);
    });
  }

  /**
   * A sample VietQR payload to the account (members only): the seller scans it with their own
   * bank app to see that the name and account are right before buyers pay.
   */
  async preview(principal: Principal, enterpriseId: string, amountVnd = PREVIEW_AMOUNT_VND): Promise<{ payload: string; account: PayoutAccount }> {
    if (!(await this.readAccess(principal, enterpriseId))) throw new ForbiddenError('Chỉ thành viên doanh nghiệp xem được mã thử (members only)');
    if (!Number.isSafeInteger(amountVnd) || amountVnd <= 0 || amountVnd > MAX_AMOUNT_VND) {
      throw ValidationFailedError.field('amount', 'Số tiền là số nguyên đồng, lớn hơn 0, tối đa 13 chữ số (integer VND, > 0, at most 13 digits)');
    }
    const account = await this.forPayment(enterpriseId);
    if (!account) throw new NotFoundError('Tài khoản nhận tiền', 'PAYOUT_ACCOUNT_NOT_FOUND');
    const payload = encodeVietQr({
      bankBin: account.bankBin,
      accountNumber: account.accountNumber,
      amountVnd,
      billNumber: 'THU-NGHIEM',
      purpose: 'Thu ma VietQR',
    });
    return { payload, account };
  }

  /** The account with its real number, for payment instructions (no caller check: callers decide who sees them). */
  async forPayment(enterpriseId: string): Promise<PayoutAccount | null> {
    const row = isUuid(enterpriseId) ? await this.row(enterpriseId) : null;
    if (!row) return null;
    const bank = napasBank(row.bankBin);
    return {
      enterpriseId,
      bankBin: row.bankBin,
      bankShortName: bank?.shortName ?? row.bankBin,
      bankName: bank?.name ?? row.bankBin,
      accountNumber: this.box.open(row.accountNumberSealed),
      accountHolder: row.accountHolder,
    };
  }

  /** Whether the enterprise has an account (without opening it). */
  async exists(enterpriseId: string): Promise<boolean> {
    return (await this.existing([enterpriseId])).has(enterpriseId);
  }

  /** Which of these enterprises have an account (without opening any): one read for those not held in memory. */
  async existing(enterpriseIds: readonly string[]): Promise<Set<string>> {
    const ids = enterpriseIds.filter(isUuid);
    if (!ids.length) return new Set();
    const held = await this.holders.many(ids, async (missing) => {
      const rows: Array<{ enterprise_id: string }> = await this.dataSource.query(
        prepared(`SELECT enterprise_id FROM payout_accounts WHERE enterprise_id = ANY($1::uuid[])`),
        [missing],
      );
      return new Map(rows.map((r) => [r.enterprise_id, true as const]));
    });
    return new Set(ids.filter((id) => held.get(id)));
  }

  /** Normalised input, or a 400 naming each bad field. */
  check(dto: SavePayoutAccountDto): { bankBin: string; accountNumber: string; accountHolder: string } {
    const errors: FieldError[] = [];
    const bankBin = (dto.bankBin ?? '').trim();
    if (!/^\d{6}$/.test(bankBin)) errors.push({ field: 'bankBin', message: 'Mã BIN ngân hàng gồm 6 chữ số (bank BIN is 6 digits)' });
    else if (!napasBank(bankBin)) errors.push({ field: 'bankBin', message: 'Ngân hàng không có trong danh sách NAPAS của Sàn (bank not in the NAPAS list)' });
    const accountNumber = (dto.accountNumber ?? '').replace(/[\s.-]/g, '');
    if (!/^\d{6,19}$/.test(accountNumber)) errors.push({ field: 'accountNumber', message: 'Số tài khoản gồm 6–19 chữ số (account number: 6–19 digits)' });
    const accountHolder = bankPrintedName(dto.accountHolder ?? '');
    if (!BANK_PRINTED_NAME.test(accountHolder)) {
      errors.push({
        field: 'accountHolder',
        message: "Tên chủ tài khoản 2–50 ký tự: chữ, số, dấu cách và . , & ( ) ' / - (holder name: 2–50 letters, digits, spaces, . , & ( ) ' / -)",
      });
    }
    if (errors.length) throw new ValidationFailedError(errors);
    return { bankBin, accountNumber, accountHolder };
  }

  /** True: may see the number in full (a member); false: floor staff (masked). Strangers: 403/404. */
  private async readAccess(principal: Principal, enterpriseId: string): Promise<boolean> {
    if (STAFF_ROLES.has(principal.role)) {
      if (!isUuid(enterpriseId)) throw new NotFoundError('Doanh nghiệp', 'ENTERPRISE_NOT_FOUND');
      return false;
    }
    const { role } = await this.enterprises.managed(principal, enterpriseId);
    if (!role) throw new ForbiddenError('Bạn không quản lý doanh nghiệp này (not a member of this enterprise)');
    return true;
  }

  private async assertOwner(principal: Principal, enterpriseId: string): Promise<void> {
    if (STAFF_ROLES.has(principal.role)) {
      throw new ForbiddenError('Nhân viên Sàn chỉ được xem tài khoản nhận tiền (floor staff may only read payout accounts)');
    }
    const { role } = await this.enterprises.managed(principal, enterpriseId);
    if (role !== 'owner') throw new ForbiddenError('Chỉ chủ doanh nghiệp được thay đổi tài khoản nhận tiền (only the owner changes the payout account)');
  }

  private row(enterpriseId: string): Promise<PayoutAccountEntity | null> {
    return this.dataSource.getRepository(PayoutAccountEntity).findOneBy({ enterpriseId });
  }

  private auditView(row: PayoutAccountEntity) {
    return { bankBin: row.bankBin, accountNumber: maskAccountNumber(this.box.open(row.accountNumberSealed)), accountHolder: row.accountHolder };
  }

  private toDto(row: PayoutAccountEntity, full: boolean): PayoutAccountDto {
    const number = this.box.open(row.accountNumberSealed);
    const bank = napasBank(row.bankBin);
    return {
      enterpriseId: row.enterpriseId,
      bankBin: row.bankBin,
      bankShortName: bank?.shortName ?? row.bankBin,
      bankName: bank?.name ?? row.bankBin,
      accountNumber: full ? number : maskAccountNumber(number),
      masked: !full,
      accountHolder: row.accountHolder,
      updatedAt: row.updatedAt.toISOString(),
      updatedBy: row.updatedBy,
    };
  }
}
