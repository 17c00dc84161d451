import type { Role } from '@tradefloor/identity';
import type { MessageKey } from '../i18n/messages';

export interface BackOfficeSection {
  href: string;
  /** Tile label. */
  label: MessageKey;
  /** Roles that see the tile (admins see every tile). */
  roles: Role[];
}

/** Tiles of the back office landing page (/quan-ly); each area adds its own entries. */
export const BACK_OFFICE_SECTIONS: BackOfficeSection[] = [
  { href: '/quan-ly/duyet-doanh-nghiep', label: 'admin.tile.enterprises', roles: ['admin'] },
  { href: '/quan-ly/duyet-san-pham', label: 'admin.tile.products', roles: ['admin', 'editor'] },
  { href: '/quan-ly/ban-tin', label: 'admin.tile.bulletins', roles: ['admin', 'editor'] },
  { href: '/quan-ly/nguoi-dung', label: 'admin.tile.users', roles: ['admin'] },
  { href: '/quan-ly/thong-ke', label: 'admin.tile.stats', roles: ['admin', 'editor'] },
  { href: '/quan-ly/ocop', label: 'admin.tile.ocop', roles: ['admin', 'editor'] },
  { href: '/quan-ly/tu-khoa-sang-loc', label: 'admin.tile.terms', roles: ['admin', 'editor'] },
  { href: '/quan-ly/danh-gia', label: 'rev.mod.title', roles: ['admin', 'editor'] },
  { href: '/quan-ly/doanh-nghiep', label: 'biz.tile.enterprises', roles: ['business'] },
  { href: '/quan-ly/san-pham', label: 'biz.tile.products', roles: ['business'] },
  { href: '/quan-ly/san-pham/nhap-csv', label: 'biz.tile.import', roles: ['business'] },
  { href: '/quan-ly/hoi-mua', label: 'bo.section.inquiries', roles: ['business'] },
  { href: '/quan-ly/don-hang', label: 'ord.inbox.tile', roles: ['business'] },
  { href: '/quan-ly/truy-xuat', label: 'trace.tile', roles: ['business'] },
  { href: '/quan-ly/hoi-mua/thong-ke', label: 'bo.section.inquiryStats', roles: ['admin'] },
  { href: '/quan-ly/kenh-ban', label: 'ch.tile.business', roles: ['business'] },
  { href: '/quan-ly/dong-bo', label: 'ch.tile.admin', roles: ['admin'] },
  { href: '/quan-ly/san-lien-ket', label: 'admin.tile.peers', roles: ['admin'] },
  { href: '/quan-ly/danh-tinh', label: 'ts.tile.identity', roles: ['business'] },
  { href: '/quan-ly/tai-khoan-nhan-tien', label: 'pay.tile', roles: ['business'] },
  { href: '/quan-ly/nhat-ky', label: 'ts.tile.audit', roles: ['admin'] },
  { href: '/quan-ly/go-bo', label: 'ts.tile.takedowns', roles: ['admin'] },
  { href: '/quan-ly/go-bo-cua-toi', label: 'ts.tile.myTakedowns', roles: ['business'] },
  { href: '/quan-ly/khieu-nai', label: 'ts.tile.complaints', roles: ['admin', 'editor'] },
  { href: '/quan-ly/xac-thuc-danh-tinh', label: 'ts.tile.identityReview', roles: ['admin', 'editor'] },
  { href: '/quan-ly/su-co-du-lieu', label: 'ts.br.tile', roles: ['admin'] },
  { href: '/quan-ly/van-ban-phap-ly', label: 'legal.admin.tile', roles: ['admin'] },
  { href: '/quan-ly/don-mua', label: 'ord.mine.tile', roles: ['admin', 'editor', 'business', 'buyer'] },
  { href: '/quan-ly/du-lieu-cua-toi', label: 'pv.tile', roles: ['admin', 'editor', 'business', 'buyer'] },
  { href: '/quan-ly/yeu-cau-du-lieu', label: 'pv.queue.tile', roles: ['admin', 'editor'] },
];
