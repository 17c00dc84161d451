import type { Role } from '../entities/user.entity';

/** The authenticated caller, as loaded (and re-checked) from the database on each request. */
export interface Principal {
  id: string;
  email: string;
  role: Role;
  displayName: string;
}
