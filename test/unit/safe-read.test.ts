import { mkdtempSync, realpathSync, rmSync, writeFileSync, symlinkSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FolderLooks } from '../../src/read/fs-probes.js';
import { isInside, ResolvedPaths, resolvePath, safeRead, toRelative } from '../../src/read/safe-read.js';
import { randomStrings } from '../helpers/random-strings.js';

function tmp(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'infralint-read-'));
}

describe('safeRead', () => {
  it('strips a BOM and normalises CRLF without moving lines', () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'a.md'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('one\r\ntwo\rthree')]));
    const r = safeRead(dir, path.join(dir, 'a.md'));
    expect(r.ok && r.file.text).toBe('one\ntwo\nthree');
    expect(r.ok && r.file.hadBom && r.file.hadCrlf).toBe(true);
  });

  it('refuses binary files with a notice', () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'b'), Buffer.from([0x89, 0x50, 0x00, 0x01]));
    const r = safeRead(dir, path.join(dir, 'b'));
    expect(r.ok).toBe(false);
    expect(r.notices[0]!.message).toMatch(/binary/);
  });

  it('reads at most maxBytes and says so', () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'big.md'), 'x'.repeat(5000));
    const r = safeRead(dir, path.join(dir, 'big.md'), 1000);
    expect(r.ok && r.file.text.length).toBe(1000);
    expect(r.notices[0]!.message).toMatch(/only its first/);
  });

  it('replaces invalid UTF-8 and reports the line', () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'bad.md'), Buffer.concat([Buffer.from('ok\nbad '), Buffer.from([0xff, 0xfe]), Buffer.from('\n')]));
    const r = safeRead(dir, path.join(dir, 'bad.md'));
    expect(r.ok && r.file.invalidUtf8).toBe(true);
    expect(r.notices[0]).toMatchObject({ line: 2 });
  });

  it('never follows a symlink out of the submission', () => {
    const outside = tmp();
    writeFileSync(path.join(outside, 'secret'), 'secret');
    const dir = tmp();
    mkdirSync(path.join(dir, 'sub'));
    symlinkSync(path.join(outside, 'secret'), path.join(dir, 'sub', 'link.md'));
    const r = safeRead(dir, path.join(dir, 'sub', 'link.md'));
    expect(r.ok).toBe(false);
    expect(r.notices[0]!.message).toMatch(/outside the submission/);
  });
});

