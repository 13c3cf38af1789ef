import { Chalk, type ChalkInstance } from 'chalk';

/**
 * Colour on a TTY, honouring the conventions: NO_COLOR (any non-empty value) turns it off,
 * FORCE_COLOR (1-3) turns it on even when piped; FORCE_COLOR=0 turns it off.
 */
export function makeChalk(env: NodeJS.ProcessEnv = process.env, isTTY = Boolean(process.stdout.isTTY)): ChalkInstance {
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') {
    const level = force === 'true' ? 1 : Number(force);
    return new Chalk({ level: (Number.isFinite(level) ? Math.min(3, Math.max(0, level)) : 1) as 0 | 1 | 2 | 3 });
  }
  if (env.NO_COLOR) return new Chalk({ level: 0 });
  return new Chalk({ level: isTTY && env.TERM !== 'dumb' ? 1 : 0 });
}
