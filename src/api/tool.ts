import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function readVersion(): string {
  try {
    const here = path.dirname(fileURLToPath(import.meta.url));
    return (JSON.parse(readFileSync(path.resolve(here, '../../package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

export const TOOL = { name: 'infralint', version: readVersion() } as const;

/** Where each rule's documentation lives (the doc pages in rules/docs). */
export const DOCS_BASE = 'https://github.com/infralint/infralint/blob/main/rules/docs';

export function ruleDocsUrl(ruleId: string): string {
  return `${DOCS_BASE}/${ruleId}.md`;
}
