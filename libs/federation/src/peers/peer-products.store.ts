import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { foldVietnamese } from '@tradefloor/core';
import type { DataSource, EntityManager } from 'typeorm';
import type { FederatedProductDto, FederatedProductPageDto, FederatedProductQueryDto } from './peer.dto';
import type { PeerElement, PeerProduct } from './peer-page';

interface Row {
  peer_id: string;
  peer_name: string;
  remote_id: string;
  name: string;
  description: string;
  gtin: string | null;
  price_vnd: string | null;
  availability: string | null;
  seller_name: string | null;
  seller_tax_code: string | null;
  province_code: string | null;
  commune_code: string | null;
  ocop_stars: number | null;
  ocop_certificate: string | null;
  valid_until_text: string | null;
  image_urls: string[];
  page_url: string;
  digital_link: string | null;
  remote_modified_at: Date;
}

/** Folded words of what a buyer may search a peer product by. */
function searchText(p: PeerProduct): string {
  return foldVietnamese([p.name, p.sellerName ?? '', p.description.slice(0, 2000)].join(' '));
}

/** Peer products: written only by the pull (one peer page per transaction), read by the federated search. */
@Injectable()
export class PeerProducts {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Applies one validated page: live items upserted (an older version never overwrites a newer one), tombstones deleted. */
  async apply(m: EntityManager, peerId: string, elements: PeerElement[]): Promise<void> {
    const removed = elements.filter((e) => e.kind === 'deleted').map((e) => e.remoteId);
    if (removed.length) await m.query(`DELETE FROM federation_peer_products WHERE peer_id = $1 AND remote_id = ANY($2::text[])`, [peerId, removed]);
    for (const e of elements) {
      if (e.kind !== 'live') continue;
      const p = e.product;
      await m.query(
        `INSERT INTO federation_peer_products (peer_id, remote_id, name, description, gtin, price_vnd, availability, seller_name, seller_tax_code,
           province_code, commune_code, ocop_stars, ocop_certificate, ocop_valid_until, image_urls, page_url, digital_link, remote_modified_at, search_text, fetched_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19, now())
         ON CONFLICT (peer_id, remote_id) DO UPDATE SET
           name = EXCLUDED.name, description = EXCLUDED.description, gtin = EXCLUDED.gtin, price_vnd = EXCLUDED.price_vnd,
           availability = EXCLUDED.availability, seller_name = EXCLUDED.seller_name, seller_tax_code = EXCLUDED.seller_tax_code,
           province_code = EXCLUDED.province_code, commune_code = EXCLUDED.commune_code, ocop_stars = EXCLUDED.ocop_stars,
           ocop_certificate = EXCLUDED.ocop_certificate, ocop_valid_until = EXCLUDED.ocop_valid_until, image_urls = EXCLUDED.image_urls,
           page_url = EXCLUDED.page_url, digital_link = EXCLUDED.digital_link, remote_modified_at = EXCLUDED.remote_modified_at,
           search_text = EXCLUDED.search_text, fetched_at = now()
         WHERE federation_peer_products.remote_modified_at <= EXCLUDED.remote_modified_at`,
        [
          peerId,
          p.remoteId,
          p.name,
          p.description,
          p.gtin,
          p.priceVnd,
          p.availability,
          p.sellerName,
          p.sellerTaxCode,
          p.provinceCode,
          p.communeCode,
          p.ocopStars,
          p.ocopCertificate,
          p.ocopValidUntil,
          p.imageUrls,
          p.pageUrl,
          p.digitalLink,
          p.modifiedAt,
          searchText(p),
        ],
      );
    }
  }

  async countByPeer(): Promise<Map<string, number>> {
    const rows: Array<{ peer_id: string; n: number }> = await this.dataSource.query(
      `SELECT peer_id, count(*)::int AS n FROM federation_peer_products GROUP BY peer_id`,
    );
    return new Map(rows.map((r) => [r.peer_id, r.n]));
  }

  /** PostgreSQL full-text search over the peer products (words folded like the local engines fold them). */
  async search(q: FederatedProductQueryDto): Promise<FederatedProductPageDto> {
    const words = foldVietnamese(q.q ?? '')
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean)
      .slice(0, 10);
    const params: unknown[] = [];
    const where: string[] = [];
    if (words.length) {
      params.push(words.map((w) => `${w.replace(/'/g, '')}:*`).join(' & '));
      where.push(`to_tsvector('simple', pp.search_text) @@ to_tsquery('simple', $${params.length})`);
    }
    if (q.ocopStars) {
      params.push(q.ocopStars);
      where.push(`pp.ocop_stars = $${params.length}`);
    }
    const facetWhere = where.length ? `WHERE ${where.join(' AND ')}` : '';
    if (q.provinceCode) {
      params.push(q.provinceCode);
      where.push(`pp.province_code = $${params.length}`);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const facetParams = params.slice(0, q.provinceCode ? -1 : undefined);
    const [rows, [{ n }], facets] = await Promise.all([
      this.dataSource.query(
        `SELECT pp.*, to_char(pp.ocop_valid_until, 'YYYY-MM-DD') AS valid_until_text, p.name AS peer_name FROM federation_peer_products pp JOIN federation_peers p ON p.id = pp.peer_id
         ${clause} ORDER BY pp.ocop_stars DESC NULLS LAST, pp.name, pp.peer_id, pp.remote_id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, q.pageSize, (q.page - 1) * q.pageSize],
      ) as Promise<Row[]>,
      this.dataSource.query(`SELECT count(*)::int AS n FROM federation_peer_products pp ${clause}`, params) as Promise<Array<{ n: number }>>,
      this.dataSource.query(
        `SELECT pp.province_code, count(*)::int AS n FROM federation_peer_products pp ${facetWhere}
         GROUP BY pp.province_code HAVING pp.province_code IS NOT NULL ORDER BY n DESC, pp.province_code`,
        facetParams,
      ) as Promise<Array<{ province_code: string; n: number }>>,
    ]);
    return {
      scope: 'other-provinces',
      items: rows.map(toDto),
      total: n,
      page: q.page,
      pageSize: q.pageSize,
      provinces: facets.map((f) => ({ provinceCode: f.province_code, count: f.n })),
    };
  }
}

function toDto(r: Row): FederatedProductDto {
  return {
    source: r.peer_name,
    peerId: r.peer_id,
    remoteId: r.remote_id,
    name: r.name,
    description: r.description,
    priceVnd: r.price_vnd === null ? null : Number(r.price_vnd),
    gtin: r.gtin,
    availability: r.availability,
    sellerName: r.seller_name,
    sellerTaxCode: r.seller_tax_code,
    provinceCode: r.province_code,
    communeCode: r.commune_code,
    ocopStars: r.ocop_stars,
    ocopCertificate: r.ocop_certificate,
    ocopValidUntil: r.valid_until_text,
    imageUrls: r.image_urls,
    pageUrl: r.page_url,
    digitalLink: r.digital_link,
    modifiedAt: r.remote_modified_at.toISOString(),
  };
}
