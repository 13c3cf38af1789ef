import { jsonSafe } from '../chars.js';
import type { LintReport } from '../report/model.js';
import { ruleDocsUrl, TOOL } from '../tool.js';
import type { Severity } from '../types.js';
import type { TextFix } from '../fix/model.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * SARIF 2.1.0, for GitHub code scanning and other SARIF viewers: the rules with their documentation,
 * one result per finding with its physical location, and the score in the run's properties.
 */
export function formatSarif(report: LintReport): string {
  const runs = report.results.map((result) => {
    // The rubric's rules: a task may grade a generic rule under its own id (explain-specifics).
    const ruleIds = result.rules.map((r) => r.id);
    return {
      tool: {
        driver: {
          name: TOOL.name,
          version: TOOL.version,
          semanticVersion: TOOL.version,
          informationUri: 'https://github.com/infralint/infralint',
          rules: result.rules.map((configured) => ({
            id: configured.id,
            name: configured.id.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
            shortDescription: { text: configured.description.split(/(?<=\.)\s/)[0]! },
            fullDescription: { text: configured.description },
            helpUri: ruleDocsUrl(configured.id),
            defaultConfiguration: { level: configured.severity === 'warning' ? 'warning' : 'error', enabled: configured.status !== 'skipped' },
          })),
        },
      },
      results: result.rules.flatMap((rule) =>
        rule.findings.map((f) => ({
          ruleId: f.ruleId,
          ruleIndex: Math.max(0, ruleIds.indexOf(f.ruleId)),
          level: LEVEL[f.severity],
          message: { text: f.hint ? `${f.message} Fix: ${f.hint}` : f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: f.file.split('/').map(encodeURIComponent).join('/') },
                region: {
                  startLine: Math.max(1, f.line),
                  startColumn: Math.max(1, f.column),
                  ...(f.endLine ? { endLine: Math.max(f.endLine, f.line) } : {}),
                  ...(f.endColumn && (f.endLine ?? f.line) >= f.line ? { endColumn: Math.max(1, f.endColumn) } : {}),
                },
              },
            },
          ],
          ...(f.fix?.kind === 'mermaid' ? { fixes: [sarifFix(f.file, f.fix)] } : {}),
        })),
      ),
      properties: { task: result.task, score: result.score, maxScore: result.maxScore, manualPoints: result.manualPoints, passed: result.passed, verdict: result.verdict },
    };
  });
  return `${jsonSafe(JSON.stringify({ $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs }, null, 2))}\n`;
}

/** A fix as SARIF carries it: its edits as replacements of regions (lines and columns, 1-based, end exclusive). */
function sarifFix(file: string, fix: TextFix) {
  return {
    description: { text: fix.description },
    artifactChanges: [
      {
        artifactLocation: { uri: file.split('/').map(encodeURIComponent).join('/') },
        replacements: fix.edits.map((e) => ({
          deletedRegion: { startLine: e.start.line, startColumn: e.start.column, endLine: e.end.line, endColumn: e.end.column },
          ...(e.text ? { insertedContent: { text: e.text } } : {}),
        })),
      },
    ],
  };
}
