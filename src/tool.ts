import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's version, from the package.json above this module (dist/tool.js, a dist/ bundle, or the Action's action/dist/ bundle). */
function readVersion(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const candidate of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(path.resolve(here, candidate), 'utf8')) as { name?: string; version: string };
      if (pkg.name === 'infralint') return pkg.version;
    } catch {
      // try the next place
    }
  }
  return '0.0.0';
}

export const TOOL = { name: 'infralint', version: readVersion() } as const;

/** Where each rule's documentation lives (the doc pages in rules/docs). */
export const DOCS_BASE = 'https://github.com/infralint/infralint/blob/main/rules/docs';

export function ruleDocsUrl(ruleId: string): string {
  return `${DOCS_BASE}/${ruleId}.md`;
}
