// Opens every page of a built lrlab course site in Debian's headless Chromium (playwright-core) and
// reports, per page, what a reader would see. Used by environment/tests/test_site.py.
//
// usage: node site_browser_check.mjs SITE_DIR BASE_URL|file [SCREENSHOT_DIR]
//   SITE_DIR        the built site (with lrlab-site.json, written by site_build.py)
//   BASE_URL        http://127.0.0.1:PORT/ of a static server on SITE_DIR, or "file" for file:// URLs
//   SCREENSHOT_DIR  if given, one PNG per page (name = page path with / -> __)
// Prints one JSON object: {mode, pages: [{page, consoleErrors, networkRequests, charts, chartsDrawn,
//   untitledCharts, rawTex, brokenLinks, sliders: [{moved, detail}]}]}
import { chromium } from 'playwright-core';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [siteArg, baseArg, shotDir] = process.argv.slice(2);
const site = resolve(siteArg);
const manifest = JSON.parse(readFileSync(join(site, 'lrlab-site.json'), 'utf8'));
const fileMode = baseArg === 'file';
const base = fileMode ? pathToFileURL(site + '/').href : (baseArg.endsWith('/') ? baseArg : baseArg + '/');
const pages = ['index.html', 'intro.html', 'search.html', 'genindex.html',
  ...(manifest.other_pages || []), ...manifest.pages.map((p) => p.page)];
const expected = Object.fromEntries(manifest.pages.map((p) => [p.page, p]));
if (shotDir) mkdirSync(shotDir, { recursive: true });

const profile = mkdtempSync(join(tmpdir(), 'lrlab-chromium-')); // a new, empty user-data-dir
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--no-first-run'],
  viewport: { width: 1280, height: 900 },
});

const linkStatus = new Map(); // url without fragment -> ok?
async function resolves(url) {
  if (linkStatus.has(url)) return linkStatus.get(url);
  let ok;
  if (url.startsWith('file:')) {
    ok = existsSync(fileURLToPath(url));
  } else {
    const r = await context.request.get(url).catch(() => null);
    ok = !!r && r.ok();
  }
  linkStatus.set(url, ok);
  return ok;
}

// is `url` served from the site itself (not another host, not the network)?
function local(url) {
  if (url.startsWith('data:') || url.startsWith('blob:') || url.startsWith('about:')) return true;
  return url.startsWith(base) || (fileMode && url.startsWith('file:'));
}

