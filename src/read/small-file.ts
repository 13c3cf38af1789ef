import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { isInside } from './safe-read.js';

/** Configuration files, rubrics and manifests are a few kilobytes: past this they are refused. */
export const MAX_SETTINGS_BYTES = 1024 * 1024;

export interface SmallFileOptions {
  /** What the file is, for messages ("configuration file", "rubric"). */
  what: string;
  maxBytes?: number;
  /**
   * A folder the file must lie in, as a regular file and not through a symbolic link: the GitHub
   * Action reads settings from the repository it grades, which anyone who can push controls.
   */
  inside?: string;
}

/**
 * Reads a settings file (configuration, rubric, manifest) as text: a regular file only (never a
 * named pipe, which blocks, or a device such as /dev/zero, which never ends), at most `maxBytes`,
 * and, with `inside`, never a link. Every problem is a UsageError that quotes none of the file.
 */
export function readSmallFile(file: string, options: SmallFileOptions): string {
  const { what, maxBytes = MAX_SETTINGS_BYTES, inside } = options;
  const shown = inside ? path.relative(inside, file) || path.basename(file) : file;
  const fail = (why: string): never => {
    throw new UsageError(`cannot read the ${what} ${shown}: ${why}`);
  };
  try {
    if (inside) {
      const realRoot = realpathSync.native(inside);
      if (!isInside(path.resolve(inside), path.resolve(file))) fail('it lies outside the workspace');
      if (lstatSync(file).isSymbolicLink()) fail('it is a symbolic link; settings are read from a regular file only');
      if (!isInside(realRoot, realpathSync.native(path.dirname(path.resolve(file))))) fail('it lies outside the workspace');
    }
    const stat = statSync(file);
    if (!stat.isFile()) fail(stat.isDirectory() ? 'it is a directory' : 'it is not a regular file (a named pipe, a device or a socket)');
    if (stat.size > maxBytes) fail(`it is ${stat.size} bytes, over the limit of ${maxBytes}`);
    const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK | (inside ? constants.O_NOFOLLOW : 0));
    try {
      if (!fstatSync(fd).isFile()) fail('it is not a regular file');
      // One byte more than the limit tells a file that grew since it was looked at.
      const buffer = Buffer.alloc(maxBytes + 1);
      let length = 0;
      while (length < buffer.length) {
        const n = readSync(fd, buffer, length, buffer.length - length, null);
        if (n === 0) break;
        length += n;
      }
      if (length > maxBytes) fail(`it is over the limit of ${maxBytes} bytes`);
      return buffer.subarray(0, length).toString('utf8').replace(/^\uFEFF/, '');
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    return fail(code === 'ENOENT' ? 'no such file' : code === 'ELOOP' ? 'it is a symbolic link' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? 'unreadable'));
  }
}

/**
 * JSON.parse, with an error that says where, never what: V8's messages quote the text (a rubric
 * linked to /etc/passwd would show its first bytes in a public annotation).
 */
export function parseJsonText(text: string, what: string, shown: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    let where = '';
    if (position !== undefined) {
      const before = text.slice(0, Number(position));
      const line = before.split('\n').length;
      where = ` at line ${line}, column ${Number(position) - before.lastIndexOf('\n')}`;
    }
    throw new UsageError(`cannot read the ${what} ${shown}: it is not valid JSON${where}`);
  }
}
