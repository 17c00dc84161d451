import type { DocumentKind, IdentityMethod, IdentityRequestDto, IdentityState, RequestStatus } from './identity.dto';

export interface IdentityRequestRow {
  id: string;
  enterprise_id: string;
  method: IdentityMethod;
  status: RequestStatus;
  document_kind: DocumentKind | null;
  document_hash: string | null;
  document_expires_on: string | null;
  holder_name: string | null;
  external_ref: string | null;
  redirect_url: string | null;
  checks: string[];
  decision_reason: string | null;
  decided_at: Date | null;
  created_at: Date;
}

export interface SellerIdentityRow {
  enterprise_id: string;
  state: IdentityState;
  method: IdentityMethod | null;
  document_kind: DocumentKind | null;
  verified_at: Date | null;
  expires_at: Date | null;
  reason: string | null;
  hidden_status: string | null;
}

/**
 * The state a reader sees: `verified` only while unexpired (expiry needs no job to take effect),
 * `pending` while a request waits and nothing valid is in place, else what was last decided.
 */
export function effectiveState(row: SellerIdentityRow | undefined, pending: boolean, now: Date): IdentityState {
  const valid = row?.state === 'verified' && row.expires_at !== null && row.expires_at.getTime() > now.getTime();
  if (valid) return 'verified';
  if (pending) return 'pending';
  if (!row) return 'unverified';
  if (row.state === 'verified' || row.state === 'expired') return 'expired';
  return row.state === 'pending' ? 'unverified' : row.state;
}

/** A date column read by pg (`date` comes back as a string with our type parser, or a Date). */
export function dayString(value: string | Date | null): string | null {
  if (value === null) return null;
  if (typeof value === 'string') return value.slice(0, 10);
  return `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, '0')}-${String(value.getDate()).padStart(2, '0')}`;
}

export function toRequestDto(r: IdentityRequestRow, enterpriseName: string | null, sameDocumentElsewhere: number): IdentityRequestDto {
  return {
    id: r.id,
    enterpriseId: r.enterprise_id,
    enterpriseName,
    method: r.method,
    status: r.status,
    documentKind: r.document_kind,
    documentExpiresOn: dayString(r.document_expires_on),
    holderName: r.holder_name,
    sameDocumentElsewhere,
    checks: r.checks ?? [],
    decisionReason: r.decision_reason,
    decidedAt: r.decided_at,
    redirectUrl: r.status === 'pending' ? r.redirect_url : null,
    createdAt: r.created_at,
  };
}
