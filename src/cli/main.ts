import { printable } from '../chars.js';
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { lintSubmission } from '../api/lint-submission.js';
import type { LintReport } from '../report/model.js';
import { TOOL, ruleDocsUrl } from '../tool.js';
import { bundledRubrics, loadRubric, ruleModuleOf, rulesDir } from '../config/rubric.js';
import { UsageError } from '../errors.js';
import { RULES } from '../rules/registry.js';
import { formatReport, isFormat, FORMATS, type FormatName } from '../reporters/index.js';
import { runParse } from './parse-command.js';
import { runInit } from './init-command.js';
import type { GradeCommandOptions, MergeCommandOptions } from './grade-command.js';
import type { CollectCommandOptions } from './collect-command.js';
import type { ReviewCommandOptions } from './review-command.js';
import { fixesDiff, parseFixTypes, writeFixes } from './fix-command.js';
import type { FixType } from '../fix/model.js';
import { addGradebookOptions, addGradingOptions, chooseRubrics, lintOptionsFrom, MAX_TIMEOUT_SECONDS, parseShare, positiveInteger, secondsUpTo, type GradingOptionValues, type ProjectTarget } from './shared-options.js';
import type { CohortPlan } from '../grade/cohort-plan.js';
import { filesTarget, type CohortChoice } from '../discover/project-tasks.js';
import type { Verdict } from '../score/score.js';
import { didYouMean } from '../edit-distance.js';
import { repositoryRoot } from './repository.js';
import type { CliIO } from './io.js';

/** For the launcher (bin/infralint.js): the process is the CLI's own, so it may set V8's flags. */
export { compileRegexpsOnce } from '../regexp-compilation.js';

export const EXIT = { passed: 0, failed: 1, usage: 2 } as const;

/** The doc of a rule, or the row of a Mermaid error code; an unknown id gets the nearest known ones. */
export function explain(id: string): string {
  const ownDoc = path.join(rulesDir(), 'docs', `${id}.md`);
  if (existsSync(ownDoc) && /^[a-z0-9-]+$/.test(id)) return readFileSync(ownDoc, 'utf8');
  if (RULES.has(id)) return `${id}: ${RULES.get(id)!.meta.description}\n${ruleDocsUrl(id)}\n`;
  // A rubric's own id for a generic rule ("app-files" is component-present with the code-base role).
  const entries = bundledRubrics().flatMap((b) => loadRubric(b.name).rules.filter((r) => r.id === id && r.rule && RULES.has(r.rule)).map((r) => ({ task: b.task, entry: r })));
  if (entries.length) {
    const module = entries[0]!.entry.rule!;
    const uses = entries.map(({ task, entry }) => `- ${task}: ${entry.description ?? RULES.get(module)!.meta.description}${entry.options ? ` (options ${JSON.stringify(entry.options)})` : ''}`);
    return `${id}: graded by the rule ${module}.\n${uses.join('\n')}\n\n${explain(module)}`;
  }
  const codes = mermaidErrorCodes();
  const row = codes.get(id);
  if (row) return `${id} (Mermaid error code)\n\nWhat it means: ${row.meaning}\nExample: ${row.example}\nFix: ${row.fix}\nWith --fix: ${row.fixable === 'safe' ? 'repaired (safe)' : row.fixable === 'suggestion' ? 'not applied (a suggestion: the fix guesses)' : 'not repaired'}\n\nAll codes: rules/docs/mermaid-errors.md\n`;
  const known = [...new Set([...RULES.keys(), ...bundledRubrics().flatMap((b) => loadRubric(b.name).rules.map((r) => r.id))])];
  throw new UsageError(`unknown rule or error code "${id}"${didYouMean(id, [...known, ...codes.keys()])}; rules: ${known.join(', ')}`);
}

