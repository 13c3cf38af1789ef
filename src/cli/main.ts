import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { lintSubmission, type LintReport } from '../api/lint-submission.js';
import { TOOL, ruleDocsUrl } from '../api/tool.js';
import { findConfig, rubricFromConfig } from '../config/config.js';
import { loadRubric, rulesDir, UsageError } from '../config/rubric.js';
import { RULES } from '../rules/registry.js';
import { formatReport, isFormat, FORMATS, type FormatName } from '../reporters/index.js';
import { runParse } from './parse-command.js';
import { runInit } from './init-command.js';

/** Where the CLI writes; tests pass their own. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  isTTY: boolean;
}

export const EXIT = { passed: 0, failed: 1, usage: 2 } as const;

function defaultIO(): CliIO {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    cwd: process.cwd(),
    isTTY: Boolean(process.stdout.isTTY),
  };
}

interface FormatTarget {
  format: FormatName;
  file: string | null;
}

function parseFormat(value: string, previous: FormatTarget[] | undefined): FormatTarget[] {
  const colon = value.indexOf(':');
  const name = colon < 0 ? value : value.slice(0, colon);
  const file = colon < 0 ? null : value.slice(colon + 1);
  if (!isFormat(name)) throw new UsageError(`unknown format "${name}" (known: ${FORMATS.join(', ')})`);
  if (file === '') throw new UsageError(`--format ${name}: the file name after ":" is empty`);
  return [...(previous ?? []), { format: name, file }];
}

function parseScore(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 100) throw new UsageError(`--min-score must be a number from 0 to 100, not "${value}"`);
  return n;
}

/**
 * Runs the CLI and returns its exit code: 0 passed, 1 below the threshold, 2 usage or input error.
 * It never calls process.exit, so it can be called from tests and other programs.
 */
export async function main(argv: string[], io: CliIO = defaultIO()): Promise<number> {
  let exitCode: number = EXIT.passed;
  const debug = argv.includes('--debug');
  const program = new Command()
    .name('infralint')
    .description('Lint and grade web infrastructure design assignments (Holberton / ALX, task 3-scale_up).')
    .version(TOOL.version, '-v, --version')
    .option('--debug', 'show internal error details')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run infralint --help for usage)');

  program
    .command('check', { isDefault: true })
    .description('check one submission: a repository, its web_infrastructure_design/ folder, or the task file')
    .argument('[path]', 'what to check', '.')
    .addOption(new Option('-f, --format <name[:file]>', `output format, repeatable (${FORMATS.join(', ')}); ":file" writes it to a file`).argParser(parseFormat))
    .option('--min-score <n>', 'pass threshold in percent (default: the rubric\'s, 70)', parseScore)
    .option('--rubric <name|file>', 'rubric to grade against: a name in rules/ (3-scale_up, 3-scale_up-gunicorn) or a JSON file')
    .option('-c, --config <file>', 'configuration file (default: .infralintrc.json, infralint.config.json or package.json "infralint" in the current directory)')
    .option('--no-config', 'ignore configuration files')
    .option('--disable <rule-ids>', 'comma-separated rules to turn off', (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .option('--max-bytes <n>', 'read at most this many bytes of any file', (v: string) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new UsageError(`--max-bytes must be a positive integer, not "${v}"`);
      return n;
    })
    .action(async (target: string, opts: { format?: FormatTarget[]; minScore?: number; rubric?: string; config?: string | boolean; disable?: string[]; maxBytes?: number }) => {
      for (const id of opts.disable ?? []) if (!RULES.has(id)) throw new UsageError(`--disable: unknown rule "${id}"`);
      const loaded = opts.config === false ? null : await findConfig(io.cwd, typeof opts.config === 'string' ? opts.config : undefined);
      const rubric = await rubricFromConfig(loaded, { ...(opts.rubric ? { rubric: opts.rubric } : {}), cwd: io.cwd });
      const report = await lintSubmission(path.resolve(io.cwd, target), {
        rubrics: [rubric],
        ...(opts.minScore !== undefined ? { minScore: opts.minScore } : {}),
        ...(opts.disable ? { disable: opts.disable } : {}),
        ...(opts.maxBytes ? { maxBytes: opts.maxBytes } : {}),
      });
      writeOutputs(report, opts.format ?? [{ format: 'stylish', file: null }], io);
      exitCode = report.results.every((r) => r.passed) ? EXIT.passed : EXIT.failed;
    });

  program
    .command('explain')
    .description('print the documentation of a rule')
    .argument('<rule-id>', 'e.g. lb-cluster')
    .action((id: string) => {
      if (!RULES.has(id)) throw new UsageError(`unknown rule "${id}" (known: ${[...RULES.keys()].join(', ')})`);
      const doc = path.join(rulesDir(), 'docs', `${id}.md`);
      io.stdout(existsSync(doc) ? readFileSync(doc, 'utf8') : `${id}: ${RULES.get(id)!.meta.description}\n${ruleDocsUrl(id)}\n`);
    });

  program
    .command('parse')
    .description('parse Mermaid diagrams (a .mmd file, or the Mermaid blocks of a markdown file) and print verdicts and graphs')
    .argument('<file>', 'a .mmd or markdown file')
    .addOption(new Option('--format <name>', 'text or json').choices(['text', 'json']).default('text'))
    .action(async (file: string, opts: { format: 'text' | 'json' }) => {
      exitCode = await runParse(path.resolve(io.cwd, file), opts.format, io);
    });

  program
    .command('init')
    .description('write .github/workflows/infralint.yml so that GitHub grades every push')
    .option('--force', 'overwrite an existing workflow')
    .action((opts: { force?: boolean }) => {
      exitCode = runInit(Boolean(opts.force), io);
    });

  program
    .command('rules')
    .description('list the rules and their weights in a rubric')
    .option('--rubric <name|file>', 'rubric', '3-scale_up')
    .action((opts: { rubric: string }) => {
      const rubric = loadRubric(opts.rubric);
      for (const r of rubric.rules) io.stdout(`${r.id.padEnd(20)} ${String(r.weight).padStart(3)}  ${RULES.get(r.id)!.meta.description}\n`);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; every other commander error is a usage error.
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help' ? EXIT.passed : EXIT.usage;
    }
    if (error instanceof UsageError) {
      io.stderr(`infralint: ${error.message}\n`);
      return EXIT.usage;
    }
    io.stderr(`infralint: internal error: ${(error as Error)?.message ?? String(error)}\n`);
    if (debug) io.stderr(`${(error as Error)?.stack ?? ''}\n`);
    else io.stderr('(run again with --debug for details, and please report it)\n');
    return EXIT.usage;
  }
}

function writeOutputs(report: LintReport, targets: FormatTarget[], io: CliIO): void {
  for (const target of targets) {
    const text = formatReport(report, target.format, { env: io.env, isTTY: target.file ? false : io.isTTY });
    if (!target.file) {
      io.stdout(text);
      continue;
    }
    const file = path.resolve(io.cwd, target.file);
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, text);
    } catch (error) {
      throw new UsageError(`cannot write ${target.file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  }
}
