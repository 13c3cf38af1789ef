// Scores the hand-written paraphrase banks (test/paraphrase-bank/*.yaml): every case is a whole
// 3-scale_up.md written from the rubric and the labelling guide, with what a careful mentor would
// give the rules it is about. Shared by `npm run bench:accuracy` and test/unit/paraphrase-bank.test.ts.
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yaml from 'js-yaml';

/** Task 3's explain-additions names its parts by topic; the banks name them shortly. Other rules' parts are their question ids. */
const PART_ALIASES = { '3-scale_up': { 'explain-additions': { cluster: 'lb-cluster', server: 'added-server', split: 'split' } } };

/** The bank files of a folder (not its subfolders). */
export function bankFiles(dir) {
  return readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort().map((f) => path.join(dir, f));
}

/** The parts a rule credited, by the banks' names. */
function partsOf(rule, task) {
  const aliases = PART_ALIASES[task]?.[rule.id];
  if (aliases) return Object.entries(aliases).filter(([, topic]) => rule.parts?.[topic]).map(([part]) => part).sort();
  return Object.entries(rule.parts ?? {}).filter(([, found]) => found).map(([part]) => part).sort();
}

/** The status a set of explained parts gives, out of the rule's parts. */
function statusOfParts(parts, rule) {
  const all = Object.keys(rule.parts ?? {}).length || 3;
  return parts.length >= all ? 'pass' : parts.length === 0 ? 'fail' : 'partial';
}

/**
 * Lints every case with `lint` (lintSubmission of src or dist) and compares. Returns the per-rule
 * figures and the disagreements (file, case, rule, wanted, got).
 */
export async function scoreBanks(files, lint) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'infralint-bank-'));
  const perRule = {};
  const disagreements = [];
  let cases = 0;
  try {
    for (const file of files) {
      for (const c of yaml.load(readFileSync(file, 'utf8'))) {
        cases++;
        const dir = path.join(root, String(cases));
        const task = c.task ?? '3-scale_up';
        mkdirSync(path.join(dir, 'web_infrastructure_design'), { recursive: true });
        writeFileSync(path.join(dir, 'web_infrastructure_design', `${task}.md`), c.markdown);
        const result = (await lint(dir, { rubrics: [task] })).results[0];
        for (const [ruleId, want] of Object.entries(c.expect)) {
          const rule = result.rules.find((r) => r.id === ruleId);
          const statsKey = task === '3-scale_up' ? ruleId : `${task.split('-')[0]}/${ruleId}`;
          const stats = (perRule[statsKey] ??= { agree: 0, total: 0, confusion: {} });
          stats.total++;
          if (!rule) {
            stats.confusion[`${want}->missing`] = (stats.confusion[`${want}->missing`] ?? 0) + 1;
            disagreements.push({ file: path.basename(file), name: c.name, rule: statsKey, wanted: String(want), got: 'missing', message: `${task} has no rule ${ruleId}` });
            continue;
          }
          const wanted = Array.isArray(want) ? [...want].sort().join(',') || 'none' : want;
          const got = Array.isArray(want) ? (rule.status === 'manual' ? 'manual' : partsOf(rule, task).join(',') || 'none') : rule.status;
          const key = Array.isArray(want) ? `${statusOfParts(want, rule)}->${rule.status}` : `${want}->${got}`;
          stats.confusion[key] = (stats.confusion[key] ?? 0) + 1;
          if (wanted === got) stats.agree++;
          else disagreements.push({ file: path.basename(file), name: c.name, rule: statsKey, wanted, got, message: rule.message });
        }
      }
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  const agree = Object.values(perRule).reduce((n, s) => n + s.agree, 0);
  const total = Object.values(perRule).reduce((n, s) => n + s.total, 0);
  return { cases, agree, total, perRule, disagreements };
}
