import { Interrupted } from '../errors.js';

/**
 * `promise`, or an Interrupted rejection as soon as the signal fires: a stop is not held up by a
 * slow student. Each wait adds its own listener and removes it once settled, so a settled wait
 * leaves nothing behind. (Racing every wait against one long-lived "aborted" promise instead keeps
 * a reaction per wait on that promise, each holding the value it raced: in `grade` every student's
 * record stayed in memory to the end of the run, 16 KB a student.)
 */
export function unlessAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const stop = () => reject(new Interrupted(String(signal.reason ?? 'interrupted')));
    if (signal.aborted) return stop();
    signal.addEventListener('abort', stop, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', stop);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', stop);
        reject(error);
      },
    );
  });
}
