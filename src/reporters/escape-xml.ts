import { printable } from '../chars.js';

/**
 * XML text and attribute escaping, and removal of characters XML 1.0 forbids: also what makes student
 * text inert in HTML element content and quoted attributes (JUnit reports, report.html).
 */
export function escapeXml(text: string): string {
  // Other control characters (C1, bidi overrides) are written out: a report may be printed.
  return printable(text, true)
    .replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
