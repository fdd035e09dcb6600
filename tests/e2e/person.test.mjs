// The person's page and the person's own pages in a real browser (Debian's
// chromium), issue 11: the worker assigned to the person notes progress on a
// goal, marks it achieved with them, records a hospital or crisis stay and
// pages through every older note ("Notes 11 to 20 of N"), each with the
// keyboard alone and each confirmed by a notice on the screen the worker
// lands on; the person changes their pronouns and how they describe
// themselves, rewrites a goal in their words and sees the status their
// worker marked waiting for their co-signature; the worker reads the
// person's new words. axe-core finds no WCAG 2.1 A/AA violation at 375 and
// 1280 px, and no page scrolls sideways at 375 px. Screenshots at 375 px go
// to ALONGSIDE_SCREENSHOT_DIR (person-*.png, me-*.png).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';

import path from 'node:path';

import {
  startProgram, launchBrowser, auditPage, tabTo, signIn, signOut, SCREENSHOT_DIR,
} from './support.mjs';

const PEER_ROLES = new Set(['peer_specialist', 'peer_bridger', 'recovery_coach']);
const stamp = Date.now().toString(36);
const GOAL = `Walk to the market on my own on Saturdays (${stamp}).`;
const PROGRESS = `Went twice this week, once in the rain (${stamp}).`;
const PLACE = `Harbor crisis house (${stamp})`;
const PRONOUNS = 'they/them';
const ABOUT_ME = `A gardener who is learning to ask for help (${stamp}).`;
const MY_WORDS = `Walk to the market on my own, rain or shine (${stamp}).`;

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

// The notice after a redirect: its text, and whether all of it is inside
// the 375 x 812 screen the browser landed on.
async function landedNotice(page) {
  return page.evaluate(() => {
    const notices = [...document.querySelectorAll('main .notice')];
    const visible = notices.filter((notice) => notice.getClientRects().length > 0);
    if (visible.length !== 1) return { count: visible.length };
    const box = visible[0].getBoundingClientRect();
    return {
      count: 1,
      text: visible[0].textContent.trim(),
      onScreen: box.top >= 0 && box.bottom <= window.innerHeight,
    };
  });
}

