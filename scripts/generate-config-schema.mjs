// Writes rules/config.schema.json from src/config/config-schema.ts (as built in dist/): the rule ids
// a configuration may set come from the rule registry and the bundled rubrics, so run it after adding
// a rule or a rubric entry. Usage: npm run build:schema (or, after npm run build,
// node scripts/generate-config-schema.mjs [--check]: exit 1 when the committed schema is stale;
// test/unit/config-schema.test.ts checks the same from src/).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const file = path.join(root, 'rules', 'config.schema.json');
const { configSchemaText } = await import(path.join(root, 'dist', 'config', 'config-schema.js'));
const text = configSchemaText();
const stale = readFileSync(file, 'utf8') !== text;
if (process.argv.includes('--check')) {
  if (stale) {
    console.error('rules/config.schema.json is stale (run npm run build:schema)');
    process.exit(1);
  }
  console.log('rules/config.schema.json up to date');
} else {
  if (stale) writeFileSync(file, text);
  console.log(stale ? 'wrote rules/config.schema.json' : 'rules/config.schema.json up to date');
}
