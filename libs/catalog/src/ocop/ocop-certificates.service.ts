import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditTrail, Clock, DomainEvents, InvalidStateError, isUuid, NotFoundError, returnedRows, ValidationFailedError, vietnamDate } from '@tradefloor/core';
import type { Principal } from '@tradefloor/identity';
import { Between, type DataSource } from 'typeorm';
import type { CreateOcopCertificateDto, OcopCertificateDto, OcopStatisticsDto } from '../dto/ocop.dto';
import { CategoryEntity } from '../entities/category.entity';
import { OcopCertificateEntity } from '../entities/ocop-certificate.entity';
import { ProductEntity } from '../entities/product.entity';
import { addMonths, certificateErrors, OCOP_VALIDITY_MONTHS, ocopLevel } from './ocop-rules';

export function toCertificateDto(c: OcopCertificateEntity): OcopCertificateDto {
  return {
    id: c.id,
    productId: c.productId,
    stars: c.stars,
    potentialFiveStar: c.potentialFiveStar,
    level: ocopLevel(c.stars, c.potentialFiveStar),
    score: c.score,
    decisionNumber: c.decisionNumber,
    issuingBody: c.issuingBody,
    decisionDate: c.decisionDate,
    validUntil: c.validUntil,
    productGroup: c.productGroup,
    status: c.status,
    revokedAt: c.revokedAt,
    revocationReason: c.revocationReason,
    createdAt: c.createdAt,
  };
}

/**
 * OCOP recognitions of products. A re-recognition adds a certificate; history is never rewritten
 * except for status (valid → expired by the daily job, valid → revoked by a moderator).
 */
@Injectable()
export class OcopCertificates {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
  ) {}

  async add(actor: Principal, productId: string, dto: CreateOcopCertificateDto): Promise<OcopCertificateEntity> {
    const potential = dto.potentialFiveStar ?? false;
    const today = vietnamDate(this.clock.now());
    const errors = certificateErrors(dto, today);
    if (errors.length) throw new ValidationFailedError(errors);
    return this.dataSource.transaction(async (m) => {
      const product = await m.getRepository(ProductEntity).findOne({ where: { id: productId }, lock: { mode: 'pessimistic_write' } });
      if (!product) throw new NotFoundError('Sản phẩm', 'PRODUCT_NOT_FOUND');
      const category = await m.getRepository(CategoryEntity).findOneBy({ id: product.categoryId });
      const validUntil = addMonths(dto.decisionDate, OCOP_VALIDITY_MONTHS);
      const repo = m.getRepository(OcopCertificateEntity);
      const cert = await repo.save(
        repo.create({
          productId,
          stars: dto.stars,
          potentialFiveStar: potential,
          score: dto.score,
          decisionNumber: dto.decisionNumber,
          issuingBody: dto.issuingBody,
          decisionDate: dto.decisionDate,
          validUntil,
          productGroup: category?.ocopGroup ?? null,
          // Entered late (already past its 36 months): kept as history, never shown as valid.
          status: validUntil < today ? 'expired' : 'valid',
          revokedAt: null,
          revocationReason: null,
          createdBy: actor.id,
        }),
      );
      await this.events.publish(m, 'product.changed', { productId });
      await this.audit.record(m, { actor, action: 'ocop.certificate-add', subject: { type: 'product', id: productId }, after: toCertificateDto(cert) });
      return cert;
    });
  }

  async history(productId: string): Promise<OcopCertificateEntity[]> {
    return this.dataSource.getRepository(OcopCertificateEntity).find({ where: { productId }, order: { decisionDate: 'DESC', createdAt: 'DESC' } });
  }

  /** Valid certificates whose validity ends within `days` days from today (Vietnam date), soonest first. */
  async expiring(q: { days: number; page: number; pageSize: number }): Promise<{ items: OcopCertificateEntity[]; total: number; from: string; to: string }> {
    const from = vietnamDate(this.clock.now());
    const to = vietnamDate(new Date(this.clock.now().getTime() + q.days * 86_400_000));
    const [items, total] = await this.dataSource.getRepository(OcopCertificateEntity).findAndCount({
      where: { status: 'valid', validUntil: Between(from, to) },
      order: { validUntil: 'ASC', id: 'ASC' },
      skip: (q.page - 1) * q.pageSize,
      take: q.pageSize,
    });
    return { items, total, from, to };
  }

  async revoke(id: string, reason: string): Promise<OcopCertificateEntity> {
    if (!isUuid(id)) throw new NotFoundError('Chứng nhận OCOP', 'OCOP_CERTIFICATE_NOT_FOUND');
    return this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(OcopCertificateEntity);
      const cert = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!cert) throw new NotFoundError('Chứng nhận OCOP', 'OCOP_CERTIFICATE_NOT_FOUND');
      if (cert.status !== 'valid') {
        throw new InvalidStateError(`Chứng nhận đang ở trạng thái ${cert.status} (certificate is ${cert.status})`, 'INVALID_CERTIFICATE_STATUS');
      }
      const before = toCertificateDto(cert);
      cert.status = 'revoked';
      cert.revokedAt = this.clock.now();
      cert.revocationReason = reason;
      await repo.save(cert);
      await this.events.publish(m, 'product.changed', { productId: cert.productId });
      await this.audit.record(m, {
        action: 'ocop.certificate-revoke',
        subject: { type: 'product', id: cert.productId },
        before,
        after: toCertificateDto(cert),
      });
      return cert;
    });
  }

  /**
   * Marks every valid certificate whose validity ended before today (Vietnam date) as expired and
   * publishes `product.changed` for the products concerned. Idempotent; returns the product ids.
   */
  async expireDue(): Promise<string[]> {
    const today = vietnamDate(this.clock.now());
    return this.dataSource.transaction(async (m) => {
      const rows = returnedRows<{ product_id: string }>(
        await m.query(`UPDATE ocop_certificates SET status = 'expired' WHERE status = 'valid' AND valid_until < $1::date RETURNING product_id`, [today]),
      );
      const productIds = [...new Set(rows.map((r) => r.product_id))];
      for (const productId of productIds) await this.events.publish(m, 'product.changed', { productId });
      return productIds;
    });
  }

  /** Visible products by their best valid certificate; potential 5-star is counted on its own. */
  async statistics(): Promise<OcopStatisticsDto> {
    const rows: Array<{ stars: number; potential: boolean; n: number }> = await this.dataSource.query(
      `SELECT best.stars, best.potential_five_star AS potential, count(*)::int AS n
       FROM products p JOIN enterprises e ON e.id = p.enterprise_id
       JOIN LATERAL (
         SELECT oc.stars, oc.potential_five_star FROM ocop_certificates oc
         WHERE oc.product_id = p.id AND oc.status = 'valid' AND oc.valid_until >= $1::date
         ORDER BY oc.stars DESC, oc.potential_five_star DESC, oc.decision_date DESC LIMIT 1) best ON true
       WHERE p.status = 'published' AND e.status = 'verified'
       GROUP BY 1, 2`,
      [vietnamDate(this.clock.now())],
    );
    const out: OcopStatisticsDto = { fiveStar: 0, potentialFiveStar: 0, fourStar: 0, threeStar: 0, total: 0 };
    for (const r of rows) {
      const level = ocopLevel(r.stars as 3 | 4 | 5, r.potential);
      const key = level === '5' ? 'fiveStar' : level === 'potential5' ? 'potentialFiveStar' : level === '4' ? 'fourStar' : 'threeStar';
      out[key] += r.n;
      out.total += r.n;
    }
    return out;
  }
}
