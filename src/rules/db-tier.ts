import { tierRule } from './tier-rule.js';

export const dbTier = tierRule('db-tier', 'database', 'A database (MySQL, MariaDB, PostgreSQL, "database", primary/replica) on a server of its own.');
