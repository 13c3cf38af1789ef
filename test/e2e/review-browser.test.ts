/// <reference lib="dom" />
// page.evaluate callbacks run in the browser: they use its globals.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { beaconPayloads, startBeacon, type Beacon } from '../helpers/beacon.js';
import { makeCohort } from '../helpers/cohort.js';
import { BIN, FIXTURES } from '../helpers/paths.js';

// Debian's Chromium; .ci/run installs it when absent.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HOSTILE = 'eve<img src=x onerror="window.__pwned=1">';
const PNG = readFileSync(path.join(FIXTURES, 'image-only', 'web_infrastructure_design', '3-scale_up.png'));

function run(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the review page in headless Chromium', () => {
  let browser: Browser | undefined;
  let server: ChildProcess | undefined;
  let beacon: Beacon | undefined;
  afterAll(async () => {
    await browser?.close();
    server?.kill('SIGINT');
    await beacon?.close();
  });

  it('shows the images, ticks a rule, saves it, and the next grade applies it', async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not at ${CHROMIUM}: install Debian's chromium (.ci/run does) or set CHROMIUM_PATH`);
    beacon = await startBeacon();
    const aimed = `${beaconPayloads(beacon.url).join(' ')}\n\n![remote](${beacon.url}/review-image.png)\n`;
    const cohort = makeCohort({
      carol: 'image-only',
      [HOSTILE]: {
        'web_infrastructure_design/3-scale_up.md': `# Scale up <script>window.__pwned=2</script>\n\n![x" onerror="window.__pwned=3](d<b>.png)\n\n[drawing](https://i.imgur.com/z.png)\n\n${aimed}`,
        'web_infrastructure_design/d<b>.png': PNG,
      },
    });
    const out = mkdtempSync(path.join(os.tmpdir(), 'infralint-review-browser-'));
    expect(run(['grade', cohort, '--out', out, '--jobs', '1']).code).toBe(0);

    server = spawn(process.execPath, [BIN, 'review', out, '--reviewer', 'ann'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let printed = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL: ${printed}`)), 20000);
      server!.stdout!.on('data', (chunk: Buffer) => {
        printed += chunk.toString();
        const found = /Open (http:\/\/127\.0\.0\.1:\d+\/)/.exec(printed);
        if (found) {
          clearTimeout(timer);
          resolve(found[1]!);
        }
      });
    });

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const page = await browser.newPage();
    const dialogs: string[] = [];
    const elsewhere: string[] = [];
    const violations: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('request', (request) => {
      if (!request.url().startsWith(url)) elsewhere.push(request.url());
    });
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.goto(url, { waitUntil: 'load' });
    const carol = page.locator('section.student', { has: page.locator('h2', { hasText: 'carol' }) });
    await carol.locator('img').first().scrollIntoViewIfNeeded();
    await page.waitForFunction(() => Array.from(document.querySelectorAll('img')).every((img) => img.complete));
    const shown = await page.evaluate(() => ({
      pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
      images: Array.from(document.querySelectorAll('img')).map((img) => ({ alt: img.alt, width: img.naturalWidth })),
      links: Array.from(document.querySelectorAll('a[href^="https://i.imgur"]')).length,
      text: document.body.textContent ?? '',
    }));
    expect(shown.pwned).toBeNull();
    expect(shown.images).toEqual([{ alt: 'web_infrastructure_design/3-scale_up.png', width: 1 }, { alt: 'web_infrastructure_design/d<b>.png', width: 1 }]);
    expect(shown.links).toBe(1);
    expect(shown.text).toContain(HOSTILE);

    // Tick diagram-present for carol, with a note, and save.
    const form = carol.locator('form.rule[data-rule="diagram-present"]');
    await form.locator('input[value="pass"]').check();
    await form.locator('input[name="note"]').fill('two LBs <b>clustered</b>');
    await form.locator('button[type="submit"]').click();
    await form.locator('[data-result]', { hasText: 'saved' }).waitFor({ timeout: 10000 });
    expect(await form.locator('[data-state]').textContent()).toMatch(/^pass \(10\/10\), decided by ann at \d{4}-/);
    expect(await carol.locator('h3 span').first().textContent()).toMatch(/^27\/100, 73 awaiting review, pending review$/);
    expect({ dialogs, elsewhere, violations }).toEqual({ dialogs: [], elsewhere: [], violations: [] });
    // The listener on 127.0.0.1 the student's markup points at heard nothing.
    expect(beacon.heard).toEqual([]);

    server.kill('SIGINT');
    await new Promise((resolve) => server!.on('exit', resolve));
    const saved = readFileSync(path.join(out, 'decisions.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, string>);
    expect(saved).toEqual([expect.objectContaining({ student: 'carol', task: '3-scale_up', rule: 'diagram-present', status: 'pass', note: 'two LBs <b>clustered</b>', reviewer: 'ann' })]);

    const again = run(['grade', cohort, '--out', out, '--jobs', '1']);
    expect(again.stdout).toContain('1 review decisions applied, 0 stale, 0 set aside');
    const book = JSON.parse(readFileSync(path.join(out, 'gradebook.json'), 'utf8')) as { students: { student: string; tasks: { score: number; rules: Record<string, { status: string; decidedBy?: string; note?: string }> }[] }[] };
    const graded = book.students.find((s) => s.student === 'carol')!.tasks[0]!;
    expect(graded.rules['diagram-present']).toMatchObject({ status: 'pass', decidedBy: 'ann', note: 'two LBs <b>clustered</b>' });
    expect(graded.score).toBe(27);
  });
});
