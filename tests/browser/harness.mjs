// What every browser journey needs: a `kravkedja serve` of its own on a temporary SQLite
// database, people made with the command line, Debian's Chromium driven by playwright-core,
// axe-core's WCAG 2.1 A and AA rules on every page a journey visits, and screenshots of the
// main pages at a desktop and a mobile width under build/screenshots/.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';

export const PASSWORD = 'korrekt-hast-batteri-1';
const ROOT = resolve(import.meta.dirname, '../..');
const BINARY = process.env.KK_BINARY || join(ROOT, 'build/kravkedja');
export const SCREENSHOT_DIR = process.env.KK_SCREENSHOT_DIR || join(ROOT, 'build/screenshots');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

function freePort() {
  return new Promise((done, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => done(port));
    });
  });
}

// Debian's libfaketime, multi-threaded variant (the service runs several threads).
function fakeTimeLibrary() {
  for (const dir of readdirSync('/usr/lib')) {
    const candidate = join('/usr/lib', dir, 'faketime/libfaketimeMT.so.1');
    if (existsSync(candidate)) return candidate;
  }
  throw new Error('libfaketime is not installed (Debian package faketime): make test installs it');
}

export class Service {
  static async start() {
    const dir = mkdtempSync(join(process.env.TMPDIR || tmpdir(), 'kk-browser-'));
    const service = new Service(dir, `sqlite:${join(dir, 'kk.db')}`, await freePort());
    await service.#serve();
    return service;
  }

  constructor(dir, db, port) {
    this.dir = dir;
    this.db = db;
    this.port = port;
    this.base = `http://127.0.0.1:${port}`;
    this.log = [];
  }

  // `kravkedja ARGS --db …`, its output returned; a failure throws with what it printed.
  command(args, input) {
    const r = spawnSync(BINARY, [...args, '--db', this.db], { input, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`kravkedja ${args.join(' ')} failed (${r.status}): ${r.stdout}${r.stderr}`);
    return r.stdout.trim();
  }

  addUser(name, org, roles) {
    this.command(['user', 'add', name, ...roles.flatMap((r) => ['--role', r]), '--org', org, '--password-stdin'],
      `${PASSWORD}\n`);
    return { name, org, roles };
  }

  // The same service and database, as if `days` had passed since the journey began: the
  // process runs under libfaketime (Debian's faketime), which moves the clock it reads.
  async restart({ days }) {
    await this.stop();
    await this.#serve(days);
  }

  async #serve(days = 0) {
    if (days === 0) this.command(['migrate']);
    const args = ['serve', '--listen', `127.0.0.1:${this.port}`, '--db', this.db, '--without-reminders'];
    // libfaketime is preloaded into the service itself (the `faketime` wrapper would stand
    // between this script and the service, and a stop would leave the service running).
    const env = days === 0 ? process.env : { ...process.env, LD_PRELOAD: fakeTimeLibrary(), FAKETIME: `+${days}d`,
      FAKETIME_DONT_FAKE_MONOTONIC: '1' };
    this.process = spawn(BINARY, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
    for (const s of [this.process.stdout, this.process.stderr]) s.on('data', (d) => this.log.push(String(d)));
    const until = Date.now() + 30000;
    while (Date.now() < until) {
      try {
        if ((await fetch(`${this.base}/healthz`)).ok) return;
      } catch { /* not listening yet */ }
      if (this.process.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`kravkedja serve did not answer /healthz:\n${this.log.join('')}`);
  }

  async stop() {
    if (!this.process || this.process.exitCode !== null) return;
    const exited = new Promise((r) => this.process.once('exit', r));
    this.process.kill('SIGTERM');
    await exited;
  }
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.KK_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox'],
  });
}

// A test file's own service and browser: started before its tests, stopped after them, and
// handed to the file through `use` once they run.
export function serviceAndBrowserForThisFile(use) {
  let service;
  let browser;
  before(async () => {
    service = await Service.start();
    browser = await launchBrowser();
    use(service, browser);
  });
  after(async () => {
    await browser?.close();
    await service?.stop();
  });
}

// One person in one browser context: their own cookies, Swedish unless told otherwise.
export async function personIn(browser, service, user, { locale = 'sv-SE' } = {}) {
  const context = await browser.newContext({ locale, baseURL: service.base, acceptDownloads: true,
    viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  // A step that waits for something that never comes fails in seconds, not half a minute.
  page.setDefaultTimeout(10000);
  // A script error on any page is a fault of ours: kept, and asserted none where pages are looked at.
  page.scriptErrors = [];
  page.on('pageerror', (error) => page.scriptErrors.push(`${page.url()}: ${error.message}`));
  return { context, page, user };
}

// Every page a journey looks at goes through here: axe's WCAG 2.1 A and AA rules, and the
// violations kept (each with the page's name) for the test to assert none.
export class Checker {
  constructor() {
    this.pages = [];
    this.views = 0;
    this.violations = [];
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
  }

  // A page state is named by the journey ("case", "tender-judged" …). The same state seen
  // again, after the same kind of action, is the same markup with other data: axe runs on the
  // first of each, which keeps a journey of a hundred page loads within a minute or two.
  async check(page, name, { screenshot = false } = {}) {
    this.views += 1;
    if (!this.pages.includes(name)) {
      this.pages.push(name);
      const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
      for (const v of results.violations) {
        this.violations.push({ page: name, url: page.url(), rule: v.id, impact: v.impact, help: v.help,
          targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) });
      }
    }
    if (screenshot) await this.screenshot(page, name);
  }

  async screenshot(page, name) {
    const size = page.viewportSize();
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-desktop.png`), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    // WCAG 1.4.10 (reflow), which axe cannot judge: at 390 px nothing makes the page scroll sideways.
    const overflow = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      if (document.documentElement.scrollWidth <= width) return null;
      const wide = [...document.querySelectorAll('main *, header *')]
        .filter((e) => e.getBoundingClientRect().right > width + 1 && !e.closest('table'))
        .slice(0, 3).map((e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.className ? `.${e.className}` : ''}`);
      return `${document.documentElement.scrollWidth} px wide: ${wide.join(', ')}`;
    });
    if (overflow) {
      this.violations.push({ page: name, url: page.url(), rule: 'reflow (WCAG 1.4.10)', impact: 'serious',
        help: 'The page must not scroll sideways at 390 px', targets: [overflow] });
    }
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-mobile.png`), fullPage: true });
    await page.setViewportSize(size);
  }

  report() {
    return this.violations.map((v) => `${v.page} (${v.url}): ${v.rule} [${v.impact}] ${v.help} at ${v.targets.join(', ')}`)
      .join('\n');
  }

  write(file) {
    writeFileSync(file, JSON.stringify({ views: this.views, pages: this.pages, violations: this.violations }, null, 2));
  }
}
