import { Foundation1764300000000 } from './1764300000000-foundation';
import { EnterprisesCatalog1764400000000 } from './1764400000000-enterprises-catalog';
import { Traceability1764460000000 } from './1764460000000-traceability';

/**
 * Every schema change, in order. Each bounded context adds its migration files here
 * (timestamp-prefixed); the schema is never synchronised from entities.
 */
export const MIGRATIONS = [Foundation1764300000000, EnterprisesCatalog1764400000000, Traceability1764460000000];