/** The error codes of rules/docs/mermaid-errors.md, from its table: code -> meaning, example, fix. */
function mermaidErrorCodes(): Map<string, { meaning: string; example: string; fix: string; fixable: string }> {
  const codes = new Map<string, { meaning: string; example: string; fix: string; fixable: string }>();
  const file = path.join(rulesDir(), 'docs', 'mermaid-errors.md');
  if (!existsSync(file)) return codes;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const cells = tableCells(line);
    const code = /^`([a-z-]+)`$/.exec(cells[0] ?? '')?.[1];
    if (code && cells.length >= 4) codes.set(code, { meaning: cells[1]!, example: cells[2]!, fix: cells[3]!, fixable: cells[4] ?? 'no' });
  }
  return codes;
}

/** The cells of a markdown table row; a `|` inside a code span (`A -->|x| B`) is text. */
function tableCells(line: string): string[] {
  if (!line.startsWith('|')) return [];
  const cells: string[] = [];
  let cell = '';
  let inCode = false;
  for (const c of line.slice(1)) {
    if (c === '`') inCode = !inCode;
    if (c === '|' && !inCode) {
      cells.push(cell.trim());
      cell = '';
    } else cell += c;
  }
  return cells;
}



/** A failed verdict fails; a pending one fails only when asked (a person may still lift it over the threshold). */
export function exitCodeOf(verdicts: Verdict[], failOnPending: boolean): number {
  const failing = verdicts.some((v) => v === 'failed' || (failOnPending && v === 'pending'));
  return failing ? EXIT.failed : EXIT.passed;
}

function defaultIO(): CliIO {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    cwd: process.cwd(),
    isTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
  };
}

interface FormatTarget {
  format: FormatName;
  file: string | null;
}

/** `--format json:out.json`, repeatable, and `--format json,csv:grades.csv` as the Action accepts it. */
function parseFormat(value: string, previous: FormatTarget[] | undefined): FormatTarget[] {
  const targets = [...(previous ?? [])];
  for (const spec of value.split(',').map((v) => v.trim()).filter(Boolean)) {
    const colon = spec.indexOf(':');
    const name = colon < 0 ? spec : spec.slice(0, colon);
    const file = colon < 0 ? null : spec.slice(colon + 1);
    if (!isFormat(name)) throw new UsageError(`unknown format "${name}" (known: ${FORMATS.join(', ')})`);
    if (file === '') throw new UsageError(`--format ${name}: the file name after ":" is empty`);
    targets.push({ format: name, file });
  }
  // Two reports in one stream or one file cannot be read back.
  const onStdout = targets.filter((t) => !t.file);
  if (onStdout.length > 1) throw new UsageError(`--format ${onStdout.map((t) => t.format).join(' and ')} would both print to stdout: give all but one a file (e.g. --format ${onStdout[1]!.format}:report.${onStdout[1]!.format})`);
  const files = targets.filter((t) => t.file).map((t) => t.file!);
  const twice = files.find((f, k) => files.indexOf(f) !== k);
  if (twice) throw new UsageError(`--format: two formats would write to ${twice}`);
  return targets;
}

/**
 * Runs the CLI and returns its exit code: 0 passed (or pending review), 1 below the threshold (or
 * pending review with --fail-on-pending), 2 usage or input error.
 * It never calls process.exit, so it can be called from tests and other programs.
 */
