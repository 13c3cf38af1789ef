// Agreement of infralint with a careful mentor: the reviewer's labels of real submissions
// (shared/corpus/real/labels.json) and, beside them, the hand-written paraphrase banks
// (test/paraphrase-bank: the bank the tests keep at 100%, and held-out/, written by another author
// and never tuned to).
// Usage: node bench/accuracy.mjs [--disagreements] [--rule ID] [--task PREFIX] [--no-banks]
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintSubmission } from '../dist/index.js';
import { benchArgs } from './cli-args.mjs';
import { bankFiles, scoreBanks } from './paraphrase-bank.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const corpus = path.join(process.env.INFRALINT_SHARED ?? path.resolve(here, '../../shared'), 'corpus/real');
const { values: args } = benchArgs(import.meta.url, {
  disagreements: { type: 'boolean', default: false },
  rule: { type: 'string' },
  task: { type: 'string' },
  'no-banks': { type: 'boolean', default: false },
});
const showAll = args.disagreements;
const only = args.rule ?? null;

/** Per-rule agreement and the label->infralint confusion, disagreements only. */
function printRules(perRule) {
  console.log('rule                 agree   confusion (label->infralint: count, disagreements only)');
  for (const [rule, s] of Object.entries(perRule)) {
    const off = Object.entries(s.confusion).filter(([k]) => k.split('->')[0] !== k.split('->')[1]).map(([k, v]) => `${k}:${v}`).join(' ');
    console.log(`${rule.padEnd(20)} ${((100 * s.agree) / s.total).toFixed(1).padStart(5)}%  ${off}`);
  }
}

const banks = args['no-banks'] ? [] : [['paraphrase bank', path.join(here, '../test/paraphrase-bank')], ['held-out bank', path.join(here, '../test/paraphrase-bank/held-out')]];
/** A bank file's task: `<task>.yaml` or `<task>.<more>.yaml` for tasks 0-2, task 3's otherwise. */
const taskOfBank = (file) => /^(\d-[^.]+)/.exec(path.basename(file))?.[1] ?? '3-scale_up';
for (const [title, dir] of banks) {
  const files = bankFiles(dir);
  for (const task of [...new Set(files.map(taskOfBank))].sort()) {
    const score = await scoreBanks(files.filter((f) => taskOfBank(f) === task), lintSubmission);
    console.log(`${title} ${task}: ${score.agree}/${score.total} (${((100 * score.agree) / score.total).toFixed(1)}%) over ${score.cases} cases`);
    printRules(score.perRule);
    if (showAll || only) for (const d of score.disagreements.filter((x) => !only || x.rule.endsWith(only))) console.log(`  ${d.rule} ${d.file} "${d.name}": wanted ${d.wanted}, infralint ${d.got} | ${d.message}`);
    console.log('');
  }
}

/** The labelled tasks: labels.json is task 3's, labels-<task>.json the others'. */
const labelFiles = existsSync(corpus)
  ? readdirSync(corpus).filter((f) => /^labels(-.+)?\.json$/.test(f)).map((f) => ({ file: f, task: f === 'labels.json' ? '3-scale_up' : f.slice('labels-'.length, -'.json'.length) }))
  : [];
if (!labelFiles.length) {
  console.log(`no labelled corpus at ${corpus}`);
  process.exit(0);
}
labelFiles.sort((a, b) => a.task.localeCompare(b.task));
const onlyTask = args.task ?? null;
for (const { file, task } of labelFiles) {
  if (onlyTask && !task.startsWith(onlyTask)) continue;
  const labels = JSON.parse(readFileSync(path.join(corpus, file), 'utf8'));
  const perRule = new Map();
  const disagreements = [];
  const fullyCorrectFailures = [];
  let agree = 0;
  let total = 0;
  for (const [id, entry] of Object.entries(labels)) {
    const report = await lintSubmission(path.join(corpus, id), { rubrics: [task] });
    const result = report.results[0];
    // No labelled submission passes every rule; fully correct means nothing is wrong: every rule pass or manual.
    const allPass = Object.values(entry.labels).every((s) => s === 'pass' || s === 'manual');
    for (const [rule, want] of Object.entries(entry.labels)) {
      const got = result.rules.find((r) => r.id === rule)?.status ?? 'missing';
      if (allPass && got === 'fail') fullyCorrectFailures.push(`${id} ${rule}`);
      const stats = perRule.get(rule) ?? { agree: 0, total: 0, confusion: {} };
      stats.total++;
      total++;
      const key = `${want}->${got}`;
      stats.confusion[key] = (stats.confusion[key] ?? 0) + 1;
      if (got === want) {
        stats.agree++;
        agree++;
      } else if (!only || only === rule) {
        disagreements.push(`${rule} ${id}: label ${want}, infralint ${got} | label: ${entry.reasons?.[rule] ?? ''} | infralint: ${result.rules.find((r) => r.id === rule)?.message ?? ''}`);
      }
      perRule.set(rule, stats);
    }
  }
  console.log(`corpus ${task}: ${agree}/${total} (${((100 * agree) / total).toFixed(1)}%) over ${Object.keys(labels).length} labelled submissions`);
  printRules(Object.fromEntries(perRule));
  console.log(`submissions labelled fully correct that get a fail: ${fullyCorrectFailures.length}${fullyCorrectFailures.length ? ` (${fullyCorrectFailures.join(', ')})` : ''}`);
  if (showAll || only) console.log(`\n${disagreements.join('\n')}`);
  console.log('');
}
