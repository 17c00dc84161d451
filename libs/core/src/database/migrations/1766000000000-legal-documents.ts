import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Versioned legal documents (libs/legal, issue 15): `legal_versions` holds every published version
 * of the six documents the floor publishes (operating rules, privacy policy, terms of use, complaint
 * policy, fee schedule, how search results are ranked); `legal_acceptances` which version of which
 * document each user accepted, when and through which channel. The first version of each document
 * is inserted here, in force from 1 January 2026; later versions are published by admins.
 */
export class LegalDocuments1766000000000 implements MigrationInterface {
  name = 'LegalDocuments1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE legal_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        document text NOT NULL CHECK (document IN ('operating-rules','privacy-policy','terms-of-use','complaint-policy','fee-schedule','search-ranking')),
        number integer NOT NULL CHECK (number >= 1),
        title text NOT NULL,
        body text NOT NULL,
        summary text NOT NULL,
        material boolean NOT NULL,
        effective_at timestamptz NOT NULL,
        published_at timestamptz NOT NULL,
        published_by uuid,
        -- set by the sweep once the version is in force and cached pages (its banner) were dropped
        effect_noticed_at timestamptz,
        UNIQUE (document, number)
      )`);
    await q.query(`CREATE INDEX legal_versions_effective_idx ON legal_versions (effective_at)`);
    await q.query(`
      CREATE TABLE legal_acceptances (
        id bigserial PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        document text NOT NULL,
        version integer NOT NULL,
        channel text NOT NULL CHECK (channel IN ('web','api')),
        accepted_at timestamptz NOT NULL,
        UNIQUE (user_id, document, version),
        FOREIGN KEY (document, version) REFERENCES legal_versions (document, number)
      )`);
    for (const [document, title, body] of FIRST_VERSIONS) {
      await q.query(
        `INSERT INTO legal_versions (document, number, title, body, summary, material, effective_at, published_at)
         VALUES ($1, 1, $2, $3, 'Phiên bản đầu tiên (first version)', false, '2026-01-01T00:00:00+07:00', '2026-01-01T00:00:00+07:00')`,
        [document, title, body],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE legal_acceptances`);
    await q.query(`DROP TABLE legal_versions`);
  }
}

const OPERATING_RULES = `<h2>1. Đơn vị vận hành</h2>
<p>Sàn giao dịch thương mại điện tử của tỉnh (sau đây gọi là "Sàn") do Sở Công Thương tỉnh vận hành. Tên đơn vị, trụ sở, người đại diện theo pháp luật, số đăng ký và số đăng ký với Bộ Công Thương được công bố ở chân mọi trang.</p>
<h2>2. Phạm vi và đối tượng</h2>
<p>Sàn là sàn giao dịch thương mại điện tử trung gian: hộ kinh doanh, hợp tác xã, tổ hợp tác và doanh nghiệp (người bán) giới thiệu sản phẩm; người mua tìm kiếm, hỏi thông tin và liên hệ trực tiếp với người bán. Sàn không thu tiền hàng thay người bán.</p>
<h2>3. Quyền và nghĩa vụ của người bán</h2>
<ul>
<li>Cung cấp thông tin định danh chính xác (mã số thuế hoặc số định danh, người đại diện) và được xác minh điện tử trước khi đăng bán.</li>
<li>Chỉ đăng sản phẩm được phép kinh doanh, thông tin trung thực về giá (ghi rõ giá đã gồm thuế và phí vận chuyển hay chưa), xuất xứ, chứng nhận OCOP.</li>
<li>Trả lời yêu cầu của người mua và phối hợp giải quyết khiếu nại theo Chính sách giải quyết khiếu nại.</li>
</ul>
<h2>4. Quyền và nghĩa vụ của người mua</h2>
<ul>
<li>Cung cấp thông tin liên hệ trung thực khi gửi câu hỏi hoặc khiếu nại.</li>
<li>Không dùng Sàn để quấy rối, gửi thư rác hoặc thu thập dữ liệu của người khác.</li>
</ul>
<h2>5. Kiểm duyệt và xử lý vi phạm</h2>
<p>Sản phẩm được kiểm duyệt và lọc theo danh mục từ khoá hàng cấm trước khi hiển thị. Sàn gỡ bỏ thông tin vi phạm trong vòng 24 giờ kể từ khi có yêu cầu của cơ quan có thẩm quyền; người bán vi phạm nhiều lần bị cảnh báo hoặc tạm ngừng tài khoản (thông báo trước 5 ngày, trừ khi cơ quan có thẩm quyền yêu cầu tạm ngừng ngay).</p>
<h2>6. Sắp xếp kết quả tìm kiếm</h2>
<p>Tiêu chí sắp xếp kết quả tìm kiếm được công bố tại trang "Cách sắp xếp kết quả tìm kiếm". Sàn không bán vị trí hiển thị.</p>
<h2>7. Thay đổi Quy chế</h2>
<p>Mọi phiên bản của Quy chế được lưu và xem được tại địa chỉ cố định, kèm phần thay đổi so với phiên bản trước. Thay đổi ảnh hưởng đến nghĩa vụ của người dùng được thông báo trước ít nhất 5 ngày (biểu phí: ít nhất 20 ngày) qua email và thông báo trên Sàn; người dùng cần đồng ý phiên bản mới khi đăng nhập lần tiếp theo.</p>`;

