// A risk disclosed, in a real browser at 375 px (docs/safety.md): a peer
// worker opens "A risk was disclosed" from the person's page and walks the
// protocol with the keyboard alone, least restrictive first: the limits of
// confidentiality, safety planning, the supervisor, a judgement that the
// risk is not imminent, a connection with consent, a follow-up, the close.
// Once, an escalation without imminent risk is tried and refused, naming the
// rule. The crisis lines are on the page at every step. The worker's
// clinical supervisor finds the event on /safety and reviews it. axe-core
// finds no WCAG 2.1 A/AA violation at 375 and 1280 px; nothing is wider
// than 375 px.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { startProgram, launchBrowser, auditPage, tabTo, signIn } from './support.mjs';

const PEER_ROLES = new Set(['peer_specialist', 'peer_bridger', 'recovery_coach']);
const stamp = Date.now().toString(36);

describe('A risk disclosed, step by step, in chromium', { timeout: 280000 }, () => {
  let program;
  let browser;
  let page;
  let worker;
  let personName;
  let eventPath;
  const problems = [];

  async function audit(name) {
    problems.push(...(await auditPage(page, name)));
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 375, `${name} is ${width} px wide at 375 px`);
  }

  // The crisis lines stand at the top of the page, open, before anything
  // about the event.
  async function expectCrisisLines() {
    const lines = page.locator('section.crisis-lines');
    assert.equal(await lines.count(), 1);
    assert.ok(await lines.isVisible(), 'the crisis lines are visible');
    const text = await lines.innerText();
    assert.match(text, /988/);
    assert.match(text, /911/);
    assert.equal(await lines.evaluate((node) => node.closest('details') === null), true);
    const first = await page.evaluate(() => {
      const lines = document.querySelector('section.crisis-lines');
      const steps = document.querySelector('main #steps, main form');
      return steps === null ||
        Boolean(lines.compareDocumentPosition(steps) & Node.DOCUMENT_POSITION_FOLLOWING);
    });
    assert.ok(first, 'the crisis lines come before the steps and the forms');
  }

  async function submitWith(selector) {
    await tabTo(page, selector);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  }

  // Records the step the form offers, with the keyboard; `fill` types its
  // own fields first.
  async function recordStep(heading, fill) {
    assert.match(await page.locator('#next-step-heading').innerText(), heading);
    await expectCrisisLines();
    if (fill) await fill();
    await submitWith('#next-step button[type=submit]');
    assert.equal(new URL(page.url()).pathname, eventPath);
    await expectCrisisLines();
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

  it('opens "A risk was disclosed" from the person\'s page', async () => {
    let personPath;
    for (const candidate of program.accounts.filter((account) => PEER_ROLES.has(account.role))) {
      await browser.context.clearCookies();
      await signIn(page, program.baseUrl, candidate);
      await page.goto(`${program.baseUrl}/caseload`);
      const href = await page.locator('main a[href^="/people/"]').first().getAttribute('href').catch(() => null);
      if (href) {
        worker = candidate;
        personPath = href;
        break;
      }
    }
    assert.ok(personPath, 'a worker with someone on their caseload');
    await page.goto(`${program.baseUrl}${personPath}`);
    personName = (await page.locator('h1').innerText()).trim();
    await audit('safety-person');
    await tabTo(page, `a[href="${personPath}/safety/new"]`);
    assert.equal((await page.evaluate(() => document.activeElement.textContent)).trim(),
      'A risk was disclosed');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    assert.equal(await page.locator('h1').innerText(), 'A risk was disclosed');
    await expectCrisisLines();
    assert.equal(await page.$eval('#when-now', (radio) => radio.checked), true);
    await audit('safety-open');

    // Space chooses the first answer; two arrows down is "with a plan".
    await tabTo(page, 'input[name=kind]');
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.$eval('#kind-suicidal_thoughts_with_plan', (radio) => radio.checked), true);
    await tabTo(page, '#description');
    await page.keyboard.type(`Said she has a plan for the weekend (${stamp}).`);
    await submitWith('main form button[type=submit]');
    eventPath = new URL(page.url()).pathname;
    assert.match(eventPath, /^\/safety\/\d+$/);
    assert.match(await page.locator('#notice').innerText(), /safety event is open/);
    assert.match(await page.locator('main').innerText(), /Thoughts of suicide with a plan/);
    await expectCrisisLines();
    await audit('safety-event-opened');
  });

  it('walks the protocol in order, and an escalation without imminent risk is refused', async () => {
    await recordStep(/Next: What stays between us, explained/, async () => {
      assert.match(await page.locator('.step-help').innerText(), /what stays between you/);
      await tabTo(page, '#note');
      await page.keyboard.type('Told her what stays between us and when I would need to involve others.');
    });
    assert.match(await page.locator('#notice').innerText(), /Saved: What stays between us, explained/);

    await recordStep(/Next: Safety planning together/, async () => {
      await tabTo(page, '#note');
      await page.keyboard.type('We wrote her plan together, in her words.');
    });
    await recordStep(/Next: Talked with a supervisor/, async () => {
      await tabTo(page, '#note');
      await page.keyboard.type('Talked it through with my clinical supervisor.');
    });
    await recordStep(/Next: Judged whether risk is imminent/, async () => {
      // The first answer is the least restrictive: "No".
      await tabTo(page, 'input[name=imminent]');
      await page.keyboard.press('Space');
      assert.equal(await page.$eval('#imminent-no', (radio) => radio.checked), true);
      await tabTo(page, '#reason');
      await page.keyboard.type('She has her plan and her sister is staying with her.');
    });
    await audit('safety-event-judged');

    // In an emergency: escalate now, without ticking that it is one and
    // with no imminent risk standing: refused, naming the rule.
    await tabTo(page, 'details.emergency > summary');
    await page.keyboard.press('Enter');
    assert.equal(await page.$eval('details.emergency', (details) => details.open), true);
    await tabTo(page, '#em-justification');
    await page.keyboard.type(`I was worried about her (${stamp}).`);
    await submitWith('details.emergency button[type=submit]');
    const refusal = page.locator('#em-refusal');
    assert.ok(await refusal.isVisible());
    assert.match(await refusal.innerText(), /An escalation without consent comes only in an emergency/);
    assert.match(await refusal.innerText(), /Rule safety\.escalation/);
    assert.doesNotMatch(await refusal.innerText(), /\[safety/);
    assert.equal(await page.$eval('#em-justification', (area) => area.value), `I was worried about her (${stamp}).`);
    await expectCrisisLines();
    await audit('safety-event-refused');

    await recordStep(/Next: Connected to care, with their consent/, async () => {
      await tabTo(page, '#to');
      await page.keyboard.type('The on-call psychiatrist');
    });
    await recordStep(/Next: Followed up/, async () => {
      await tabTo(page, '#note');
      await page.keyboard.type('Called her the next morning; the plan is working.');
    });
    await recordStep(/Next: Closed/);
    assert.match(await page.locator('#notice').innerText(), /safety event is closed/);
    const main = await page.locator('main').innerText();
    assert.match(main, /Every step of the protocol is recorded: it is complete/);
    assert.doesNotMatch(main, /I was worried about her/);  // the refused escalation wrote nothing
    assert.equal(await page.locator('.safety-steps > li').count(), 7);
    assert.equal(await page.locator('details.emergency').count(), 0);
    await audit('safety-event-closed');
  });

  it('shows the event to the clinical supervisor, who reviews it from /safety', async () => {
    const link = `a[href="${eventPath}"]`;
    let found = false;
    for (const supervisor of program.accounts.filter((account) => account.role === 'clinical_supervisor')) {
      await browser.context.clearCookies();
      await signIn(page, program.baseUrl, supervisor);
      await page.goto(`${program.baseUrl}/safety`);
      if (await page.locator(link).count() > 0) {
        found = true;
        break;
      }
    }
    assert.ok(found, `a clinical supervisor of ${worker.display_name} sees the event`);
    assert.equal(await page.locator('h1').innerText(), 'Safety events to review');
    const id = eventPath.split('/')[2];
    const card = page.locator(`#event-${id}`);
    const text = await card.innerText();
    assert.match(text, new RegExp(personName));
    assert.match(text, new RegExp(worker.display_name));
    assert.match(text, /Thoughts of suicide with a plan/);
    assert.match(text, /Opened (just now|\d+ minutes? ago)/);
    assert.match(text, /Closed, complete/);
    // Past the review time, marked in words, comes first.
    const overdue = await page.$$eval('.safety-queue > li',
      (cards) => cards.map((item) => /Past the review time/.test(item.textContent)));
    assert.deepEqual(overdue, [...overdue].sort((a, b) => Number(b) - Number(a)));
    assert.match(await page.locator('main').innerText(), /New for you[\s\S]*A safety event was opened and needs review/);
    await audit('safety-queue');

    await tabTo(page, `#review-note-${id}`);
    await page.keyboard.type('Read it with the worker: her choices were respected, follow-up done.');
    await submitWith(`#event-${id} button[type=submit]`);
    assert.match(await page.locator('.notice').first().innerText(), /Your review is saved/);
    // Closed and reviewed, it leaves the queue.
    assert.equal(await page.locator(`#event-${id}`).count(), 0);

    await page.goto(`${program.baseUrl}/supervision`);
    assert.match(await page.locator('.safety-line').innerText(), /^Safety events to review: \d+, \d+ past the review time$/);
    await page.goto(`${program.baseUrl}${eventPath}`);
    assert.match(await page.locator('#reviews').innerText(), /her choices were respected/);
    await expectCrisisLines();
    await audit('safety-event-reviewed');
  });

  it('has no WCAG 2.1 A/AA violation and nothing scrolling sideways', () => {
    assert.deepEqual(problems, [], JSON.stringify(problems, null, 2));
  });
});
