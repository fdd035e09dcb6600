// Helpers for the browser tests: a synthetic program served by a real
// `alongside serve`, Debian's chromium driven by playwright-core (never a
// downloaded browser), axe-core checks and keyboard helpers.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

export const CHROMIUM = process.env.ALONGSIDE_CHROMIUM || '/usr/bin/chromium';
export const BINARY = process.env.ALONGSIDE_BINARY;
export const SCREENSHOT_DIR =
  process.env.ALONGSIDE_SCREENSHOT_DIR || path.join(process.cwd(), 'e2e-screenshots');
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
export const VIEWPORTS = [
  { name: 'phone', width: 375, height: 812 },
  { name: 'desktop', width: 1280, height: 800 },
];

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// The program's time zone in the browser tests: a US zone, so that local
// time is exercised (the machine's own zone is often UTC).
export const TIME_ZONE = 'America/New_York';

function today() {
  return new Date().toLocaleDateString('en-CA', { timeZone: TIME_ZONE });
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function parseAccounts(csvText) {
  const [header, ...lines] = csvText.trim().split('\n');
  const columns = header.split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(columns.map((name, idx) => [name, cells[idx]]));
  });
}

// Synthesises a program into a temp dir and serves it; returns
// { baseUrl, accounts, stop() }.
// `people` and `accounts` size the program (the fidelity test needs at
// least 3 teams for synth's clinical-only and peer-only teams).
export async function startProgram({ people = 120, accounts: accountCount = 60 } = {}) {
  if (!BINARY) throw new Error('set ALONGSIDE_BINARY to the alongside executable');
  const dir = mkdtempSync(path.join(tmpdir(), 'alongside-e2e-'));
  const db = path.join(dir, 'program.db');
  const synth = spawnSync(
    BINARY,
    ['synth', '--db', db, '--people', String(people), '--end', today(), '--accounts', String(accountCount),
      '--time-zone', TIME_ZONE],
    { encoding: 'utf8' },
  );
  if (synth.status !== 0) throw new Error(`synth failed: ${synth.stderr}`);
  const accounts = parseAccounts(readFileSync(`${db}.accounts.csv`, 'utf8'));

  const port = await freePort();
  const server = spawn(BINARY, ['serve', '--db', db, '--port', String(port), '--threads', '8'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let serverErrors = '';
  server.stderr.on('data', (chunk) => { serverErrors += chunk; });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15000;
  for (;;) {
    try {
      const health = await fetch(`${baseUrl}/healthz`);
      if (health.ok) break;
    } catch {
      // not listening yet
    }
    if (server.exitCode !== null || Date.now() > deadline) {
      throw new Error(`alongside serve did not become healthy: ${serverErrors}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    baseUrl,
    accounts,
    async stop() {
      server.kill('SIGTERM');
      await new Promise((resolve) => {
        if (server.exitCode !== null) return resolve();
        server.on('exit', resolve);
      });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Debian's chromium with a fresh profile directory. bypassCSP lets the test
// inject axe-core; the pages themselves never need script.
export async function launchBrowser() {
  const profile = mkdtempSync(path.join(tmpdir(), 'alongside-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    bypassCSP: true,
    viewport: { width: 375, height: 812 },
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

// Runs axe-core on the page as it stands; returns the WCAG 2.0/2.1 A and AA
// violations.
export async function axeViolations(page) {
  const loaded = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!loaded) await page.addScriptTag({ content: AXE_SOURCE });
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }),
    AXE_TAGS,
  );
  return result.violations.map((violation) => ({
    id: violation.id,
    help: violation.help,
    targets: violation.nodes.map((node) => node.target.join(' ')).slice(0, 5),
  }));
}

// What scrolls sideways on the page as it stands: the page itself wider
// than the window, or an element reaching past the window's right edge
// (text cut off even where the page does not scroll). An element inside a
// box that scrolls on its own (a wide table in a labelled, focusable
// region) is that box's, not the page's.
export async function horizontalOverflow(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const found = [];
    if (document.documentElement.scrollWidth > width) {
      found.push(`the page is ${document.documentElement.scrollWidth} px wide in ${width} px`);
    }
    for (const element of document.body.querySelectorAll('*')) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.right <= width + 1) continue;
      let scroller = element.parentElement;
      let inScroller = false;
      while (scroller && scroller !== document.body) {
        const style = getComputedStyle(scroller);
        if (['auto', 'scroll'].includes(style.overflowX)) { inScroller = true; break; }
        scroller = scroller.parentElement;
      }
      if (inScroller) continue;
      const label = element.tagName.toLowerCase() + (element.id ? `#${element.id}` : '') +
        (element.className && typeof element.className === 'string'
          ? `.${element.className.trim().split(/\s+/).join('.')}` : '');
      found.push(`${label} reaches ${Math.round(box.right)} px`);
      if (found.length > 5) break;
    }
    return found;
  });
}

// Checks the page at both viewports with axe, and at 375 px that nothing
// scrolls sideways, and saves a full-page screenshot at 375 px as
// <name>.png; returns the problems by viewport.
export async function auditPage(page, name) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const problems = [];
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    const violations = await axeViolations(page);
    if (violations.length > 0) problems.push({ page: name, viewport: viewport.name, violations });
    const overflow = await horizontalOverflow(page);
    if (overflow.length > 0) problems.push({ page: name, viewport: viewport.name, overflow });
    if (viewport.width === 375) {
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
    }
  }
  await page.setViewportSize({ width: 375, height: 812 });
  return problems;
}

// Presses Tab until the focused element matches `selector`; throws after
// `maxPresses`. Keyboard only: no clicks, no programmatic focus.
export async function tabTo(page, selector, maxPresses = 120) {
  for (let press = 0; press < maxPresses; press += 1) {
    await page.keyboard.press('Tab');
    const matched = await page.evaluate(
      (wanted) => document.activeElement !== null && document.activeElement.matches(wanted),
      selector,
    );
    if (matched) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

export async function signIn(page, baseUrl, account) {
  await page.goto(`${baseUrl}/login`);
  await page.fill('#username', account.username);
  await page.fill('#password', account.password);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
}

export async function signOut(page) {
  await Promise.all([page.waitForNavigation(), page.click('form.sign-out button')]);
}
