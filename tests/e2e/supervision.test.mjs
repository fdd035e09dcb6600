// A supervisor's Monday morning in a real browser (Debian's chromium), and
// the program and admin pages at 375 px: /supervision answers "what needs my
// attention?" first, per supervisee; a supervisee's page is paged and
// counted; a supervision session is recorded from the page with the
// keyboard alone and the confirmation is shown where the supervisor lands;
// the program's tables become cards at 375 px; the audit view names who
// acted and whose record it was. axe-core finds no WCAG 2.1 A/AA violation
// at 375 and 1280 px, and no page scrolls sideways at 375 px.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { startProgram, launchBrowser, auditPage, tabTo, signIn, signOut } from './support.mjs';

const stamp = Date.now().toString(36);
const REFLECTION = `We talked through sharing my own story at group and what it was for (${stamp}).`;

// What is wider than a 375 px viewport: the document, and any element that
// reaches past its right edge (visually hidden ones aside).
async function sideways(page) {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const wide = [];
    for (const element of document.querySelectorAll('body *')) {
      if (element.closest('.visually-hidden, .skip-link')) continue;
      const box = element.getBoundingClientRect();
      if (box.width > 1 && (box.right > width + 0.5 || box.left < -0.5)) {
        wide.push(`${element.tagName.toLowerCase()}.${element.className} ${Math.round(box.left)}..${Math.round(box.right)}`);
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5) };
  });
}

