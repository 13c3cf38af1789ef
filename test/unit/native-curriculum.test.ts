import { readFileSync } from 'node:fs';
import path from 'node:path';
import { detectCurriculum, explainCurriculum } from '../../src/discover/detect-curriculum.js';
import { projectTasks } from '../../src/discover/project-tasks.js';
import { lintSubmission, type TaskResult } from '../../src/api/lint-submission.js';
import { loadSubmission } from '../../src/submission/load-submission.js';
import { rubricFromConfig } from '../../src/config/config.js';
import { bundledRubrics, loadRubric, projectRubrics } from '../../src/config/rubric.js';
import { findSection, headingMatches } from '../../src/discover/answer-section.js';
import { parseMarkdown } from '../../src/markdown/parse-markdown.js';
import { FIXTURES, PROJECT } from '../helpers/paths.js';
import { tempRepo } from '../helpers/cohort.js';

const NATIVE = ['single_server_stack', 'redundant_web_tier', 'protected_monitored_stack', 'separated_tiers'];
const COMPLETE = path.join(FIXTURES, 'native-complete');
const COMPLETE_README = path.join(COMPLETE, 'web_infrastructure_design', 'README.md');

const repo = (files: Record<string, string>) => tempRepo(files, 'infralint-native-');

const statuses = (result: TaskResult) => Object.fromEntries(result.rules.map((r) => [r.id, r.status]));
const lineOf = (text: string, fragment: string) => text.split('\n').findIndex((l) => l.includes(fragment)) + 1;

const TIERS_MMD = [
  'flowchart LR',
  '    visitor["User"] --> name["www.foobar.com"]',
  '    name -->|"A record → 8.8.8.8"| haA["Load balancer (HAProxy)"]',
  '    haA <-->|"failover"| haB["Load balancer (HAProxy)"]',
  '    subgraph front["Web tier"]',
  '        w1["Web server (Nginx)"]',
  '        w2["Web server (Nginx)"]',
  '    end',
  '    subgraph middle["Application tier"]',
  '        a1["Application server"]',
  '    end',
  '    subgraph back["Database tier"]',
  '        p[("Database primary (MySQL)")] -->|"replication"| r[("Database replica (MySQL)")]',
  '    end',
  '    haA --> w1 & w2',
  '    w1 & w2 --> a1 --> p',
  '',
].join('\n');

describe('the README section of a task', () => {
  const headings = (markdown: string) => parseMarkdown(markdown).headings;

  it('runs from the task heading down to the next heading of the same or a higher level', () => {
    const md = ['# Project', '', '## 0. Model a Single-Server Web Stack', 'text', '### DNS', 'more', '#### Detail', 'x', '## 1. Add Redundancy and Traffic Distribution', 'y', ''].join('\n');
    const section = findSection(headings(md), loadRubric('single_server_stack').answerSection!, md.split('\n').length);
    expect(section).toMatchObject({ heading: { line: 3, level: 2 }, endLine: 8 });
    const last = findSection(headings(md), loadRubric('redundant_web_tier').answerSection!, md.split('\n').length);
    expect(last).toMatchObject({ heading: { line: 9 }, endLine: 11 });
  });

  it('prefers the task heading to a numbered sub-heading of another task ("## 1. DNS" inside task 0)', () => {
    const md = ['# 0. Model a Single-Server Web Stack', '## *0. Server*', 'a', '## *1. DNS and A Record*', 'b', '# 1. Add Redundancy and Traffic Distribution', '## *0. Load Balancer*', 'c', '# 2. Add Protection and Observability', 'd'].join('\n');
    const one = findSection(headings(md), loadRubric('redundant_web_tier').answerSection!, 10)!;
    expect(one.heading).toMatchObject({ line: 6, level: 1 });
    expect(one.endLine).toBe(8);
    expect(findSection(headings(md), loadRubric('single_server_stack').answerSection!, 10)).toMatchObject({ heading: { line: 1 }, endLine: 5 });
  });

  it('matches the task number only at the start of a heading, and phrases as whole words', () => {
    expect(headingMatches('Task 2: firewalls', '2.')).toBe(true);
    expect(headingMatches('2) Protection', '2.')).toBe(true);
    expect(headingMatches('12. Notes', '2.')).toBe(false);
    expect(headingMatches('Top 2 tips', '2.')).toBe(false);
    expect(headingMatches('single_server_stack.mmd', 'single server stack')).toBe(true);
    expect(headingMatches('Multi-single server stacks', 'single server stack')).toBe(false);
  });

  it('is null when no heading names the task', () => {
    expect(findSection(headings('# Notes\n## Misc\n'), loadRubric('separated_tiers').answerSection!, 3)).toBeNull();
  });
});

