import { escapeXml, foldVietnamese, richTextToPlain, sanitizeRichText, slugify } from '@tradefloor/core';
import type { DataSource } from 'typeorm';
import { SEED_ARTICLE } from './seed-article';

interface DemoBulletin {
  title: string;
  category: string;
  summary: string;
  body: string;
  tags: string[];
  authorByline: string | null;
  publishedAt: string;
  viewCount: number;
  event?: { startsAt: string; endsAt: string; location: string; organiser: string };
}

const paragraphs = (items: Array<string | { caption: string }>) =>
  items.map((p) => (typeof p === 'string' ? `<p>${escapeXml(p)}</p>` : `<p><em>${escapeXml(p.caption)}</em></p>`)).join('\n');

const DEMO: DemoBulletin[] = [
  {
    title: SEED_ARTICLE.title,
    category: 'ocop',
    summary: 'Năm 2022 toàn tỉnh có 184 sản phẩm được công nhận OCOP; năm 2023 Trà Vinh tiếp tục nâng hạng sản phẩm và phát triển 114 sản phẩm OCOP mới.',
    body: paragraphs(SEED_ARTICLE.paragraphs),
    tags: ['OCOP', 'Truy xuất nguồn gốc', 'Thương mại điện tử'],
    authorByline: SEED_ARTICLE.authorByline,
    publishedAt: '2023-04-21T08:00:00+07:00',
    viewCount: SEED_ARTICLE.viewCount,
  },
  {
    title: 'Hội chợ triển lãm sản phẩm OCOP và nông sản đặc trưng tỉnh Vĩnh Long',
    category: 'xuc-tien-thuong-mai',
    summary: 'Gian hàng của hợp tác xã, hộ kinh doanh và doanh nghiệp giới thiệu sản phẩm OCOP, nông sản và hàng công nghiệp nông thôn tiêu biểu.',
    body: '<p>Hội chợ dành cho các chủ thể OCOP trong tỉnh trưng bày, giới thiệu và kết nối tiêu thụ sản phẩm.</p><ul><li>Trưng bày sản phẩm OCOP 3–5 sao</li><li>Tọa đàm đưa sản phẩm lên sàn thương mại điện tử</li></ul>',
    tags: ['Hội chợ', 'OCOP'],
    authorByline: 'Ban Biên tập',
    publishedAt: '2025-10-15T09:00:00+07:00',
    viewCount: 412,
    event: {
      startsAt: '2025-12-10T08:00:00+07:00',
      endsAt: '2025-12-14T21:00:00+07:00',
      location: 'Quảng trường Trung tâm, Phường Trà Vinh, tỉnh Vĩnh Long',
      organiser: 'Sở Công Thương tỉnh Vĩnh Long',
    },
  },
  {
    title: 'Hướng dẫn quét tem QR truy xuất nguồn gốc bưởi da xanh',
    category: 'truy-xuat-nguon-goc',
    summary: 'Người mua quét tem QR trên trái bưởi để xem hợp tác xã sản xuất, lô hàng và các bước từ vườn đến tay người tiêu dùng.',
    body: '<h2>Cách quét tem</h2><ol><li>Mở camera điện thoại và hướng vào tem QR.</li><li>Chạm vào đường dẫn hiện ra để xem thông tin lô hàng.</li></ol><p>Nếu tem báo <strong>không tồn tại</strong> hoặc đã được quét nhiều lần ở nơi khác, hãy báo cho ban quản lý sàn.</p>',
    tags: ['Bưởi da xanh', 'Tem QR'],
    authorByline: 'Trúc Phương',
    publishedAt: '2024-03-05T10:00:00+07:00',
    viewCount: 1287,
  },
  {
    title: 'Thông báo cập nhật địa chỉ doanh nghiệp theo đơn vị hành chính mới',
    category: 'thong-bao',
    summary: 'Từ ngày 1/7/2025 không còn cấp huyện; doanh nghiệp trên sàn cập nhật địa chỉ theo xã, phường và tỉnh mới.',
    body: '<p>Sau sắp xếp đơn vị hành chính, địa chỉ trên sàn được ghi theo tỉnh và xã/phường. Địa chỉ cũ vẫn được lưu để đối chiếu.</p>',
    tags: ['Địa chỉ hành chính'],
    authorByline: null,
    publishedAt: '2025-07-02T08:00:00+07:00',
    viewCount: 356,
  },
  {
    title: 'Những điểm chính của Chương trình OCOP theo Quyết định 148/QĐ-TTg',
    category: 'chinh-sach',
    summary: 'Bộ tiêu chí đánh giá, phân hạng sản phẩm OCOP theo thang điểm 100 và thời hạn 36 tháng của giấy chứng nhận.',
    body: '<table><caption>Phân hạng theo điểm</caption><thead><tr><th>Hạng</th><th>Điểm</th></tr></thead><tbody><tr><td>5 sao</td><td>90–100</td></tr><tr><td>4 sao</td><td>70 đến dưới 90</td></tr><tr><td>3 sao</td><td>50 đến dưới 70</td></tr></tbody></table><p>Giấy chứng nhận có giá trị 36 tháng kể từ ngày quyết định công nhận.</p>',
    tags: ['OCOP', 'Chính sách'],
    authorByline: 'Ban Biên tập',
    publishedAt: '2025-08-01T08:00:00+07:00',
    viewCount: 845,
  },
];

