// Scores the hand-written paraphrase banks (test/paraphrase-bank/*.yaml): every case is a whole
// 3-scale_up.md written from the rubric and the labelling guide, with what a careful mentor would
// give the rules it is about. Shared by `npm run bench:accuracy` and test/unit/paraphrase-bank.test.ts.
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yaml from 'js-yaml';

const PARTS = { cluster: 'lb-cluster', server: 'added-server', split: 'split' };

/** The bank files of a folder (not its subfolders). */
export function bankFiles(dir) {
  return readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort().map((f) => path.join(dir, f));
}

/** What the rule says for explain-additions' parts, read from its outcome's parts. */
function partsOf(rule) {
  return Object.entries(PARTS).filter(([, topic]) => rule.parts?.[topic]).map(([part]) => part).sort();
}

/** The status a set of explained parts gives. */
function statusOfParts(parts) {
  return parts.length === 3 ? 'pass' : parts.length === 0 ? 'fail' : 'partial';
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
        mkdirSync(path.join(dir, 'web_infrastructure_design'), { recursive: true });
        writeFileSync(path.join(dir, 'web_infrastructure_design', '3-scale_up.md'), c.markdown);
        const result = (await lint(dir)).results[0];
        for (const [ruleId, want] of Object.entries(c.expect)) {
          const rule = result.rules.find((r) => r.id === ruleId);
          const wanted = Array.isArray(want) ? [...want].sort().join(',') || 'none' : want;
          const got = Array.isArray(want) ? (rule.status === 'manual' ? 'manual' : partsOf(rule).join(',') || 'none') : rule.status;
          const stats = (perRule[ruleId] ??= { agree: 0, total: 0, confusion: {} });
          stats.total++;
          const key = Array.isArray(want) ? `${statusOfParts(want)}->${rule.status}` : `${want}->${got}`;
          stats.confusion[key] = (stats.confusion[key] ?? 0) + 1;
          if (wanted === got) stats.agree++;
          else disagreements.push({ file: path.basename(file), name: c.name, rule: ruleId, wanted, got, message: rule.message });
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
