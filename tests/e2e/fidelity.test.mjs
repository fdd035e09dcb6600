// Fidelity on the pages in a real browser (docs/pages.md, docs/fidelity.md),
// on a synthetic program of 1500 people (at least 3 teams, synth's mixed supervision:
// a clinical-only team falls below F, a peer-only one below R): the senior peer
// supervisor sees each supervisee's scores (an alert when F or P is below), the clinical
// supervisor an R shortfall, the manager the program's scores and a worker
// without both supervisors; a session is recorded with a structured
// reflection and a discussed drift flag with the keyboard alone; the trend
// page's charts are SVG images with a text equivalent. axe-core finds no
// WCAG 2.1 A/AA violation at 375 and 1280 px; nothing is wider than 375 px.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { startProgram, launchBrowser, auditPage, tabTo, signIn } from './support.mjs';

describe('Fidelity scores for supervisors and the manager', { timeout: 280000 }, () => {
  let program;
  let browser;
  let page;
  const problems = [];

  async function signInAs(account) {
    await browser.context.clearCookies();
    await signIn(page, program.baseUrl, account);
  }

  // The first account of `role` whose /supervision shows `pattern`.
  async function supervisorShowing(role, pattern) {
    for (const account of program.accounts.filter((candidate) => candidate.role === role)) {
      await signInAs(account);
      const text = await page.textContent('main');
      if (pattern.test(text)) return account;
    }
    return null;
  }

  before(async () => {
    program = await startProgram({ people: 1500, accounts: 120 });
    browser = await launchBrowser();
    page = await browser.context.newPage();
    await page.setViewportSize({ width: 375, height: 812 });
  });

  after(async () => {
    if (browser) await browser.close();
    if (program) await program.stop();
  });

  it("shows the senior peer supervisor each supervisee's F, R and P, below threshold as an alert", async () => {
    // synth's clinical-only team (F falls) has no senior peer supervisor, so
    // an F or P alert is there only when a supervisee's scores dip.
    const account = await supervisorShowing(
      'senior_peer_supervisor', /(Role fidelity F|Reflective practice P) \d\.\d\d — below/)
      || await supervisorShowing('senior_peer_supervisor', /Role fidelity F \d\.\d\d/);
    assert.ok(account, 'no senior peer supervisor sees scores');
    const scores = await page.$$eval('.sup-scores summary', (nodes) => nodes.map((node) => node.textContent));
    assert.ok(scores.some((text) => /^Role fidelity F \d\.\d\d — (meets|below) 0\.80$/.test(text)), scores.join('; '));
    // A score folds out, from the keyboard, to the counts it comes from.
    const firstScore = page.locator('.sup-scores details').first();
    await firstScore.locator('summary').focus();
    await page.keyboard.press('Enter');
    assert.equal(await firstScore.getAttribute('open'), '');
    assert.match(await firstScore.textContent(),
      /Documented time in peer-scope activities: [\d,]+ of [\d,]+ minutes/);
    const alerts = await page.$$eval('.sup-attention li', (nodes) => nodes.map((node) => node.textContent));
    for (const text of alerts.filter((line) => / F | P /.test(line) && /below/.test(line))) {
      assert.match(text, /— below \d\.\d\d \(last (12 months|90 days)\)$/);
    }
    problems.push(...(await auditPage(page, 'fidelity-supervision-peer')));
    // The trend page of the first supervisee.
    await page.goto(program.baseUrl + (await page.getAttribute('a[href^="/fidelity?by=worker"]', 'href')));
    assert.equal(await page.locator('svg[role=img]').count(), 3);
    assert.match(await page.textContent('main'), / of [\d,]+ minutes \(\d+%\)/);
    assert.ok(await page.locator('details summary', { hasText: 'The numbers by month' }).count() === 1);
    problems.push(...(await auditPage(page, 'fidelity-trend-worker')));
  });

  it('records a session with a structured reflection and a discussed drift flag, keyboard only', async () => {
    const account = await supervisorShowing('senior_peer_supervisor', /open role-drift flags? to|[1-9]\d* open role-drift flags?/);
    assert.ok(account, 'no senior peer supervisor with open drift flags');
    const cards = page.locator('.sup-card', { hasText: /[1-9]\d* open role-drift flags?/ });
    const href = await cards.first().locator('a[href$="/sessions/new"]').getAttribute('href');
    await page.goto(program.baseUrl + href);
    problems.push(...(await auditPage(page, 'fidelity-session-form')));
    const parts = {
      what_happened: 'A question about a medication came up.',
      what_i_felt: 'Wanting to fix it.',
      what_i_learned: 'To walk alongside to the prescriber.',
      what_i_will_do: 'Ask who prescribed it, next time.',
    };
    for (const [id, words] of Object.entries(parts)) {
      await tabTo(page, `#${id}`);
      await page.keyboard.type(words);
    }
    await tabTo(page, 'input[name=discussed][value^="drift_flag:"]');
    await page.keyboard.press('Space');
    await tabTo(page, 'button[type=submit]');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    assert.match(await page.textContent('main'), /The supervision session is saved\./);
    assert.match(await page.textContent('#sessions + *, main'), /structured reflection/);
    assert.match(await page.textContent('main'), /Role-drift flag \d+/);
  });

  it('shows the clinical supervisor an R shortfall', async () => {
    const account = await supervisorShowing('clinical_supervisor', /Risk oversight R \d\.\d\d — below/);
    assert.ok(account, 'no clinical supervisor sees an R alert');
    problems.push(...(await auditPage(page, 'fidelity-supervision-clinical')));
  });

  it("shows the manager the program's scores and a worker lacking a supervisor", async () => {
    await signInAs(program.accounts.find((candidate) => candidate.role === 'program_manager'));
    await page.goto(`${program.baseUrl}/program`);
    const text = await page.textContent('main');
    assert.match(text, /Fidelity of the program/);
    assert.match(text, /Role fidelity F \d\.\d\d/);
    assert.match(text, /Risk oversight R \d\.\d\d/);
    assert.match(text, /Reflective practice P \d\.\d\d/);
    assert.match(text, /has no (clinical|senior peer) supervisor/);
    problems.push(...(await auditPage(page, 'fidelity-program')));
    await page.goto(`${program.baseUrl}/fidelity?by=program`);
    assert.equal(await page.locator('svg[role=img]').count(), 3);
    problems.push(...(await auditPage(page, 'fidelity-trend-program')));
  });

  it('has no axe violation and nothing wider than 375 px', () => {
    assert.deepEqual(problems, [], JSON.stringify(problems, null, 2));
  });
});
