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
  // the kernel must be idle before "run all", or the first cells queue behind its start
  await page.waitForSelector('.jp-Notebook-ExecutionIndicator[data-status="idle"]', { timeout: 60000 }).catch(() => {});
  await page.evaluate(() => window.jupyterapp.commands.execute('notebook:run-all-cells'));
  const want = Number(expectedCharts);
  await page.waitForFunction((n) => document.querySelectorAll('.jp-OutputArea .js-plotly-plot .main-svg').length >= n,
    want, { timeout: 120000 });
  await page.waitForFunction(() => {
    const prompts = [...document.querySelectorAll('.jp-InputArea-prompt')].map((p) => p.textContent);
    return prompts.length > 0 && !prompts.some((t) => t.includes('*'));
  }, null, { timeout: 120000 });
  const errorOutputs = await page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').count();
  const charts = await page.locator('.jp-OutputArea .js-plotly-plot').count();
  await page.evaluate(() => document.querySelector('.jp-WindowedPanel-outer, .jp-Notebook')?.scrollTo(0, 0));
  await page.screenshot({ path: shot });
  console.log(JSON.stringify({ charts, errorOutputs, pageErrors: errors }));
} finally {
  await context.close();
}