const results = [];
try {
  for (const pagePath of pages) {
    const page = await context.newPage();
    const consoleErrors = [];
    const networkRequests = [];
    page.on('console', (m) => {
      // the browser's own request for /favicon.ico (no page asks for it) is not the page's error
      if (m.type() === 'error' && !(m.location().url || '').endsWith('/favicon.ico')) {
        consoleErrors.push(`${m.text()} (${m.location().url || 'page'})`);
      }
    });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    page.on('request', (r) => { if (!local(r.url())) networkRequests.push(r.url()); });
    page.on('requestfailed', (r) => { if (local(r.url())) consoleErrors.push(`failed to load ${r.url()}`); });
    const want = expected[pagePath] || { charts: 0, sliders: 0 };
    const result = { page: pagePath, consoleErrors, networkRequests, charts: want.charts };
    try {
      await page.goto(base + pagePath, { waitUntil: 'load', timeout: 30000 });
      if (pagePath === 'index.html') { // Jupyter Book's index.html forwards to the first page
        await page.waitForURL(/intro\.html$/, { timeout: 30000 });  // as long as goto may take: a loaded machine is slow
        await page.waitForLoadState('load');
      }
      // charts draw asynchronously (each output script waits for window.Plotly); MathJax typesets late
      await page.waitForFunction((n) => [...document.querySelectorAll('.lrlab-plot')]
        .filter((el) => el.querySelector('svg.main-svg')).length >= n, want.charts, { timeout: 20000 })
        .catch(() => {});
      await page.evaluate(async () => {
        if (window.MathJax && window.MathJax.startup && window.MathJax.startup.promise) {
          await window.MathJax.startup.promise;
        }
      });
      Object.assign(result, await page.evaluate(() => {
        const plots = [...document.querySelectorAll('.lrlab-plot')];
        const drawn = plots.filter((el) => el.querySelector('svg.main-svg'));
        const untitled = drawn.filter((el) => {
          const t = el.querySelector('.gtitle');
          if (!t || !t.textContent.trim()) return true;
          const box = t.getBoundingClientRect();
          return box.width === 0 || box.height === 0;
        }).map((el) => el.id);
        // TeX delimiters left in the text a reader sees (outside code, charts and MathJax's output)
        const skip = 'mjx-container, pre, code, script, style, .lrlab-plot, .highlight, textarea';
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        const rawTex = [];
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          if (n.parentElement && n.parentElement.closest(skip)) continue;
          const t = n.textContent;
          if (t.includes('$$') || t.includes('\\(') || t.includes('\\[')) rawTex.push(t.trim().slice(0, 80));
        }
        const links = [...document.querySelectorAll('a[href]')].map((a) => a.href);
        const anchorsMissing = [...document.querySelectorAll('a[href^="#"]')]
          .map((a) => decodeURIComponent(a.getAttribute('href').slice(1)))
          .filter((id) => id && !document.getElementById(id));
        return {
          plotContainers: plots.length, chartsDrawn: drawn.length, untitledCharts: untitled, rawTex,
          links, anchorsMissing,
          titles: drawn.map((el) => (el.querySelector('.gtitle') || {}).textContent || ''),
        };
      }));
      result.brokenLinks = [];
      for (const href of result.links) {
        const url = href.split('#')[0];
        if (!local(url) || url === '') continue; // external links are only followed when clicked
        if (!(await resolves(url))) result.brokenLinks.push(href);
      }
      result.brokenLinks.push(...result.anchorsMissing.map((id) => `${pagePath}#${id}`));
      delete result.links;
      delete result.anchorsMissing;
      result.sliders = await checkSliders(page);
      if (pagePath === 'search.html') result.searchHits = await searchHits(page);
      if (shotDir) await page.screenshot({ path: join(shotDir, pagePath.replaceAll('/', '__') + '.png') });
    } catch (e) {
      consoleErrors.push(`check failed: ${String(e).split('\n')[0]}`);
    }
    results.push(result);
    await page.close();
  }
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(JSON.stringify({ mode: fileMode ? 'file' : 'http', pages: results }));

// Sphinx's own full-text search, offline: query a word every course page has and count the hits
async function searchHits(page) {
  await page.goto(base + 'search.html?q=learning', { waitUntil: 'load', timeout: 30000 });
  await page.waitForFunction(() => document.querySelectorAll('#search-results li').length > 0, null,
    { timeout: 15000 }).catch(() => {});
  return page.evaluate(() => document.querySelectorAll('#search-results li').length);
}

// Every chart with a Plotly slider: click a step other than the current one on the slider's rail and
// check that the chart's trace data changed (the slider animates to another frame).
async function checkSliders(page) {
  const ids = await page.evaluate(() => [...document.querySelectorAll('.lrlab-plot')]
    .filter((el) => el.layout && el.layout.sliders && el.layout.sliders.length).map((el) => el.id));
  const out = [];
  for (const id of ids) {
    const snapshot = () => page.evaluate((i) => JSON.stringify(document.getElementById(i).data
      .map((t) => [t.x, t.y, t.z])), id);
    const before = await snapshot();
    const plot = page.locator(`[id="${id}"]`);
    await plot.scrollIntoViewIfNeeded();
    const rail = plot.locator('.slider-container .slider-rail-touch-rect').first();
    const box = await rail.boundingBox();
    if (!box) { out.push({ id, moved: false, detail: 'slider rail not drawn' }); continue; }
    // the far end if the slider starts at the left, else the near end
    const active = await page.evaluate((i) => document.getElementById(i).layout.sliders[0].active || 0, id);
    const x = active === 0 ? box.x + box.width * 0.97 : box.x + box.width * 0.03;
    await page.mouse.click(x, box.y + box.height / 2);
    let after = before;
    for (let k = 0; k < 30 && after === before; k++) {
      await page.waitForTimeout(100);
      after = await snapshot();
    }
    out.push({ id, moved: after !== before, detail: after !== before ? 'trace data changed' : 'trace data unchanged' });
  }
  return out;
}
