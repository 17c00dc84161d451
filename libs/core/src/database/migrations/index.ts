import { Foundation1764300000000 } from './1764300000000-foundation';

/**
 * Every schema change, in order. Each bounded context adds its migration files here
 * (timestamp-prefixed); the schema is never synchronised from entities.
 */
export const MIGRATIONS = [Foundation1764300000000];
