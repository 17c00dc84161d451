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
  { href: '/quan-ly/hoi-mua', label: 'bo.section.inquiries', roles: ['business'] },
  { href: '/quan-ly/hoi-mua/thong-ke', label: 'bo.section.inquiryStats', roles: ['admin'] },
];
