// File-system cases: links, symlinks, special files and shapes of folders a hostile submission can
// hold. A marker text lives in files outside each submission: it must never reach any output.
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { chmodSync, linkSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const TASK = 'web_infrastructure_design/3-scale_up.md';
const GOOD = '# 3-scale_up\n\n```mermaid\nflowchart TD\n  U[User] --> LB[HAProxy]\n  LB --> W[Nginx]\n```\n';

function write(root, rel, content) {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  writeFileSync(path.join(root, rel), content);
}

/** Each case: a name, and a function that fills `root` (the submission) given `outside` (the marker's folder). */
export function fsCases({ quick, marker }) {
  const link = (href) => (root) => write(root, TASK, `${GOOD}\n[see](${href}) ![img](${href.replace(/\.md$/, '.png')})\n`);
  const sym = (rel, target) => (root, outside) => {
    write(root, TASK, GOOD);
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    symlinkSync(target(root, outside), path.join(root, rel));
  };
  const fifo = (rel) => (root) => {
    write(root, TASK, `${GOOD}\n[linked](linked.md)\n`);
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    spawnSync('mkfifo', [path.join(root, rel)]);
  };
  return [
    ['link ../ out of the submission', link('../../outside/secret.md')],
    ['link to an absolute path', (root, outside) => link(path.join(outside, 'secret.md'))(root)],
    ['file:// URL', (root, outside) => link(`file://${path.join(outside, 'secret.md')}`)(root)],
    ['percent-encoded traversal', link('%2e%2e/%2e%2e/outside/secret.md')],
    ['double-encoded traversal', link('%252e%252e/%252e%252e/outside/secret.md')],
    ['backslash traversal', link('..\\..\\outside\\secret.md')],
    ['link to the file system root', link('/')],
    ['link to a folder above', link('../../')],
    ['query and fragment on a traversal', link('../../outside/secret.md?raw=1#x')],
    ['GitHub URL with ../ in its path', link('https://github.com/a/b/blob/main/../../../outside/secret.md')],
    ['sibling .mmd symlinked outside', sym('web_infrastructure_design/3-scale_up.mmd', (root, outside) => path.join(outside, 'secret.md'))],
    ['task file symlinked outside', (root, outside) => {
      mkdirSync(path.join(root, 'web_infrastructure_design'), { recursive: true });
      symlinkSync(path.join(outside, 'secret.md'), path.join(root, TASK));
    }],
    ['project folder symlinked outside', (root, outside) => {
      mkdirSync(path.join(outside, 'wid'), { recursive: true });
      writeFileSync(path.join(outside, 'wid', '3-scale_up.md'), readFileSync(path.join(outside, 'secret.md')));
      symlinkSync(path.join(outside, 'wid'), path.join(root, 'web_infrastructure_design'));
    }],
    ['relative symlink chain out', (root, outside) => {
      write(root, TASK, `${GOOD}\n[c](a.md)\n`);
      symlinkSync('b.md', path.join(root, 'web_infrastructure_design', 'a.md'));
      symlinkSync(path.relative(path.join(root, 'web_infrastructure_design'), path.join(outside, 'secret.md')), path.join(root, 'web_infrastructure_design', 'b.md'));
    }],
    ['absolute symlink to a file inside', (root) => {
      write(root, 'docs/real.md', GOOD);
      mkdirSync(path.join(root, 'web_infrastructure_design'), { recursive: true });
      symlinkSync(path.join(root, 'docs', 'real.md'), path.join(root, TASK));
    }],
    ['symlink loop', (root) => {
      write(root, TASK, `${GOOD}\n[l](a.md)\n`);
      symlinkSync('b.md', path.join(root, 'web_infrastructure_design', 'a.md'));
      symlinkSync('a.md', path.join(root, 'web_infrastructure_design', 'b.md'));
    }],
    ['symlink to itself as the task file', (root) => {
      mkdirSync(path.join(root, 'web_infrastructure_design'), { recursive: true });
      symlinkSync('3-scale_up.md', path.join(root, TASK));
    }],
    ['folder symlink loop', (root) => {
      write(root, TASK, `${GOOD}\n[l](loop/loop/loop/x.md)\n`);
      symlinkSync('.', path.join(root, 'web_infrastructure_design', 'loop'));
    }],
    ['linked README symlinked outside', sym('web_infrastructure_design/README.md', (root, outside) => path.join(outside, 'secret.md'))],
    ['hard link to a file outside (read: it is a file of the folder)', (root, outside) => {
      mkdirSync(path.join(root, 'web_infrastructure_design'), { recursive: true });
      linkSync(path.join(outside, 'plain.md'), path.join(root, TASK));
    }],
    ['named pipe as the sibling .mmd', fifo('web_infrastructure_design/3-scale_up.mmd')],
    ['named pipe as a linked file', fifo('web_infrastructure_design/linked.md')],
    ['named pipe as the task file', (root) => {
      mkdirSync(path.join(root, 'web_infrastructure_design'), { recursive: true });
      spawnSync('mkfifo', [path.join(root, TASK)]);
    }],
    ['task file linked to /dev/zero', sym(TASK.replace('.md', '.mmd'), () => '/dev/zero')],
    ['linked file linked to /dev/urandom', (root) => {
      write(root, TASK, `${GOOD}\n[r](random.md)\n`);
      symlinkSync('/dev/urandom', path.join(root, 'web_infrastructure_design', 'random.md'));
    }],
    ['a device node inside (when mknod is allowed)', (root) => {
      write(root, TASK, GOOD);
      spawnSync('mknod', [path.join(root, 'web_infrastructure_design', '3-scale_up.mmd'), 'c', '1', '5']);
    }],
    ['a socket as the sibling .mmd', async (root) => {
      write(root, TASK, GOOD);
      const server = createServer();
      await new Promise((resolve) => server.listen(path.join(root, 'web_infrastructure_design', '3-scale_up.mmd'), resolve));
      server.close();
    }],
    // 500 links to missing images: each looks for the nearest file among them (once more than ten minutes).
    [`${quick ? '2,000' : '100,000'} files in the project folder, 500 links to missing ones`, (root) => {
      write(root, TASK, `${GOOD}\n${Array.from({ length: 500 }, (_, k) => `![missing](3-scale_up-diagram-${k}.png)`).join('\n')}\n`);
      const dir = path.join(root, 'web_infrastructure_design');
      for (let i = 0; i < (quick ? 2000 : 100_000); i++) writeFileSync(path.join(dir, `f${i}.png`), '');
    }],
    ['very deep folders', (root) => {
      let rel = 'web_infrastructure_design';
      for (let d = 0; d < 150; d++) rel += '/dd';
      write(root, `${rel}/deep.md`, GOOD);
      write(root, TASK, `${GOOD}\n[deep](${rel.split('/').slice(1).join('/')}/deep.md) [missing](${rel.split('/').slice(1).join('/')}/nothere.md)\n`);
    }],
    ['binary task file', (root) => write(root, TASK, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]))],
    ['invalid UTF-8', (root) => write(root, TASK, Buffer.concat([Buffer.from(GOOD), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xe2, 0x82])]))],
    [`a ${quick ? '2' : '30'} MB task file`, (root) => write(root, TASK, `${GOOD}\n${'The load balancer spreads the traffic. '.repeat((quick ? 2 : 30) * 27_000)}\n`)],
    ['an empty task file', (root) => write(root, TASK, '')],
    ['the task file is a folder', (root) => mkdirSync(path.join(root, TASK), { recursive: true })],
    ['an unreadable task file', (root) => {
      write(root, TASK, GOOD);
      chmodSync(path.join(root, TASK), 0o000);
    }],
    ['many sibling files named for the task', (root) => {
      write(root, TASK, GOOD);
      for (let i = 0; i < 200; i++) write(root, `web_infrastructure_design/3-scale_up_part${i}.md`, `${GOOD}\n${'x'.repeat(50_000)}\n`);
    }],
  ]
    .map(([name, fill]) => ({ name, fill, marker }))
    // The quick slice keeps one case of each kind.
    .filter((c, k) => !quick || QUICK.has(k));
}
const QUICK = new Set([0, 1, 3, 9, 10, 11, 12, 13, 15, 20, 22, 23, 26, 27, 28, 29]);

/** Writes the marker's files in `outside`: its text must never appear in any output. */
export function writeOutside(outside, marker) {
  mkdirSync(outside, { recursive: true });
  const content = `# ${marker}\n\n\`\`\`mermaid\nflowchart TD\n  ${marker}[${marker}] --> X[\n\`\`\`\n\n${marker} is the secret.\n`;
  writeFileSync(path.join(outside, 'secret.md'), content);
  writeFileSync(path.join(outside, 'secret.png'), content);
  writeFileSync(path.join(outside, 'plain.md'), GOOD);
}

export function listFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}
