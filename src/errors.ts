/**
 * Raised for something the user got wrong (a rubric, an option, a path): reported as a usage error
 * (exit 2), apart from infralint's own failures.
 */
export class UsageError extends Error {}
