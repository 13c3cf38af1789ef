import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The git top level holding `target` (the nearest folder above it with a `.git`), where GitHub
 * resolves the paths of annotations and code scanning; undefined outside a repository. Only the
 * existence of `.git` is looked at.
 */
export function repositoryRoot(target: string): string | undefined {
  for (let dir = path.resolve(target); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}
