/**
 * Product illustrations for the demo data set, drawn as SVG so that a fresh installation shows
 * pictures without downloading any: one motif per kind of category (a fruit, a bottle, a jar, a
 * fish, a rice sack, a woven basket…), coloured per category, in a few compositions. Deterministic:
 * the same category and variant always give the same picture.
 */

type Motif = 'fruit' | 'bottle' | 'jar' | 'fish' | 'sack' | 'candy' | 'tray' | 'basket' | 'landscape';

const MOTIF_BY_CATEGORY: Record<string, Motif> = {
  'trai-cay': 'fruit',
  'rau-cu-qua': 'fruit',
  'giong-cay-trong': 'fruit',
  'cay-canh-hoa': 'fruit',
  'trai-cay-say': 'candy',
  'banh-keo-mut': 'candy',
  'do-uong-co-con': 'bottle',
  'do-uong-khong-con': 'bottle',
  'my-pham-thao-duoc': 'bottle',
  'mat-ong': 'jar',
  'duong-mat': 'jar',
  'gia-vi': 'jar',
  'thuc-pham-chuc-nang': 'jar',
  gao: 'sack',
  'kho-hai-san': 'fish',
  'thuy-san-tuoi': 'fish',
  'thit-che-bien': 'tray',
  'san-pham-chan-nuoi': 'tray',
  'dong-vat-canh': 'tray',
  'thuc-pham-so-che': 'tray',
  'do-thu-cong': 'basket',
  'do-trang-tri': 'basket',
  'vai-may-mac': 'basket',
  'du-lich-cong-dong': 'landscape',
};

/** The colour of each kind of goods (hue, degrees); other categories get one from their slug. */
const HUE_BY_CATEGORY: Record<string, number> = {
  'trai-cay': 80,
  'rau-cu-qua': 105,
  'giong-cay-trong': 125,
  'cay-canh-hoa': 330,
  'trai-cay-say': 30,
  'banh-keo-mut': 340,
  'do-uong-co-con': 12,
  'do-uong-khong-con': 190,
  'my-pham-thao-duoc': 150,
  'mat-ong': 40,
  'duong-mat': 26,
  'gia-vi': 8,
  'thuc-pham-chuc-nang': 165,
  gao: 48,
  'kho-hai-san': 20,
  'thuy-san-tuoi': 205,
  'thit-che-bien': 2,
  'san-pham-chan-nuoi': 35,
  'dong-vat-canh': 280,
  'thuc-pham-so-che': 355,
  'do-thu-cong': 32,
  'do-trang-tri': 260,
  'vai-may-mac': 225,
  'du-lich-cong-dong': 120,
};

/** Compositions per category: the motif large and centred, a pair, and a close-up on a pattern. */
export const ILLUSTRATION_VARIANTS = 3;
export const ILLUSTRATION_SIZE = 800;

