import type { VerificationDto } from './verification.dto';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const CERTIFICATION_LABELS: Record<string, string> = {
  vietgap: 'VietGAP',
  globalgap: 'GlobalG.A.P.',
  organic: 'Hữu cơ (organic)',
  haccp: 'HACCP',
  iso22000: 'ISO 22000',
  typical_rural_industrial: 'Sản phẩm công nghiệp nông thôn tiêu biểu',
};

const VERDICT_TEXT: Record<VerificationDto['verdict'], { icon: string; headline: string }> = {
  genuine: { icon: '✔', headline: 'Sản phẩm chính hãng' },
  warning: { icon: '!', headline: 'Cảnh báo: tem có thể bị sao chép' },
  revoked: { icon: '✖', headline: 'Tem đã bị thu hồi' },
  unknown: { icon: '?', headline: 'Không xác thực được tem' },
};

const dateTime = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short', timeStyle: 'short' });

function day(isoDate: string | null): string {
  if (!isoDate) return '';
  const [y, m, d] = isoDate.split('-');
  return `${d}/${m}/${y}`;
}

function explanation(v: VerificationDto): string {
  const enterprise = v.enterprise ? escapeHtml(v.enterprise.name) : 'nhà sản xuất';
  switch (v.verdict) {
    case 'genuine':
      return `Tem hợp lệ do <strong>${enterprise}</strong> phát hành.${
        v.activated ? '' : ' Lưu ý: tem chưa được nhà sản xuất kích hoạt.'
      } Đây là lần quét thứ ${v.scanCount}.`;
    case 'warning':
      return `Mã tem này đã được quét ${v.scanCount} lần từ ${v.distinctPlaces} nơi khác nhau. Tem có thể đã bị sao chép; nếu bạn vừa mua sản phẩm, hãy liên hệ ${enterprise} để xác minh.`;
    case 'revoked':
      return `${enterprise} đã thu hồi tem này. Không nên mua hoặc sử dụng sản phẩm mang tem này.`;
    case 'unknown':
      return 'Mã tem không có trong hệ thống. Sản phẩm có thể là hàng giả: hãy cẩn trọng và báo cho cơ quan quản lý thị trường.';
  }
}

function certifications(list: Array<{ type: string; name?: string }>): string {
  return list.map((c) => `<li>${escapeHtml(c.type === 'other' ? c.name : (CERTIFICATION_LABELS[c.type] ?? c.type))}</li>`).join('');
}

function row(label: string, value: string): string {
  return value ? `<tr><th>${label}</th><td>${value}</td></tr>` : '';
}

const STYLE = `
*{box-sizing:border-box}body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f4f5f7;color:#1f2328;line-height:1.45}
main{max-width:34rem;margin:0 auto;padding:1rem}
.verdict{border-radius:14px;padding:1.25rem;color:#fff;text-align:center}
.verdict .icon{font-size:2.6rem;margin:0;line-height:1}.verdict h1{margin:.4rem 0;font-size:1.5rem}.verdict p{margin:.3rem 0}
.v-genuine{background:#1a7f37}.v-warning{background:#b35900}.v-revoked{background:#b42318}.v-unknown{background:#57606a}
.card{background:#fff;border-radius:12px;padding:1rem;margin-top:1rem;box-shadow:0 1px 2px rgba(0,0,0,.08)}
.card h2{font-size:1.05rem;margin:0 0 .6rem}table{width:100%;border-collapse:collapse}th{text-align:left;font-weight:600;padding:.25rem .5rem .25rem 0;vertical-align:top;width:40%;color:#57606a}td{padding:.25rem 0}
.stars{color:#d4a106;font-size:1.2rem;letter-spacing:.1rem}ul{margin:.2rem 0;padding-left:1.2rem}
ol.timeline{list-style:none;margin:0;padding:0;border-left:3px solid #d0d7de}ol.timeline li{position:relative;padding:0 0 .9rem 1rem}
ol.timeline li::before{content:"";position:absolute;left:-.5rem;top:.3rem;width:.7rem;height:.7rem;border-radius:50%;background:#1a7f37}
.time{color:#57606a;font-size:.9rem}footer{color:#57606a;font-size:.85rem;text-align:center;margin:1.2rem 0}code{font-size:.95rem}`;

/** The public verification page: server-rendered, no script, every value escaped. */
export function renderVerificationPage(v: VerificationDto): string {
  const t = VERDICT_TEXT[v.verdict];
  const title = v.product && v.verdict !== 'unknown' ? `${t.headline} – ${v.product.name}` : t.headline;
  const sections: string[] = [];
  if (v.product) {
    const stars = v.product.ocopStars ? `<span class="stars" aria-label="${v.product.ocopStars} sao">${'★'.repeat(v.product.ocopStars)}</span> OCOP ${v.product.ocopStars} sao` : '';
    const certs = [...v.product.certifications, ...(v.batch?.certifications ?? [])];
    sections.push(`<section class="card"><h2>Sản phẩm</h2><table>
${row('Tên sản phẩm', `<strong>${escapeHtml(v.product.name)}</strong>`)}
${row('Nhà sản xuất', v.enterprise ? escapeHtml(v.enterprise.name) : '')}
${row('Chứng nhận OCOP', stars)}
${row('Mã GTIN', v.product.gtin ? escapeHtml(v.product.gtin) : '')}
${row('Chứng nhận khác', certs.length ? `<ul>${certifications(certs)}</ul>` : '')}
</table></section>`);
  }
  if (v.batch) {
    sections.push(`<section class="card"><h2>Lô hàng</h2><table>
${row('Mã lô', escapeHtml(v.batch.lotCode))}
${row('Ngày sản xuất / thu hoạch', day(v.batch.producedAt))}
${row('Hạn sử dụng', day(v.batch.expiresAt))}
${row('Vùng nguyên liệu', escapeHtml(v.batch.originCommuneName ?? ''))}
</table></section>`);
  }
  if (v.events.length) {
    const items = v.events
      .map(
        (e) => `<li><strong>${escapeHtml(e.bizStepLabel)}</strong><div class="time">${escapeHtml(dateTime.format(new Date(e.eventTime)))}${
          e.place ? ` · ${escapeHtml(e.place)}` : ''
        }</div>${e.actor ? `<div>${escapeHtml(e.actor)}</div>` : ''}${e.note ? `<div>${escapeHtml(e.note)}</div>` : ''}${
          e.photoUrl ? `<div><a href="${escapeHtml(e.photoUrl)}" rel="nofollow noopener">Xem ảnh</a></div>` : ''
        }</li>`,
      )
      .join('\n');
    sections.push(`<section class="card"><h2>Hành trình sản phẩm</h2><ol class="timeline">${items}</ol></section>`);
  }
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<section class="verdict v-${v.verdict}" data-verdict="${v.verdict}">
<p class="icon" aria-hidden="true">${t.icon}</p>
<h1>${t.headline}</h1>
<p>${explanation(v)}</p>
</section>
${sections.join('\n')}
<footer>${v.serial ? `Mã tem <code>${escapeHtml(v.serial)}</code> · ` : ''}Xác thực bởi sàn thương mại điện tử tỉnh</footer>
</main>
</body>
</html>
`;
}
