// Browser benchmark on the release build (numbers to report, not a test):
// transfer size, cold load, reload with 1,000 and 10,000 releases, one form
// action, a terminal line from Enter to its output painted, undo, and bytes
// written per action.
// Usage: node tests/e2e/bench.mjs  (after `trunk build --release --offline`;
// it makes the big workspaces with `cargo run --release -- export`).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { serve, launch, watch, ready } from './lib.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const dist = path.join(root, 'dist');
const problems = [];

// Transfer sizes, gzip -9, per file. The app is what its page downloads:
// index.html, the glue and its snippets, the wasm, the service worker and
// the manifest. Apart from it: lessons/ (data fetched when a lesson
// opens), the docs loader, the presenter (loaded only by ?present),
// embed.html (the app's other page) and the single-file build.
const APART = { 'release-lab-embed.js': 'loader', 'presenter.js': 'presenter', 'embed.html': 'embed page', 'release-lab.html': 'single file' };
const sizes = { app: 0, lessons: 0 };
(function walk(dir) {
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    if (fs.statSync(file).isDirectory()) { walk(file); continue; }
    const raw = fs.readFileSync(file);
    const gz = zlib.gzipSync(raw, { level: 9 }).length;
    const relative = path.relative(dist, file);
    const part = relative.startsWith('lessons') ? 'lessons' : APART[relative] || 'app';
    sizes[part] = (sizes[part] || 0) + gz;
    if (part !== 'lessons') console.log(`size ${relative}${part === 'app' ? '' : ` (${part}, not in the app)`}: ${raw.length} bytes, ${gz} gzip`);
  }
})(dist);
const total = sizes.app;
console.log(`size total (the app: HTML + JS + WASM + CSS + service worker + manifest, gzip): ${total} bytes = ${(total / 1000).toFixed(1)} kB`);
console.log(`size lessons/ (data, fetched when a lesson opens, gzip): ${sizes.lessons} bytes`);
console.log(`size docs loader (release-lab-embed.js, gzip): ${sizes.loader} bytes`);

/** A workspace file with `releases` releases on one app, 50 config vars. */
function workspace(releases) {
  const lines = ['heroku create big-app'];
  lines.push('heroku config:set ' + Array.from({ length: 50 }, (_, i) => `VAR_${String(i).padStart(2, '0')}=value-${i}-xxxxxxxxxxxxxxxxxxxx`).join(' '));
  for (let made = 3, i = 0; made < releases; made += 1, i += 1) {
    if (i % 10 === 0) lines.push(`git commit -q -m 'Change ${i}'`, 'git push -q heroku main');
    else lines.push(`heroku config:set VAR_${String(i % 50).padStart(2, '0')}=v${i}`);
  }
  const script = path.join(root, 'target', `bench-${releases}.txt`);
  fs.writeFileSync(script, lines.join('\n') + '\n');
  const out = path.join(root, 'target', `bench-${releases}.json`);
  fs.writeFileSync(out, execFileSync('cargo', ['run', '-q', '--release', '--bin', 'release-lab', '--', 'export', script], { cwd: root, maxBuffer: 1 << 28 }));
  return out;
}

const server = await serve(dist);
const browser = await launch();

/**
 * First contentful paint, median of `times` navigations with empty
 * storage: of the app (index.html's static shell) and, for the floor this
 * machine's browser sets, of a page with one heading.
 */
async function firstPaint(url, label, times = 9, fresh = false) {
  let context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  let page = await context.newPage();
  await watch(page, problems);
  const samples = [];
  for (let i = 0; i < times; i += 1) {
    // A first visit: nothing cached, no service worker yet.
    if (fresh && i > 0) {
      await context.close();
      context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      page = await context.newPage();
      await watch(page, problems);
    }
    await page.goto(url);
    samples.push(await page.evaluate(() => new Promise((resolve) => {
      new PerformanceObserver((list, observer) => {
        const paint = list.getEntries().find((e) => e.name === 'first-contentful-paint');
        if (paint) { observer.disconnect(); resolve(paint.startTime); }
      }).observe({ type: 'paint', buffered: true });
    })));
  }
  await context.close();
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)];
  console.log(`first paint, ${label}: median ${median.toFixed(0)} ms (${samples.map((s) => s.toFixed(0)).join(', ')})`);
}
const floorDir = path.join(root, 'target', 'bench-floor');
fs.mkdirSync(floorDir, { recursive: true });
fs.writeFileSync(path.join(floorDir, 'index.html'), '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Floor</title><link rel="icon" href="data:,"></head><body><h1>Release Lab</h1></body></html>');
const floor = await serve(floorDir);
await firstPaint(floor.url, 'a page with one heading (the floor)');
await floor.close();
await firstPaint(server.url, 'Release Lab, first visits (a new browser context each)', 9, true);
await firstPaint(server.url, 'Release Lab, repeat visits (its service worker and HTTP cache)');

