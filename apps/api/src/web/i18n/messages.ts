export const LANGUAGES = ['vi', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];

/** Interface text. Vietnamese is the default; English for visitors and partners. */
const MESSAGES = {
  'site.name': { vi: 'Sàn Giao dịch TMĐT tỉnh Vĩnh Long', en: 'Vĩnh Long Province Trade Floor' },
  'site.tagline': {
    vi: 'Đặc sản địa phương, sản phẩm OCOP và truy xuất nguồn gốc — mua trực tiếp từ hộ, hợp tác xã và doanh nghiệp.',
    en: 'Local specialities, OCOP products and traceability — buy straight from households, cooperatives and enterprises.',
  },
  'nav.home': { vi: 'Trang chủ', en: 'Home' },
  'nav.search': { vi: 'Sản phẩm', en: 'Products' },
  'nav.enterprises': { vi: 'Doanh nghiệp', en: 'Enterprises' },
  'nav.news': { vi: 'Tin tức', en: 'News' },
  'nav.events': { vi: 'Sự kiện', en: 'Events' },
  'nav.verify': { vi: 'Kiểm tra tem', en: 'Verify a stamp' },
  'nav.login': { vi: 'Đăng nhập', en: 'Sign in' },
  'nav.rules': { vi: 'Quy chế hoạt động', en: 'Operating rules' },
  'nav.contact': { vi: 'Liên hệ', en: 'Contact' },
  'nav.skip': { vi: 'Bỏ qua, đến nội dung chính', en: 'Skip to main content' },
  'search.placeholder': { vi: 'Tìm bưởi da xanh, gạo hữu cơ, kẹo dừa…', en: 'Search pomelo, organic rice, coconut candy…' },
  'search.label': { vi: 'Tìm sản phẩm', en: 'Search products' },
  'search.submit': { vi: 'Tìm', en: 'Search' },
  'lang.switch': { vi: 'English', en: 'Tiếng Việt' },
  'footer.owner': {
    vi: 'Đơn vị chủ quản: Sở Công Thương tỉnh Vĩnh Long (bản demo mã nguồn mở TradeFloor).',
    en: 'Operated by the Department of Industry and Trade of Vĩnh Long province (TradeFloor open-source demo).',
  },
  'rules.title': { vi: 'Quy chế hoạt động sàn', en: 'Operating rules' },
  'contact.title': { vi: 'Liên hệ', en: 'Contact' },
  'notfound.title': { vi: 'Không tìm thấy trang', en: 'Page not found' },
  'notfound.body': { vi: 'Trang bạn tìm không tồn tại hoặc đã được gỡ.', en: 'The page you are looking for does not exist or was removed.' },
} as const;

export type MessageKey = keyof typeof MESSAGES;

export type Translate = (key: MessageKey) => string;

export function translator(lang: Lang): Translate {
  return (key) => MESSAGES[key][lang];
}

/** `?lang=` wins, then the `lang` cookie, then Vietnamese. */
export function pickLang(query: unknown, cookieHeader: string | undefined): Lang {
  const fromQuery = (query as { lang?: unknown } | undefined)?.lang;
  if (fromQuery === 'en' || fromQuery === 'vi') return fromQuery;
  const cookie = /(?:^|;\s*)lang=(vi|en)(?:;|$)/.exec(cookieHeader ?? '');
  return (cookie?.[1] as Lang | undefined) ?? 'vi';
}