const PRIVACY_POLICY = `<p>Chính sách này giải thích cách Sàn xử lý dữ liệu cá nhân theo Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15 và Nghị định 356/2025/NĐ-CP.</p>
<h2>1. Dữ liệu được thu thập</h2>
<p>Tài khoản: email, mật khẩu (chỉ lưu dạng băm), tên hiển thị, số điện thoại (nếu cung cấp). Người bán: thông tin định danh của cơ sở kinh doanh và người đại diện. Câu hỏi và khiếu nại: tên, email, số điện thoại, nội dung. Nhật ký đăng nhập và truy cập kỹ thuật.</p>
<h2>2. Mục đích xử lý</h2>
<p>Tạo và bảo vệ tài khoản; xác minh người bán theo quy định; hiển thị sản phẩm; chuyển câu hỏi của người mua đến người bán; giải quyết khiếu nại; thực hiện nghĩa vụ với cơ quan nhà nước có thẩm quyền.</p>
<h2>3. Cách thức sử dụng dữ liệu</h2>
<p>Dữ liệu chỉ được dùng cho các mục đích trên. Sàn không bán dữ liệu cá nhân và không dùng dữ liệu để quảng cáo của bên thứ ba. Email tiếp thị chỉ được gửi khi người dùng đồng ý riêng; việc đồng ý không bao giờ được đánh dấu sẵn.</p>
<h2>4. Thời gian lưu trữ</h2>
<p>Dữ liệu tài khoản được lưu đến khi tài khoản bị xoá; câu hỏi và nhật ký đăng nhập được lưu trong thời hạn ngắn nhất cần thiết theo lịch lưu trữ được công bố; thông tin đăng bán được lưu ít nhất 1 năm theo quy định về thương mại điện tử; nhật ký kiểm toán được lưu với tham chiếu bí danh.</p>
<h2>5. Tổ chức, cá nhân được nhận dữ liệu</h2>
<p>Người bán nhận câu hỏi người mua gửi cho mình. Sàn thương mại điện tử đối tác chỉ nhận dữ liệu sản phẩm của người bán khi người bán đồng ý kết nối (có thể chuyển ra nước ngoài, được ghi nhận). Cơ quan nhà nước có thẩm quyền nhận dữ liệu khi có yêu cầu hợp pháp.</p>
<h2>6. Biện pháp bảo vệ</h2>
<p>Kết nối mã hoá (HTTPS), mật khẩu băm bằng argon2id, phân quyền truy cập theo vai trò, nhật ký kiểm toán chống sửa đổi, sao lưu định kỳ. Khi xảy ra sự cố lộ lọt, Sàn thông báo cho cơ quan chuyên trách (A05, Bộ Công an) trong vòng 72 giờ và cho người bị ảnh hưởng.</p>
<h2>7. Quyền của chủ thể dữ liệu</h2>
<p>Bạn có quyền được biết, xem và tải về, chỉnh sửa, xoá, hạn chế xử lý, phản đối xử lý dữ liệu và rút lại sự đồng ý bất kỳ lúc nào (rút lại dễ như khi đồng ý). Thực hiện trong mục "Dữ liệu của tôi" sau khi đăng nhập hoặc gửi yêu cầu cho Sàn; Sàn xác nhận trong 2 ngày làm việc và hoàn thành trong 15 ngày (20 ngày nếu có bên xử lý dữ liệu).</p>
<h2>8. Khiếu nại</h2>
<p>Bạn có thể khiếu nại về việc xử lý dữ liệu cá nhân tại trang Khiếu nại của Sàn hoặc gửi đến cơ quan chuyên trách bảo vệ dữ liệu cá nhân (Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao – A05, Bộ Công an).</p>`;

