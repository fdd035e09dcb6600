// The evaluation report (report.html of `alongside evaluate`) in the real
// browser: each design's report, on a synthetic cohort, meets WCAG 2.1 AA
// (axe-core), fits a 375 px phone without scrolling sideways, and keeps
// every chart's text inside its drawing at 640 px.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { BINARY, auditPage, launchBrowser } from './support.mjs';

function run(args) {
  const result = spawnSync(BINARY, args, { encoding: 'utf8' });
  assert.equal(result.status, 0, `${args.join(' ')}: ${result.stderr}`);
}

const DESIGNS = [
  { design: 'readmission', people: '400' },
  { design: 'hospitalization-rate', people: '200' },
  { design: 'stigma-training', people: '200' },
];

test('evaluation reports are accessible and fit a phone', async () => {
  if (!BINARY) throw new Error('set ALONGSIDE_BINARY to the alongside executable');
  const dir = mkdtempSync(path.join(tmpdir(), 'alongside-report-e2e-'));
  const browser = await launchBrowser();
  try {
    const page = await browser.context.newPage();
    for (const { design, people } of DESIGNS) {
      const cohort = path.join(dir, `${design}.csv`);
      const out = path.join(dir, design);
      run(['synth-cohort', '--design', design, '--people', people, '--seed', '5', '--out', cohort]);
      run(['evaluate', '--design', design, '--cohort', cohort, '--out', out, '--bootstrap', '50',
        '--threads', '1']);
      await page.goto(pathToFileURL(path.join(out, 'report.html')).href);
      const problems = await auditPage(page, `report-${design}`);
      assert.deepEqual(problems, [], `${design}: ${JSON.stringify(problems, null, 2)}`);
      await page.setViewportSize({ width: 375, height: 812 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${design}: the page scrolls sideways by ${overflow} px at 375 px`);
      // A table wider than the phone scrolls inside its own labelled,
      // focusable box (breaking numbers mid-digit would be worse); the box
      // must be reachable by keyboard.
      const unreachable = await page.evaluate(() => [...document.querySelectorAll('.table-scroll')]
        .filter((box) => box.scrollWidth > box.clientWidth + 1 && box.tabIndex !== 0)
        .map((box) => box.getAttribute('aria-label')));
      assert.deepEqual(unreachable, [], `${design}: wide tables without a keyboard-reachable scroll box`);
      await page.setViewportSize({ width: 640, height: 900 });
      const clipped = await page.evaluate(() => {
        const out = [];
        for (const svg of document.querySelectorAll('svg')) {
          const box = svg.getBoundingClientRect();
          for (const text of svg.querySelectorAll('text')) {
            const r = text.getBoundingClientRect();
            if (r.width === 0) continue;
            if (r.left < box.left - 1 || r.right > box.right + 1) out.push(text.textContent);
          }
        }
        return out;
      });
      assert.deepEqual(clipped, [], `${design}: chart text outside its drawing at 640 px`);
    }
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
