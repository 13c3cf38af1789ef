import { existsSync } from 'node:fs';
import path from 'node:path';

export const PROJECT = path.resolve(process.cwd());
export const FIXTURES = path.join(PROJECT, 'fixtures');
export const BIN = path.join(PROJECT, 'bin', 'infralint.js');
/** shared/ sits beside the clone, on developer machines and in CI. */
export const SHARED = process.env.INFRALINT_SHARED ?? path.resolve(PROJECT, '../shared');
export const HAS_SHARED = existsSync(path.join(SHARED, 'corpus', 'real', 'manifest.json'));
