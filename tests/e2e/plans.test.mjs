// The person's plans in a real browser (Debian's chromium) at 375 px,
// docs/plans.md and docs/pages.md: a peer worker makes a safety plan with
// the person, with the keyboard alone (a mistake first, shown beside its
// field); the person signs in, opens "My safety plan" from the first link
// on their page, co-signs it, shares it with their worker's supervisors and
// opens the print view; the worker sees who can read it, sets a day to look
// at it again, and finds it on Today. axe-core finds no WCAG 2.1 A/AA
// violation at 375 and 1280 px on every page, and no page scrolls sideways
// at 375 px. Screenshots at 375 px go to ALONGSIDE_SCREENSHOT_DIR
// (plans-*.png; plans-print-paper.png is the print view as printed).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';

import path from 'node:path';

import {
  startProgram, launchBrowser, auditPage, tabTo, signIn, signOut, SCREENSHOT_DIR, TIME_ZONE,
} from './support.mjs';

const PEER_ROLES = new Set(['peer_specialist', 'peer_bridger', 'recovery_coach']);
const stamp = Date.now().toString(36);
const WARNING = `I stop answering my phone and stay in bed (${stamp}).`;
const PEOPLE = 'My sister Ana, 555-0100. My neighbour Sol, after 6pm.';
const MATTERS = 'My dog Biscuit, and seeing my niece grow up. A word that is very long: Donaudampfschifffahrtsgesellschaftskapitaenswitwe.';

function today() {
  return new Date().toLocaleDateString('en-CA', { timeZone: TIME_ZONE });
}

// Presses Enter on the focused control and waits for the page it opens.
async function enter(page) {
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
}

