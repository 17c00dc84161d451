import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUuid, NotFoundError } from '@tradefloor/core';
import { EnterpriseAccess } from '@tradefloor/enterprise-profile';
import type { Principal } from '@tradefloor/identity';
import type { DataSource } from 'typeorm';
import type { InquiryListQueryDto } from '../dto/inquiry-input.dto';
import type { InquiryDto, InquiryPageDto } from '../dto/inquiry-output.dto';
import type { InquiryStatus } from '../inquiry.entity';

interface Row {
  id: string;
  product_id: string;
  product_name: string;
  product_slug: string;
  product_unit: string;
  enterprise_id: string;
  enterprise_name: string;
  buyer_name: string;
  buyer_phone: string | null;
  buyer_email: string | null;
  quantity: number;
  message: string;
  status: InquiryStatus;
  created_at: Date;
  total: string;
}

/** An enterprise's inquiries, for its members (and admins): listing and status changes. */
@Injectable()
export class InquiryInbox {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: EnterpriseAccess,
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

  private select(where: string, params: unknown[]): Promise<Row[]> {
    return this.dataSource.query(
      `SELECT i.id, i.product_id, p.name AS product_name, p.slug AS product_slug, p.unit AS product_unit,
              i.enterprise_id, e.display_name AS enterprise_name, i.buyer_name, i.buyer_phone, u.email AS buyer_email,
              i.quantity, i.message, i.status, i.created_at, count(*) OVER () AS total
       FROM inquiries i
       JOIN products p ON p.id = i.product_id
       JOIN enterprises e ON e.id = i.enterprise_id
       LEFT JOIN users u ON u.id = i.buyer_user_id
       ${where}`,
      params,
    );
  }
}

function toDto(r: Row): InquiryDto {
  return {
    id: r.id,
    productId: r.product_id,
    productName: r.product_name,
    productSlug: r.product_slug,
    productUnit: r.product_unit,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    buyerName: r.buyer_name,
    buyerPhone: r.buyer_phone,
    buyerEmail: r.buyer_email,
    quantity: r.quantity,
    message: r.message,
    status: r.status,
    createdAt: r.created_at,
  };
}