/** Slugs of the demo bulletins, for demo activity (their views per day). */
export function demoBulletinSlugs(): string[] {
  return DEMO.map((d) => slugify(d.title));
}

/**
 * Inserts a few realistic, published bulletins (including the seed article by Trúc Phương with its
 * 2994 views) for demos. Idempotent: bulletins whose slug exists are left alone. Returns the slugs added.
 */
export async function seedDemoBulletins(dataSource: DataSource): Promise<string[]> {
  const added: string[] = [];
  await dataSource.transaction(async (m) => {
    for (const d of DEMO) {
      const slug = slugify(d.title);
      const body = sanitizeRichText(d.body);
      const search = foldVietnamese(
        [d.title, d.summary, d.tags.join(' '), d.authorByline ?? '', d.event?.location ?? '', d.event?.organiser ?? '', richTextToPlain(body)].join(' '),
      );
      const rows: Array<{ id: string }> = await m.query(
        `INSERT INTO bulletins (kind, status, slug, title, summary, body, category_id, tags, tag_keys, author_byline,
           event_starts_at, event_ends_at, event_location, event_organiser, published_at, search_text, view_count, revision,
           created_at, updated_at)
         SELECT $1, 'published', $2, $3, $4, $5, c.id, $6::text[], $7::text[], $8, $9, $10, $11, $12, $13, $14, $15, 1, $13, $13
         FROM bulletin_categories c WHERE c.slug = $16
         ON CONFLICT (slug) DO NOTHING RETURNING id`,
        [
          d.event ? 'event' : 'article',
          slug,
          d.title,
          d.summary,
          body,
          d.tags,
          d.tags.map((t) => slugify(t, 50)),
          d.authorByline,
          d.event?.startsAt ?? null,
          d.event?.endsAt ?? null,
          d.event?.location ?? null,
          d.event?.organiser ?? null,
          d.publishedAt,
          search.replace(/\s+/g, ' ').trim(),
          d.viewCount,
          d.category,
        ],
      );
      if (!rows.length) continue;
      await m.query(
        `INSERT INTO bulletin_revisions (bulletin_id, revision, action, title, summary, body, editor_name, created_at)
         VALUES ($1, 1, 'create', $2, $3, $4, 'Dữ liệu mẫu', $5)`,
        [rows[0].id, d.title, d.summary, body, d.publishedAt],
      );
      added.push(slug);
    }
  });
  return added;
}
