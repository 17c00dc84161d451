import { html, type SafeHtml } from '../html/html';
import type { PageContext } from '../html/layout';

export function rulesView(ctx: PageContext): SafeHtml {
  return html`<article class="prose"><h1>${ctx.t('rules.title')}</h1>${ctx.lang === 'vi' ? RULES_VI : RULES_EN}</article>`;
}

export function contactView(ctx: PageContext): SafeHtml {
  return html`<article class="prose"><h1>${ctx.t('contact.title')}</h1>
<p>${ctx.t('footer.owner')}</p>
<p>Email: <a href="mailto:santmdt@example.vn">santmdt@example.vn</a> · ĐT: <a href="tel:02703000000">0270 3000 000</a></p>
</article>`;
}

// Decree 52/2013 and 85/2021: the floor publishes its operator, rules, seller verification,
// takedown within 24 hours of an authority's request, dispute handling and personal-data rights.
const RULES_VI = html`<ol>
<li>Sàn do Sở Công Thương tỉnh vận hành; thông tin đơn vị chủ quản được công bố tại trang Liên hệ.</li>
<li>Người bán (hộ kinh doanh, hợp tác xã, tổ hợp tác, doanh nghiệp) phải cung cấp và được xác minh thông tin định danh (mã số thuế hoặc số định danh cá nhân) trước khi đăng bán.</li>
<li>Sản phẩm được kiểm duyệt trước khi hiển thị; hạng sao OCOP chỉ hiển thị khi giấy chứng nhận còn hiệu lực.</li>
<li>Sàn gỡ bỏ sản phẩm, thông tin vi phạm trong vòng 24 giờ kể từ khi có yêu cầu của cơ quan có thẩm quyền.</li>
<li>Tranh chấp giữa người mua và người bán được tiếp nhận qua trang Liên hệ và xử lý theo quy định.</li>
<li>Dữ liệu cá nhân được xử lý theo Luật Bảo vệ dữ liệu cá nhân 2025: người dùng có quyền truy cập, chỉnh sửa và yêu cầu xoá dữ liệu của mình.</li>
</ol>`;
const RULES_EN = html`<ol>
<li>The floor is operated by the provincial Department of Industry and Trade; the operator's details are on the Contact page.</li>
<li>Sellers (household businesses, cooperatives, cooperative groups, enterprises) must provide identity data (tax code or personal ID) that is verified before they sell.</li>
<li>Listings are moderated before they are shown; OCOP stars are shown only while the certificate is valid.</li>
<li>Violating listings are taken down within 24 hours of a competent authority's request.</li>
<li>Disputes between buyers and sellers are received through the Contact page and handled under the regulations.</li>
<li>Personal data is processed under the 2025 Personal Data Protection Law: users may access, correct and request deletion of their data.</li>
</ol>`;
