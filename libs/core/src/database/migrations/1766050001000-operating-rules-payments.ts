import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Operating rules (libs/legal): a new version with the section on payments that orders bring
 * (issue 17). Versions are never edited, so this inserts the next number: the body of the latest
 * version (an admin may have published later ones than the seeded first) with the section
 * appended, as libs/legal's publishing would.
 *
 * Not material (it may take effect at once, as libs/legal's notice rules allow): it adds no duty to
 * anything a user does today — ordering starts with this release, and the floor already stated that
 * it collects no money for sellers. It takes effect when migrated, or when the latest version
 * already published takes effect if that is later, so it never jumps ahead of an announced version.
 * If the section is already there (published by hand), nothing is inserted. The province's lawyer
 * reviews the wording; a change to it is a version published by an admin.
 */
export class OperatingRulesPayments1766050001000 implements MigrationInterface {
  name = 'OperatingRulesPayments1766050001000';

  async up(q: QueryRunner): Promise<void> {
    const [latest] = (await q.query(
      `SELECT number, title, body, effective_at FROM legal_versions WHERE document = 'operating-rules' ORDER BY number DESC LIMIT 1`,
    )) as Array<{ number: number; title: string; body: string; effective_at: Date }>;
    if (!latest || latest.body.includes(SECTION_MARK)) return;
    await q.query(
      `INSERT INTO legal_versions (document, number, title, body, summary, material, effective_at, published_at, published_by)
       VALUES ('operating-rules', $1, $2, $3, $4, false, GREATEST(now(), $5::timestamptz), now(), NULL)`,
      [latest.number + 1, latest.title, `${latest.body.trimEnd()}\n${PAYMENT_SECTION}`, SUMMARY, latest.effective_at],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DELETE FROM legal_acceptances WHERE document = 'operating-rules' AND version IN (SELECT number FROM legal_versions WHERE document = 'operating-rules' AND body LIKE $1)`,
      [`%${SECTION_MARK}%`],
    );
    await q.query(`DELETE FROM legal_versions WHERE document = 'operating-rules' AND body LIKE $1 AND published_by IS NULL AND number > 1`, [
      `%${SECTION_MARK}%`,
    ]);
  }
}

const SECTION_MARK = 'Thanh toán giữa người mua và người bán';

const SUMMARY =
  'Bổ sung mục "Thanh toán giữa người mua và người bán": người mua trả thẳng cho người bán (COD hoặc VietQR vào tài khoản của người bán), Sàn không giữ tiền và không khấu trừ thuế, hoàn tiền theo phương thức đã thanh toán (payments section added)';

const PAYMENT_SECTION = `<h2>8. ${SECTION_MARK}</h2>
<ul>
<li>Người mua trả tiền trực tiếp cho người bán, theo cách người bán nhận: tiền mặt khi nhận hàng (COD), hoặc chuyển khoản bằng mã VietQR vào tài khoản ngân hàng của chính người bán; mã ghi sẵn số tiền và mã đơn hàng.</li>
<li>Sàn không thu hộ, không giữ tiền của người mua và không nhận tiền thay người bán. Vì vậy Sàn không khấu trừ, kê khai hay nộp thuế thay người bán; người bán tự kê khai và nộp thuế theo quy định.</li>
<li>Mã VietQR không tự xác nhận việc thanh toán: người bán xác nhận trên Sàn khi đã nhận được tiền.</li>
<li>Khi đơn hàng bị huỷ, trả lại hoặc được hoàn tiền, người bán hoàn tiền cho người mua theo đúng phương thức đã thanh toán: chuyển khoản về tài khoản người mua đã dùng đối với VietQR; tiền mặt đối với đơn thanh toán khi nhận hàng (hoặc chuyển khoản nếu người mua đồng ý).</li>
<li>Người bán chịu trách nhiệm về tài khoản nhận tiền mình khai báo. Chỉ chủ doanh nghiệp được thay đổi tài khoản này; mọi thay đổi được ghi vào nhật ký kiểm toán.</li>
</ul>`;
