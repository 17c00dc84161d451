import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { foldVietnamese } from '@tradefloor/core';
import { PeerSearchIndex, type PeerProductInput, type PeerProductSource } from '@tradefloor/search';
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

/**
 * Peer products: written only by the pull (one peer page per transaction), read by the federated
 * search and, as the registered `PeerProductSource`, by libs/search's peer index jobs.
 */
@Injectable()
export class PeerProducts implements OnModuleInit, PeerProductSource {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly index: PeerSearchIndex,
  ) {}

  onModuleInit(): void {
    this.index.register(this);
  }

  /** Current rows of these items, as the search index shows them (the peer's province when the item states none). */
  async load(keys: Array<{ peerId: string; remoteId: string }>, tx: EntityManager): Promise<PeerProductInput[]> {
    if (!keys.length) return [];
    const rows: Array<Row & { peer_province: string }> = await tx.query(
      `SELECT pp.*, to_char(pp.ocop_valid_until, 'YYYY-MM-DD') AS valid_until_text, p.name AS peer_name, p.province_code AS peer_province
       FROM federation_peer_products pp JOIN federation_peers p ON p.id = pp.peer_id
       JOIN unnest($1::uuid[], $2::text[]) AS k(peer_id, remote_id) ON k.peer_id = pp.peer_id AND k.remote_id = pp.remote_id`,
      [keys.map((k) => k.peerId), keys.map((k) => k.remoteId)],
    );
    return rows.map((r) => ({
      peerId: r.peer_id,
      peerName: r.peer_name,
      remoteId: r.remote_id,
      name: r.name,
      description: r.description,
      priceVnd: r.price_vnd === null ? null : Number(r.price_vnd),
      sellerName: r.seller_name,
      provinceCode: r.province_code ?? r.peer_province,
      ocopStars: r.ocop_stars,
      ocopCertificate: r.ocop_certificate,
      ocopValidUntil: r.valid_until_text,
      imageUrl: r.image_urls[0] ?? null,
      pageUrl: r.page_url,
      modifiedAt: r.remote_modified_at,
    }));
  }

  /**
   * Applies one validated page in one statement per kind: live items upserted (an older version
   * never overwrites a newer one), tombstones deleted. Within a page the last element of an
   * identifier wins (a page may repeat one; one statement must not touch a row twice).
   */
  async apply(m: EntityManager, peerId: string, elements: PeerElement[]): Promise<void> {
    const last = new Map<string, PeerElement>();
    for (const e of elements) last.set(e.kind === 'live' ? e.product.remoteId : e.remoteId, e);
    const removed = [...last.values()].flatMap((e) => (e.kind === 'deleted' ? [e.remoteId] : []));
    const live = [...last.values()].flatMap((e) => (e.kind === 'live' ? [e.product] : []));
    // The search index follows in the same transaction (durable jobs): changed and tombstoned items.
    await this.index.enqueue(m, peerId, [...last.keys()]);
    if (removed.length) await m.query(`DELETE FROM federation_peer_products WHERE peer_id = $1 AND remote_id = ANY($2::text[])`, [peerId, removed]);
    if (!live.length) return;
    const rows = live.map((p) => ({
      remote_id: p.remoteId,
      name: p.name,
      description: p.description,
      gtin: p.gtin,
      price_vnd: p.priceVnd,
      availability: p.availability,
      seller_name: p.sellerName,
      seller_tax_code: p.sellerTaxCode,
      province_code: p.provinceCode,
      commune_code: p.communeCode,
      ocop_stars: p.ocopStars,
      ocop_certificate: p.ocopCertificate,
      ocop_valid_until: p.ocopValidUntil,
      image_urls: p.imageUrls,
      page_url: p.pageUrl,
      digital_link: p.digitalLink,
      remote_modified_at: p.modifiedAt.toISOString(),
      search_text: searchText(p),
    }));
    await m.query(
      `INSERT INTO federation_peer_products (peer_id, remote_id, name, description, gtin, price_vnd, availability, seller_name, seller_tax_code,
         province_code, commune_code, ocop_stars, ocop_certificate, ocop_valid_until, image_urls, page_url, digital_link, remote_modified_at, search_text, fetched_at)
       SELECT $1, x.remote_id, x.name, x.description, x.gtin, x.price_vnd, x.availability, x.seller_name, x.seller_tax_code,
              x.province_code, x.commune_code, x.ocop_stars, x.ocop_certificate, x.ocop_valid_until, x.image_urls, x.page_url, x.digital_link,
              x.remote_modified_at, x.search_text, now()
       FROM jsonb_to_recordset($2::jsonb) AS x(remote_id text, name text, description text, gtin text, price_vnd bigint, availability text,
            seller_name text, seller_tax_code text, province_code text, commune_code text, ocop_stars smallint, ocop_certificate text,
            ocop_valid_until date, image_urls text[], page_url text, digital_link text, remote_modified_at timestamptz, search_text text)
       ON CONFLICT (peer_id, remote_id) DO UPDATE SET
         name = EXCLUDED.name, description = EXCLUDED.description, gtin = EXCLUDED.gtin, price_vnd = EXCLUDED.price_vnd,
         availability = EXCLUDED.availability, seller_name = EXCLUDED.seller_name, seller_tax_code = EXCLUDED.seller_tax_code,
         province_code = EXCLUDED.province_code, commune_code = EXCLUDED.commune_code, ocop_stars = EXCLUDED.ocop_stars,
         ocop_certificate = EXCLUDED.ocop_certificate, ocop_valid_until = EXCLUDED.ocop_valid_until, image_urls = EXCLUDED.image_urls,
         page_url = EXCLUDED.page_url, digital_link = EXCLUDED.digital_link, remote_modified_at = EXCLUDED.remote_modified_at,
         search_text = EXCLUDED.search_text, fetched_at = now()
       WHERE federation_peer_products.remote_modified_at <= EXCLUDED.remote_modified_at`,
      [peerId, JSON.stringify(rows)],
    );
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
