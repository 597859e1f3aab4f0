// Opens a notebook in a running JupyterLab with Debian's headless Chromium, runs all cells, waits
// for the kernel to finish and for every chart to draw, and saves a screenshot.
// usage: node lab_check.mjs URL_WITH_TOKEN NOTEBOOK_PATH EXPECTED_CHARTS SCREENSHOT.png
import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [base, notebook, expectedCharts, shot] = process.argv.slice(2);
const url = new URL(base);
const token = url.searchParams.get('token');
const target = `${url.origin}/lab/tree/${notebook}?token=${token}`;

const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'lrlab-chromium-')), {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
         '--disable-sync', '--no-first-run'],
  viewport: { width: 1280, height: 1000 },
});
const page = context.pages()[0] || await context.newPage();
const errors = [];
page.on('pageerror', (e) => errors.push(String(e)));
try {
  await page.goto(target, { waitUntil: 'domcontentloaded', timeout: 60000 });
  await page.waitForFunction(() => window.jupyterapp && document.querySelector('.jp-Notebook'), null, { timeout: 60000 });
  // the kernel must be connected and idle before "run all"; a run-all sent while the session is
  // still being wired up is dropped by JupyterLab, so it is repeated until a prompt shows progress
  await page.waitForFunction(() => {
    const k = window.jupyterapp.shell.currentWidget?.sessionContext?.session?.kernel;
    return k && k.connectionStatus === 'connected' && k.status === 'idle';
  }, null, { timeout: 90000 });
  let started = false;
  for (let attempt = 0; attempt < 4 && !started; attempt++) {
    await page.evaluate(() => window.jupyterapp.commands.execute('notebook:run-all-cells'));
    started = await page.waitForFunction(() => [...document.querySelectorAll('.jp-InputArea-prompt')]
      .some((p) => /\[(\*|\d+)\]/.test(p.textContent)), null, { timeout: 15000 }).then(() => true, () => false);
  }
  if (!started) throw new Error('JupyterLab did not start running the cells');
  const want = Number(expectedCharts);
  await page.waitForFunction((n) => document.querySelectorAll('.jp-OutputArea .js-plotly-plot .main-svg').length >= n,
    want, { timeout: 90000 });
  await page.waitForFunction(() => {
    const prompts = [...document.querySelectorAll('.jp-InputArea-prompt')].map((p) => p.textContent);
    return prompts.length > 0 && !prompts.some((t) => t.includes('*'));
  }, null, { timeout: 90000 });
  const errorOutputs = await page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').count();
  const charts = await page.locator('.jp-OutputArea .js-plotly-plot').count();
  await page.evaluate(() => document.querySelector('.jp-WindowedPanel-outer, .jp-Notebook')?.scrollTo(0, 0));
  await page.screenshot({ path: shot });
  console.log(JSON.stringify({ charts, errorOutputs, pageErrors: errors }));
} catch (e) {
  // keep the evidence: what the page showed when the check gave up
  await page.screenshot({ path: shot }).catch(() => {});
  console.error(`lab check failed (screenshot: ${shot}): ${e.message.split('\n')[0]}`);
  process.exitCode = 1;
} finally {
  await context.close();
}