async function freshPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await watch(page, problems);
  // An import asks before it replaces the workspace.
  page.on('dialog', (dialog) => dialog.accept());
  return { context, page };
}

async function timed(label, action) {
  const start = performance.now();
  await action();
  const ms = performance.now() - start;
  console.log(`${label}: ${ms.toFixed(0)} ms`);
  return ms;
}

async function lastEventBytes(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('release-lab');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const store = db.transaction('events').objectStore('events');
      const cursor = store.openCursor(null, 'prev');
      cursor.onsuccess = () => {
        const c = cursor.result;
        resolve(c ? { value: c.value.length, key: JSON.stringify(c.key).length } : null);
        db.close();
      };
    };
  }));
}

/**
 * How many rows of `rows` (a selector) are drawn anew while `action` runs:
 * rows added to the DOM, counted by a MutationObserver, out of those there.
 */
async function rowsRedrawn(page, rows, label, action) {
  await page.evaluate((rows) => {
    window.benchAdded = 0;
    window.benchObserver = new MutationObserver((records) => {
      for (const r of records) for (const node of r.addedNodes) if (node.nodeType === 1 && node.matches(rows)) window.benchAdded += 1;
    });
    window.benchObserver.observe(document.body, { childList: true, subtree: true });
  }, rows);
  await action();
  await page.waitForTimeout(300);
  const [added, total] = await page.evaluate((rows) => { window.benchObserver.disconnect(); return [window.benchAdded, document.querySelectorAll(rows).length]; }, rows);
  console.log(`rows drawn anew by ${label}: ${added} of ${total}`);
}

/**
 * Median time from a click on the button named `button` to the frame that
 * shows a new release: the pager's count changes, then one animation
 * frame and a task later the browser has painted it. `prepare` runs
 * before each click.
 */
async function clickToRow(page, button, label, prepare, times = 5) {
  const samples = [];
  const work = [];
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const kinds = ['TaskDuration', 'ScriptDuration', 'RecalcStyleDuration', 'LayoutDuration'];
  const metrics = async () => {
    const all = (await cdp.send('Performance.getMetrics')).metrics;
    return kinds.map((kind) => all.find((m) => m.name === kind).value * 1000);
  };
  const parts = [];
  for (let i = 0; i < times; i += 1) {
    await prepare(i);
    const before = await metrics();
    samples.push(await page.evaluate(async (button) => {
      // Read afresh: the pager is drawn anew when it changes.
      const pager = () => document.querySelector('.history .pager span').textContent;
      const before = pager();
      const start = performance.now();
      [...document.querySelectorAll('button')].find((b) => b.textContent === button).click();
      await new Promise((resolve) => {
        const check = () => (pager() !== before ? requestAnimationFrame(() => setTimeout(resolve, 0)) : requestAnimationFrame(check));
        check();
      });
      return performance.now() - start;
    }, button));
    // Main-thread work from the click to that frame (and the few
    // milliseconds of this measurement itself): the rest of the time above
    // is waiting for IndexedDB.
    const after = await metrics();
    work.push(after[0] - before[0]);
    parts.push(after.map((value, k) => value - before[k]));
    await page.waitForFunction(() => !document.querySelector('form.create-app button').disabled);
  }
  const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
  const part = (k) => median(parts.map((p) => p[k])).toFixed(1);
  console.log(`click to painted row, ${label}: median ${median(samples).toFixed(1)} ms (${samples.map((s) => s.toFixed(0)).join(', ')}); main-thread work median ${median(work).toFixed(1)} ms (${work.map((s) => s.toFixed(0)).join(', ')}): script ${part(1)}, style ${part(2)}, layout ${part(3)}`);
  await cdp.detach();
}

async function commitAndPush(page, message) {
  const before = await page.locator('.history .pager span').innerText();
  await page.fill('#commit-message', message);
  return timed(`form action (commit and push) to its release, ${before.match(/\((\d+) releases\)/)[1]} releases`, async () => {
    await page.click('button:has-text("Commit and push")');
    await page.waitForFunction((text) => document.querySelector('.history .pager span').innerText !== text, before);
  });
}

/**
 * Runs `line` in the terminal `times` times and reports the median time
 * from Enter (the form's submit) to the frame that shows its output: the
 * entry is in the DOM, then one animation frame and a task later the
 * browser has painted it.
 */
