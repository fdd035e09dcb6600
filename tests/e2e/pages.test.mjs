// Alongside's pages in a real browser (Debian's chromium): a peer worker
// records and finalises a contact with the keyboard alone, the person
// annotates it and works on their goals, the worker sees the annotation,
// access and CSRF refusals hold, and axe-core finds no WCAG 2.1 A/AA
// violation on any page at 375 and 1280 px. Screenshots at 375 px go to
// ALONGSIDE_SCREENSHOT_DIR.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';

import {
  startProgram, launchBrowser, auditPage, tabTo, signIn, signOut,
} from './support.mjs';

const PEER_ROLES = new Set(['peer_specialist', 'peer_bridger', 'recovery_coach']);
const stamp = Date.now().toString(36);
const NOTE = `Walked to the library together and talked about the week ahead (${stamp}).`;
const ANNOTATION = `It helped to walk and talk; I chose the library myself (${stamp}).`;
const MY_GOAL = `Cook a meal for my sister on Sunday (${stamp}).`;
const WORKER_GOAL = `Find a walking group that meets near home (${stamp}).`;

describe('Alongside pages in chromium', { timeout: 240000 }, () => {
  let program;
  let browser;
  let page;
  let worker;        // a peer worker account
  let otherWorker;   // a peer worker without the person on their caseload
  let person;        // the person's account
  let personId;
  let contactId;
  const problems = [];
  const audited = new Set();

  async function audit(name) {
    audited.add(name);
    problems.push(...(await auditPage(page, name)));
  }

  async function caseloadIds() {
    await page.goto(`${program.baseUrl}/caseload`);
    const hrefs = await page.$$eval('main a[href^="/people/"]', (links) =>
      links.map((link) => link.getAttribute('href')));
    return hrefs.map((href) => Number(href.split('/')[2]));
  }

  before(async () => {
    program = await startProgram();
    browser = await launchBrowser();
    page = await browser.context.newPage();

    const people = new Map(program.accounts
      .filter((account) => account.role === 'person_served')
      .map((account) => [Number(account.username.replace('person', '')), account]));
    const workers = program.accounts.filter((account) => PEER_ROLES.has(account.role));
    assert.ok(workers.length >= 2, 'the synthetic program has at least two peer workers');
    const caseloads = new Map();
    for (const candidate of workers) {
      await signIn(page, program.baseUrl, candidate);
      caseloads.set(candidate.username, await caseloadIds());
      await signOut(page);
    }
    for (const candidate of workers) {
      const withAccount = caseloads.get(candidate.username).find((id) => people.has(id));
      if (withAccount === undefined) continue;
      const other = workers.find((next) => next !== candidate &&
        !caseloads.get(next.username).includes(withAccount));
      if (other === undefined) continue;
      worker = candidate;
      otherWorker = other;
      personId = withAccount;
      person = people.get(withAccount);
      break;
    }
    assert.ok(worker, 'found a worker with a person who has a sign-in, and another worker');
  });

  after(async () => {
    if (browser) await browser.close();
    if (program) await program.stop();
  });

  it('shows the sign-in page, accessibly', async () => {
    await page.goto(`${program.baseUrl}/login`);
    assert.equal(await page.title(), 'Sign in · Alongside');
    await audit('login');
  });

  it('lets a peer worker record a contact with the keyboard alone, then finalise it', async () => {
    await signIn(page, program.baseUrl, worker);
    assert.equal(new URL(page.url()).pathname, '/today');
    await audit('today');
    await page.goto(`${program.baseUrl}/caseload`);
    await audit('caseload');

    await page.goto(`${program.baseUrl}/people/${personId}`);
    await audit('person');
    // From the person's page to the saved draft: Tab, Space and Enter only.
    await tabTo(page, `a[href="/contacts/new?person_id=${personId}"]`);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    assert.equal(new URL(page.url()).pathname, '/contacts/new');
    assert.equal(await page.$eval('#person_id', (select) => select.value), String(personId));
    assert.equal(await page.$eval('#minutes', (input) => input.value), '30');
    await audit('contact-new');

    await tabTo(page, '#modality-emotional');
    await page.keyboard.press('Space');
    await tabTo(page, '#modality-companionship');
    await page.keyboard.press('Space');
    await tabTo(page, '#activity-companionship');
    await page.keyboard.press('Space');
    await tabTo(page, '#note');
    await page.keyboard.type(NOTE);
    await tabTo(page, 'form.contact-form button[type=submit]');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);

    assert.equal(new URL(page.url()).pathname, `/people/${personId}`);
    const card = page.locator('li.card', { hasText: NOTE });
    assert.equal(await card.count(), 1, 'the new contact is on the person page');
    assert.match(await card.locator('.tag').innerText(), /Draft/);
    contactId = Number((await card.getAttribute('id')).replace('contact-', ''));

    await page.goto(`${program.baseUrl}/contacts/${contactId}/edit`);
    assert.equal(await page.$eval('#note', (area) => area.value), NOTE);
    await audit('contact-edit-draft');

    await page.goto(`${program.baseUrl}/people/${personId}`);
    await tabTo(page, `form[action="/contacts/${contactId}/finalise"] button`);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    const finalCard = page.locator(`#contact-${contactId}`);
    assert.match(await finalCard.locator('.tag').innerText(), /Final/);
    assert.equal(await finalCard.locator(`form[action="/contacts/${contactId}/finalise"]`).count(), 0);

    // The amendment form of the final note (a final note is never edited).
    await page.goto(`${program.baseUrl}/contacts/${contactId}/edit`);
    assert.equal(await page.locator('#amend_reason').count(), 1);
    await audit('contact-amend');

    // A goal written with the person, for them to co-sign.
    await page.goto(`${program.baseUrl}/people/${personId}`);
    await page.fill('#goal-words', WORKER_GOAL);
    await Promise.all([page.waitForNavigation(),
      page.click(`form[action="/people/${personId}/goals"] button`)]);
    assert.equal(await page.locator('blockquote', { hasText: WORKER_GOAL }).count(), 1);
    await signOut(page);
  });

  it('shows a validation error beside the field and keeps what was typed', async () => {
    await signIn(page, program.baseUrl, worker);
    await page.goto(`${program.baseUrl}/contacts/new?person_id=${personId}`);
    await page.fill('#minutes', '0');
    await page.fill('#note', 'Typed before the mistake');
    await Promise.all([page.waitForNavigation(), page.click('form.contact-form button[type=submit]')]);
    assert.equal(await page.$eval('#minutes', (input) => input.getAttribute('aria-describedby')),
      'minutes-error');
    assert.match(await page.locator('#minutes-error').innerText(), /1 to 720/);
    assert.match(await page.locator('#modalities-error').innerText(), /at least one/);
    assert.equal(await page.$eval('#note', (area) => area.value), 'Typed before the mistake');
    await audit('contact-errors');
    await signOut(page);
  });

  it('lets the person read the note, annotate it, add a goal and co-sign one', async () => {
    await signIn(page, program.baseUrl, person);
    assert.equal(new URL(page.url()).pathname, '/me');
    await audit('me');

    await page.goto(`${program.baseUrl}/me/contacts`);
    const card = page.locator(`#contact-${contactId}`);
    assert.match(await card.innerText(), new RegExp(NOTE.replace(/[().]/g, '\\$&')));
    await audit('my-contacts');
    await card.locator('textarea').fill(ANNOTATION);
    await Promise.all([page.waitForNavigation(), card.locator('button[type=submit]').click()]);
    assert.equal(await page.locator(`#contact-${contactId} blockquote`, { hasText: ANNOTATION })
      .count(), 1);

    await page.goto(`${program.baseUrl}/me/goals`);
    await page.fill('#goal-words', MY_GOAL);
    await Promise.all([page.waitForNavigation(),
      page.click('form[action="/me/goals"] button[type=submit]')]);
    const mine = page.locator('li.card', { hasText: MY_GOAL });
    assert.match(await mine.innerText(), /written by the person/);

    const together = page.locator('li.card', { hasText: WORKER_GOAL });
    assert.match(await together.innerText(), /not yet co-signed/);
    await Promise.all([page.waitForNavigation(),
      together.locator('form[action$="/cosign"] button').click()]);
    assert.match(await page.locator('li.card', { hasText: WORKER_GOAL }).innerText(),
      /written together, co-signed/);
    await audit('my-goals');
    await signOut(page);
  });

  it('shows the worker the annotation beside their note', async () => {
    await signIn(page, program.baseUrl, worker);
    await page.goto(`${program.baseUrl}/people/${personId}`);
    const annotations = page.locator(`#contact-${contactId} .annotations`);
    assert.equal(await annotations.locator('blockquote', { hasText: ANNOTATION }).count(), 1);
    assert.match(await page.locator(`#contact-${contactId} .note-col`).first().innerText(),
      new RegExp(NOTE.replace(/[().]/g, '\\$&')));
    await signOut(page);
  });

  it('refuses a worker from another caseload with a 403 page', async () => {
    await signIn(page, program.baseUrl, otherWorker);
    const response = await page.goto(`${program.baseUrl}/people/${personId}`);
    assert.equal(response.status(), 403);
    assert.equal(await page.locator('h1').innerText(), 'You do not have access to this page');
    assert.equal(await page.locator('body').innerText().then((text) => text.includes(person.display_name)), false);
    await audit('forbidden');
    await signOut(page);
  });

  it('refuses a form post without the CSRF token and changes nothing', async () => {
    await signIn(page, program.baseUrl, person);
    const refusedGoal = `Posted without a token (${stamp})`;
    const response = await page.request.post(`${program.baseUrl}/me/goals`, {
      form: { words: refusedGoal },
      maxRedirects: 0,
    });
    assert.equal(response.status(), 403);
    const wrongToken = await page.request.post(`${program.baseUrl}/me/goals`, {
      form: { words: refusedGoal, csrf_token: 'not-the-token' },
      maxRedirects: 0,
    });
    assert.equal(wrongToken.status(), 403);
    await page.goto(`${program.baseUrl}/me/goals`);
    assert.equal(await page.locator('blockquote', { hasText: refusedGoal }).count(), 0);
    await signOut(page);
  });

  it('shows supervisors and the program manager their pages', async () => {
    const supervisor = program.accounts.find((account) => account.role === 'senior_peer_supervisor');
    await signIn(page, program.baseUrl, supervisor);
    assert.equal(new URL(page.url()).pathname, '/supervision');
    await audit('supervision');
    await signOut(page);

    const clinical = program.accounts.find((account) => account.role === 'clinical_supervisor');
    await signIn(page, program.baseUrl, clinical);
    assert.equal(new URL(page.url()).pathname, '/supervision');
    await signOut(page);

    const manager = program.accounts.find((account) => account.role === 'program_manager');
    await signIn(page, program.baseUrl, manager);
    assert.equal(new URL(page.url()).pathname, '/program');
    assert.ok(await page.locator('#workers').count() === 1, 'the manager sees workers');
    await audit('program');
    await signOut(page);

    const evaluator = program.accounts.find((account) => account.role === 'evaluator');
    await signIn(page, program.baseUrl, evaluator);
    assert.equal(new URL(page.url()).pathname, '/program');
    assert.equal(await page.locator('#workers').count(), 0, 'no worker names for the evaluator');
    const text = await page.locator('main').innerText();
    assert.equal(text.includes(worker.display_name), false);
    await audit('program-evaluator');
    await signOut(page);

    const administrator = program.accounts.find((account) => account.role === 'administrator');
    await signIn(page, program.baseUrl, administrator);
    assert.equal(new URL(page.url()).pathname, '/admin');
    assert.ok((await page.locator('main').innerText()).includes('The audit log is intact'),
      'the administrator sees the audit chain checked');
    await audit('admin');

    // Your sign-in: reached from the name in the header; a wrong current
    // password is shown next to the form and changes nothing.
    await page.locator('.who-name a').click();
    assert.equal(new URL(page.url()).pathname, '/account');
    await audit('account');
    await page.fill('#current_password', 'not the password');
    await page.fill('#new_password', 'a brand new password');
    await page.click('form[action="/account/password"] button');
    assert.ok((await page.locator('#password-error').innerText()).includes('current password'),
      'the wrong current password is named');
    await audit('account-error');
    await page.click('form[action="/account/sign-out-elsewhere"] button');
    assert.ok((await page.locator('.notice').innerText()).includes('anywhere else'),
      'signing out elsewhere says what it did');
    await signOut(page);
  });

  it('makes the skip link the first Tab stop and moves focus to main', async () => {
    await signIn(page, program.baseUrl, worker);
    for (const pathname of ['/today', `/people/${personId}`, '/contacts/new']) {
      await page.goto(`${program.baseUrl}${pathname}`);
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link',
        `first Tab stop on ${pathname}`);
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'main',
        `skip link moves focus to main on ${pathname}`);
    }
  });

  it('reaches every interactive element of the contact form by Tab', async () => {
    await page.goto(`${program.baseUrl}/contacts/new?person_id=${personId}`);
    // The clinical-only activities sit folded after the note: opened from
    // the keyboard (Enter on its summary), they take focus like the rest.
    await tabTo(page, 'details.clinical summary');
    await page.keyboard.press('Enter');
    assert.equal(await page.$eval('details.clinical', (details) => details.open), true);
    await page.keyboard.press('Shift+Tab');
    const total = await page.evaluate(() => {
      // A radio group is one Tab stop (the arrow keys move within it): its
      // checked button stands for the group.
      const controls = [...document.querySelectorAll(
        'main form.contact-form :is(input:not([type=hidden]), select, textarea, button, a[href], summary)')]
        .filter((control) => control.type !== 'radio' || control.checked);
      controls.forEach((control, idx) => control.setAttribute('data-e2e-index', String(idx)));
      return controls.length;
    });
    assert.ok(total >= 20, `the form has its controls (${total})`);
    const reached = new Set();
    for (let press = 0; press < 200 && reached.size < total; press += 1) {
      await page.keyboard.press('Tab');
      const index = await page.evaluate(() => document.activeElement?.getAttribute('data-e2e-index'));
      if (index !== null && index !== undefined) reached.add(index);
    }
    assert.equal(reached.size, total, 'every control of the form takes focus from the keyboard');
    await signOut(page);
  });

  it('has no WCAG 2.1 A/AA violations on any page, at 375 and 1280 px', () => {
    const expected = ['login', 'today', 'caseload', 'person', 'contact-new',
      'contact-edit-draft', 'contact-amend', 'contact-errors', 'me', 'my-contacts', 'my-goals',
      'forbidden', 'supervision', 'program', 'program-evaluator', 'admin', 'account',
      'account-error'];
    assert.deepEqual([...audited].sort(), expected.sort(), 'every page was checked');
    assert.deepEqual(problems, [], JSON.stringify(problems, null, 2));
  });
});
