import * as argon2 from 'argon2';
import type { EntityManager } from 'typeorm';
import { DEMO_EMAIL_DOMAIN } from './roster';

/** Password of every demo account (documented in the README); never use the demo set in production. */
export const DEMO_PASSWORD = 'demo-tradefloor-2025';

export interface DemoUser {
  email: string;
  displayName: string;
  phone: string | null;
  role: 'editor' | 'business' | 'buyer';
}

export const STAFF_AND_BUYERS: DemoUser[] = [
  { email: `bientap@${DEMO_EMAIL_DOMAIN}`, displayName: 'Biên tập viên Sở Công Thương', phone: null, role: 'editor' },
  { email: `nguoimua1@${DEMO_EMAIL_DOMAIN}`, displayName: 'Lê Thị Thu Trang', phone: '0918234567', role: 'buyer' },
  { email: `nguoimua2@${DEMO_EMAIL_DOMAIN}`, displayName: 'Trần Quốc Bảo', phone: '0387654321', role: 'buyer' },
];

let hash: Promise<string> | undefined;

/** One argon2id hash (same parameters as identity's PasswordHasher) shared by all demo accounts: hashing is slow on purpose. */
export function demoPasswordHash(): Promise<string> {
  return (hash ??= argon2.hash(DEMO_PASSWORD, { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 }));
}

/** Inserts missing users by email (existing accounts are left untouched) and returns every id by email. */
export async function upsertUsers(m: EntityManager, users: DemoUser[]): Promise<{ ids: Map<string, string>; created: number }> {
  const passwordHash = await demoPasswordHash();
  const inserted: unknown[] = await m.query(
    `INSERT INTO users (email, display_name, phone, role, password_hash)
     SELECT u.email, u.name, u.phone, u.role, $5 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS u(email, name, phone, role)
     ON CONFLICT (email) DO NOTHING RETURNING id`,
    [users.map((u) => u.email), users.map((u) => u.displayName), users.map((u) => u.phone), users.map((u) => u.role), passwordHash],
  );
  const rows: Array<{ id: string; email: string }> = await m.query(`SELECT id, email FROM users WHERE email = ANY($1::text[])`, [users.map((u) => u.email)]);
  return { ids: new Map(rows.map((r) => [r.email, r.id])), created: inserted.length };
}
