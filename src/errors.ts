/**
 * Raised for something the user got wrong (a rubric, an option, a path): reported as a usage error
 * (exit 2), apart from infralint's own failures.
 */
export class UsageError extends Error {}

/**
 * A run stopped by a signal (Ctrl-C, SIGTERM): its temporary files are removed, and what it had
 * done is kept where the next run picks it up (`kept` says how much).
 */
export class Interrupted extends Error {
  kept = 0;
  constructor(readonly signal: string) {
    super(`interrupted (${signal})`);
  }
}
