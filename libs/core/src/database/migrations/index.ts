import { Foundation1764300000000 } from './1764300000000-foundation';
import { EnterprisesCatalog1764400000000 } from './1764400000000-enterprises-catalog';
import { Search1764440000000 } from './1764440000000-search';

/**
 * Every schema change, in order. Each bounded context adds its migration files here
 * (timestamp-prefixed); the schema is never synchronised from entities.
 */
export const MIGRATIONS = [Foundation1764300000000, EnterprisesCatalog1764400000000, Search1764440000000];
