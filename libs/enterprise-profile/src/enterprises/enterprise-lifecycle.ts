import { InvalidStateError } from '@tradefloor/core';
import type { EnterpriseStatus } from '../entities/enterprise.entity';

/** What can happen to an enterprise, and who does it (owner side or the floor's admins). */
export type EnterpriseAction = 'submit' | 'verify' | 'reject' | 'suspend' | 'reinstate' | 'reverify';

/**
 * draft → pending_verification → verified | rejected (reason); rejected → pending_verification
 * (after edits); verified → suspended → verified. `reverify` is the automatic return of a
 * verified enterprise to the queue when its legal identity changes.
 */
const TRANSITIONS: Record<EnterpriseAction, { from: readonly EnterpriseStatus[]; to: EnterpriseStatus }> = {
  submit: { from: ['draft', 'rejected'], to: 'pending_verification' },
  verify: { from: ['pending_verification'], to: 'verified' },
  reject: { from: ['pending_verification'], to: 'rejected' },
  suspend: { from: ['verified'], to: 'suspended' },
  reinstate: { from: ['suspended'], to: 'verified' },
  reverify: { from: ['verified'], to: 'pending_verification' },
};

const LABELS: Record<EnterpriseStatus, string> = {
  draft: 'bản nháp (draft)',
  pending_verification: 'chờ xác minh (pending verification)',
  verified: 'đã xác minh (verified)',
  rejected: 'bị từ chối (rejected)',
  suspended: 'bị tạm ngưng (suspended)',
};

export function canTransition(from: EnterpriseStatus, action: EnterpriseAction): boolean {
  return TRANSITIONS[action].from.includes(from);
}

/** The status after `action`, or a 409 INVALID_STATE naming the current status. */
export function nextStatus(from: EnterpriseStatus, action: EnterpriseAction): EnterpriseStatus {
  if (!canTransition(from, action)) {
    throw new InvalidStateError(
      `Không thể thực hiện "${action}" khi doanh nghiệp đang ở trạng thái ${LABELS[from]} (cannot ${action} an enterprise that is ${from})`,
    );
  }
  return TRANSITIONS[action].to;
}

/** Visible to the public (directory, profile, its products): verified and not suspended. */
export function isPublic(status: EnterpriseStatus): boolean {
  return status === 'verified';
}
