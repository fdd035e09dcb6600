// A peer worker's day on a 375 px phone, in the program's local time: Today
// shows what needs doing first and fits a screen or two; a contact is
// planned and shows on Today; a person is found by name and a phone
// check-in recorded in a few keys; a note typed while the session ended is
// not lost; the program manager sets the time zone. Keyboard only where a
// worker would use it; axe-core and no sideways scrolling on every page.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';

import {
  startProgram, launchBrowser, auditPage, tabTo, signIn, signOut, horizontalOverflow, TIME_ZONE,
} from './support.mjs';

const PEER_ROLES = new Set(['peer_specialist', 'peer_bridger', 'recovery_coach']);
const stamp = Date.now().toString(36);

describe('A peer worker\'s day in chromium', { timeout: 240000 }, () => {
  let program;
  let browser;
  let page;
  let worker;
  const problems = [];

  async function audit(name) {
    problems.push(...(await auditPage(page, name)));
  }

  before(async () => {
    program = await startProgram();
    browser = await launchBrowser();
    page = await browser.context.newPage();
    worker = program.accounts.find((account) => PEER_ROLES.has(account.role));
    assert.ok(worker, 'a peer worker account');
  });

  after(async () => {
    await browser?.close();
    await program?.stop();
  });

  it('shows Today first as what needs doing, in a screen or two', async () => {
    await signIn(page, program.baseUrl, worker);
    assert.equal(new URL(page.url()).pathname, '/today');
    const headings = await page.$$eval('main h2', (nodes) => nodes.map((node) => node.textContent));
    assert.deepEqual(headings,
      ['Planned for today', 'Notes to finish', 'Goals to review', 'Not seen for a while']);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    assert.ok(height <= 3 * 812, `Today is ${height} px tall at 375 px`);
    assert.match(await page.locator('footer').innerText(), new RegExp(TIME_ZONE));
    await audit('day-today');
  });

  it('notes a call with no answer in one tap, apart from contacts', async () => {
    await page.goto(`${program.baseUrl}/today`);
    await tabTo(page, 'form.attempt-form button');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    assert.equal(new URL(page.url()).pathname, '/today');
    const notice = page.locator('#notice');
    assert.match(await notice.innerText(), /not counted as a contact/);
    assert.ok(await notice.isVisible());
  });

  it('plans a contact with the keyboard and sees it on Today', async () => {
    await page.goto(`${program.baseUrl}/caseload`);
    const firstPlan = page.locator('a[href^="/plans/new?person_id="]').first();
    const href = await firstPlan.getAttribute('href');
    await tabTo(page, `a[href="${href}"]`);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    assert.equal(new URL(page.url()).pathname, '/plans/new');
    await audit('day-plan-form');
    // The time field's keys follow the browser's locale; its value is 24-hour.
    await page.fill('#time', '23:59');
    await tabTo(page, '#place');
    await page.keyboard.type('the library on Main Street');
    await tabTo(page, '#purpose');
    await page.keyboard.type(`Library card together (${stamp})`);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/today/);
    const notice = page.locator('#notice');
    assert.match(await notice.innerText(), /planned contact is saved/);
    assert.ok(await notice.isVisible());
    const card = page.locator('li.card', { hasText: `Library card together (${stamp})` });
    assert.equal(await card.count(), 1);
    assert.match(await card.innerText(), /11:59 PM/);
    await audit('day-today-planned');
  });

  it('finds a person by name and records a phone check-in in a few keys', async () => {
    await page.goto(`${program.baseUrl}/caseload`);
    const name = (await page.locator('main li.card .card-title a').first().innerText()).trim();
    await page.goto(`${program.baseUrl}/contacts/new`);
    await tabTo(page, '#q');
    await page.keyboard.type(name.slice(0, 4));
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    assert.match(await page.locator('form.search .hint').innerText(), /on your caseload match/);
    const options = await page.$$eval('#person_id option', (nodes) =>
      nodes.map((node) => node.textContent));
    assert.ok(options.some((label) => label.startsWith(name)), `${name} is offered`);
    assert.ok(options.every((label, idx) => idx === 0 || label.toLowerCase()
      .includes(name.slice(0, 4).toLowerCase())), 'only matching names are offered');
    await audit('day-contact-search');

    // The quick entry: a phone check-in, fifteen minutes, emotional support.
    await page.goto(`${program.baseUrl}/caseload`);
    const quick = await page.locator('a[href*="kind=phone"]').first().getAttribute('href');
    await page.goto(`${program.baseUrl}${quick}`);
    assert.equal(await page.$eval('#setting', (select) => select.value), 'phone');
    assert.equal(await page.$eval('#minutes', (input) => input.value), '15');
    assert.equal(await page.$eval('#modality-emotional', (box) => box.checked), true);
    assert.equal(await page.$eval('#when-now', (radio) => radio.checked), true);
    // The clinical-only activities wait folded after the note.
    assert.equal(await page.$eval('details.clinical', (details) => details.open), false);
    const order = await page.evaluate(() => {
      const at = (selector) => [...document.querySelectorAll('main *')]
        .indexOf(document.querySelector(selector));
      return { activities: at('#activities'), note: at('#note'), clinical: at('details.clinical') };
    });
    assert.ok(order.activities < order.note && order.note < order.clinical, JSON.stringify(order));
    await tabTo(page, '#note');
    await page.keyboard.type(`Called to check in about the week (${stamp}).`);
    await tabTo(page, 'form.contact-form button[type=submit]');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    assert.match(new URL(page.url()).pathname, /^\/people\/\d+$/);
    const notice = page.locator('#notice');
    assert.match(await notice.innerText(), /saved as a draft/);
    // The confirmation is on the screen the worker lands on.
    const box = await notice.boundingBox();
    assert.ok(box && box.y >= -1 && box.y + box.height <= 812, `notice at ${JSON.stringify(box)}`);
  });

  it('shows words to look at again once, and saves the worker\'s words when they keep them', async () => {
    await page.goto(`${program.baseUrl}/contacts/new`);
    await page.selectOption('#person_id', { index: 1 });
    await page.check('#modality-emotional');
    const note = `He was non-compliant with the plan; he said "I am an addict in recovery" (${stamp}).`;
    await page.fill('#note', note);
    await Promise.all([page.waitForNavigation(), page.click('form.contact-form button[type=submit]')]);
    // Not saved yet: the form is back with the words marked, his own words not.
    assert.equal(new URL(page.url()).pathname, '/contacts');
    assert.ok(await page.locator('#wording-review').isVisible());
    assert.deepEqual(
      await page.$$eval('#wording-review mark', (marks) => marks.map((mark) => mark.textContent)),
      ['non-compliant']);
    assert.match(await page.locator('#wording-review li').first().innerText(), /Instead:/);
    assert.equal(await page.$eval('#note', (area) => area.value), note);
    // The server's answer is not taken for a note restored after signing in.
    assert.doesNotMatch(await page.locator('main').innerText(), /signed out/);
    await audit('day-wording-review');
    await tabTo(page, 'button[name=keep_wording]');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    assert.match(new URL(page.url()).pathname, /^\/people\/\d+$/);
    assert.match(await page.locator('#notice').innerText(), /saved as a draft/);
  });

  it('keeps a note typed while the session ended, and puts it back after signing in', async () => {
    await page.goto(`${program.baseUrl}/contacts/new`);
    const note = `Walked to the food bank; she chose what to pick up (${stamp}).`;
    await page.selectOption('#person_id', { index: 1 });
    await page.check('#modality-companionship');
    await page.fill('#note', note);
    await page.locator('#note').dispatchEvent('input');
    // The session ends on the server while the worker types.
    const cookies = await browser.context.cookies();
    await browser.context.clearCookies();
    await browser.context.addCookies(cookies
      .filter((cookie) => cookie.name !== 'alongside_session')
      .map((cookie) => ({ ...cookie })));
    await Promise.all([page.waitForNavigation(), page.click('form.contact-form button[type=submit]')]);
    assert.equal(new URL(page.url()).pathname, '/login');
    assert.match(await page.locator('main').innerText(), /kept in this tab/);
    await page.fill('#username', worker.username);
    await page.fill('#password', worker.password);
    await Promise.all([page.waitForNavigation(), page.click('main button[type=submit]')]);
    const back = page.getByRole('link', { name: 'Go back to it' });
    assert.equal(await back.count(), 1, 'the home page offers the kept note');
    await Promise.all([page.waitForNavigation(), back.click()]);
    assert.equal(await page.$eval('#note', (area) => area.value), note);
    assert.equal(await page.$eval('#modality-companionship', (box) => box.checked), true);
    await audit('day-contact-restored');
    await Promise.all([page.waitForNavigation(), page.click('form.contact-form button[type=submit]')]);
    assert.match(await page.locator('#notice').innerText(), /saved as a draft/);
    // Saved: nothing is offered back any more.
    await page.goto(`${program.baseUrl}/today`);
    assert.equal(await page.getByRole('link', { name: 'Go back to it' }).count(), 0);
    await signOut(page);
  });

  it('lets the program manager set the time zone', async () => {
    const manager = program.accounts.find((account) => account.role === 'program_manager');
    assert.ok(manager, 'a program manager account');
    await signIn(page, program.baseUrl, manager);
    await page.goto(`${program.baseUrl}/settings`);
    assert.match(await page.locator('main').innerText(), new RegExp(TIME_ZONE));
    await audit('day-settings');
    await page.fill('#time_zone', 'Nowhere/Special');
    await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
    assert.match(await page.locator('#time_zone-error').innerText(), /not a time zone name/);
    await page.fill('#time_zone', 'America/Chicago');
    await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
    assert.match(await page.locator('#notice').innerText(), /time zone is saved/);
    assert.match(await page.locator('main').innerText(), /America\/Chicago/);
    assert.deepEqual(await horizontalOverflow(page), []);
    await signOut(page);
  });

  it('has no WCAG 2.1 A/AA violation and nothing scrolling sideways', () => {
    assert.deepEqual(problems, [], JSON.stringify(problems, null, 2));
  });
});