describe('safeRead with the real paths of one reading (ResolvedPaths)', () => {
  /** A submission (a.md, sub/b.md) and, outside it, a folder holding secret.md. */
  function submissionAndOutside(): { dir: string; outside: string } {
    const dir = tmp();
    const outside = tmp();
    writeFileSync(path.join(dir, 'a.md'), 'one');
    mkdirSync(path.join(dir, 'sub'));
    writeFileSync(path.join(dir, 'sub', 'b.md'), 'two');
    writeFileSync(path.join(outside, 'secret.md'), 'secret');
    return { dir, outside };
  }

  it('reads as without them, and still refuses a link out of the root', () => {
    const { dir, outside } = submissionAndOutside();
    symlinkSync(path.join(outside, 'secret.md'), path.join(dir, 'link.md'));
    const resolved = new ResolvedPaths();
    for (const name of ['a.md', 'sub/b.md', 'link.md']) {
      const abs = path.join(dir, name);
      expect(safeRead(dir, abs, undefined, { resolved })).toEqual(safeRead(dir, abs));
    }
    const link = safeRead(dir, path.join(dir, 'link.md'), undefined, { resolved });
    expect(link.ok).toBe(false);
    expect(link.notices[0]!.message).toMatch(/outside the submission folder/);
  });

  it('resolves each path once, and an error again each time', () => {
    const dir = tmp();
    const resolved = new ResolvedPaths();
    expect(resolved.of(dir)).toBe(resolved.of(dir));
    const missing = path.join(dir, 'missing');
    expect(() => resolved.of(missing)).toThrow();
    mkdirSync(missing);
    expect(resolved.of(missing)).toMatch(/missing$/);
  });

  it('resolves what its listings show as no link from the folder, and the rest as realpath does', () => {
    const { dir: real, outside } = submissionAndOutside();
    symlinkSync(outside, path.join(real, 'linked'));
    symlinkSync(path.join(real, 'sub', 'b.md'), path.join(real, 'sub', 'c.md'));
    // The root itself reached through a link: resolved once, the paths under it from its listings.
    const root = path.join(tmp(), 'root');
    symlinkSync(real, root);
    const resolved = new ResolvedPaths();
    const looks = new FolderLooks(resolved);
    for (const dir of ['.', 'sub', 'linked']) looks.list(path.join(root, dir));
    for (const name of ['a.md', 'sub', 'sub/b.md', 'sub/c.md', 'linked', 'linked/secret.md']) {
      const abs = path.join(root, name);
      expect(resolved.of(abs)).toBe(realpathSync.native(abs));
      expect(safeRead(root, abs, undefined, { resolved })).toEqual(safeRead(root, abs));
    }
    // A folder listed as a link is resolved, and what lies behind it stays outside the submission.
    const secret = safeRead(root, path.join(root, 'linked', 'secret.md'), undefined, { resolved });
    expect(secret.ok).toBe(false);
    expect(secret.notices[0]!.message).toMatch(/outside the submission folder/);
    // Taken from the listing, not looked up again: a file removed since is still where it was listed.
    const later = new ResolvedPaths();
    new FolderLooks(later).list(root);
    rmSync(path.join(real, 'a.md'));
    expect(later.of(path.join(root, 'a.md'))).toBe(path.join(realpathSync.native(real), 'a.md'));
    expect(() => new ResolvedPaths().of(path.join(root, 'a.md'))).toThrow();
  });

  it('refuses a file listed as no link that became a link to outside before it was opened', () => {
    const root = tmp();
    const outside = tmp();
    writeFileSync(path.join(root, 'task.md'), 'mine');
    writeFileSync(path.join(outside, 'secret.md'), 'secret');
    const resolved = new ResolvedPaths();
    new FolderLooks(resolved).list(root);
    rmSync(path.join(root, 'task.md'));
    symlinkSync(path.join(outside, 'secret.md'), path.join(root, 'task.md'));
    const read = safeRead(root, path.join(root, 'task.md'), undefined, { resolved });
    expect(read.ok).toBe(false);
    expect(JSON.stringify(read)).not.toContain('secret');
  });
});

describe('the path helpers spare path.resolve when a path is already resolved, with the same answers', () => {
  // Paths of `/`, `.` and two letters: every `.`, `..`, empty and trailing segment, names that begin
  // with `..`, roots that are a prefix of a sibling's name (`/a` and `/ab`), relative paths.
  const paths = randomStrings('/a.b', 600, 9, 17).map((p, k) => (k % 5 === 4 ? p.replace(/^\/+/, '') : p));
  const pairs = paths.flatMap((root, k) => [[root, paths[(k * 7 + 3) % paths.length]!], [root, root + paths[(k * 13 + 1) % paths.length]!], [root, `${root}/${paths[k]!}`]] as const);
  const plainRelative = (root: string, abs: string) => path.relative(root, abs).split(path.sep).join('/') || path.basename(abs);
  const plainInside = (root: string, child: string) => {
    const rel = path.relative(root, child);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  };

  it('toRelative, isInside and resolvePath agree with path.relative and path.resolve', () => {
    const differing = pairs.filter(([root, child]) => toRelative(root, child) !== plainRelative(root, child) || isInside(root, child) !== plainInside(root, child));
    expect(differing).toEqual([]);
    expect(paths.filter((p) => resolvePath(p) !== path.resolve(p))).toEqual([]);
    // The cases the fast way answers are among them.
    expect(toRelative('/cohort/alice', '/cohort/alice/web_infrastructure_design/3-scale_up')).toBe('web_infrastructure_design/3-scale_up');
    expect(isInside('/cohort/alice', '/cohort/alice/..hidden')).toBe(false);
    expect(isInside('/cohort/al', '/cohort/alice')).toBe(false);
  });
});