async function terminalLine(page, line, label, times = 5) {
  const samples = [];
  for (let i = 0; i < times; i += 1) {
    samples.push(await page.evaluate(async (line) => {
      const field = document.querySelector('#terminal-command');
      const log = document.querySelector('.terminal-text');
      const previous = log.lastElementChild;
      field.value = line;
      field.dispatchEvent(new Event('input', { bubbles: true }));
      const start = performance.now();
      field.form.requestSubmit();
      await new Promise((resolve) => {
        const check = () => {
          const last = log.lastElementChild;
          if (last && last !== previous && last.querySelector('.command').textContent === `$ ${line}\n`) {
            requestAnimationFrame(() => setTimeout(resolve, 0));
          } else {
            requestAnimationFrame(check);
          }
        };
        check();
      });
      return performance.now() - start;
    }, line));
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)];
  console.log(`terminal, Enter to output painted, ${label}: median ${median.toFixed(1)} ms (${samples.map((s) => s.toFixed(0)).join(', ')})`);
}

/**
 * The timeline redrawn: choosing a mark (which redraws the picture and the
 * details) and, when there are older releases, paging the window; median
 * time from the click to the frame that shows it.
 */
async function timelineRedraw(page, label, times = 9) {
  for (const what of ['choose a mark', 'page to older releases']) {
    const samples = [];
    for (let i = 0; i < times; i += 1) {
      const ms = await page.evaluate(async ([what, i]) => {
        const panel = document.querySelector('.timeline-panel');
        const marks = panel.querySelectorAll('.mark[data-version]');
        const control = what === 'choose a mark'
          ? marks[i % marks.length]
          : panel.querySelector(i % 2 ? '[data-page="newer"]' : '[data-page="older"]');
        if (!control || control.disabled) return null;
        const before = panel.querySelector('svg');
        const start = performance.now();
        control.dispatchEvent(new MouseEvent('click', { bubbles: true }));
        await new Promise((resolve) => {
          const check = () => (panel.querySelector('svg') !== before ? requestAnimationFrame(() => setTimeout(resolve, 0)) : requestAnimationFrame(check));
          check();
        });
        return performance.now() - start;
      }, [what, i]);
      if (ms !== null) samples.push(ms);
    }
    if (!samples.length) continue;
    samples.sort((a, b) => a - b);
    const nodes = await page.locator('.timeline-panel svg *').count();
    console.log(`timeline, click to painted (${what}), ${label}: median ${samples[Math.floor(samples.length / 2)].toFixed(1)} ms (${samples.map((s) => s.toFixed(0)).join(', ')}); ${nodes} SVG nodes`);
  }
}

{
  // A docs page on another origin with one block: what a reader downloads
  // for the page's loader, then after "Try it" until the terminal has run
  // the block (a fresh browser context: nothing cached).
  const docs = await serve(dist, { prefix: '/none/', pages: { '/docs.html': `<!doctype html><title>Docs</title><link rel="icon" href="data:,">
<pre data-release-lab>heroku create shop</pre><script src="${server.url}release-lab-embed.js"></script>` } });
  const context = await browser.newContext();
  const page = await context.newPage();
  await watch(page, problems);
  server.stats.bytes = 0;
  await page.goto(`${docs.origin}/docs.html`);
  await page.getByRole('button', { name: 'Try it' }).waitFor();
  const loaderBytes = server.stats.bytes;
  const started = performance.now();
  await page.getByRole('button', { name: 'Try it' }).click();
  await page.frameLocator('iframe').locator('.terminal-text .entry').first().waitFor({ timeout: 60_000 });
  console.log(`docs embed: loader ${loaderBytes} bytes; after "Try it" ${server.stats.bytes - loaderBytes} bytes (gzip), terminal with the block run in ${(performance.now() - started).toFixed(0)} ms`);
  await context.close();
  await docs.close();
}

