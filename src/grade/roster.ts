import { hash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { UsageError } from '../errors.js';
import { readSmallFile } from '../read/small-file.js';

/** One student of a roster: the folder (GitHub login) and what gradebooks and exports need. */
export interface RosterEntry {
  /** As written in the roster: the folder `collect` makes and `grade` looks for. */
  login: string;
  name: string;
  email: string;
  /** Every column of the row by its normalised header name (`sis user id`, `section`...): what exports pick from. */
  columns: Record<string, string>;
}

export interface Roster {
  file: string;
  /** By login in lower case: GitHub logins are case-insensitive, and so are folders matched to them. */
  entries: Map<string, RosterEntry>;
  /** Duplicate rows and the like: said, not fatal. */
  warnings: string[];
  /** A digest of the students listed: shards of one cohort share it. */
  digest: string;
}

/** Header names of the column holding the login (folder), by preference. */
const LOGIN_COLUMNS = ['folder', 'login', 'github', 'github login', 'github username', 'github user', 'github handle', 'student', 'username', 'user', 'id', 'repo', 'directory'];
const NAME_COLUMNS = ['name', 'full name', 'student name', 'display name'];
const EMAIL_COLUMNS = ['email', 'e-mail', 'mail', 'email address'];

/** `GitHub_Username ` -> `github username`: headers are matched whatever their case and separators. */
export function normaliseHeader(cell: string): string {
  return cell.toLowerCase().replace(/[\s_]+/g, ' ').trim();
}

/** The delimiter of a CSV file from its first line (outside quotes): comma, semicolon (European spreadsheets) or tab. */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>([[',', 0], [';', 0], ['\t', 0]]);
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && counts.has(c)) counts.set(c, counts.get(c)! + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > counts.get(best)!) best = d;
  return best;
}

/**
 * A roster (`--manifest` of grade, the roster of collect): one student per row. A header row names
 * the columns (login/github/folder..., name, email, any others); without one, the columns are
 * login, name, email, and a file of one column is a list of logins. Semicolon- and tab-separated
 * files are read as such. A header without a login column, or a file without a row, is a
 * UsageError saying what was found.
 */
export function readRoster(file: string, what = 'roster'): Roster {
  const text = readSmallFile(file, { what, maxBytes: 64 * 1024 * 1024 }).replace(/^\uFEFF/, '');
  let rows: string[][];
  try {
    rows = parse(text, { delimiter: detectDelimiter(text), skip_empty_lines: true, relax_column_count: true, relax_quotes: true, trim: true }) as string[][];
  } catch (error) {
    throw new UsageError(`the ${what} ${file} is not valid CSV: ${(error as Error).message}`);
  }
  rows = rows.filter((row) => row.some((cell) => cell !== ''));
  if (!rows.length) throw new UsageError(`the ${what} ${file} lists no student`);
  const first = rows[0]!.map(normaliseHeader);
  const known = [...LOGIN_COLUMNS, ...NAME_COLUMNS, ...EMAIL_COLUMNS];
  // "GitHub ID", "Github account": any header naming GitHub is the login column, when no exact name is there.
  const githubAt = first.findIndex((cell) => cell.includes('github'));
  const headed = first.some((cell) => known.includes(cell)) || githubAt >= 0;
  const columnOf = (names: string[]) => {
    for (const name of names) {
      const at = first.indexOf(name);
      if (at >= 0) return at;
    }
    return -1;
  };
  const exactLoginAt = columnOf(LOGIN_COLUMNS);
  const loginAt = !headed ? 0 : exactLoginAt >= 0 ? exactLoginAt : githubAt;
  if (loginAt < 0) {
    throw new UsageError(`the ${what} ${file} has a header (${rows[0]!.join(', ')}) but no login column: name the column of GitHub logins (folders) "login", "github" or "folder"`);
  }
  const nameAt = headed ? columnOf(NAME_COLUMNS) : 1;
  const emailAt = headed ? columnOf(EMAIL_COLUMNS) : 2;
  const headers = headed ? first : ['login', 'name', 'email'];
  const entries = new Map<string, RosterEntry>();
  const warnings: string[] = [];
  const seenAt = new Map<string, number>();
  const body = headed ? rows.slice(1) : rows;
  body.forEach((row, k) => {
    const line = k + (headed ? 2 : 1);
    const login = row[loginAt] ?? '';
    if (!login) {
      warnings.push(`${file}:${line}: a row without a login was skipped`);
      return;
    }
    // The login names a folder, a feedback file and a row: never a path, a hidden name or a control character.
    if (/[\\/\0-\x1f\x7f]/.test(login) || login.startsWith('.')) {
      warnings.push(`${file}:${line}: "${login}" cannot be a folder name (a path, a hidden name or a control character); the row was skipped`);
      return;
    }
    const key = login.toLowerCase();
    if (seenAt.has(key)) {
      // The first row stands: a later one is more likely a copy-paste slip than a correction.
      warnings.push(`${file}:${line}: "${login}" is listed again (first on line ${seenAt.get(key)}); the first row is used`);
      return;
    }
    seenAt.set(key, line);
    const columns: Record<string, string> = {};
    headers.forEach((header, at) => {
      if (header && row[at] !== undefined) columns[header] = row[at]!;
    });
    entries.set(key, { login, name: nameAt >= 0 ? row[nameAt] ?? '' : '', email: emailAt >= 0 ? row[emailAt] ?? '' : '', columns });
  });
  const digest = hash('sha1', [...entries.keys()].sort().join('\n'), 'hex');
  return { file, entries, warnings, digest };
}
