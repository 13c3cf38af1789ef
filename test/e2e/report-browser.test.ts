/// <reference lib="dom" />
// page.evaluate callbacks run in the browser: they use its globals.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { makeCohort } from '../helpers/cohort.js';
import { BIN } from '../helpers/paths.js';

// Debian's Chromium; .ci/run installs it when absent.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const PAYLOAD = '<img src=x onerror="window.__pwned=1;alert(1)">';
const SCRIPT = '<script>window.__pwned=2</script>';

/** A submission whose labels, titles, prose, file names and student id all carry markup. */
function hostileCohort(): string {
  const diagram = [
    '```mermaid',
    'flowchart TD',
    `  U["User ${'&lt;'}b${'&gt;'} &#60;script&#62;"] --> LB1["HAProxy ${'<img src=x onerror=window.__pwned=3>'}"]`,
    `  U --> LB2["Load balancer 2 <svg onload=window.__pwned=4>"]`,
    `  subgraph C["cluster <iframe src=javascript:window.__pwned=5>"]`,
    '    LB1',
    '    LB2',
    '  end',
    '  LB1 -->|"<script>window.__pwned=6</script>"| W[Nginx web server]',
    '  LB2 --> W',
    '  W --> A[Gunicorn app server] --> D[(MySQL database)]',
    '```',
  ].join('\n');
  return makeCohort({
    [PAYLOAD]: {
      'web_infrastructure_design/3-scale_up.md': `# Scale up ${SCRIPT}\n\n${diagram}\n\n## Why ${PAYLOAD}\n\nWe add a second load balancer because ${SCRIPT} one can fail. ${PAYLOAD}\n`,
    },
    'student"><b onmouseover=window.__pwned=7>x': { 'web_infrastructure_design/3-scale-up<b>.md': `# misnamed ${SCRIPT}\n` },
    plain: 'complete-flowchart',
  });
}

describe('report.html in headless Chromium', () => {
  let browser: Browser | undefined;
  afterAll(async () => {
    await browser?.close();
  });

  it('shows every piece of hostile student text as text and runs nothing, with and without its CSP', async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not at ${CHROMIUM}: install Debian's chromium (.ci/run does) or set CHROMIUM_PATH`);
    const cohort = hostileCohort();
    const out = mkdtempSync(path.join(os.tmpdir(), 'infralint-report-'));
    const manifest = path.join(cohort, '..', `manifest-${path.basename(cohort)}.csv`);
    writeFileSync(manifest, `folder,name,email\nplain,"<script>window.__pwned=8</script>",x@y.z\n`);
    const r = spawnSync(process.execPath, [BIN, 'grade', cohort, '--out', out, '--manifest', manifest, '--jobs', '1'], { encoding: 'utf8' });
    expect(r.stderr).not.toMatch(/internal error/);
    const reportFile = path.join(out, 'report.html');
    const html = readFileSync(reportFile, 'utf8');
    expect(html).toMatch(/Content-Security-Policy" content="default-src 'none'/);
    // The same page without its policy: escaping alone must keep it inert.
    const withoutCsp = path.join(out, 'report-without-csp.html');
    writeFileSync(withoutCsp, html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, ''));

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    for (const file of [reportFile, withoutCsp]) {
      const page = await browser.newPage();
      const dialogs: string[] = [];
      const requests: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      page.on('request', (request) => {
        if (!request.url().startsWith('file:')) requests.push(request.url());
      });
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      // Open every student's section so that everything in it is rendered.
      await page.evaluate(() => document.querySelectorAll("details").forEach((d: HTMLDetailsElement) => d.setAttribute('open', '')));
      await page.waitForTimeout(300);
      const state = await page.evaluate(() => ({
        pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
        scripts: document.querySelectorAll('script').length,
        handlers: Array.from(document.querySelectorAll("*")).filter((el) => Array.from(el.attributes).some((a) => a.name.startsWith('on'))).length,
        active: document.querySelectorAll('img, iframe, object, embed, foreignObject').length,
        text: document.body.textContent ?? '',
        svgs: document.querySelectorAll('.graph svg').length,
      }));
      expect({ file: path.basename(file), pwned: state.pwned, dialogs, requests, scripts: state.scripts, handlers: state.handlers, active: state.active }).toEqual({ file: path.basename(file), pwned: null, dialogs: [], requests: [], scripts: 0, handlers: 0, active: 0 });
      // Shown, as text: the student id, the manifest name, prose and diagram labels.
      expect(state.text).toContain(PAYLOAD);
      expect(state.text).toContain('<script>window.__pwned=8</script>');
      expect(state.text).toContain('student"><b onmouseover=window.__pwned=7>x');
      // Diagram labels reach the drawing as Mermaid would show them (its sanitiser drops the handler).
      expect(state.text).toMatch(/HAProxy <img src="?x"?>/);
      expect(state.svgs).toBeGreaterThanOrEqual(2);
      await page.close();
    }
  });
});
