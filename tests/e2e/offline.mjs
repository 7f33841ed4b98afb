// Offline use and presenting, in the release build (a copy of dist/, so
// the "rebuild" below changes nothing the other tests read):
// - after one online visit the service worker has precached the app; with
//   the network off (context.setOffline) a reload opens it, saved data
//   intact, and a lesson opens too;
// - a rebuild (a new hashed wasm name, a new page, the service worker
//   written again by scripts/package-dist.mjs, as `trunk build` runs it)
//   is served on the next online load, and the old cache is deleted: the
//   offline app is then the new one;
// - release-lab.html opened from file:// runs and keeps its work;
// - presenter mode: forms hidden, large type, one command per →/Space,
//   speaker notes, autoplay and pause.
// Fails on any page error.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, watch, ready, finish } from './lib.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'release-lab-offline-'));
fs.cpSync(path.join(root, 'dist'), copy, { recursive: true });
const problems = [];
// Under a sub-path, as a docs site would host it.
const server = await serve(copy, { prefix: '/docs/tools/release-lab/' });
const browser = await launch();
let summary = '';

function check(condition, message) {
  if (!condition) throw new Error(message);
}

async function type(page, line) {
  const before = await page.locator('.terminal-text .entry').count();
  await page.fill('#terminal-command', line);
  await page.press('#terminal-command', 'Enter');
  await page.locator('.terminal-text .entry').nth(before).waitFor({ timeout: 15_000 });
  return page.locator('.terminal-text .entry').nth(before).textContent();
}

/** Polls an async page function until it returns something truthy (waitForFunction does not await). */
async function until(page, fn, arg, what) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await page.evaluate(fn, arg);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Waits until the page is controlled and the cache holds one version, complete, other than `old`; returns its name. */
function cached(page, old = null) {
  return until(page, async (old) => {
    if (!navigator.serviceWorker.controller) return null;
    const keys = (await caches.keys()).filter((k) => k.startsWith('release-lab-'));
    if (keys.length !== 1 || keys[0] === old) return null;
    const cache = await caches.open(keys[0]);
    return (await cache.keys()).length > 10 ? keys[0] : null;
  }, old, 'the service worker\'s cache');
}

