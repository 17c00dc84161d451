import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  APP_CONFIG,
  AuditTrail,
  DomainError,
  ForbiddenError,
  NotFoundError,
  returnedRows,
  SecretBox,
  ValidationFailedError,
  type FieldError,
  type ResolvedConfig,
} from '@tradefloor/core';
import { EnterpriseAccess } from '@tradefloor/enterprise-profile';
import type { Principal } from '@tradefloor/identity';
import type { DataSource, EntityManager } from 'typeorm';
import { CarrierError } from '../carriers/carrier-http';
import type { CarrierAccount } from '../carriers/carrier.port';
import { Carriers, SHIPPING_SETTINGS } from '../carriers/carriers';
import type { CarrierAccountDto, CarrierAccountInputDto } from '../dto/shipping.dto';
import type { ShippingSettings } from '../shipping-config';
import { CARRIER_CODES, type CarrierCode } from '../statuses';

/** Non-secret settings kept in clear beside the sealed credentials. */
export interface CarrierSettings {
  pickupName?: string;
  pickupPhone?: string;
  feeVnd?: number;
  etaDays?: number;
}

export interface OpenedAccount {
  account: CarrierAccount | null;
  settings: CarrierSettings;
}

const FIELDS: Record<CarrierCode, { required: Array<keyof CarrierAccountInputDto>; optional: Array<keyof CarrierAccountInputDto> }> = {
  ghn: { required: ['token', 'shopId'], optional: ['pickupName', 'pickupPhone'] },
  ghtk: { required: ['token', 'clientSource', 'pickupPhone'], optional: ['pickupName'] },
  seller: { required: ['feeVnd'], optional: ['etaDays'] },
};

const NAMES: Record<CarrierCode, string> = { ghn: 'GHN', ghtk: 'GHTK', seller: 'Người bán tự giao (seller delivers)' };

interface Row {
  carrier: CarrierCode;
  secrets: string | null;
  settings: CarrierSettings;
  updated_at: Date;
}

/**
 * Each enterprise's carrier accounts. Only the enterprise's owner sets, reads or removes them;
 * tokens are sealed with the installation key (core `SecretBox`) and never returned or logged.
 */
