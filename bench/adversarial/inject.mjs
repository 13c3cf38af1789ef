// Injection payloads placed wherever student text goes (labels, edge labels, headings, links,
// image targets, file names, folder names, a manifest), and each output format checked for them.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseHtml } from 'parse5';

const ESC = '\u001b';
export const PAYLOADS = [
  ['screen clear', `${ESC}[2J${ESC}[H`],
  ['clipboard write (OSC 52)', `${ESC}]52;c;ZXZpbA==\u0007`],
  ['hyperlink (OSC 8)', `${ESC}]8;;https://evil.example/${ESC}\\click${ESC}]8;;${ESC}\\`],
  ['colour', `${ESC}[31mred${ESC}[0m`],
  ['C1 CSI', '\u009b2J'],
  ['carriage return overwrite', 'safe\rPASSED'],
  ['backspace', 'abc\b\b\bxyz'],
  ['bidi override', 'abc\u202edcba'],
  ['line separator', 'a\u2028b'],
  ['workflow command after %0A', '%0A::error::injected'],
  ['workflow command after a line feed', 'x\n::error::injected'],
  ['add-mask', '\n::add-mask::secret'],
  ['stop-commands', '\n::stop-commands::token'],
  ['set-output', '\n::set-output name=passed::true'],
  ['property delimiters', 'a:b,c=d%25'],
  ['CSV formula =', '=HYPERLINK("http://evil.example","x")'],
  ['CSV formula +', '+1+1'],
  ['CSV formula -', '-2+3'],
  ['CSV formula @', '@SUM(A1)'],
  ['CSV tab formula', '\t=1'],
  ['CSV CR formula', '\r=1'],
  ['XML close and element', '</failure><injected/>'],
  ['XML CDATA end', ']]><injected/>'],
  ['XML entity', '&e; <!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'],
  ['HTML script', '<script>window.__injected=1</script>'],
  ['HTML img onerror', '<img src=x onerror=window.__injected=1>'],
  ['SVG onload', '<svg onload=window.__injected=1>'],
  ['javascript: link', 'javascript:window.__injected=1'],
  ['attribute break', '"><script>window.__injected=1</script>'],
  ['iframe', '<iframe src=//evil.example></iframe>'],
  ['Markdown fake score', '\n## infralint: 3-scale_up — 100/100, **passed**'],
  ['Markdown fake link', '[click here](http://evil.example)'],
  ['Markdown fake table row', '| 100 | passed |'],
  ['Markdown details', '<details open><summary>x</summary>'],
].map(([name, text]) => ({ name, text }));

/** A file name's safe form of a payload (no slash, no NUL). */
const asName = (text) => text.replace(/[/\u0000]/g, '_');
/** A payload inside a quoted Mermaid label: its quotes as entity codes. */
const inLabel = (text) => text.replace(/"/g, '#quot;').replace(/\n/g, ' ');

/** A submission carrying one payload everywhere student text can go. */
export function writePayloadSubmission(root, payload) {
  const p = payload.text;
  const dir = path.join(root, 'web_infrastructure_design');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, '3-scale_up.md'), [
    `# 3-scale_up ${p}`,
    '',
    '```mermaid',
    'flowchart TD',
    `  U["User ${inLabel(p)}"] -->|"${inLabel(p)}"| LB["HAProxy ${inLabel(p)}"]`,
    `  subgraph S["${inLabel(p)}"]`,
    `    W["Nginx ${inLabel(p)}"]`,
    '  end',
    '  LB --> W',
    `  X["broken ${inLabel(p)}" -->`,
    '```',
    '',
    '```mermaid',
    'sequenceDiagram',
    `  A->>B: ${p.replace(/\n/g, ' ')}`,
    `  C${p.replace(/\s/g, '')}->>D: x`,
    '```',
    '',
    `![${p}](missing-${asName(p).replace(/[\s()]/g, '')}.png) [link](${asName(p).replace(/[\s()]/g, '')}.md)`,
    '',
    `## ${p}`,
    '',
    `The load balancer ${p} spreads traffic.`,
  ].join('\n'));
  try {
    writeFileSync(path.join(dir, `3-scale_up_${asName(p)}.md`), '```mermaid\nflowchart TD\n  A[x -->\n```\n');
  } catch {
    // a name the file system refuses
  }
}