describe("The person's plans at 375 px, with the keyboard", { timeout: 240000 }, () => {
  let program;
  let browser;
  let page;
  let worker;
  let person;
  let personId;
  let personName;
  let planId;
  const problems = [];

  async function audit(name) {
    problems.push(...(await auditPage(page, name)));
    const width = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
    }));
    assert.ok(width.scroll <= 375 && width.inner === 375,
      `${name} scrolls sideways at 375 px: ${JSON.stringify(width)}`);
  }

  before(async () => {
    program = await startProgram();
    browser = await launchBrowser();
    page = await browser.context.newPage();
    await page.setViewportSize({ width: 375, height: 812 });
    const people = new Map(program.accounts
      .filter((account) => account.role === 'person_served')
      .map((account) => [Number(account.username.replace('person', '')), account]));
    // A worker with someone on their caseload who has a sign-in and no
    // safety plan yet.
    for (const candidate of program.accounts.filter((account) => PEER_ROLES.has(account.role))) {
      await signIn(page, program.baseUrl, candidate);
      await page.goto(`${program.baseUrl}/caseload`);
      const ids = (await page.$$eval('main a[href^="/people/"]', (links) =>
        links.map((link) => Number(link.getAttribute('href').split('/')[2]))))
        .filter((id) => people.has(id));
      for (const id of ids) {
        await page.goto(`${program.baseUrl}/people/${id}`);
        if (await page.locator(`a[href="/people/${id}/plans/new?kind=safety"]`).count() === 1) {
          worker = candidate;
          personId = id;
          person = people.get(id);
          break;
        }
      }
      await signOut(page);
      if (worker) break;
    }
    assert.ok(worker, 'a worker with a person who has a sign-in and no safety plan');
  });

  after(async () => {
    if (browser) await browser.close();
    if (program) await program.stop();
  });

  it('the worker makes a safety plan with the person, keyboard only', async () => {
    await signIn(page, program.baseUrl, worker);
    await page.goto(`${program.baseUrl}/people/${personId}`);
    personName = await page.locator('h1').innerText();
    assert.match(await page.locator('section#plans h2').innerText(), /^Plans, in /);
    await audit('plans-person-before');

    await tabTo(page, `a[href="/people/${personId}/plans/new?kind=safety"]`);
    await enter(page);
    assert.equal(await page.locator('h1').innerText(), `Make a safety plan with ${personName}`);
    assert.match(await page.locator('main .lead').innerText(),
      new RegExp(`Write it together, in ${personName.replace('.', '\\.')}'s words`));
    // Every part has its heading as its label and its help beside it.
    const labels = await page.$$eval('form.plan-form textarea', (areas) =>
      areas.map((area) => document.querySelector(`label[for="${area.id}"]`).textContent.trim()));
    assert.deepEqual(labels, [
      'Signs that a hard time may be coming', 'Things I can do on my own to get through it',
      'People and places that take my mind off things', 'People I trust to reach out to',
      'Services and helplines I can contact', 'Keeping myself safer where I am',
      'What matters most to me']);
    await audit('plans-worker-form');

    // Saved with nothing written: the reason stands beside the first part.
    await tabTo(page, 'form.plan-form button[type=submit]');
    await enter(page);
    assert.equal(await page.locator('#section-warning_signs').getAttribute('aria-invalid'), 'true');
    assert.match(await page.locator('#section-warning_signs-error').innerText(),
      /Write something in at least one part of the plan/);
    assert.match(await page.locator('#error-summary').innerText(), /Nothing has been saved yet/);
    await audit('plans-worker-form-error');

    await tabTo(page, '#section-warning_signs');
    await page.keyboard.type(WARNING);
    await tabTo(page, '#section-people_to_ask');
    await page.keyboard.type(PEOPLE);
    await tabTo(page, '#section-what_matters_most');
    await page.keyboard.type(MATTERS);
    await tabTo(page, 'form.plan-form button[type=submit]');
    await enter(page);
    const url = new URL(page.url());
    assert.match(url.pathname, new RegExp(`^/people/${personId}/plans/\\d+$`));
    planId = Number(url.pathname.split('/')[4]);
    assert.match(await page.locator('#notice').innerText(), /waits for .*co-signature/);
    assert.match(await page.locator('main').innerText(),
      new RegExp(`waiting for ${personName.replace('.', '\\.')}'s co-signature`, 'i'));
    assert.match(await page.locator('#part-warning-signs').innerText(), new RegExp(stamp));
    assert.ok(await page.locator('#crisis-lines').isVisible());
    assert.equal(await page.locator('main form').count(), 0, 'no co-sign or sharing for the worker');
    await audit('plans-worker-plan');
    await signOut(page);
  });

  it('the person opens it from their first page, co-signs and shares it', async () => {
    await signIn(page, program.baseUrl, person);
    assert.equal(new URL(page.url()).pathname, '/me');
    // The first thing on the page after its heading: the plans.
    const first = await page.evaluate(() => {
      const heading = document.querySelector('main h1');
      return heading.nextElementSibling.querySelector('a').textContent;
    });
    assert.match(first, /^My safety plan/);
    assert.match(first, /Waiting for your co-signature/);
    const links = await page.$$eval('a.plan-link', (all) => all.map((link) => link.textContent));
    assert.equal(links.length, 2);
    assert.match(links[1], /^(My wellness plan|Make my wellness plan)/);
    await audit('plans-me');

    await tabTo(page, 'a.plan-link[href^="/me/plans/"]');
    await enter(page);
    assert.equal(new URL(page.url()).pathname, `/me/plans/${planId}`);
    assert.equal(await page.locator('h1').innerText(), 'My safety plan');
    assert.match(await page.locator('#cosign').innerText(), /These are my words/);
    // The list of parts leads to each.
    const parts = await page.$$eval('nav.plan-toc a', (links) => links.map((link) => link.getAttribute('href')));
    assert.ok(parts.includes('#crisis-lines') && parts.includes('#part-what-matters-most'), parts.join());
    await audit('plans-me-plan');

    await tabTo(page, `form[action="/me/plans/${planId}/cosign"] button`);
    await enter(page);
    assert.match(await page.locator('#notice').innerText(), /You co-signed your plan/);
    assert.equal(await page.locator('#cosign').count(), 0);
    await audit('plans-me-cosigned');

    await page.goto(`${program.baseUrl}/me/plans/${planId}`);
    await tabTo(page, '#share-supervisors');
    await page.keyboard.press('Space');
    await tabTo(page, `form[action="/me/plans/${planId}/sharing"] button`);
    await enter(page);
    assert.equal(new URL(page.url()).hash, '#sharing');
    assert.equal(await page.$eval('#share-supervisors', (box) => box.checked), true);
    assert.equal(await page.$eval('#share-team', (box) => box.checked), false);
    const notice = page.locator('#sharing .notice');
    assert.match(await notice.innerText(), /Your choice is saved/);
    const box = await notice.boundingBox();
    assert.ok(box && box.y >= -1 && box.y + box.height <= 812, `notice on screen: ${JSON.stringify(box)}`);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'plans-me-shared-landed.png') });
    await audit('plans-me-shared');

    await page.goto(`${program.baseUrl}/me/plans/${planId}`);
    await tabTo(page, `a[href="/me/plans/${planId}/print"]`);
    await enter(page);
    assert.equal(await page.locator('h1').innerText(), 'My safety plan');
    assert.equal(await page.locator('.site-header').isVisible(), false);
    const sheet = await page.locator('.print-sheet').innerText();
    for (const text of [personName, WARNING, PEOPLE, 'What matters most to me',
      '988 Suicide & Crisis Lifeline', 'Text HOME to 741741', 'Call 911']) {
      assert.ok(sheet.includes(text), `the print view shows ${text}`);
    }
    assert.equal(await page.locator('main button, main form').count(), 0);
    await audit('plans-print');
    // As printed: no link back, no hint, no header or footer.
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('.print-hint').first().isVisible(), false);
    assert.equal(await page.locator('.site-footer').isVisible(), false);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'plans-print-paper.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    // The print view has no header: sign out from the person's page.
    await page.goto(`${program.baseUrl}/me`);
    await signOut(page);
  });

  it('the worker sees who can read it, sets a day to look again, and Today shows it', async () => {
    await browser.context.clearCookies();
    await signIn(page, program.baseUrl, worker);
    await page.goto(`${program.baseUrl}/people/${personId}/plans/${planId}`);
    assert.match(await page.locator('main').innerText(), /their peer worker's supervisors/);
    assert.doesNotMatch(await page.locator('main').innerText(), /waiting for/i);
    await audit('plans-worker-shared');

    await tabTo(page, `a[href="/people/${personId}/plans/${planId}/edit"]`);
    await enter(page);
    assert.equal(await page.$eval('#section-warning_signs', (area) => area.value), WARNING);
    await page.fill('#review_on', today());
    await tabTo(page, 'form.plan-form button[type=submit]');
    await enter(page);
    assert.match(await page.locator('#notice').innerText(), /plan is saved/);

    await page.goto(`${program.baseUrl}/today`);
    await audit('plans-today');
    // Near the goals to review, folded to one line: how many, and with a
    // keypress the soonest three.
    const due = page.locator('section[aria-labelledby=goals-due] details.plans-due');
    const summary = due.locator('summary');
    assert.match(await summary.innerText(), /^Plans to look at again: \d+$/);
    const folded = await due.boundingBox();
    assert.ok(folded.height <= 60, `folded, it is ${folded.height} px tall`);
    await tabTo(page, 'details.plans-due > summary');
    await page.keyboard.press('Enter');
    const rows = await due.locator('li').allInnerTexts();
    assert.ok(rows.length >= 1 && rows.length <= 3, rows.join(' | '));
    const open = await due.boundingBox();
    assert.ok(open.height <= 60 + 3 * 80, `open, it is ${open.height} px tall`);
    const mine = await page.locator(`a[href="/people/${personId}/plans/${planId}"]`).count();
    const more = await due.locator('p.hint', { hasText: 'more' }).count();
    assert.ok(mine === 1 || more === 1, 'the plan is listed, or counted among more');
    await audit('plans-today-open');
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    console.log(`Today is ${height} px tall at 375 px`);
  });

  it('has no WCAG 2.1 A/AA violation and nothing scrolling sideways', () => {
    assert.deepEqual(problems, [], JSON.stringify(problems, null, 2));
  });
});
