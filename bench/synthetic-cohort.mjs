// A synthetic cohort for `npm run bench:grade`: N student folders varied from the bundled fixtures
// (lines dropped, a paragraph of their own, ids renamed), with broken submissions mixed in: binary,
// enormous, badly encoded, empty, a symlink. Deterministic for a given N and seed.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { seededRandom } from './seeded-random.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function filesOf(dir, base = dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesOf(abs, base));
    else if (entry.name !== 'expected.json') out.push({ rel: path.relative(base, abs), data: readFileSync(abs) });
  }
  return out;
}

// The fixtures a cohort is dealt from, each student one by its number: named here, not listed from
// fixtures/, so that a fixture added there (all-tasks, the startup snapshot's warm-up folder, was)
// deals no student anew and the outputs test/e2e/grade-outputs.test.ts recorded still hold (a fixture
// added to this list would change every student of the cohort).
const COHORT_FIXTURES = [
  'alx-layout', 'architecture-beta', 'complete-flowchart', 'crlf-bom', 'database-missing', 'french',
  'image-only', 'lbs-not-clustered', 'linked-mmd', 'md-extension', 'misnamed', 'native-complete',
  'native-mistakes', 'one-lb', 'outside-link', 'prose-only', 'sequence-only', 'syntax-error',
  'unfenced-mermaid', 'url-only', 'web-app-shared', 'worked-example',
];

const WORDS = 'the load balancer server traffic because web application database redundancy cluster request user response static dynamic content primary replica failover monitoring firewall certificate https nginx gunicorn mysql haproxy keepalived split tier scale capacity availability single point failure added second third machine my design choose'.split(' ');

function vary(text, random, i) {
  let inFence = false;
  const lines = [];
  for (const line of text.split('\n')) {
    const fence = /^\s*(```|~~~)/.test(line);
    if (fence) inFence = !inFence;
    if (!fence && !inFence && line.trim() && !line.startsWith('#') && random() < 0.08) continue;
    lines.push(inFence ? line.replace(/\b(LB|WS|AS|DB|Web|App)(\d)\b/g, `$1$2s${i % 7}`) : line);
  }
  const own = Array.from({ length: 30 + Math.floor(random() * 40) }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
  return `${lines.join('\n')}\n\nIn my own words: ${own}.\n`;
}

/** Writes the cohort into `dir` (emptied first) and returns the number of student folders. */
export function generateCohort(dir, n, seed = 42) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const fixtures = COHORT_FIXTURES.map((name) => filesOf(path.join(root, 'fixtures', name)));
  const random = seededRandom(seed);
  for (let i = 0; i < n; i++) {
    const student = `student-${String(i).padStart(6, '0')}`;
    const folder = path.join(dir, student);
    if (i % 997 === 13) {
      symlinkSync('/etc', folder);
      continue;
    }
    mkdirSync(folder, { recursive: true });
    if (i % 499 === 7) continue; // an empty repository
    const project = path.join(folder, 'web_infrastructure_design');
    if (i % 331 === 5) {
      mkdirSync(project, { recursive: true });
      writeFileSync(path.join(project, '3-scale_up'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 3]));
      continue;
    }
    if (i % 733 === 3) {
      mkdirSync(project, { recursive: true });
      writeFileSync(path.join(project, '3-scale_up.md'), `# 3-scale_up\n\n${'A very long line of text about load balancers. '.repeat(40_000)}\n`);
      continue;
    }
    if (i % 211 === 11) {
      mkdirSync(project, { recursive: true });
      writeFileSync(path.join(project, '3-scale_up'), Buffer.concat([Buffer.from('# Scale up\n\nLoad balancer '), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(' cluster\n')]));
      continue;
    }
    for (const file of fixtures[i % fixtures.length]) {
      const target = path.join(folder, file.rel);
      mkdirSync(path.dirname(target), { recursive: true });
      const isText = !/\.(png|jpe?g|gif)$/i.test(file.rel);
      writeFileSync(target, isText ? vary(file.data.toString('utf8'), random, i) : file.data);
    }
  }
  return n;
}

/** Every task file of the cohort, for the markdown-it floor. */
export function taskFiles(dir) {
  const files = [];
  for (const student of readdirSync(dir)) {
    const project = path.join(dir, student, 'web_infrastructure_design');
    let names = [];
    try {
      if (!statSync(path.join(dir, student)).isDirectory()) continue;
      names = readdirSync(project);
    } catch {
      continue;
    }
    for (const name of names) if (/^3-scale_up(\.md|\.mmd)?$/.test(name)) files.push(path.join(project, name));
  }
  return files;
}
