// Opens a grading run's class report (OUT/report.html) from file:// in Debian's headless Chromium
// (playwright-core) and reports what an instructor would see. Used by environment/tests/test_grading_report.py.
//
// usage: node report_browser_check.mjs OUT_DIR [SCREENSHOT.png]
// Prints one JSON object: {consoleErrors, outsideRequests, plotContainers, chartsDrawn, titles,
//   failedChart, noCellsNote, tableRows, brokenLinks, injected}
//   outsideRequests  every request for anything but a file inside OUT_DIR (the page must make none)
//   injected         true if markup from the data (student names, messages) ran as HTML/script
import { chromium } from 'playwright-core';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [outArg, shot] = process.argv.slice(2);
const out = resolve(outArg);
const base = pathToFileURL(out + '/').href;
const profile = mkdtempSync(join(tmpdir(), 'lrlab-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--no-first-run'],
  viewport: { width: 1280, height: 900 },
});
const result = { consoleErrors: [], outsideRequests: [] };
try {
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') result.consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => result.consoleErrors.push(String(e)));
  page.on('request', (r) => { if (!r.url().startsWith(base) && !r.url().startsWith('data:')) result.outsideRequests.push(r.url()); });
  page.on('requestfailed', (r) => result.consoleErrors.push(`failed to load ${r.url()}`));
  await page.goto(base + 'report.html', { waitUntil: 'load', timeout: 30000 });
  // charts draw right after load; wait until every container has its SVG (or give up after 20 s)
  await page.waitForFunction(() => {
    const plots = [...document.querySelectorAll('.report-plot')];
    return plots.length > 0 && plots.every((el) => el.querySelector('svg.main-svg'));
  }, null, { timeout: 20000 }).catch(() => {});
  Object.assign(result, await page.evaluate(() => {
    const plots = [...document.querySelectorAll('.report-plot')];
    const drawn = plots.filter((el) => el.querySelector('svg.main-svg'));
    return {
      plotContainers: plots.length,
      chartsDrawn: drawn.length,
      titles: drawn.map((el) => (el.querySelector('.gtitle') || {}).textContent || ''),
      bars: drawn.map((el) => el.querySelectorAll('.bars path, .point path').length),
      failedChart: !!document.querySelector('#failed-chart svg.main-svg'),
      noCellsNote: !!document.getElementById('no-cells'),
      tableRows: document.querySelectorAll('table.students tbody tr').length,
      links: [...document.querySelectorAll('a[href]')].map((a) => a.href),
      injected: !!window.__lrlabInjected || document.querySelectorAll('img, iframe, object, embed').length > 0,
    };
  }));
  result.brokenLinks = result.links.filter((h) => h.startsWith('file:') && !h.includes('#')
    && !existsSync(fileURLToPath(h)));
  delete result.links;
  if (shot) await page.screenshot({ path: shot, fullPage: true });
} catch (e) {
  result.consoleErrors.push(`check failed: ${String(e).split('\n')[0]}`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(JSON.stringify(result));