@Injectable()
export class CarrierAccounts {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: EnterpriseAccess,
    private readonly box: SecretBox,
    private readonly carriers: Carriers,
    private readonly audit: AuditTrail,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    @Inject(SHIPPING_SETTINGS) private readonly settings: ShippingSettings,
  ) {}

  static carrierOf(name: string): CarrierCode {
    if (!(CARRIER_CODES as readonly string[]).includes(name)) throw new NotFoundError('Hãng vận chuyển (carrier)', 'CARRIER_NOT_FOUND');
    return name as CarrierCode;
  }

  private async assertOwner(principal: Principal, enterpriseId: string): Promise<void> {
    const enterprise = await this.access.assertCanManage(principal, enterpriseId);
    if (enterprise.ownerId !== principal.id) {
      throw new ForbiddenError('Chỉ chủ doanh nghiệp quản lý tài khoản vận chuyển (only the owner manages carrier accounts)');
    }
  }

  webhookUrl(carrier: 'ghn' | 'ghtk'): string {
    return `${this.config.publicBaseUrl}/api/v1/shipping/webhooks/${carrier}/${this.settings.webhookSecret}`;
  }

  private view(r: Row): CarrierAccountDto {
    const s = r.settings ?? {};
    return {
      carrier: r.carrier,
      configured: r.carrier === 'seller' || r.secrets !== null,
      ...(s.pickupName !== undefined ? { pickupName: s.pickupName } : {}),
      ...(s.pickupPhone !== undefined ? { pickupPhone: s.pickupPhone } : {}),
      ...(s.feeVnd !== undefined ? { feeVnd: s.feeVnd } : {}),
      ...(s.etaDays !== undefined ? { etaDays: s.etaDays } : {}),
      ...(r.carrier !== 'seller' ? { webhookUrl: this.webhookUrl(r.carrier) } : {}),
      updatedAt: new Date(r.updated_at).toISOString(),
    };
  }

  async put(principal: Principal, enterpriseId: string, carrierName: string, dto: CarrierAccountInputDto): Promise<CarrierAccountDto> {
    const carrier = CarrierAccounts.carrierOf(carrierName);
    await this.assertOwner(principal, enterpriseId);
    const { required, optional } = FIELDS[carrier];
    const details: FieldError[] = [];
    for (const f of required) if (dto[f] === undefined) details.push({ field: f, message: `Bắt buộc với ${NAMES[carrier]} (required)` });
    for (const f of Object.keys(dto) as Array<keyof CarrierAccountInputDto>) {
      if (dto[f] !== undefined && !required.includes(f) && !optional.includes(f))
        details.push({ field: f, message: `Không dùng cho ${NAMES[carrier]} (not used by this carrier)` });
    }
    if (details.length) throw new ValidationFailedError(details);
    const settings: CarrierSettings = {};
    for (const f of ['pickupName', 'pickupPhone', 'feeVnd', 'etaDays'] as const) if (dto[f] !== undefined) (settings as Record<string, unknown>)[f] = dto[f];
    let secrets: string | null = null;
    if (carrier !== 'seller') {
      const account: CarrierAccount = {
        token: dto.token!,
        ...(dto.shopId ? { shopId: dto.shopId } : {}),
        ...(dto.clientSource ? { clientSource: dto.clientSource } : {}),
      };
      await this.verify(carrier, account);
      secrets = this.box.sealJson(account);
    }
    return this.dataSource.transaction(async (m) => {
      const [row] = await m.query(
        `INSERT INTO carrier_accounts (enterprise_id, carrier, secrets, settings) VALUES ($1, $2, $3, $4)
         ON CONFLICT (enterprise_id, carrier) DO UPDATE SET secrets = EXCLUDED.secrets, settings = EXCLUDED.settings, updated_at = now()
         RETURNING carrier, secrets, settings, updated_at`,
        [enterpriseId, carrier, secrets, JSON.stringify(settings)],
      );
      await this.audit.record(m, {
        action: 'shipping.carrier-account.set',
        subject: { type: 'enterprise', id: enterpriseId },
        after: {
          carrier,
          credentials: carrier === 'seller' ? null : 'sealed',
          pickupContact: settings.pickupName !== undefined || settings.pickupPhone !== undefined ? 'set' : null,
          ...(settings.feeVnd !== undefined ? { feeVnd: settings.feeVnd, etaDays: settings.etaDays ?? null } : {}),
        },
      });
      return this.view(row);
    });
  }

  /** Proves the credentials with the carrier before storing them. */
  private async verify(carrier: 'ghn' | 'ghtk', account: CarrierAccount): Promise<void> {
    try {
      await this.carriers.port(carrier).verify(account);
    } catch (err) {
      if (err instanceof CarrierError && (err.kind === 'auth' || err.kind === 'rejected')) {
        throw ValidationFailedError.field('token', `${NAMES[carrier]} từ chối thông tin đăng nhập (credentials rejected by the carrier)`);
      }
      throw new DomainError('CARRIER_UNAVAILABLE', `${NAMES[carrier]} tạm thời không phản hồi, vui lòng thử lại (carrier unavailable)`, 503);
    }
  }

  async get(principal: Principal, enterpriseId: string, carrierName: string): Promise<CarrierAccountDto> {
    const carrier = CarrierAccounts.carrierOf(carrierName);
    await this.assertOwner(principal, enterpriseId);
    const [row] = await this.dataSource.query(`SELECT carrier, secrets, settings, updated_at FROM carrier_accounts WHERE enterprise_id = $1 AND carrier = $2`, [
      enterpriseId,
      carrier,
    ]);
    if (!row) throw new NotFoundError('Tài khoản vận chuyển (carrier account)', 'CARRIER_ACCOUNT_NOT_FOUND');
    return this.view(row);
  }

  async list(principal: Principal, enterpriseId: string): Promise<CarrierAccountDto[]> {
    await this.assertOwner(principal, enterpriseId);
    const rows: Row[] = await this.dataSource.query(
      `SELECT carrier, secrets, settings, updated_at FROM carrier_accounts WHERE enterprise_id = $1 ORDER BY carrier`,
      [enterpriseId],
    );
    return rows.map((r) => this.view(r));
  }

  async remove(principal: Principal, enterpriseId: string, carrierName: string): Promise<void> {
    const carrier = CarrierAccounts.carrierOf(carrierName);
    await this.assertOwner(principal, enterpriseId);
    await this.dataSource.transaction(async (m) => {
      const deleted = returnedRows(
        await m.query(`DELETE FROM carrier_accounts WHERE enterprise_id = $1 AND carrier = $2 RETURNING carrier`, [enterpriseId, carrier]),
      );
      if (!deleted.length) throw new NotFoundError('Tài khoản vận chuyển (carrier account)', 'CARRIER_ACCOUNT_NOT_FOUND');
      await this.audit.record(m, { action: 'shipping.carrier-account.remove', subject: { type: 'enterprise', id: enterpriseId }, before: { carrier } });
    });
  }

  /** The enterprise's configured carriers with their opened credentials and settings (for quotes and jobs). */
  async open(enterpriseId: string, db: DataSource | EntityManager = this.dataSource): Promise<Map<CarrierCode, OpenedAccount>> {
    const rows: Row[] = await db.query(`SELECT carrier, secrets, settings, updated_at FROM carrier_accounts WHERE enterprise_id = $1`, [enterpriseId]);
    return new Map(
      rows.map((r): [CarrierCode, OpenedAccount] => [
        r.carrier,
        { account: r.secrets ? this.box.openJson<CarrierAccount>(r.secrets) : null, settings: r.settings ?? {} },
      ]),
    );
  }
}
