import { execFile } from 'node:child_process';
import { printable } from '../chars.js';
import { UsageError } from '../errors.js';

export interface GitResult {
  ok: boolean;
  stdout: string;
  stderr: string;
  /** Killed for taking longer than the timeout. */
  timedOut: boolean;
}

/**
 * Settings that keep git from ever waiting for a person: no credential helper (a stored token would
 * let a mentor's account reach a private repository silently, and a helper may open a window), no
 * askpass program, no terminal prompt, ssh in batch mode; messages in English, so that they can be
 * read; no protocol that runs a command.
 */
const NO_PROMPT_CONFIG = ['-c', 'credential.helper=', '-c', 'core.askPass=', '-c', 'protocol.ext.allow=never', '-c', 'advice.detachedHead=false'];

function quietEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GIT_TERMINAL_PROMPT: '0',
    GIT_ASKPASS: '',
    SSH_ASKPASS: '',
    GCM_INTERACTIVE: 'never',
    GIT_SSH_COMMAND: process.env.GIT_SSH_COMMAND ?? 'ssh -o BatchMode=yes',
    LC_ALL: 'C',
    LANGUAGE: 'C',
  };
}

/**
 * Runs git with an argument array (never a shell: a login or a URL is never read as a command),
 * a timeout after which it is killed, and no prompt. Never throws for git's own failures: the
 * caller reads `ok` and stderr. A machine without git is a UsageError.
 */
export function runGit(args: string[], options: { cwd?: string; timeoutMs: number }): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    execFile('git', [...NO_PROMPT_CONFIG, ...args], { cwd: options.cwd, env: quietEnv(), timeout: options.timeoutMs, killSignal: 'SIGKILL', maxBuffer: 4 * 1024 * 1024, windowsHide: true }, (error, stdout, stderr) => {
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT' && !stderr) {
        reject(new UsageError('git is not installed (or not on the PATH): collect runs git to clone the repositories'));
        return;
      }
      const timedOut = Boolean(error && (error as { killed?: boolean }).killed);
      resolve({ ok: !error, stdout: String(stdout), stderr: String(stderr), timedOut });
    });
  });
}

export type GitFailure = 'missing' | 'failed';

/**
 * What a failed clone or fetch says, for a mentor: a repository that is missing or private (git
 * asks for credentials, which are never given, or the host says it is not there), the network, or
 * git's own last line.
 */
export function describeGitFailure(result: GitResult, timeoutMs: number): { kind: GitFailure; message: string } {
  if (result.timedOut) return { kind: 'failed', message: `git took longer than ${Math.round(timeoutMs / 1000)} s and was stopped` };
  const text = result.stderr;
  if (/repository .*not found|not found|does not appear to be a git repository|could not read (username|password)|terminal prompts disabled|authentication failed|permission denied \(publickey|access denied|returned error: 40[134]/i.test(text)) {
    return { kind: 'missing', message: 'the repository does not exist or is private (no access without credentials)' };
  }
  if (/could not resolve host|connection refused|network is unreachable|connection timed out|unable to access/i.test(text)) {
    return { kind: 'failed', message: `the host could not be reached: ${lastLine(text)}` };
  }
  return { kind: 'failed', message: `git failed: ${lastLine(text) || 'no message'}` };
}

function lastLine(text: string): string {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l && !/^(warning|hint):/i.test(l));
  return printable((lines.at(-1) ?? '').replace(/^fatal:\s*/i, '')).slice(0, 300);
}
