// The role's guardrails in a real browser at 375 px (docs/scope.md,
// docs/boundaries.md): a worker walks the five-step guide when a person
// asks for advice and records a boundary moment after seeing the program's
// guidance, with the keyboard alone; their senior peer supervisor sees the
// moment and resolves an open role-drift flag. axe-core finds no WCAG 2.1
// A/AA violation at 375 and 1280 px; nothing scrolls sideways.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { startProgram, launchBrowser, auditPage, tabTo, signIn } from './support.mjs';

const PEER_ROLES = new Set(['peer_specialist', 'peer_bridger', 'recovery_coach']);
const stamp = Date.now().toString(36);

describe('The role\'s guardrails in chromium', { timeout: 240000 }, () => {
  let program;
  let browser;
  let page;
  let worker;
  let contactPath;
  const problems = [];

  async function audit(name) {
    problems.push(...(await auditPage(page, name)));
  }

  before(async () => {
    program = await startProgram();
    browser = await launchBrowser();
    page = await browser.context.newPage();
    await page.setViewportSize({ width: 375, height: 812 });
  });

  after(async () => {
    await browser?.close();
    await program?.stop();
  });

  it('walks the five steps of a request for advice with the keyboard', async () => {
    // A worker with someone on their caseload who has a contact on record.
    for (const candidate of program.accounts.filter((account) => PEER_ROLES.has(account.role))) {
      await browser.context.clearCookies();
      await signIn(page, program.baseUrl, candidate);
      await page.goto(`${program.baseUrl}/caseload`);
      for (const href of await page.$$eval('main a[href^="/people/"]', (links) => links.map((link) => link.getAttribute('href')))) {
        await page.goto(`${program.baseUrl}${href}`);
        const advice = page.locator('a[href$="/advice"]').first();
        if (await advice.count() > 0) {
          contactPath = (await advice.getAttribute('href')).replace(/\/advice$/, '');
          break;
        }
      }
      if (contactPath) {
        worker = candidate;
        break;
      }
    }
    assert.ok(contactPath, 'a worker with a contact on record');
    await page.goto(`${program.baseUrl}${contactPath}/advice`);
    assert.equal(await page.locator('h1').innerText(), 'They asked for advice');
    await audit('guardrails-advice');
    await tabTo(page, '#asked');
    await page.keyboard.type(`whether to take the new job (${stamp})`);
    // Each group starts at "Not recorded", the last answer: up three is "Done".
    await tabTo(page, 'input[name=role_clarified]');
    for (let press = 0; press < 3; press += 1) await page.keyboard.press('ArrowUp');
    assert.equal(await page.$eval('#role_clarified-done', (radio) => radio.checked), true);
    await tabTo(page, 'input[name=experience_shared]');
    await page.keyboard.press('ArrowUp');  // "They declined"
    assert.equal(await page.$eval('#experience_shared-declined', (radio) => radio.checked), true);
    await tabTo(page, 'main form button[type=submit]');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    assert.match(new URL(page.url()).pathname, /^\/people\/\d+$/);
    assert.match(await page.locator('#notice').innerText(), /request for advice is recorded/);
  });

  it('records a boundary moment after seeing the program\'s guidance', async () => {
    await page.goto(`${program.baseUrl}${contactPath}/boundary`);
    assert.equal(await page.locator('#guidance').count(), 0);
    await audit('guardrails-boundary');
    await tabTo(page, 'input[name=kind]');
    await page.keyboard.press('Space');  // the first: a gift
    assert.equal(await page.$eval('#kind-gift', (radio) => radio.checked), true);
    await tabTo(page, '#gift_value');
    await page.keyboard.type('8');
    await tabTo(page, 'button[value=guide]');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    const guidance = page.locator('#guidance');
    assert.ok(await guidance.isVisible());
    assert.match(await guidance.innerText(), /Accept it and note it/);
    // The guidance's answer is offered as the decision; the facts are kept.
    assert.equal(await page.$eval('#decision-accept_and_document', (radio) => radio.checked), true);
    assert.equal(await page.$eval('#gift_value', (input) => input.value), '8');
    await audit('guardrails-boundary-guidance');
    await tabTo(page, '#conversation');
    await page.keyboard.type(`A bracelet she made; we talked about what it means (${stamp}).`);
    await tabTo(page, 'button[value=save]');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    assert.match(await page.locator('#notice').innerText(), /boundary moment is recorded/);
  });

  it('saves a final note that records a clinical-only activity, as role drift', async () => {
    const personId = new URL(page.url()).pathname.split('/')[2];
    await page.goto(`${program.baseUrl}/contacts/new?person_id=${personId}`);
    await page.check('#modality-emotional');
    await page.fill('#note', `Talked about the week and what she wants to ask her doctor (${stamp}).`);
    await page.locator('details.clinical summary').click();
    await page.check('#activity-medication_change');
    await page.check('#finalise');
    await Promise.all([page.waitForNavigation(), page.click('form.contact-form button[type=submit]')]);
    assert.match(await page.locator('#notice').innerText(), /note is final/);
  });

  it('shows the supervisor the moment and resolves an open drift flag', async () => {
    let found = false;
    for (const supervisor of program.accounts.filter((account) => account.role === 'senior_peer_supervisor')) {
      await browser.context.clearCookies();
      await signIn(page, program.baseUrl, supervisor);
      await page.goto(`${program.baseUrl}/supervision`);
      const link = page.getByRole('link', { name: worker.display_name, exact: true }).first();
      if (await link.count() === 0) continue;
      await Promise.all([page.waitForNavigation(), link.click()]);
      found = true;
      break;
    }
    assert.ok(found, `a senior peer supervisor of ${worker.display_name}`);
    const boundary = page.locator('section[aria-labelledby=boundary]');
    assert.match(await boundary.innerText(), new RegExp(`bracelet she made; we talked about what it means \\(${stamp}\\)`));
    assert.match(await boundary.innerText(), /1 request for advice|requests for advice/);
    await audit('guardrails-supervisee');
    const flags = page.locator('section[aria-labelledby=drift-flags] li.card');
    assert.ok(await flags.count() > 0, 'the flag raised by the note above is open');
    assert.match(await page.locator('section[aria-labelledby=drift-flags]').innerText(),
      /Prescribing or adjusting medication/);
    const first = flags.first();
    const id = (await first.getAttribute('id')).replace('drift-', '');
    // Tab reaches the group on its first answer; the arrow moves to and
    // chooses the next one, "Explained".
    await tabTo(page, `#drift-${id} input[name=resolution]`);
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.$eval(`#res-${id}-e`, (radio) => radio.checked), true);
    await tabTo(page, `#note-${id}`);
    await page.keyboard.type('We talked it through: the question went to her prescriber.');
    await tabTo(page, `#drift-${id} button[type=submit]`);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    assert.match(await page.locator('.notice').first().innerText(), /role-drift flag is resolved/);
    assert.equal(await page.locator(`#drift-${id}`).count(), 0);
  });

  it('has no WCAG 2.1 A/AA violation and nothing scrolling sideways', () => {
    assert.deepEqual(problems, [], JSON.stringify(problems, null, 2));
  });
});