{
  const { context, page } = await freshPage();
  server.stats.bytes = 0;
  await timed('cold load to interactive (empty storage)', async () => {
    await page.goto(server.url);
    await ready(page);
  });
  console.log(`bytes transferred on cold load (gzip): ${server.stats.bytes}`);
  await page.fill('#new-app-name', 'small-app');
  await page.click('button:has-text("Create app")');
  await page.locator('.releases tbody tr:has-text("Enable Logplex")').first().waitFor();
  for (let i = 0; i < 7; i += 1) {
    await page.fill('#commit-message', `Change ${i}`);
    await page.click('button:has-text("Commit and push")');
    await page.locator(`.releases tbody tr:has-text("v${i + 3}")`).first().waitFor();
  }
  await commitAndPush(page, 'Timed change');
  const bytes = await lastEventBytes(page);
  console.log(`bytes written per action at 10 releases: ${bytes.value} (value) + ${bytes.key} (key)`);
  await terminalLine(page, 'heroku releases -n 15', 'heroku releases -n 15 at 10 releases');
  await terminalLine(page, 'heroku config:set TIMED=1', 'heroku config:set at 10 releases');
  await terminalLine(page, 'sim undo', 'sim undo at 10 releases', 3);
  await timelineRedraw(page, 'at 10 releases');
  await context.close();
}

for (const releases of [1000, 10000]) {
  const file = workspace(releases);
  const { context, page } = await freshPage();
  await page.goto(server.url);
  await ready(page);
  await timed(`import of ${releases} releases (validated by replay, then stored)`, async () => {
    await page.setInputFiles('#import-file', file);
    await page.waitForFunction((n) => document.querySelector('.history .pager span')?.innerText.includes(`(${n} releases)`), releases, { timeout: 600_000 });
  });
  // Measured in the page from navigation start: the first frame whose
  // history shows all releases (a task after that frame's callbacks), and
  // the one with the forms drawn too.
  await page.addInitScript((n) => {
    const watchFrames = () => {
      const pager = document.querySelector('.history .pager span');
      if (!window.benchHistoryAt && pager && pager.textContent.includes(`(${n} releases)`)) {
        setTimeout(() => { window.benchHistoryAt = performance.now(); }, 0);
      }
      if (!window.benchFormsAt && document.querySelector('#commit-message')) {
        setTimeout(() => { window.benchFormsAt = performance.now(); }, 0);
      }
      if (!window.benchFormsAt) requestAnimationFrame(watchFrames);
    };
    requestAnimationFrame(watchFrames);
  }, releases);
  const reloads = [];
  for (let pass = 0; pass < 5; pass += 1) {
    await page.reload();
    await page.waitForFunction(() => window.benchHistoryAt && window.benchFormsAt, null, { timeout: 600_000 });
    reloads.push(await page.evaluate(() => [window.benchHistoryAt, window.benchFormsAt]));
  }
  const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
  const history = reloads.map(([h]) => h);
  const forms = reloads.map(([, f]) => f);
  console.log(`reload of ${releases} releases to the history painted: median ${median(history).toFixed(0)} ms (${history.map((t) => t.toFixed(0)).join(', ')})`);
  console.log(`reload of ${releases} releases to the forms drawn too: median ${median(forms).toFixed(0)} ms (${forms.map((t) => t.toFixed(0)).join(', ')})`);
  await ready(page);
  await commitAndPush(page, 'Timed change');
  const bytes = await lastEventBytes(page);
  console.log(`bytes written per action at ${releases} releases: ${bytes.value} (value) + ${bytes.key} (key)`);
  await clickToRow(page, 'Commit and push', `Commit and push at ${releases} releases`,
    (i) => page.fill('#commit-message', `Click ${i}`));
  await clickToRow(page, 'Apply changes', `Apply changes (1 of 50 vars) at ${releases} releases`,
    (i) => page.fill('.vars-edit input[aria-label="Value of VAR_07"]', `clicked-${i}`));
  await rowsRedrawn(page, '.releases tbody tr', `a clock tick (+1 minute) at ${releases} releases`, async () => {
    await page.click('button:has-text("+1 minute")');
    await page.waitForFunction(() => document.querySelector('.terminal-text').textContent.endsWith('\n') && document.querySelector('.terminal-text').lastElementChild.textContent.startsWith('$ sim advance 1m'));
  });
  await rowsRedrawn(page, '.vars-edit tbody tr', `a config change (1 of 50 vars) at ${releases} releases`, async () => {
    const before = await page.locator('.history .pager span').innerText();
    await page.fill('.vars-edit input[aria-label="Value of VAR_08"]', 'changed');
    await page.click('button:has-text("Apply changes")');
    await page.waitForFunction((text) => document.querySelector('.history .pager span').innerText !== text, before);
  });
  await timelineRedraw(page, `at ${releases} releases`);
  await terminalLine(page, 'heroku releases -n 15', `heroku releases -n 15 at ${releases} releases`);
  await terminalLine(page, 'heroku config:set TIMED=1', `heroku config:set at ${releases} releases`);
  await terminalLine(page, 'sim undo', `sim undo at ${releases} releases (replays every remaining event)`, 3);
  await context.close();
}

await browser.close();
await server.close();
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
