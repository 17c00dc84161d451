import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ProductViews, type ProductView } from '@tradefloor/catalog';
import { isUuid, NotFoundError } from '@tradefloor/core';
import { EnterpriseAccess } from '@tradefloor/enterprise-profile';
import { UsersService, type Principal } from '@tradefloor/identity';
import type { DataSource } from 'typeorm';
import type { InquiryListQueryDto } from '../dto/inquiry-input.dto';
import type { InquiryDto, InquiryPageDto } from '../dto/inquiry-output.dto';
import type { InquiryStatus } from '../inquiry.entity';

interface Row {
  id: string;
  product_id: string;
  enterprise_id: string;
  buyer_user_id: string | null;
  buyer_name: string;
  buyer_phone: string | null;
  quantity: number;
  message: string;
  status: InquiryStatus;
  created_at: Date;
  total: string;
}

interface InquiryRow extends Row {
  product: ProductView | undefined;
  buyerEmail: string | null;
}

/** An enterprise's inquiries, for its members (and admins): listing and status changes. */
@Injectable()
export class InquiryInbox {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: EnterpriseAccess,
    private readonly products: ProductViews,
    private readonly users: UsersService,
  ) {}

  async ofEnterprise(principal: Principal, enterpriseId: string, query: InquiryListQueryDto): Promise<InquiryPageDto> {
    await this.access.assertCanManage(principal, enterpriseId);
    return this.page([enterpriseId], query);
  }

  /** Every enterprise the user is a member of (the web inbox). */
  async ofMember(principal: Principal, query: InquiryListQueryDto): Promise<InquiryPageDto> {
    return this.page(await this.access.managedEnterpriseIds(principal.id), query);
  }

  async setStatus(principal: Principal, inquiryId: string, status: InquiryStatus): Promise<InquiryDto> {
    const [found] = isUuid(inquiryId) ? await this.dataSource.query(`SELECT enterprise_id FROM inquiries WHERE id = $1`, [inquiryId]) : [];
    if (!found) throw new NotFoundError('Yêu cầu hỏi mua', 'INQUIRY_NOT_FOUND');
    await this.access.assertCanManage(principal, found.enterprise_id);
    await this.dataSource.query(`UPDATE inquiries SET status = $2, updated_at = now() WHERE id = $1`, [inquiryId, status]);
    const [row] = await this.select(`WHERE i.id = $1`, [inquiryId]);
    return toDto(row);
  }

  private async page(enterpriseIds: string[], query: InquiryListQueryDto): Promise<InquiryPageDto> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    if (!enterpriseIds.length) return { items: [], total: 0, page, pageSize };
    const rows = await this.select(
      `WHERE i.enterprise_id = ANY($1::uuid[]) AND ${query.status ? 'i.status = $2' : `i.status <> 'spam' AND $2::text IS NULL`}
       ORDER BY i.created_at DESC, i.id LIMIT $3 OFFSET $4`,
      [enterpriseIds, query.status ?? null, pageSize, (page - 1) * pageSize],
    );
    const total = rows.length
      ? Number(rows[0].total)
      : Number(
          (
            await this.dataSource.query(
              `SELECT count(*) AS n FROM inquiries i WHERE i.enterprise_id = ANY($1::uuid[]) AND ${query.status ? 'i.status = $2' : `i.status <> 'spam' AND $2::text IS NULL`}`,
              [enterpriseIds, query.status ?? null],
            )
          )[0].n,
        );
    return { items: rows.map(toDto), total, page, pageSize };
  }

  /**
   * Inquiry rows, then the product and enterprise names from the catalog's read model and the
   * buyers' addresses from identity, one batched read each (a page holds at most 100 rows).
   */
  private async select(where: string, params: unknown[]): Promise<InquiryRow[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT i.id, i.product_id, i.enterprise_id, i.buyer_user_id, i.buyer_name, i.buyer_phone,
              i.quantity, i.message, i.status, i.created_at, count(*) OVER () AS total
       FROM inquiries i
       ${where}`,
      params,
    );
    const [products, buyers] = await Promise.all([
      this.products.load([...new Set(rows.map((r) => r.product_id))]),
      this.users.contactsOf(rows.flatMap((r) => (r.buyer_user_id ? [r.buyer_user_id] : []))),
    ]);
    const byId = new Map(products.map((p) => [p.id, p]));
    return rows.map((r) => ({ ...r, product: byId.get(r.product_id), buyerEmail: r.buyer_user_id ? (buyers.get(r.buyer_user_id)?.email ?? null) : null }));
  }
}

function toDto(r: InquiryRow): InquiryDto {
  return {
    id: r.id,
    productId: r.product_id,
    productName: r.product?.name ?? '',
    productSlug: r.product?.slug ?? '',
    productUnit: r.product?.unit ?? '',
    enterpriseId: r.enterprise_id,
    enterpriseName: r.product?.enterpriseName ?? '',
    buyerName: r.buyer_name,
    buyerPhone: r.buyer_phone,
    buyerEmail: r.buyerEmail,
    quantity: r.quantity,
    message: r.message,
    status: r.status,
    createdAt: r.created_at,
  };
}