export async function main(argv: string[], io: CliIO = defaultIO()): Promise<number> {
  let exitCode: number = EXIT.passed;
  const debug = argv.includes('--debug');
  const program = new Command()
    .name('infralint')
    .description('Lint and grade the web infrastructure design project (Holberton / ALX): tasks 0 to 3, classic or Mermaid-native.')
    .version(TOOL.version, '-v, --version')
    .option('--debug', 'show internal error details')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run infralint --help for usage)');

  addGradingOptions(
    program
      .command('check', { isDefault: true })
      .description('check one submission: a repository, its web_infrastructure_design/ folder, or the task file')
      .argument('[paths...]', 'what to check; several task files of one folder (as a pre-commit hook passes them) are checked on their own tasks', ['.'])
      .addOption(new Option('-f, --format <name[:file]>', `output format, repeatable (${FORMATS.join(', ')}); ":file" writes it to a file`).argParser(parseFormat))
      .option('--rubric <name|file>', 'rubric to grade against instead of the project\'s tasks: a name in rules/ (see `infralint rules --list`) or a JSON file')
      .option('--fail-on-pending', 'exit 1 when the verdict awaits a person (points awaiting review could change it), not only when it failed')
      .option('--fix', 'repair what infralint can prove (Mermaid syntax, fences) in the files, then report what is left')
      .option('--fix-dry-run', 'print the repairs as a unified diff (for git apply) instead of writing them')
      .option('--fix-type <types>', 'which repairs --fix makes, comma-separated: mermaid (default), file (rename a misnamed task file)', parseFixTypes),
  ).action(async (targets: string[], opts: GradingOptionValues & { format?: FormatTarget[]; rubric?: string; failOnPending?: boolean; fix?: boolean; fixDryRun?: boolean; fixType?: FixType[] }) => {
    const lint = lintOptionsFrom(opts);
    const missing = targets.find((t) => !existsSync(path.resolve(io.cwd, t)));
    if (missing !== undefined) throw new UsageError(`no such file or directory: ${missing}`);
    if (opts.fix && opts.fixDryRun) throw new UsageError('--fix and --fix-dry-run cannot be used together');
    const files = targets.length > 1 ? filesTarget(targets.map((t) => path.resolve(io.cwd, t)), opts.curriculum) : null;
    if (targets.length > 1 && !files) throw new UsageError(`none of the ${targets.length} files given is a task's file: give one path (a repository, its project folder or a task file)`);
    const absolute = files?.folder ?? path.resolve(io.cwd, targets[0]!);
    const rubrics = await chooseRubrics(opts, opts.rubric ? [opts.rubric] : [], io.cwd, projectTarget(absolute, files && !opts.task ? { ...opts, task: files.tasks } : opts));
    const options = { rubrics, ...lint, relativeTo: repositoryRoot(absolute) ?? io.cwd };
    const fixing = opts.fix || opts.fixDryRun ? { fix: true, fixTypes: opts.fixType ?? ['mermaid' as const] } : {};
    let report = await lintSubmission(absolute, { ...options, ...fixing });
    const formats = opts.format ?? [{ format: 'stylish' as const, file: null }];
    if (opts.fixDryRun) {
      // The diff alone on stdout, so that `> fix.patch` then `git apply fix.patch` works; reports only to files.
      io.stdout(fixesDiff(report.fixed ?? []));
      writeOutputs(report, formats.filter((f) => f.file), io);
      exitCode = exitCodeOf(report.results.map((r) => r.verdict), opts.failOnPending === true);
      return;
    }
    if (opts.fix) {
      const summary = writeFixes(report, io.cwd);
      // What changed goes beside a human report, and to stderr when stdout carries a machine format.
      const humanOnStdout = formats.some((f) => !f.file && f.format === 'stylish');
      const say = humanOnStdout ? io.stdout : io.stderr;
      for (const line of summary.lines) say(`fixed ${line}\n`);
      // The report is of the files as they are now.
      if (summary.changedFiles) report = await lintSubmission(absolute, options);
    }
    writeOutputs(report, formats, io);
    exitCode = exitCodeOf(report.results.map((r) => r.verdict), opts.failOnPending === true);
  });

  program
    .command('explain')
    .description('print the documentation of a rule, or of a Mermaid error code printed in a finding')
    .argument('<id>', 'a rule id (lb-cluster) or an error code (unquoted-parenthesis-in-label)')
    .action((id: string) => {
      io.stdout(explain(id));
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

  addGradebookOptions(addGradingOptions(
    program
      .command('grade')
      .description('grade a cohort: every folder inside <dir> is one student\'s repository')
      .argument('<dir>', 'folder of student repositories')
      .option('-o, --out <dir>', 'where to write gradebook.csv/json, feedback/, report.html and results.jsonl', 'infralint-grades')
      .option('-j, --jobs <n>', 'worker threads (default: the number of CPU cores; 0 grades in the main thread)', positiveInteger('--jobs', 0))
      .option('--manifest <csv>', 'roster CSV: a login column (login, github or folder; matched to folders in any letter case), name, email, any ids; comma, semicolon or tab separated (default: the roster `infralint collect` recorded)')
      .option('--shard <K/N>', 'grade only shard K of N (deterministic by folder name) and write a partial results file for `merge`')
      .option('--resume', 'reuse the previous results of students whose files did not change')
      .option('--no-report', 'skip report.html (the slowest output)')
      .option('--rubric <name|file>', 'rubric to grade against, repeatable (default: the configuration\'s, else every task of the project)', (v: string, prev?: string[]) => [...(prev ?? []), v])
      .option('--timeout <seconds>', `a submission taking longer becomes an error row (default 30, at most ${MAX_TIMEOUT_SECONDS}; needs worker threads)`, secondsUpTo('--timeout', MAX_TIMEOUT_SECONDS))
      .option('--similarity <0-1>', 'similarity of their own text (estimated Jaccard of shingles and labels, task statement left out) from which submissions are grouped as near-duplicates (default 0.5)', parseShare)
      .option('--base-text <file>', 'a text students were given (a README template, a handout): sharing it is not evidence of copying, repeatable', (v: string, prev?: string[]) => [...(prev ?? []), v]),
  ))
    .action(async (dir: string, opts: GradeCommandOptions) => {
      const lint = lintOptionsFrom(opts);
      const cohort = path.resolve(io.cwd, dir);
      const { planCohort } = await import('../grade/cohort-plan.js');
      // The students are planned before the rubrics are chosen (a single repository or an empty
      // folder is refused before anything else), against every bundled rubric's locations.
      const plan = planCohort({ dir: cohort, out: path.resolve(io.cwd, opts.out), ...(opts.manifest ? { manifest: path.resolve(io.cwd, opts.manifest) } : {}), locations: bundledRubrics().map((b) => loadRubric(b.name)) });
      const { chooseCohortRubrics } = await import('../grade/survey-pool.js');
      const onWarning = (warning: string) => io.stderr(`infralint grade: warning: ${printable(warning)}\n`);
      const chooseCohort = (members: string[], choice: CohortChoice) => chooseCohortRubrics(members, choice, { ...(opts.jobs !== undefined ? { jobs: opts.jobs } : {}), onWarning });
      const rubrics = await chooseRubrics(opts, opts.rubric ?? [], io.cwd, { ...cohortTarget(cohort, opts, plan), chooseCohort });
      const { runGrade } = await import('./grade-command.js');
      const { readSmallFile } = await import('../read/small-file.js');
      const baseText = (opts.baseText ?? []).map((file) => readSmallFile(path.resolve(io.cwd, file), { what: 'base text' }));
      exitCode = await runGrade(dir, opts, { rubrics, lint, ...(baseText.length ? { baseText } : {}) }, io, io.stderrIsTTY ?? false, plan);
    });

  addGradebookOptions(
    program
      .command('merge')
      .description('build the outputs of one run from the results of its shards (`grade --shard K/N`)')
      .argument('<partials...>', 'results.jsonl files, or the --out folders of the shards')
      .option('-o, --out <dir>', 'where to write the outputs', 'infralint-grades')
      .option('--no-report', 'skip report.html')
      .option('--similarity <0-1>', 'similarity of their own text from which submissions are grouped (default 0.5)', parseShare),
  ).action(async (partials: string[], opts: MergeCommandOptions) => {
    const { runMerge } = await import('./grade-command.js');
    exitCode = await runMerge(partials, opts, io);
  });

  program
    .command('collect')
    .description('clone (shallow, only the project folder) or update every student\'s repository of a roster into a cohort folder, and record the commit of each')
    .argument('<roster>', 'CSV of the students: a login column (login, github or folder), and name, email or any ids')
    .requiredOption('--repo <template>', 'repository URL with {login} for the student\'s login, e.g. https://github.com/{login}/alx-system_engineering-devops or file:///srv/repos/{login}.git')
    .option('-d, --dir <folder>', 'the cohort folder, one folder per student (then: infralint grade <folder>)', 'cohort')
    .option('--path <folder>', 'project folder to check out, repeatable (default: the rubrics\' project folders; "." for the whole repository)', (v: string, prev?: string[]) => [...(prev ?? []), v])
    .option('-j, --jobs <n>', 'repositories fetched at once (default 8)', positiveInteger('--jobs'))
    .option('--timeout <seconds>', `each git command is stopped after this long (default 120, at most ${MAX_TIMEOUT_SECONDS})`, secondsUpTo('--timeout', MAX_TIMEOUT_SECONDS))
    .action(async (roster: string, opts: CollectCommandOptions) => {
      const { runCollect } = await import('./collect-command.js');
      exitCode = await runCollect(roster, opts, io);
    });

  program
    .command('review')
    .description('serve, on this machine only, a page to review what only a person can judge (images, links) and record the decisions that grade, merge and --resume apply')
    .argument('<grades>', 'the --out folder of `infralint grade` (or of `merge`)')
    .option('--cohort <dir>', 'the folder of student repositories that was graded (default: the one the results name)')
    .option('--port <n>', 'port to listen on (default: a free one)', positiveInteger('--port'))
    .option('--host <host>', 'loopback address to listen on: 127.0.0.1, ::1 or localhost', '127.0.0.1')
    .option('--reviewer <name>', 'the name recorded with each decision (default: $INFRALINT_REVIEWER, else your login)')
    .action(async (grades: string, opts: ReviewCommandOptions) => {
      const { runReview } = await import('./review-command.js');
      exitCode = await runReview(grades, opts, io);
    });

  program
    .command('rules')
    .description('list the bundled rubrics, or the rules and weights of one')
    .option('--rubric <name|file>', 'the rubric whose rules to list (a name in rules/ or a JSON file)')
    .action((opts: { rubric?: string }) => {
      if (!opts.rubric) {
        for (const r of bundledRubrics()) io.stdout(`${r.name.padEnd(44)} ${r.curriculum.padEnd(8)} task ${r.order}${r.variantOf ? ` (variant of ${r.variantOf})` : ''}${r.draft ? ` (draft: ${r.draft})` : ''}\n`);
        io.stdout('\nList a rubric\'s rules with: infralint rules --rubric <name>\n');
        return;
      }
      const rubric = loadRubric(opts.rubric);
      const width = Math.max(20, ...rubric.rules.map((r) => r.id.length + 1));
      for (const r of rubric.rules) io.stdout(`${r.id.padEnd(width)} ${String(r.weight).padStart(3)}  ${r.description ?? ruleModuleOf(r).meta.description}\n`);
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
      io.stderr(`infralint: ${printable(error.message)}\n`);
      return EXIT.usage;
    }
    io.stderr(`infralint: internal error: ${printable((error as Error)?.message ?? String(error))}\n`);
    if (debug) io.stderr(`${(error as Error)?.stack ?? ''}\n`);
    else io.stderr('(run again with --debug for details, and please report it)\n');
    return EXIT.usage;
  }
}

function writeOutputs(report: LintReport, targets: FormatTarget[], io: CliIO): void {
  for (const target of targets) {
    const text = formatReport(report, target.format, { env: io.env, isTTY: target.file ? false : io.isTTY, cwd: io.cwd });
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

function projectTarget(target: string, opts: GradingOptionValues): ProjectTarget {
  return { target, ...(opts.task ? { tasks: opts.task } : {}), ...(opts.curriculum ? { curriculum: opts.curriculum } : {}) };
}

/**
 * A cohort as the project whose rubrics are chosen: its submitted students' folders (whose
 * curriculum and tasks projectTasks reads). Made apart so that no local of the grade command keeps
 * the folders for the whole run.
 */
function cohortTarget(cohort: string, opts: GradingOptionValues, plan: CohortPlan): ProjectTarget {
  const members = plan.students.filter((entry) => !entry.problem && !entry.notSubmitted).map((entry) => entry.dir);
  return { ...projectTarget(cohort, opts), members };
}
