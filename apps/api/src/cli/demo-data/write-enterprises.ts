import type { EntityManager } from 'typeorm';
import type { PlannedEnterprise } from './roster';
import { upsertUsers } from './demo-users';

/** Vĩnh Long, which since July 2025 includes former Trà Vinh (the reference data's home province). */
const HOME_PROVINCE_CODE = '86';

export interface EnterpriseWriteResult {
  idsBySlug: Map<string, string>;
  createdIds: string[];
  usersCreated: number;
}

/** Owners (users), enterprises and owner memberships, keyed by email and slug; existing rows are kept as they are. */
export async function writeEnterprises(m: EntityManager, list: PlannedEnterprise[], now: Date): Promise<EnterpriseWriteResult> {
  const owners = await upsertUsers(
    m,
    list.map((e) => ({ email: e.email, displayName: e.representative, phone: e.phone, role: 'business' as const })),
  );
  const col = <T>(f: (e: PlannedEnterprise) => T) => list.map(f);
  const created: Array<{ id: string }> = await m.query(
    `INSERT INTO enterprises (slug, kind, legal_form, legal_name, display_name, tax_code, personal_id, representative, phone, email,
                              street, province_code, commune_code, legacy_address, description, founding_year, status, owner_id,
                              submitted_at, verified_at, created_at, updated_at)
     SELECT u.slug, u.kind, u.legal_form, u.legal_name, u.display_name, u.tax_code, u.personal_id, u.representative, u.phone, u.email,
            u.street, $17, u.commune_code, u.legacy_address, u.description, u.founding_year, u.status, u.owner_id,
            CASE WHEN u.status <> 'draft' THEN $18::timestamptz - interval '400 days' END,
            CASE WHEN u.status IN ('verified', 'suspended') THEN $18::timestamptz - interval '390 days' END,
            $18::timestamptz - interval '410 days', $18::timestamptz
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
                 $11::text[], $12::text[], $13::text[], $14::text[], $15::int[], $16::text[], $19::uuid[])
       AS u(slug, kind, legal_form, legal_name, display_name, tax_code, personal_id, representative, phone, email,
            street, commune_code, legacy_address, description, founding_year, status, owner_id)
     ON CONFLICT DO NOTHING RETURNING id`,
    [
      col((e) => e.slug),
      col((e) => e.kind),
      col((e) => e.legalForm),
      col((e) => e.legalName),
      col((e) => e.displayName),
      col((e) => e.taxCode),
      col((e) => e.personalId),
      col((e) => e.representative),
      col((e) => e.phone),
      col((e) => e.email),
      col((e) => e.street),
      col((e) => e.communeCode),
      col((e) => e.legacyAddress),
      col((e) => e.description),
      col((e) => e.foundingYear),
      col((e) => e.status),
      HOME_PROVINCE_CODE,
      now,
      col((e) => owners.ids.get(e.email)),
    ],
  );
  const rows: Array<{ id: string; slug: string }> = await m.query(`SELECT id, slug FROM enterprises WHERE slug = ANY($1::text[])`, [col((e) => e.slug)]);
  const idsBySlug = new Map(rows.map((r) => [r.slug, r.id]));
  const missing = list.filter((e) => !idsBySlug.has(e.slug));
  if (missing.length) {
    // ON CONFLICT skipped them for another unique key (a real enterprise already holds the tax code).
    throw new Error(`Could not create demo enterprises ${missing.map((e) => e.slug).join(', ')}: their tax code is already used`);
  }
  await m.query(
    `INSERT INTO enterprise_members (enterprise_id, user_id, role)
     SELECT u.e, u.o, 'owner' FROM unnest($1::uuid[], $2::uuid[]) AS u(e, o) ON CONFLICT DO NOTHING`,
    [col((e) => idsBySlug.get(e.slug)), col((e) => owners.ids.get(e.email))],
  );
  return { idsBySlug, createdIds: created.map((r) => r.id), usersCreated: owners.created };
}
