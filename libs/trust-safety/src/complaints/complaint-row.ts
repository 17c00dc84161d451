import type { TakedownSubject } from '../takedowns/takedown.dto';
import type { ComplaintDto, ComplaintKind, ComplaintReplyDto, ComplaintStatus, ComplaintStatusDto, SellerComplaintDto } from './complaint.dto';

export interface ComplaintRow {
  id: string;
  code: string;
  kind: ComplaintKind;
  subject_type: TakedownSubject | null;
  subject_id: string | null;
  enterprise_id: string | null;
  order_code: string | null;
  name: string;
  email: string;
  phone: string | null;
  message: string;
  status: ComplaintStatus;
  assigned_to: string | null;
  due_at: Date;
  resolution: string | null;
  resolved_at: Date | null;
  takedown_id: string | null;
  created_at: Date;
}

export interface ReplyRow {
  author: 'staff' | 'complainant';
  body: string;
  created_at: Date;
}

export const ACTIVE_STATUSES: readonly ComplaintStatus[] = ['open', 'in_progress', 'escalated'];

export function isActive(status: ComplaintStatus): boolean {
  return ACTIVE_STATUSES.includes(status);
}

function replies(rows: ReplyRow[]): ComplaintReplyDto[] {
  return rows.map((r) => ({ author: r.author, body: r.body, createdAt: r.created_at }));
}

export function toStatusDto(r: ComplaintRow, replyRows: ReplyRow[]): ComplaintStatusDto {
  return {
    code: r.code,
    kind: r.kind,
    status: r.status,
    createdAt: r.created_at,
    dueAt: r.due_at,
    orderCode: r.order_code,
    resolution: r.resolution,
    resolvedAt: r.resolved_at,
    replies: replies(replyRows),
  };
}

export function toComplaintDto(r: ComplaintRow, replyRows: ReplyRow[], now: Date): ComplaintDto {
  return {
    ...toStatusDto(r, replyRows),
    id: r.id,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    enterpriseId: r.enterprise_id,
    name: r.name,
    email: r.email,
    phone: r.phone,
    message: r.message,
    assignedTo: r.assigned_to,
    overdue: isActive(r.status) && r.due_at.getTime() < now.getTime(),
    takedownId: r.takedown_id,
  };
}

export function toSellerDto(r: ComplaintRow): SellerComplaintDto {
  return {
    code: r.code,
    kind: r.kind,
    status: r.status,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    orderCode: r.order_code,
    message: r.message,
    createdAt: r.created_at,
    resolution: r.resolution,
  };
}