const TERMS_OF_USE = `<h2>1. Chấp nhận điều khoản</h2>
<p>Khi đăng ký tài khoản, bạn xác nhận đã đọc và đồng ý với Điều khoản sử dụng, Quy chế hoạt động và Chính sách bảo mật của Sàn. Phiên bản bạn đồng ý được ghi nhận cùng thời điểm.</p>
<h2>2. Tài khoản</h2>
<p>Bạn giữ bí mật mật khẩu, cung cấp email thật và xác minh email trước khi đăng bán hoặc cập nhật thông tin. Sàn có thể khoá tài khoản vi phạm Quy chế.</p>
<h2>3. Nội dung người dùng đăng</h2>
<p>Bạn chịu trách nhiệm về nội dung mình đăng và cho phép Sàn hiển thị nội dung đó trên Sàn và trong nguồn dữ liệu mở về sản phẩm. Không đăng nội dung vi phạm pháp luật, xâm phạm quyền sở hữu trí tuệ hoặc hàng cấm kinh doanh.</p>
<h2>4. Giới hạn trách nhiệm</h2>
<p>Sàn là nơi giới thiệu sản phẩm; hợp đồng mua bán được giao kết trực tiếp giữa người mua và người bán. Sàn hỗ trợ giải quyết khiếu nại theo Chính sách giải quyết khiếu nại.</p>
<h2>5. Thay đổi điều khoản</h2>
<p>Thay đổi ảnh hưởng đến nghĩa vụ của bạn được thông báo trước và chỉ có hiệu lực vào ngày ghi trong thông báo; bạn được yêu cầu đồng ý phiên bản mới khi đăng nhập lần tiếp theo.</p>`;

const COMPLAINT_POLICY = `<h2>1. Tiếp nhận</h2>
<p>Mọi người, kể cả người không có tài khoản, có thể gửi khiếu nại tại trang "Khiếu nại" và nhận mã tra cứu. Khiếu nại có thể liên quan đến một sản phẩm, một người bán hoặc việc xử lý dữ liệu cá nhân.</p>
<h2>2. Thời hạn xử lý</h2>
<p>Mỗi loại khiếu nại có thời hạn trả lời được công bố ngay trên mẫu khiếu nại; khiếu nại quá hạn được ưu tiên xử lý và có thể được chuyển cấp. Người khiếu nại theo dõi tiến độ bằng mã tra cứu và email.</p>
<h2>3. Giải quyết tranh chấp</h2>
<p>Sàn chuyển khiếu nại đến người bán liên quan, yêu cầu giải trình và thông báo kết quả. Nếu không đồng ý với kết quả, bạn có thể liên hệ cơ quan bảo vệ quyền lợi người tiêu dùng, Sở Công Thương hoặc khởi kiện tại toà án theo quy định.</p>`;

const FEE_SCHEDULE = `<h2>Biểu phí</h2>
<p>Sàn hiện <strong>miễn phí hoàn toàn</strong> cho người bán và người mua: không thu phí đăng ký, phí duy trì gian hàng, phí đăng sản phẩm, hoa hồng trên giao dịch hay phí hiển thị.</p>
<p>Sàn không thu tiền hàng thay người bán. Giá và phí vận chuyển do người bán công bố trên từng sản phẩm.</p>
<p>Mọi thay đổi về phí được thông báo cho người bán ít nhất 20 ngày trước khi áp dụng.</p>`;

const SEARCH_RANKING = `<p>Trang này mô tả các tiêu chí chính dùng để sắp xếp kết quả tìm kiếm sản phẩm trên Sàn. Bảng cấu hình bên dưới được tạo tự động từ chính cấu hình của công cụ tìm kiếm nên luôn khớp với cách Sàn đang hoạt động.</p>
<h2>Không có vị trí trả tiền</h2>
<p>Sàn không bán vị trí hiển thị và không ưu tiên người bán nào vì lý do thương mại. Nếu sau này có vị trí trả tiền, vị trí đó sẽ được ghi rõ là "Quảng cáo" và trang này sẽ được cập nhật trước.</p>`;

const FIRST_VERSIONS: Array<[string, string, string]> = [
  ['operating-rules', 'Quy chế hoạt động', OPERATING_RULES],
  ['privacy-policy', 'Chính sách bảo mật', PRIVACY_POLICY],
  ['terms-of-use', 'Điều khoản sử dụng', TERMS_OF_USE],
  ['complaint-policy', 'Chính sách giải quyết khiếu nại', COMPLAINT_POLICY],
  ['fee-schedule', 'Biểu phí', FEE_SCHEDULE],
  ['search-ranking', 'Cách sắp xếp kết quả tìm kiếm', SEARCH_RANKING],
];