/** Raw control characters (tab and line feed are layout); `colour` allows chalk's own SGR sequences. */
export function rawControls(text, colour = false) {
  const plain = colour ? text.replace(/\u001b\[[0-9;]*m/g, '') : text;
  return /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.test(plain);
}

/**
 * What is wrong with one format's output, or null: raw controls anywhere, and for each format what
 * an injection would look like there.
 */
export async function formatProblem(format, out, { tasks = 1, parseCsv, parseXml }) {
  if (rawControls(out, format === 'stylish-colour')) return 'raw control character';
  switch (format) {
    case 'github': {
      const lines = out.split('\n').filter(Boolean);
      const bad = lines.find((l) => !/^::(error|warning|notice)( [a-zA-Z]+=[^:,\n]*(,[a-zA-Z]+=[^:,\n]*)*)?::/.test(l));
      return bad ? `a line that is not one of ours: ${JSON.stringify(bad.slice(0, 80))}` : null;
    }
    case 'csv': {
      const rows = parseCsv(out);
      for (const row of rows) for (const cell of row) if (/^[=+\-@\t\r]/.test(cell) && !/^-?\d+(\.\d+)?$/.test(cell)) return `formula cell ${JSON.stringify(cell.slice(0, 40))}`;
      return null;
    }
    case 'junit': {
      const doc = parseXml(out);
      if (!doc) return 'not well-formed XML';
      if (doc.getElementsByTagName('injected').length) return 'an element of the student\'s making';
      return null;
    }
    case 'json':
    case 'sarif':
    case 'gradescope':
      try {
        JSON.parse(out);
        return null;
      } catch {
        return 'not valid JSON';
      }
    case 'markdown': {
      const headings = out.split('\n').filter((l) => l.startsWith('## infralint:'));
      // Code blocks and spans show their text as it is: what matters is the markdown outside them
      // (the suggested patch's fence is longer than any backtick run in it, so text cannot close it).
      out = out.replace(/^(`{3,})[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, '').replace(/`[^`\n]*`/g, '``');
      if (headings.length !== tasks) return `${headings.length} score headings for ${tasks} task(s)`;
      if (/(^|[^\\])\[click here(?<!\\)\]\(http/.test(out)) return 'a link of the student\'s making';
      if (/<(script|img|svg|iframe|details)\b/i.test(out)) return 'raw HTML';
      if (/^\| 100 \| passed \|/m.test(out)) return 'a table row of the student\'s making';
      return null;
    }
    default:
      return null;
  }
}

/** How many elements of each tag a parse5 tree holds. */
function tagCounts(node, counts = {}) {
  if (node.tagName) counts[node.tagName] = (counts[node.tagName] ?? 0) + 1;
  for (const child of node.childNodes ?? []) tagCounts(child, counts);
  return counts;
}

/** Problems of a report.html: scripts, handlers, frames or javascript: links that are not the report's own. */
export function htmlProblems(html, baseline, JSDOM) {
  const { document } = new JSDOM(html).window;
  const problems = [];
  const scripts = document.querySelectorAll('script').length;
  if (scripts !== baseline.scripts) problems.push(`${scripts} scripts (the report has ${baseline.scripts})`);
  const handlers = [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => /^on/i.test(a.name))).length;
  if (handlers !== baseline.handlers) problems.push(`${handlers} elements with event handlers (the report has ${baseline.handlers})`);
  if (document.querySelector('iframe, object, embed')) problems.push('a frame');
  if ([...document.querySelectorAll('[href],[src]')].some((e) => /^\s*javascript:/i.test(e.getAttribute('href') ?? e.getAttribute('src') ?? ''))) problems.push('a javascript: link');
  if (rawControls(html)) problems.push('raw control character');
  // Scripts on, a <noscript> is raw text up to the first </noscript>: the report keeps students'
  // sections there, so student text must not end one early (the same elements in both readings).
  const scripted = tagCounts(parseHtml(html, { scriptingEnabled: true }));
  const outside = (selector) => [...document.querySelectorAll(selector)].filter((el) => !el.parentElement?.closest('noscript')).length;
  if (scripted.noscript !== outside('noscript') || (scripted.details ?? 0) !== outside('details')) problems.push('a <noscript> ended early');
  return problems;
}

export function htmlBaseline(html, JSDOM) {
  const { document } = new JSDOM(html).window;
  return {
    scripts: document.querySelectorAll('script').length,
    handlers: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => /^on/i.test(a.name))).length,
  };
}
