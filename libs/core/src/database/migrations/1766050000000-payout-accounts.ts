import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Seller payout accounts (libs/payments, issue 17): the one bank account per enterprise that
 * buyers pay by VietQR. The account number is stored sealed (AES-256-GCM, core's SecretBox under
 * a key derived for this purpose); the BIN and the holder name as banks print them are not secret
 * (they are printed in every QR the seller shows).
 */
export class PayoutAccounts1766050000000 implements MigrationInterface {
  name = 'PayoutAccounts1766050000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE payout_accounts (
        enterprise_id uuid PRIMARY KEY REFERENCES enterprises(id) ON DELETE CASCADE,
        bank_bin text NOT NULL CHECK (bank_bin ~ '^[0-9]{6}$'),
        account_number_sealed text NOT NULL CHECK (account_number_sealed LIKE 'v1.%'),
        account_holder text NOT NULL CHECK (account_holder ~ '^[A-Z][A-Z0-9 .,&()''/-]{1,49}$'),
        updated_by uuid REFERENCES users(id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE payout_accounts`);
  }
}
