import type { TakedownDto } from './takedown.dto';

export interface TakedownRow {
  id: string;
  subject_type: 'product' | 'enterprise' | 'bulletin';
  subject_id: string;
  enterprise_id: string | null;
  source: string;
  requester: string;
  reference: string;
  legal_basis: string;
  reason: string;
  received_at: Date;
  deadline_at: Date;
  status: 'in_progress' | 'completed' | 'reinstated';
  previous_status: string;
  surfaces: Surfaces;
  completed_at: Date | null;
  appeal_text: string | null;
  appealed_at: Date | null;
  decision: string | null;
  decision_note: string | null;
  decided_at: Date | null;
  created_at: Date;
}

export type Surfaces = Record<string, { confirmedAt: string | null; pending?: number }>;

/** Surfaces that read the subject's status from the database: gone as soon as the takedown commits. */
export const IMMEDIATE_SURFACES = ['storefront', 'feeds', 'stamps'] as const;
/** Surfaces that follow through durable jobs, confirmed by the takedown's own job. */
export const FOLLOWING_SURFACES = ['search', 'partners'] as const;

export function initialSurfaces(subjectType: TakedownRow['subject_type'], now: Date): Surfaces {
  const at = now.toISOString();
  if (subjectType === 'bulletin') return { storefront: { confirmedAt: at }, feeds: { confirmedAt: at } };
  return {
    storefront: { confirmedAt: at },
    feeds: { confirmedAt: at },
    stamps: { confirmedAt: at },
    search: { confirmedAt: null },
    partners: { confirmedAt: null },
  };
}

export function toTakedownDto(r: TakedownRow, now: Date): TakedownDto {
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return {
    id: r.id,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    enterpriseId: r.enterprise_id,
    source: r.source,
    requester: r.requester,
    reference: r.reference,
    legalBasis: r.legal_basis,
    reason: r.reason,
    receivedAt: iso(r.received_at)!,
    deadlineAt: iso(r.deadline_at)!,
    status: r.status,
    overdue: r.status === 'in_progress' && new Date(r.deadline_at) < now,
    surfaces: Object.entries(r.surfaces).map(([name, s]) => ({ name, confirmedAt: s.confirmedAt, ...(s.pending !== undefined ? { pending: s.pending } : {}) })),
    completedAt: iso(r.completed_at),
    completionMs: r.completed_at ? new Date(r.completed_at).getTime() - new Date(r.created_at).getTime() : null,
    appealText: r.appeal_text,
    appealedAt: iso(r.appealed_at),
    decision: r.decision,
    decisionNote: r.decision_note,
    decidedAt: iso(r.decided_at),
    createdAt: iso(r.created_at)!,
  };
}
