import type { Role, UserEntity } from '../entities/user.entity';

/** The authenticated caller, as loaded (and re-checked) from the database on each request. */
export interface Principal {
  id: string;
  email: string;
  role: Role;
  displayName: string;
  /** False for a self-registered account that has not followed its verification link: it may read, not write. */
  emailVerified: boolean;
}

export function toPrincipal(user: UserEntity): Principal {
  return { id: user.id, email: user.email, role: user.role, displayName: user.displayName, emailVerified: Boolean(user.emailVerifiedAt) };
}
