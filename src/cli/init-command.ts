import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../config/rubric.js';
import type { CliIO } from './main.js';

/** The workflow `infralint init` writes (the README shows this same text). */
export const WORKFLOW_TEMPLATE = `name: infralint
on: [push, pull_request]
permissions:
  contents: read
jobs:
  infralint:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: infralint/infralint@v1
        with:
          path: .
          fail-on: below-threshold
`;

export function runInit(force: boolean, io: CliIO): number {
  const file = path.join(io.cwd, '.github', 'workflows', 'infralint.yml');
  if (existsSync(file) && !force) throw new UsageError(`${path.relative(io.cwd, file)} already exists; use --force to overwrite it`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, WORKFLOW_TEMPLATE);
  io.stdout(`wrote ${path.relative(io.cwd, file)}: infralint will grade every push and pull request\n`);
  return 0;
}