try {
  // One online visit; the worker takes over and precaches.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await watch(page, problems);
  await page.goto(server.url);
  await ready(page);
  await type(page, 'heroku create keep');
  await type(page, 'heroku config:set STAYS=yes -a keep');
  const firstCache = await cached(page);

  // Offline: the app opens, with what was saved.
  await context.setOffline(true);
  await page.reload();
  await ready(page);
  check((await type(page, 'heroku config:get STAYS -a keep')).includes('yes'), 'saved data is intact offline');
  check((await type(page, 'heroku releases -a keep')).includes('v3'), 'the app works offline');
  // Lessons are precached too; any address of the page opens offline.
  await page.goto(`${server.url}index.html?lesson=every-change`);
  await page.locator('#lesson-title').waitFor({ timeout: 30_000 });
  await page.goto(`${server.url}embed.html?script=heroku%20create%20offline`);
  await page.locator('.terminal-text .entry:has-text("$ heroku create offline")').waitFor({ timeout: 30_000 });
  await page.goto(server.url);
  await ready(page);
  await context.setOffline(false);

  // A rebuild: new hashed wasm, a new page, the worker written again.
  const wasm = fs.readdirSync(copy).find((n) => n.endsWith('_bg.wasm'));
  const rebuilt = wasm.replace(/-([0-9a-f]+)_bg\.wasm$/, '-0000000000rebuilt_bg.wasm');
  fs.renameSync(path.join(copy, wasm), path.join(copy, rebuilt));
  const index = fs.readFileSync(path.join(copy, 'index.html'), 'utf8').split(wasm).join(rebuilt)
    .replace('<title>Release Lab</title>', '<title>Release Lab (rebuilt)</title>');
  fs.writeFileSync(path.join(copy, 'index.html'), index);
  execFileSync('node', [path.join(root, 'scripts/package-dist.mjs'), copy], { stdio: 'ignore' });
  await page.reload();
  await ready(page);
  check((await page.title()) === 'Release Lab (rebuilt)', 'the next online load shows the new build');
  const secondCache = await cached(page, firstCache);
  check(secondCache !== firstCache, `the new build has its own cache: ${firstCache} then ${secondCache}`);
  await context.setOffline(true);
  await page.reload();
  await ready(page);
  check((await page.title()) === 'Release Lab (rebuilt)', 'offline, the app is the new build');
  check((await type(page, 'heroku config:get STAYS -a keep')).includes('yes'), 'saved data survives the update');
  await context.setOffline(false);
  await context.close();

  // The single file, from file://.
  const usb = await browser.newContext();
  const single = await usb.newPage();
  await watch(single, problems);
  const file = `file://${path.join(copy, 'release-lab.html')}`;
  await single.goto(file);
  await ready(single);
  await type(single, 'heroku create stick');
  await single.reload();
  await ready(single);
  check((await type(single, 'heroku apps')).includes('stick'), 'release-lab.html keeps its work from file://');
  await usb.close();
  const singleSize = fs.statSync(path.join(copy, 'release-lab.html')).size;

  // Presenter mode: a script with notes, stepped by keys, then autoplay.
  const show = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const presenter = await show.newPage();
  await watch(presenter, problems);
  const demo = ['# We start with an empty app.', 'heroku create demo', '# Deploy it.', 'git commit -m "First"', 'git push heroku main',
    '# Change a var.', 'heroku config:set A=1 -a demo', 'heroku releases -a demo'].join('\n');
  await presenter.goto(`${server.url}?present&script=${encodeURIComponent(demo)}`);
  await presenter.locator('.presenter .notes:has-text("We start with an empty app.")').waitFor({ timeout: 60_000 });
  check(!(await presenter.locator('.actions').isVisible()), 'the forms are hidden');
  const size = await presenter.locator('.terminal-text').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  check(size >= 20, `large type (${size}px)`);
  check((await presenter.locator('.presenter .upcoming').innerText()) === 'Next: heroku create demo', 'the next command is shown');
  await presenter.keyboard.press('ArrowRight');
  await presenter.locator('.terminal-text .entry:has-text("$ heroku create demo")').waitFor();
  await presenter.locator('.presenter .notes:has-text("Deploy it.")').waitFor();
  await presenter.keyboard.press('Space');
  await presenter.locator('.terminal-text .entry:has-text("$ git commit")').waitFor();
  check((await presenter.locator('.terminal-text .entry').count()) === 2, 'one command per key press');
  check((await presenter.locator('.presenter .progress').innerText()) === '2 / 5', 'the progress is shown');
  await presenter.selectOption('.presenter .pace', '1.5');
  await presenter.click('.presenter .play');
  await presenter.locator('.terminal-text .entry:has-text("$ git push heroku main")').waitFor();
  await presenter.click('.presenter .play:has-text("Pause")');
  const paused = await presenter.locator('.terminal-text .entry').count();
  await presenter.waitForTimeout(2500);
  check((await presenter.locator('.terminal-text .entry').count()) === paused, 'pause stops the autoplay');
  await presenter.click('.presenter .play');
  await presenter.locator('.presenter .notes:has-text("The end.")').waitFor({ timeout: 20_000 });
  check((await presenter.locator('.terminal-text').textContent()).includes('=== ⬢ demo Releases'), 'autoplay runs the rest');
  check((await presenter.evaluate(async () => (await indexedDB.databases()).length)) === 0, 'the presenter saves nothing');
  await show.close();
  summary = `: offline reload, lesson offline, update replaced cache ${firstCache} with ${secondCache}, file:// single file (${singleSize} bytes), presenter`;
} catch (error) {
  problems.push(error.stack || String(error));
}
fs.rmSync(copy, { recursive: true, force: true });
await finish('offline', problems, browser, server, summary);