/** FNV-1a: a stable small hash of a slug, to pick colours and compositions deterministically. */
export function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** A colour as #rrggbb (every SVG renderer reads it; not all read CSS Color 4 syntax). */
function hsl(hue: number, saturation: number, lightness: number): string {
  const h = (((hue % 360) + 360) % 360) / 360;
  const s = saturation / 100;
  const l = lightness / 100;
  const q = l < 0.5 ? l * (1 + s) : l + s - l * s;
  const p = 2 * l - q;
  const channel = (t: number) => {
    const u = t < 0 ? t + 1 : t > 1 ? t - 1 : t;
    const c = u < 1 / 6 ? p + (q - p) * 6 * u : u < 1 / 2 ? q : u < 2 / 3 ? p + (q - p) * (2 / 3 - u) * 6 : p;
    return Math.round(c * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(h + 1 / 3)}${channel(h)}${channel(h - 1 / 3)}`;
}

/** The motif at the origin, about 300 px across, in colour `hue`. */
function motif(kind: Motif, hue: number): string {
  const main = hsl(hue, 62, 52);
  const dark = hsl(hue, 55, 34);
  const light = hsl(hue, 70, 80);
  switch (kind) {
    case 'fruit':
      return `<circle r="150" fill="${main}"/><circle cx="-50" cy="-55" r="42" fill="${light}" opacity=".55"/>
<path d="M0 -150 C 10 -190, 30 -205, 40 -215" stroke="${hsl(30, 45, 30)}" stroke-width="14" fill="none" stroke-linecap="round"/>
<path d="M10 -175 C 70 -235, 140 -210, 150 -180 C 100 -165, 50 -160, 10 -175 Z" fill="${hsl(115, 50, 40)}"/>`;
    case 'bottle':
      return `<rect x="-40" y="-230" width="80" height="70" rx="10" fill="${dark}"/>
<path d="M-40 -165 L-40 -120 C -110 -90, -110 -60, -110 -20 L-110 200 Q -110 230 -80 230 L 80 230 Q 110 230 110 200 L110 -20 C 110 -60, 110 -90, 40 -120 L40 -165 Z" fill="${main}"/>
<rect x="-85" y="10" width="170" height="120" rx="14" fill="#fffdf6"/><rect x="-60" y="45" width="120" height="14" rx="7" fill="${dark}"/>
<rect x="-45" y="75" width="90" height="10" rx="5" fill="${light}"/><rect x="-90" y="-60" width="18" height="210" rx="9" fill="#ffffff" opacity=".25"/>`;
    case 'jar':
      return `<rect x="-120" y="-190" width="240" height="60" rx="14" fill="${dark}"/>
<rect x="-145" y="-135" width="290" height="330" rx="60" fill="${main}"/>
<rect x="-95" y="-30" width="190" height="130" rx="16" fill="#fffdf6"/><circle cy="35" r="38" fill="${light}"/>
<rect x="-125" y="-110" width="22" height="260" rx="11" fill="#ffffff" opacity=".25"/>`;
    case 'fish':
      return `<path d="M-190 0 C -110 -120, 90 -120, 150 0 C 90 120, -110 120, -190 0 Z" fill="${main}"/>
<path d="M140 0 L 230 -85 L 215 0 L 230 85 Z" fill="${dark}"/><circle cx="-120" cy="-22" r="16" fill="#1d1d1d"/>
<circle cx="-125" cy="-27" r="5" fill="#ffffff"/><path d="M-60 -55 Q -30 0 -60 55" stroke="${dark}" stroke-width="10" fill="none"/>
<path d="M-10 -70 Q 40 -20 20 -80 M 0 60 Q 40 20 20 80" stroke="${light}" stroke-width="9" fill="none" opacity=".7"/>`;
    case 'sack':
      return `<path d="M-150 -150 Q -170 -200 -120 -215 L 120 -215 Q 170 -200 150 -150 L 175 180 Q 180 230 120 230 L -120 230 Q -180 230 -175 180 Z" fill="${hsl(40, 45, 72)}"/>
<path d="M-120 -215 Q 0 -160 120 -215" stroke="${hsl(30, 40, 45)}" stroke-width="12" fill="none"/>
<rect x="-110" y="-40" width="220" height="150" rx="18" fill="${main}"/>
${[-70, -20, 30, 80].map((x, i) => `<ellipse cx="${x}" cy="${30 + (i % 2) * 25}" rx="16" ry="30" fill="#fffdf6" transform="rotate(${20 - i * 12} ${x} ${30 + (i % 2) * 25})"/>`).join('')}`;
    case 'candy':
      return `<path d="M-120 -60 L -230 -130 L -210 0 L -230 130 L -120 60 Z" fill="${dark}"/>
<path d="M120 -60 L 230 -130 L 210 0 L 230 130 L 120 60 Z" fill="${dark}"/>
<rect x="-135" y="-90" width="270" height="180" rx="90" fill="${main}"/>
${[-80, -20, 40, 100].map((x) => `<path d="M${x} -88 L ${x - 50} 88" stroke="${light}" stroke-width="18" opacity=".8"/>`).join('')}`;
    case 'tray':
      return `<ellipse cy="120" rx="230" ry="70" fill="${hsl(hue + 180, 20, 88)}"/>
<path d="M-200 40 Q -180 150 0 150 Q 180 150 200 40 Z" fill="${hsl(hue + 180, 15, 78)}"/>
<path d="M-150 40 C -150 -120, 150 -120, 150 40 Z" fill="${main}"/>
<path d="M-100 -10 C -60 -70, 40 -80, 90 -20" stroke="${light}" stroke-width="16" fill="none" stroke-linecap="round"/>
<circle cx="-40" cy="10" r="14" fill="${dark}"/><circle cx="40" cy="-5" r="10" fill="${dark}"/>`;
    case 'basket':
      return `<path d="M-150 -40 Q 0 -260 150 -40" stroke="${dark}" stroke-width="22" fill="none"/>
<path d="M-200 -40 L 200 -40 L 160 200 Q 150 230 120 230 L -120 230 Q -150 230 -160 200 Z" fill="${main}"/>
${[0, 1, 2, 3, 4].map((i) => `<path d="M-190 ${5 + i * 45} L 190 ${5 + i * 45}" stroke="${dark}" stroke-width="10" opacity=".6"/>`).join('')}
${[-120, -60, 0, 60, 120].map((x) => `<path d="M${x} -40 L ${x * 0.8} 230" stroke="${light}" stroke-width="10" opacity=".7"/>`).join('')}`;
    case 'landscape':
      return `<circle cx="110" cy="-120" r="70" fill="${hsl(45, 95, 60)}"/>
<path d="M-260 60 L -120 -110 L 0 40 L 90 -40 L 260 120 L 260 260 L -260 260 Z" fill="${main}"/>
<path d="M-260 140 C -120 100, -40 190, 80 150 S 220 120, 260 150 L 260 260 L -260 260 Z" fill="${hsl(200, 65, 55)}"/>
<path d="M-200 -60 C -190 -160, -150 -160, -140 -60 Z" fill="${hsl(120, 45, 35)}"/><rect x="-176" y="-70" width="12" height="60" fill="${hsl(30, 40, 30)}"/>`;
  }
}

/**
 * An SVG picture for a product of `categorySlug`. Variant 0 shows the motif alone, 1 a pair, 2 a
 * close-up on a dotted background; an unknown category falls back to the jar.
 */
export function illustrationSvg(categorySlug: string, variant: number): string {
  const kind = MOTIF_BY_CATEGORY[categorySlug] ?? 'jar';
  const hue = HUE_BY_CATEGORY[categorySlug] ?? hash(categorySlug) % 360;
  const bgTop = hsl(hue + 35, 55, 93);
  const bgBottom = hsl(hue + 35, 45, 84);
  const v = ((variant % ILLUSTRATION_VARIANTS) + ILLUSTRATION_VARIANTS) % ILLUSTRATION_VARIANTS;
  let scene: string;
  if (v === 0) {
    scene = `<g transform="translate(400 420)">${motif(kind, hue)}</g>`;
  } else if (v === 1) {
    scene = `<g transform="translate(270 450) scale(.8)">${motif(kind, hue + 25)}</g><g transform="translate(540 390) scale(.8)">${motif(kind, hue)}</g>`;
  } else {
    const dots = Array.from(
      { length: 64 },
      (_, i) => `<circle cx="${(i % 8) * 100 + 50}" cy="${Math.floor(i / 8) * 100 + 50}" r="9" fill="${hsl(hue + 35, 40, 76)}"/>`,
    ).join('');
    scene = `${dots}<g transform="translate(400 410) scale(1.35)">${motif(kind, hue - 15)}</g>`;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${ILLUSTRATION_SIZE}" height="${ILLUSTRATION_SIZE}" viewBox="0 0 800 800">
<defs><linearGradient id="bg" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${bgTop}"/><stop offset="1" stop-color="${bgBottom}"/></linearGradient></defs>
<rect width="800" height="800" fill="url(#bg)"/>
<ellipse cx="400" cy="700" rx="260" ry="40" fill="#000000" opacity=".08"/>
${scene}
</svg>`;
}