describe('loading a Mermaid-native task', () => {
  it('grades the .mmd as the diagram and the task\'s README section as the prose, at the README\'s line numbers', async () => {
    const readme = readFileSync(COMPLETE_README, 'utf8');
    const loaded = await loadSubmission(COMPLETE, loadRubric('redundant_web_tier'));
    expect(loaded.taskFile?.relPath).toBe('web_infrastructure_design/redundant_web_tier.mmd');
    expect(loaded.diagrams.map((d) => d.file)).toEqual(['web_infrastructure_design/redundant_web_tier.mmd']);
    const from = lineOf(readme, '## 1. Add Redundancy');
    const to = lineOf(readme, '## 2. Add Protection') - 1;
    expect(loaded.answerSection).toMatchObject({ file: 'web_infrastructure_design/README.md', line: from, endLine: to });
    const section = loaded.files.find((f) => f.role === 'section')!;
    const blocks = section.markdown!.prose;
    expect(blocks.length).toBeGreaterThan(5);
    expect(blocks.every((b) => b.line >= from && b.line <= to)).toBe(true);
    const roundRobin = blocks.find((b) => b.text.includes('round robin'))!;
    expect(readme.split('\n')[roundRobin.line - 1]).toContain('round robin');
  });

  it('does not count the explanations of another task\'s section', async () => {
    const root = repo({
      'web_infrastructure_design/separated_tiers.mmd': TIERS_MMD,
      'web_infrastructure_design/README.md': [
        '# Web infrastructure design',
        '',
        '## 2. Add Protection and Observability',
        '',
        'A second load balancer would remove the single point of failure: if one HAProxy fails, the other takes over.',
        'The web servers, application servers and databases should run on their own servers so that each tier can be scaled independently.',
        '',
        '## 3. Separate Tiers and Remove the Load-Balancer SPOF',
        '',
        'See the diagram.',
        '',
      ].join('\n'),
    });
    const result = (await lintSubmission(root, { rubrics: ['separated_tiers'] })).results[0]!;
    const explain = result.rules.find((r) => r.id === 'explain-additions')!;
    expect(explain.status).toBe('fail');
    const control = repo({
      'web_infrastructure_design/separated_tiers.mmd': TIERS_MMD,
      'web_infrastructure_design/README.md': readFileSync(path.join(root, 'web_infrastructure_design/README.md'), 'utf8').replace('## 2. Add Protection and Observability', '## 3. Separate Tiers and Remove the Load-Balancer SPOF').replace(/\n## 3\. Separate[^\n]*\n\nSee the diagram\.\n/, '\n'),
    });
    const passing = (await lintSubmission(control, { rubrics: ['separated_tiers'] })).results[0]!.rules.find((r) => r.id === 'explain-additions')!;
    expect(passing.status).toBe('pass');
  });

  it('says so when the README has no section for the task', async () => {
    const root = repo({ 'web_infrastructure_design/separated_tiers.mmd': TIERS_MMD, 'web_infrastructure_design/README.md': '# Notes\n\nNothing yet.\n' });
    const result = (await lintSubmission(root, { rubrics: ['separated_tiers'] })).results[0]!;
    const finding = result.rules.flatMap((r) => r.findings).find((f) => /no section for this task/.test(f.message))!;
    expect(finding).toMatchObject({ file: 'web_infrastructure_design/README.md', line: 1, severity: 'warning' });
    expect(finding.hint).toContain('## 3. Separate Tiers and Remove the Load-Balancer SPOF');
    expect(result.rules.find((r) => r.id === 'explain-additions')!.status).toBe('fail');
  });

  it('reads a diagram drawn in the README section as a misplaced answer, not as the task\'s diagram', async () => {
    const root = repo({ 'web_infrastructure_design/README.md': `# Designs\n\n## 3. Separate Tiers and Remove the Load-Balancer SPOF\n\n\`\`\`mermaid\n${TIERS_MMD}\`\`\`\n` });
    const result = (await lintSubmission(root, { rubrics: ['separated_tiers'] })).results[0]!;
    const gate = result.rules.find((r) => r.id === 'task-file')!;
    expect(gate.status).toBe('fail');
    expect(gate.findings.find((f) => /drawn in web_infrastructure_design\/README\.md/.test(f.message))).toMatchObject({ line: 5 });
    expect(result.diagrams).toEqual([]);
  });

  it('finds the files of a repository that keeps them at its root (numbered sub-headings under each task)', async () => {
    const root = repo({
      'single_server_stack.mmd': 'flowchart LR\n  u["User"] --> s["www.foobar.com"] -->|"A record → 8.8.8.8"| w["Web server (Nginx)"]\n',
      'README.md': '# 0. Model a Single-Server Web Stack\n\n## *0. Server*\n\nA server is a machine that answers requests.\n\n# 1. Add Redundancy and Traffic Distribution\n\n## *0. Load balancer*\n\nIt spreads requests.\n',
    });
    const loaded = await loadSubmission(root, loadRubric('single_server_stack'));
    expect(loaded.taskFile?.relPath).toBe('single_server_stack.mmd');
    expect(loaded.answerSection).toMatchObject({ file: 'README.md', line: 1, endLine: 6 });
  });
});

describe('curriculum detection', () => {
  it('finds the Mermaid-native curriculum from a repository, its project folder, a task file or its README', () => {
    expect(detectCurriculum(COMPLETE)).toBe('mermaid');
    expect(detectCurriculum(path.join(COMPLETE, 'web_infrastructure_design'))).toBe('mermaid');
    expect(detectCurriculum(path.join(COMPLETE, 'web_infrastructure_design', 'separated_tiers.mmd'))).toBe('mermaid');
    expect(detectCurriculum(COMPLETE_README)).toBe('mermaid');
    expect(explainCurriculum(COMPLETE)).toMatchObject({ curriculum: 'mermaid', evidence: 'web_infrastructure_design/single_server_stack.mmd' });
  });

  it('counts one native task file, or a README naming the native tasks when no task file exists yet', () => {
    expect(detectCurriculum(repo({ 'web_infrastructure_design/protected_monitored_stack.mmd': 'flowchart LR\n  a --> b\n' }))).toBe('mermaid');
    const readmeOnly = repo({ 'web_infrastructure_design/README.md': '# Designs\n\n## 1. Add Redundancy and Traffic Distribution\n\nText.\n' });
    expect(explainCurriculum(readmeOnly)).toMatchObject({ curriculum: 'mermaid', evidence: 'web_infrastructure_design/README.md' });
  });

  it('keeps a classic repository classic', () => {
    const classic = repo({
      'web_infrastructure_design/0-simple_web_stack': 'https://imgur.com/a.png\n',
      'web_infrastructure_design/3-scale_up.md': `# Scale up\n\n\`\`\`mermaid\n${TIERS_MMD}\`\`\`\n`,
      'web_infrastructure_design/README.md': '# 0x09. Web infrastructure design\n\n## 0. Simple web stack\n\n## 3. Scale up\n\nSeparate tiers for each component.\n',
    });
    expect(explainCurriculum(classic)).toMatchObject({ curriculum: 'classic', evidence: 'web_infrastructure_design/0-simple_web_stack' });
    expect(detectCurriculum(path.join(classic, 'web_infrastructure_design', '3-scale_up.md'))).toBe('classic');
    // Headings that merely share a task's number are no sign of the native curriculum.
    expect(detectCurriculum(repo({ 'README.md': '# Project\n\n## 0. Simple web stack\n\n## 1. Distributed web infrastructure\n' }))).toBe('classic');
    expect(detectCurriculum(repo({}))).toBe('classic');
  });
});

describe('a cohort\'s curriculum and tasks', () => {
  const native = () => repo({ 'web_infrastructure_design/redundant_web_tier.mmd': 'flowchart LR\n  a --> b\n' });
  const readmeNative = () => repo({ 'web_infrastructure_design/README.md': '# Designs\n\n## 1. Add Redundancy and Traffic Distribution\n\nText.\n' });
  const classic = (file: string) => repo({ [`web_infrastructure_design/${file}`]: '# Design\n' });

  it('follows most of its repositories, a tie going to the classic project', () => {
    const curriculumOf = (members: string[]) => projectTasks(members[0]!, { members })[0]!.curriculum ?? 'classic';
    expect(curriculumOf([native(), readmeNative(), classic('3-scale_up.md')])).toBe('mermaid');
    expect(curriculumOf([native(), classic('0-simple_web_stack'), classic('3-scale_up.md')])).toBe('classic');
    expect(curriculumOf([native(), classic('1-distributed_web_infrastructure.md')])).toBe('classic');
    // Of the curriculum followed, the tasks held: here the native task 1 alone.
    expect(projectTasks('', { members: [native(), readmeNative(), classic('3-scale_up.md')] }).map((r) => r.task)).toEqual(['redundant_web_tier']);
  });

  it('grades the tasks any repository holds, misnamed ones included, in task order', () => {
    const members = [classic('3-scale_up.md'), repo({}), classic('1-Distributed-Web-Infrastructure.md'), classic('3-scale_up')];
    expect(projectTasks(members[0]!, { members, curriculum: 'classic' }).map((r) => r.task)).toEqual(['1-distributed_web_infrastructure', '3-scale_up']);
    // Nobody holds a task: every task, so that each says what is missing.
    expect(projectTasks(members[1]!, { members: [members[1]!], curriculum: 'classic' }).map((r) => r.task)).toHaveLength(4);
  });
});

describe('the native rubrics', () => {
  it('are bundled in task order, valid against the rubric schema', async () => {
    expect(projectRubrics('mermaid').map((r) => [r.task, r.order])).toEqual(NATIVE.map((name, i) => [name, i]));
    expect(bundledRubrics().filter((r) => r.curriculum === 'mermaid').map((r) => r.name).sort()).toEqual([...NATIVE].sort());
    for (const name of NATIVE) {
      const rubric = await rubricFromConfig({ config: { rubric: path.join(PROJECT, 'rules', `${name}.json`) }, source: path.join(PROJECT, 'x') }, { cwd: PROJECT });
      expect(rubric).toMatchObject({ curriculum: 'mermaid', fileNames: [`${name}.mmd`], projectDirs: ['web_infrastructure_design'] });
      expect(rubric.answerSection?.length).toBeGreaterThan(1);
      expect(rubric.rules[0]).toMatchObject({ id: 'task-file', gate: true });
    }
  });

  it.each(NATIVE)('grade the complete example: every rule of %s passes', async (name) => {
    const result = (await lintSubmission(COMPLETE, { rubrics: [name] })).results[0]!;
    expect(result.path).toBe(`web_infrastructure_design/${name}.mmd`);
    expect(Object.values(statuses(result)).every((s) => s === 'pass')).toBe(true);
    expect(result.score).toBe(result.maxScore);
    // Positions point into the README section of the task, never into another task's.
    const section = (await loadSubmission(COMPLETE, loadRubric(name))).answerSection!;
    for (const f of result.rules.flatMap((r) => r.findings).filter((f) => f.file.endsWith('README.md'))) {
      expect(f.line).toBeGreaterThanOrEqual(section.line);
      expect(f.line).toBeLessThanOrEqual(section.endLine);
    }
  });

  it('task 1 asks for one load balancer, and says so when there is none', async () => {
    const root = repo({
      'web_infrastructure_design/redundant_web_tier.mmd': 'flowchart LR\n  u["User"] --> s["www.foobar.com"] -->|"A record → 8.8.8.8"| w1["Web server (Nginx)"]\n  s --> w2["Web server (Nginx)"]\n',
      'web_infrastructure_design/README.md': '## 1. Add Redundancy and Traffic Distribution\n\nTwo servers.\n',
    });
    const rule = (await lintSubmission(root, { rubrics: ['redundant_web_tier'] })).results[0]!.rules.find((r) => r.id === 'lb-present')!;
    expect(rule.status).toBe('fail');
    expect(rule.findings[0]!.hint).toContain('Load balancer (HAProxy)');
  });

  it('the complete example\'s task 3 explanations are found in its own section', async () => {
    const result = (await lintSubmission(COMPLETE, { rubrics: ['separated_tiers'] })).results[0]!;
    const explain = result.rules.find((r) => r.id === 'explain-additions')!;
    const readme = readFileSync(COMPLETE_README, 'utf8');
    const line = Number(/line (\d+)/.exec(explain.message)![1]);
    expect(line).toBeGreaterThan(lineOf(readme, '## 3. Separate Tiers'));
    expect(explain.parts).toEqual({ 'lb-cluster': true, split: true });
  });
});

describe('a .mmd file that is not Mermaid', () => {
  const ascii = [
    'ONE SERVER',
    '',
    '  +--------+        +-----------------+',
    '  |  User  |------->| www.foobar.com  |',
    '  +--------+        +-----------------+',
    '                          |',
    '                          v',
    '  +------------------------------------+',
    '  | Web server (Nginx) -> App -> MySQL |',
    '  +------------------------------------+',
    '',
  ].join('\n');

  it('is reported as ASCII art: diagram-renders fails, the diagram rules await a person', async () => {
    const root = repo({
      'web_infrastructure_design/separated_tiers.mmd': ascii,
      'web_infrastructure_design/separated_tiers.png': 'not really a png',
      'web_infrastructure_design/README.md': '## 3. Separate Tiers and Remove the Load-Balancer SPOF\n\n![design](separated_tiers.png)\n',
    });
    const result = (await lintSubmission(root, { rubrics: ['separated_tiers'] })).results[0]!;
    const s = statuses(result);
    expect(s['task-file']).toBe('pass');
    expect(s['diagram-renders']).toBe('fail');
    expect(s['diagram-present']).toBe('manual');
    for (const id of ['lb-pair', 'lb-cluster', 'web-tier', 'app-tier', 'db-tier', 'request-flow']) expect(s[id]).toBe('manual');
    const renders = result.rules.find((r) => r.id === 'diagram-renders')!;
    expect(renders.findings[0]).toMatchObject({ file: 'web_infrastructure_design/separated_tiers.mmd', line: 3, severity: 'error' });
    expect(renders.findings[0]!.message).toContain('is not Mermaid');
    expect(renders.findings[0]!.hint).toContain('flowchart LR');
    expect(result.rules.find((r) => r.id === 'diagram-present')!.message).toBe('web_infrastructure_design/separated_tiers.mmd is ASCII art, not Mermaid: a person must look at it.');
  });

  it('without any drawing in it, is a Mermaid error and no diagram', async () => {
    const root = repo({ 'web_infrastructure_design/single_server_stack.mmd': 'User goes to www.foobar.com then to the server.\n' });
    const s = statuses((await lintSubmission(root, { rubrics: ['single_server_stack'] })).results[0]!);
    expect(s).toMatchObject({ 'task-file': 'pass', 'diagram-present': 'fail', 'diagram-renders': 'fail' });
  });
});

describe('diagram-renders judges Mermaid text that builds no graph', () => {
  const rendersOf = async (markdown: string, files: Record<string, string> = {}) => {
    const root = repo({ 'web_infrastructure_design/3-scale_up.md': markdown, ...files });
    return (await lintSubmission(root)).results[0]!.rules.find((r) => r.id === 'diagram-renders')!;
  };

  it('a misspelt diagram type fails even beside an image of the design', async () => {
    const renders = await rendersOf('# Scale up\n\n![design](3-scale_up.png)\n\n```mermaid\nflowchat LR\n  A --> B\n```\n', { 'web_infrastructure_design/3-scale_up.png': 'x' });
    expect(renders.status).toBe('fail');
    expect(renders.findings[0]).toMatchObject({ line: 6, message: expect.stringContaining('`flowchat`') });
  });

  it('a diagram type infralint does not parse still awaits a person', async () => {
    expect((await rendersOf('# Scale up\n\n```mermaid\nclassDiagram\n  A <|-- B\n```\n')).status).toBe('manual');
  });
});

describe('the classic loading is unchanged', () => {
  it('a classic task has no answer section and reads no README', async () => {
    const root = repo({
      'web_infrastructure_design/3-scale_up.md': `# Scale up\n\n\`\`\`mermaid\n${TIERS_MMD}\`\`\`\n`,
      'web_infrastructure_design/README.md': '# Notes\n\n## 3. Separate Tiers and Remove the Load-Balancer SPOF\n\nEach tier on its own server so that it can be scaled independently.\n',
    });
    const loaded = await loadSubmission(root, loadRubric('3-scale_up'));
    expect(loaded.answerSection).toBeNull();
    expect(loaded.files.map((f) => f.relPath)).toEqual(['web_infrastructure_design/3-scale_up.md']);
  });
});
