// The governance pages in a real browser (docs/governance.md): the program
// manager's audit at 375 and 1280 px; a person raises a concern on their own
// page with the keyboard alone and follows it; the manager forms its panel,
// refused for want of a peer representative, then formed with a peer worker,
// and records an update the person then reads. axe-core finds no WCAG 2.1
// A/AA violation at 375 and 1280 px; nothing is wider than 375 px.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { startProgram, launchBrowser, auditPage, tabTo, signIn } from './support.mjs';

const stamp = Date.now().toString(36);

describe('Governance and concerns, in chromium', { timeout: 280000 }, () => {
  let program;
  let browser;
  let page;
  let manager;
  let person;
  const problems = [];

  async function audit(name) {
    problems.push(...(await auditPage(page, name)));
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 375, `${name} is ${width} px wide at 375 px`);
  }

  async function submitWith(selector) {
    await tabTo(page, selector);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  }

  // Ticks, with the keyboard, the first panel candidate whose label matches.
  async function tick(card, pattern) {
    const id = await page.evaluate(([cardId, source]) => {
      const wanted = new RegExp(source);
      for (const box of document.querySelectorAll(`#${cardId} input[name=staff_ids]`)) {
        if (wanted.test(box.parentElement.textContent)) return box.id;
      }
      return null;
    }, [card, pattern.source]);
    assert.ok(id, `a candidate matching ${pattern}`);
    await tabTo(page, `#${id}`);
    await page.keyboard.press('Space');
  }

  before(async () => {
    program = await startProgram();
    browser = await launchBrowser();
    page = await browser.context.newPage();
    await page.setViewportSize({ width: 375, height: 812 });
    manager = program.accounts.find((account) => account.role === 'program_manager');
    person = program.accounts.find((account) => account.role === 'person_served');
    assert.ok(manager && person, 'a manager and a person served');
  });

  after(async () => {
    await browser?.close();
    await program?.stop();
  });

  it('shows the manager the audit, both scores and what would meet each unmet item', async () => {
    await signIn(page, program.baseUrl, manager);
    await page.goto(`${program.baseUrl}/governance`);
    assert.equal(await page.locator('h1').innerText(), 'Governance audit');
    assert.match(await page.locator('#verdict').innerText(), /The audit (passes|does not pass yet)\./);
    const main = await page.locator('main').innerText();
    assert.match(main, /Accountability: \d+%/);
    assert.match(main, /Mutuality: \d+%/);
    assert.match(main, /What would meet it:/);
    await audit('governance');
    await browser.context.clearCookies();
  });

  it('lets a person raise a concern with the keyboard and follow it', async () => {
    await signIn(page, program.baseUrl, person);
    await page.goto(`${program.baseUrl}/me`);
    await tabTo(page, 'a[href="/me/grievances"]');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    assert.equal(await page.locator('h1').innerText(), 'Raise a concern');
    await audit('my-grievances');
    await tabTo(page, '#summary');
    await page.keyboard.type(`My visits were cancelled three times without a call (${stamp}).`);
    await submitWith('main form button[type=submit]');
    assert.match(await page.locator('#notice').innerText(), /Your concern is received/);
    assert.match(await page.locator('main').innerText(), new RegExp(stamp));
    await audit('my-grievances-filed');
    await browser.context.clearCookies();
  });

  it('refuses a panel without a peer representative, then forms one', async () => {
    await signIn(page, program.baseUrl, manager);
    await page.goto(`${program.baseUrl}/grievances`);
    const card = await page.locator('main li[id^=grievance-]').first().getAttribute('id');
    assert.match(await page.locator(`#${card}`).innerText(), new RegExp(stamp));
    await audit('grievances');

    await tick(card, /clinical supervisor/);
    await submitWith(`#${card} form[action$="/panel"] button[type=submit]`);
    assert.match(await page.locator(`#${card} .refusal`).first().innerText(),
      /the panel needs a peer representative/);
    await audit('grievances-refused');

    await tick(card, /clinical supervisor/);
    await tick(card, /peer specialist|peer bridger|recovery coach/);
    await submitWith(`#${card} form[action$="/panel"] button[type=submit]`);
    assert.match(await page.locator('#notice').innerText(), /The panel is formed/);

    await tabTo(page, `#${card} textarea[name=note]`);
    await page.keyboard.type('The panel met and listened to you.');
    await submitWith(`#${card} form[action$="/updates"] button[type=submit]`);
    assert.match(await page.locator('#notice').innerText(), /The update is saved/);
    await browser.context.clearCookies();

    await signIn(page, program.baseUrl, person);
    await page.goto(`${program.baseUrl}/me/grievances`);
    const mine = await page.locator('main').innerText();
    assert.match(mine, /A panel has been formed/);
    assert.match(mine, /The panel met and listened to you\./);
    await audit('my-grievances-followed');

    // The person withdraws it, with the keyboard; it stays on the page.
    const own = await page.locator('main li[id^=grievance-]', { hasText: stamp }).getAttribute('id');
    await tabTo(page, `#${own} details.withdraw summary`);
    await page.keyboard.press('Enter');
    await tabTo(page, `#${own} details.withdraw textarea[name=note]`);
    await page.keyboard.type('We talked it through.');
    await audit('my-grievances-withdraw-open');
    await submitWith(`#${own} details.withdraw button[type=submit]`);
    assert.match(await page.locator('#notice').innerText(), /Your concern is withdrawn/);
    assert.match(await page.locator(`#${own}`).innerText(), /Withdrawn\. We talked it through\./);
    assert.equal(await page.locator(`#${own} details.withdraw`).count(), 0);
    await audit('my-grievances-withdrawn');
  });

  it('finds no WCAG 2.1 A/AA violation and nothing wider than 375 px', () => {
    assert.deepEqual(problems, []);
  });
});