// The 375 x 812 screen as the user landed on it (not the whole page).
async function landedShot(page, name) {
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-landed.png`) });
}

// Presses Enter on the focused control and waits for the page it opens.
async function enter(page) {
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
}

describe("The person's page and the person's own pages at 375 px", { timeout: 240000 }, () => {
  let program;
  let browser;
  let page;
  let worker;
  let person;
  let personId;
  let goalId;
  const problems = [];

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
    const people = new Map(program.accounts
      .filter((account) => account.role === 'person_served')
      .map((account) => [Number(account.username.replace('person', '')), account]));
    // A worker with a person who has a sign-in and more than 10 notes.
    for (const candidate of program.accounts.filter((account) => PEER_ROLES.has(account.role))) {
      await signIn(page, program.baseUrl, candidate);
      await page.goto(`${program.baseUrl}/caseload`);
      const ids = (await page.$$eval('main a[href^="/people/"]', (links) =>
        links.map((link) => Number(link.getAttribute('href').split('/')[2]))))
        .filter((id) => people.has(id));
      for (const id of ids) {
        await page.goto(`${program.baseUrl}/people/${id}`);
        const range = await page.locator('#contacts ~ .hint').first().innerText().catch(() => '');
        const total = Number((range.match(/of (\d+)/) || [])[1] || 0);
        if (total > 10) {
          worker = candidate;
          personId = id;
          person = people.get(id);
          break;
        }
      }
      await signOut(page);
      if (worker) break;
    }
    assert.ok(worker, 'a worker with a person who has a sign-in and more than 10 notes');
  });

  after(async () => {
    if (browser) await browser.close();
    if (program) await program.stop();
  });

  it('pages through every older note with a count, by keyboard', async () => {
    await signIn(page, program.baseUrl, worker);
    await page.goto(`${program.baseUrl}/people/${personId}`);
    const first = await page.locator('#contacts ~ .hint').first().innerText();
    const total = Number(first.match(/of (\d+)/)[1]);
    assert.equal(first, `Notes 1 to 10 of ${total}, newest first.`);
    assert.equal(await page.locator('#contacts ~ ol > li.card').count(), 10);
    assert.equal(await page.locator('nav.pager a', { hasText: 'Newer notes' }).count(), 0);
    const firstPageIds = await page.$$eval('#contacts ~ ol > li.card', (cards) => cards.map((card) => card.id));
    await audit('person-notes-1');

    await tabTo(page, 'nav.pager a[href*="offset=10"]');
    await enter(page);
    assert.equal(new URL(page.url()).searchParams.get('offset'), '10');
    const second = await page.locator('#contacts ~ .hint').first().innerText();
    const lastShown = Math.min(20, total);
    assert.equal(second, `Notes 11 to ${lastShown} of ${total}, newest first.`);
    const secondPageIds = await page.$$eval('#contacts ~ ol > li.card', (cards) => cards.map((card) => card.id));
    assert.equal(secondPageIds.length, lastShown - 10);
    assert.ok(secondPageIds.every((id) => !firstPageIds.includes(id)), 'no note shown twice');
    assert.equal(await page.locator('nav.pager a', { hasText: 'Newer notes' }).count(), 1);
    await audit('person-notes-2');

    // The last page has no "Older notes"; every note is reachable.
    const lastOffset = Math.floor((total - 1) / 10) * 10;
    await page.goto(`${program.baseUrl}/people/${personId}?offset=${lastOffset}`);
    assert.equal(await page.locator('nav.pager a', { hasText: 'Older notes' }).count(), 0);
    assert.equal(await page.locator('#contacts ~ ol > li.card').count(), total - lastOffset);
  });

  it('notes progress on a goal and marks it achieved with the person, confirmed where the worker lands', async () => {
    await page.goto(`${program.baseUrl}/people/${personId}`);
    // A goal written with the person for this journey.
    await tabTo(page, '#goal-words');
    await page.keyboard.type(GOAL);
    await tabTo(page, `form[action="/people/${personId}/goals"] button[type=submit]`);
    await enter(page);
    const added = new URL(page.url());
    assert.equal(added.searchParams.get('saved'), 'goal');
    goalId = Number(added.hash.replace('#goal-', ''));
    assert.ok(goalId > 0, `landed on the new goal: ${page.url()}`);
    let notice = await landedNotice(page);
    assert.equal(notice.text, 'The goal is saved.');
    assert.ok(notice.onScreen, 'the notice is on the screen the worker lands on');

    await tabTo(page, `#progress-${goalId}`);
    await page.keyboard.type(PROGRESS);
    await tabTo(page, `form[action="/people/${personId}/goals/${goalId}/progress"] button`);
    await enter(page);
    assert.equal(new URL(page.url()).hash, `#goal-${goalId}`);
    notice = await landedNotice(page);
    assert.equal(notice.text, 'The progress is saved with the goal.');
    assert.ok(notice.onScreen, 'the progress notice is on the screen the worker lands on');
    await landedShot(page, 'person-progress');
    const card = page.locator(`#goal-${goalId}`);
    assert.match(await card.innerText(), new RegExp(PROGRESS.replace(/[().]/g, '\\$&')));
    assert.match(await card.innerText(), /noted by worker/);
    await audit('person-goal-progress');

    await tabTo(page, `form[action="/people/${personId}/goals/${goalId}/status"] button[value="achieved"]`);
    await enter(page);
    notice = await landedNotice(page);
    assert.match(notice.text, /new status is saved/);
    assert.ok(notice.onScreen, 'the status notice is on the screen the worker lands on');
    await landedShot(page, 'person-status');
    const marked = await page.locator(`#goal-${goalId} p.muted`).first().innerText();
    assert.match(marked, /^Achieved · written together, not yet co-signed/);
    // The button offered now is the way back, not "Achieved" again.
    assert.equal(await page.locator(`#goal-${goalId} button[value="achieved"]`).count(), 0);
    assert.equal(await page.locator(`#goal-${goalId} button[value="active"]`).count(), 1);
  });

  it('records a stay with where it was, and shows a mistake beside its field', async () => {
    await page.goto(`${program.baseUrl}/people/${personId}`);
    // A discharge before the admission: refused beside the field, nothing saved.
    await page.selectOption('#stay-kind', 'crisis_stabilisation');
    await page.fill('#stay-place', PLACE);
    await page.fill('#stay-admitted', '2026-11-10');
    await page.fill('#stay-discharged', '2026-11-01');
    await tabTo(page, `form[action="/people/${personId}/admissions"] button[type=submit]`);
    await enter(page);
    assert.equal(await page.$eval('#stay-discharged', (input) => input.getAttribute('aria-invalid')), 'true');
    assert.match(await page.locator('#stay-discharged-error').innerText(), /before admitted_on|before/i);
    assert.equal(await page.$eval('#stay-place', (input) => input.value), PLACE);
    assert.equal(await page.$eval('#stay-kind', (select) => select.value), 'crisis_stabilisation');
    assert.equal(await page.locator('.stays li', { hasText: PLACE }).count(), 0);
    await audit('person-stay-error');

    // Still there: no discharge day.
    await page.fill('#stay-discharged', '');
    await tabTo(page, `form[action="/people/${personId}/admissions"] button[type=submit]`);
    await enter(page);
    assert.equal(new URL(page.url()).hash, '#admissions');
    const notice = await landedNotice(page);
    assert.equal(notice.text, 'The stay is saved.');
    assert.ok(notice.onScreen, 'the stay notice is on the screen the worker lands on');
    await landedShot(page, 'person-stay');
    const stay = await page.locator('.stays li', { hasText: PLACE }).innerText();
    assert.match(stay, /^Crisis stay, Harbor crisis house .*: .*2026, still there$/);
    await audit('person-stay-saved');
    await signOut(page);
  });

  it("lets the person change their own words and their goal's words, by keyboard", async () => {
    await signIn(page, program.baseUrl, person);
    assert.equal(new URL(page.url()).pathname, '/me');
    await tabTo(page, 'details.my-words > summary');
    await page.keyboard.press('Enter');
    await tabTo(page, '#my-pronouns');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(PRONOUNS);
    await tabTo(page, '#my-description');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(ABOUT_ME);
    await audit('me-form-open');
    await tabTo(page, 'form[action="/me/profile"] button[type=submit]');
    await enter(page);
    assert.equal(new URL(page.url()).hash, '#about-me');
    const notice = await landedNotice(page);
    assert.match(notice.text, /Your words about yourself are saved/);
    assert.ok(notice.onScreen, 'the notice is on the screen the person lands on');
    await landedShot(page, 'me-profile');
    assert.equal(await page.locator('#about-me blockquote').innerText(), ABOUT_ME);
    assert.match(await page.locator('dl.facts').innerText(), /they\/them/);
    await audit('me-saved');

    // Too long: refused beside the field, with what was typed kept.
    await tabTo(page, 'details.my-words > summary');
    await page.keyboard.press('Enter');
    await page.fill('#my-pronouns', 'x'.repeat(61));
    await tabTo(page, 'form[action="/me/profile"] button[type=submit]');
    await enter(page);
    assert.equal(await page.$eval('#my-pronouns', (input) => input.getAttribute('aria-invalid')), 'true');
    assert.match(await page.locator('#my-pronouns-error').innerText(), /at most 60/);
    await audit('me-error');

    // The goal the worker marked achieved waits for the person's co-signature.
    await page.goto(`${program.baseUrl}/me/goals`);
    const card = page.locator(`#goal-${goalId}`);
    assert.match(await card.innerText(), /Achieved · written together, not yet co-signed/);
    assert.equal(await card.locator('form[action$="/cosign"]').count(), 1);
    await tabTo(page, `#goal-${goalId} details.my-words > summary`);
    await page.keyboard.press('Enter');
    await tabTo(page, `#words-${goalId}`);
    await page.keyboard.press('Control+A');
    await page.keyboard.type(MY_WORDS);
    await audit('me-goals-words-open');
    await tabTo(page, `form[action="/me/goals/${goalId}/words"] button[type=submit]`);
    await enter(page);
    assert.equal(new URL(page.url()).hash, `#goal-${goalId}`);
    const saved = await landedNotice(page);
    assert.equal(saved.text, "Your goal's new words are saved.");
    assert.ok(saved.onScreen, 'the notice is on the screen the person lands on');
    assert.equal(await page.locator(`#goal-${goalId} blockquote`).first().innerText(), MY_WORDS);
    assert.match(await page.locator(`#goal-${goalId}`).innerText(), /Achieved · written by the person/);
    await audit('me-goals-saved');
    await signOut(page);
  });

  it("shows the worker the person's own words", async () => {
    await signIn(page, program.baseUrl, worker);
    await page.goto(`${program.baseUrl}/people/${personId}`);
    assert.equal(await page.locator('blockquote.their-words').first().innerText(), ABOUT_ME);
    assert.match(await page.locator('dl.facts').innerText(), /they\/them/);
    assert.equal(await page.locator(`#goal-${goalId} blockquote`).first().innerText(), MY_WORDS);
    await audit('person-after');
    await signOut(page);
  });

  it('finds no accessibility violation on any page it visited', () => {
    assert.deepEqual(problems, []);
  });
});
