import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import type { CliIO } from './io.js';
import { repositoryRoot } from './repository.js';

/**
 * The workflow `infralint init` writes (the README shows this same text). It runs when the task's
 * folder changes: an ALX repository holds every project of the curriculum.
 */
export const WORKFLOW_TEMPLATE = `name: infralint
on:
  push:
    paths: ['web_infrastructure_design/**', '0x09-web_infrastructure_design/**', '.github/workflows/infralint.yml']
  pull_request:
    paths: ['web_infrastructure_design/**', '0x09-web_infrastructure_design/**', '.github/workflows/infralint.yml']
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
  // GitHub reads workflows at the repository's root only, wherever the command runs from.
  const file = path.join(repositoryRoot(io.cwd) ?? io.cwd, '.github', 'workflows', 'infralint.yml');
  if (existsSync(file) && !force) throw new UsageError(`${path.relative(io.cwd, file)} already exists; use --force to overwrite it`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, WORKFLOW_TEMPLATE);
  io.stdout(`wrote ${path.relative(io.cwd, file)}: infralint will grade every push and pull request\n`);
  return 0;
}
