import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { lintText } from '../../src/api/lint-submission.js';
import { parseDiagram } from '../../src/diagrams/parse-diagram.js';
import { formatReport, FORMATS } from '../../src/reporters/index.js';
import { PROJECT } from '../helpers/paths.js';

/** Every input the adversarial suite kept (test/data/adversarial): parsed and linted, quickly, with no raw control character out. */
const dir = path.join(PROJECT, 'test', 'data', 'adversarial');
const cases = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.txt')).sort() : [];
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('inputs kept by the adversarial suite', () => {
  it('the folder holds only what the suite writes', () => {
    expect(readdirSync(dir).every((f) => f === 'README.md' || /^(crash|hang|injection)-seed\d+-\d+\.txt$/.test(f))).toBe(true);
  });
  for (const file of cases) {
    it(file, async () => {
      const text = readFileSync(path.join(dir, file), 'utf8');
      const start = process.cpuUsage();
      await parseDiagram(text);
      for (const markdown of [`# 3-scale_up\n\n\`\`\`mermaid\n${text}\n\`\`\`\n`, text]) {
        const result = await lintText(markdown, { rubric: '3-scale_up' });
        for (const format of FORMATS) expect(RAW.test(formatReport({ tool: { name: 'infralint', version: '0' }, results: [result] }, format, { env: { NO_COLOR: '1' } }))).toBe(false);
      }
      const used = process.cpuUsage(start);
      expect((used.user + used.system) / 1000).toBeLessThan(10_000);
    });
  }
});
