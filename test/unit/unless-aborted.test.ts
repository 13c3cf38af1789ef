import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Interrupted } from '../../src/errors.js';
import { unlessAborted } from '../../src/grade/unless-aborted.js';

/** A full garbage collection (the flag set at run time: jest is not started with --expose-gc). */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

describe('unlessAborted', () => {
  it('gives the value, or the rejection, of the promise while the signal has not fired', async () => {
    const signal = new AbortController().signal;
    await expect(unlessAborted(Promise.resolve(7), signal)).resolves.toBe(7);
    await expect(unlessAborted(Promise.reject(new Error('worker failed')), signal)).rejects.toThrow('worker failed');
    await expect(unlessAborted(Promise.resolve(8), undefined)).resolves.toBe(8);
  });

  it('rejects with Interrupted as soon as the signal fires, without waiting for the promise', async () => {
    const controller = new AbortController();
    const never = new Promise<number>(() => undefined);
    const waiting = unlessAborted(never, controller.signal);
    controller.abort('SIGINT');
    await expect(waiting).rejects.toBeInstanceOf(Interrupted);
    await expect(unlessAborted(never, controller.signal)).rejects.toThrow('SIGINT');
  });

  it('keeps nothing of a settled wait: the values waited for are collected while the signal lives on', async () => {
    const signal = new AbortController().signal;
    const refs: WeakRef<object>[] = [];
    for (let i = 0; i < 200; i++) {
      const value = { student: `s${i}`, line: new Uint8Array(1024) };
      refs.push(new WeakRef(value));
      await unlessAborted(Promise.resolve(value), signal);
    }
    // Lets the values leave this function's frames, then collects.
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbage();
    expect(refs.filter((ref) => ref.deref() !== undefined).length).toBeLessThanOrEqual(1);
  });
});
