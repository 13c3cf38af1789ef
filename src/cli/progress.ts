import type { CliIO } from './io.js';

export interface Progress {
  done: number;
  total: number;
}

export interface ProgressReporter<P extends Progress> {
  update: (progress: P) => void;
  stop: () => void;
}

/**
 * Progress on stderr: a bar on a terminal, a line every 10% (or 5 s) otherwise, for CI logs.
 * `verb` says what is counted ("graded"), `extras` what else to show ("2 errors, 5 reused").
 */
export async function progressReporter<P extends Progress>(io: CliIO, stderrIsTTY: boolean, command: string, verb: string, extras: (p: P) => string): Promise<ProgressReporter<P>> {
  const started = Date.now();
  const rate = (done: number) => Math.round(done / Math.max(0.001, (Date.now() - started) / 1000));
  if (stderrIsTTY) {
    const { SingleBar, Presets } = await import('cli-progress');
    const bar = new SingleBar({ format: `${command} [{bar}] {value}/{total} | {rate}/s | ETA {eta_formatted} | {extras}`, hideCursor: true, etaBuffer: 200, fps: 10 }, Presets.shades_classic);
    let startedBar = false;
    return {
      update: (p) => {
        if (!startedBar) {
          bar.start(p.total, 0, { rate: 0, extras: '' });
          startedBar = true;
        }
        bar.update(p.done, { rate: rate(p.done), extras: extras(p) });
      },
      stop: () => bar.stop(),
    };
  }
  let nextShare = 0.1;
  let lastAt = started;
  return {
    update: (p) => {
      const now = Date.now();
      if (p.done / p.total < nextShare && now - lastAt < 5000 && p.done !== p.total) return;
      while (nextShare <= p.done / p.total) nextShare += 0.1;
      lastAt = now;
      io.stderr(`infralint ${command}: ${p.done}/${p.total} ${verb} (${rate(p.done)}/s, ${extras(p)})\n`);
    },
    stop: () => undefined,
  };
}