describe('A supervisor, the program and the audit view at 375 px', { timeout: 240000 }, () => {
  let program;
  let browser;
  let page;
  const problems = [];

  // Each step signs in afresh, whatever the step before left behind.
  async function signInAs(role) {
    await browser.context.clearCookies();
    const account = program.accounts.find((candidate) => candidate.role === role);
    await signIn(page, program.baseUrl, account);
  }

  async function audit(name) {
    problems.push(...(await auditPage(page, name)));
    const fit = await sideways(page);
    assert.ok(fit.scrollWidth <= fit.width, `${name} scrolls sideways: ${JSON.stringify(fit)}`);
    assert.deepEqual(fit.wide, [], `${name}: elements wider than 375 px`);
  }

  before(async () => {
    program = await startProgram();
    browser = await launchBrowser();
    page = await browser.context.newPage();
    await page.setViewportSize({ width: 375, height: 812 });
  });

  after(async () => {
    if (browser) await browser.close();
    if (program) await program.stop();
  });

  it('puts what needs attention first, per supervisee, with counts', async () => {
    await signInAs('senior_peer_supervisor');
    assert.equal(new URL(page.url()).pathname, '/supervision');
    const headings = await page.$$eval('main h2', (nodes) => nodes.map((node) => node.textContent.trim()));
    assert.equal(headings[0], 'Needs attention');
    // Totals first: drafts past the deadline, role drift, supervision due,
    // open drift flags, final notes keeping words the review marked.
    const totals = await page.$$eval('.sup-totals li', (nodes) => nodes.map((node) => node.textContent));
    assert.equal(totals.length, 5);
    assert.match(totals[0], /^\d+ drafts? past the deadline$/);
    assert.match(totals[1], /^\d+ contacts? outside peer scope$/);
    assert.match(totals[2], /^\d+ supervisees? due supervision$/);
    assert.match(totals[3], /^\d+ open role-drift flags?$/);
    assert.match(totals[4], /^\d+ final notes? keeps? words the review marked$/);
    // Each supervisee is a card with its figures and the two links; none is
    // cut off (the Drafts figure is whole).
    const cards = await page.$$('.sup-card');
    assert.ok(cards.length > 0, 'no supervisee cards');
    const drafts = await page.$$eval('.sup-card .sup-figures div', (nodes) =>
      nodes.filter((node) => node.querySelector('dt').textContent === 'Drafts')
        .map((node) => node.querySelector('dd').textContent));
    assert.ok(drafts.every((text) => /^\d+$/.test(text)));
    await audit('supervision-overview');
  });

  it('shows one supervisee\'s work paged and counted, and records a session with the keyboard', async () => {
    const href = await page.$eval('.sup-card h3 a', (link) => link.getAttribute('href'));
    assert.match(href, /^\/supervision\/workers\/\d+$/);
    await page.goto(`${program.baseUrl}${href}`);
    const counts = await page.$$eval('main p.hint', (nodes) => nodes.map((node) => node.textContent));
    assert.ok(counts.some((text) => /^\d+ drafts?\b/.test(text)), counts.join(' | '));
    assert.ok(counts.some((text) => /^\d+ contacts?\b/.test(text)), counts.join(' | '));
    // More than a page is counted, and the page says which part is shown.
    for (const text of counts.filter((line) => /^\d+ (drafts|contacts), /.test(line))) {
      assert.match(text, /^\d+ (drafts|contacts), 1 to 10 shown\./);
    }
    await audit('supervision-worker');

    // Keyboard only: Tab to "Record supervision", Enter, fill, submit.
    await tabTo(page, 'main a.button[href$="/sessions/new"]');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    assert.match(new URL(page.url()).pathname, /^\/supervision\/workers\/\d+\/sessions\/new$/);
    assert.equal(await page.$eval('#kind-peer_practice', (input) => input.checked), true);
    await audit('supervision-form');

    // A mistake first: the form comes back with what was typed, nothing saved.
    await tabTo(page, '#minutes');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('lots');
    await tabTo(page, 'button[type=submit]');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    assert.equal(await page.$eval('#minutes', (input) => input.getAttribute('aria-invalid')), 'true');
    assert.match(await page.textContent('.error-summary'), /Minutes: Enter the length in whole minutes/);
    await audit('supervision-form-errors');

    await tabTo(page, '#minutes');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('50');
    await tabTo(page, '#focus-role_fidelity');
    await page.keyboard.press('Space');
    await tabTo(page, '#focus-self_disclosure');
    await page.keyboard.press('Space');
    await tabTo(page, '#reflection');
    await page.keyboard.type(REFLECTION);
    await tabTo(page, 'button[type=submit]');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    assert.equal(new URL(page.url()).pathname, href);
    // The confirmation is on the page the supervisor lands on, and the
    // session is listed.
    const notice = page.locator('p.notice[role=status]');
    assert.equal(await notice.textContent(), 'The supervision session is saved.');
    assert.ok(await notice.isVisible());
    const sessions = await page.$$eval('#sessions ~ ul li, section[aria-labelledby=sessions] li',
      (nodes) => nodes.map((node) => node.textContent));
    assert.ok(sessions.some((text) => /50 minutes; Staying in the peer role, Sharing lived experience; reflection written/.test(text)),
      sessions.join(' | '));
    assert.match(await page.textContent('section[aria-labelledby=sessions] p.hint'), /last held: today/);
    await audit('supervision-saved');

    // Another supervisor's worker is refused.
    const response = await page.goto(`${program.baseUrl}/supervision/workers/999999`);
    assert.equal(response.status(), 403);
    await page.goto(`${program.baseUrl}/supervision`);
    await signOut(page);
  });

  it('turns the program page\'s tables into cards at 375 px', async () => {
    await signInAs('program_manager');
    assert.equal(new URL(page.url()).pathname, '/program');
    const display = await page.$eval('table.card-table tr', (row) => getComputedStyle(row).display);
    assert.equal(display, 'block');
    await audit('program-375');
    await page.setViewportSize({ width: 1280, height: 800 });
    assert.equal(await page.$eval('table.card-table tr', (row) => getComputedStyle(row).display),
      'table-row');
    await page.setViewportSize({ width: 375, height: 812 });
    await signOut(page);
  });

  it('names who acted and whose record it was in the audit view, beside the ids', async () => {
    await signInAs('administrator');
    assert.equal(new URL(page.url()).pathname, '/admin');
    const text = await page.textContent('.audit-entries');
    // The supervisor's session and sign-ins above are among the latest entries.
    assert.match(text, /Who acted\s*[^(]+\(staff:\d+\)/);
    await audit('admin-names');
    await signOut(page);
  });

  it('finds no accessibility violation on any page it visited', () => {
    assert.deepEqual(problems, []);
  });
});
