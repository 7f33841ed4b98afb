// Docs embedding, in the release build served under a sub-path
// (/docs/tools/release-lab/) of one origin, with docs pages on another:
// - the full app works from the sub-path (no request outside it fails);
// - the loader turns two <pre data-release-lab> blocks (a script and a
//   transcript) into "Try it" buttons, loads no wasm until one is
//   pressed, and each becomes a live terminal that ran its block;
// - the two embeds and the full app never see each other's data, and the
//   full app's saved workspace is never read or written by an embed;
// - the postMessage API: run, reset, ready and release events; a frame
//   takes orders only from the page that created it;
// - read-only and lesson blocks, and embed.html pasted by hand;
// - the full app in a cross-origin iframe with the sandbox flags README
//   gives, its forms working, and the history in view at 800×500.
// Fails on any page error.
import path from 'node:path';
import { serve, launch, watch, ready, finish } from './lib.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const PREFIX = '/docs/tools/release-lab/';
const problems = [];
const app = await serve(path.join(root, 'dist'), { prefix: PREFIX });
const loader = `${app.url}release-lab-embed.js`;

const docsPage = `<!doctype html><html lang="en"><title>Docs</title><link rel="icon" href="data:,"><body>
<h1>Rolling back</h1>
<pre data-release-lab id="script-block"># Make an app and deploy it.
heroku create shop
git commit -m "First"
git push heroku main</pre>
<pre data-release-lab data-view="history" data-theme="dark" data-height="700" id="transcript-block">$ heroku create blog
Creating ⬢ blog... done
$ heroku config:set TITLE=Hello -a blog
Setting TITLE and restarting ⬢ blog... done, v2</pre>
<pre data-release-lab data-readonly id="readonly-block">heroku create quiet
heroku releases -a quiet</pre>
<pre data-release-lab data-lesson="rollback-previous" data-view="history" id="lesson-block">heroku releases</pre>
<script src="${loader}"></script>
</body></html>`;
// The flags README gives, and the two the app cannot do without (its
// forms then still work, though Chromium logs each blocked submission).
const SANDBOX = 'allow-scripts allow-same-origin allow-forms allow-downloads allow-modals';
const MINIMAL = 'allow-scripts allow-same-origin';
const framed = (flags) => `<!doctype html><html lang="en"><title>Framed</title><link rel="icon" href="data:,"><body style="margin:0">
<iframe id="app" title="Release Lab" sandbox="${flags}" style="width:800px;height:500px;border:0" src="${app.url}?storage=memory"></iframe>
</body></html>`;
const docs = await serve(path.join(root, 'tests/e2e'), { prefix: '/nothing-here/', pages: { '/docs.html': docsPage, '/framed.html': framed(SANDBOX), '/minimal.html': framed(MINIMAL) } });
// A third origin that frames an embed and claims to be the docs site.
const intruderPage = `<!doctype html><html lang="en"><title>Intruder</title><link rel="icon" href="data:,"><body>
<iframe id="victim" title="victim" src="${app.url}embed.html?script=heroku%20create%20target&host=${encodeURIComponent(docs.origin)}"></iframe>
<iframe id="saved" title="saved" src="${app.url}?host=INTRUDER"></iframe>
</body></html>`;
const intruder = await serve(path.join(root, 'tests/e2e'), { prefix: '/nothing-here/', pages: {} });
// It names itself as host of the full app, whose work is saved: a host may only drive memory instances.
intruder.pages['/intruder.html'] = intruderPage.replace('INTRUDER', encodeURIComponent(intruder.origin));

const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const failed = [];
context.on('response', (response) => {
  if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
});

function check(condition, message) {
  if (!condition) throw new Error(message);
}

/** Types a line into a terminal (page or frame) and returns its entry's text. */
async function type(scope, line) {
  const before = await scope.locator('.terminal-text .entry').count();
  await scope.getByRole('textbox', { name: 'Command', exact: true }).fill(line);
  await scope.getByRole('textbox', { name: 'Command', exact: true }).press('Enter');
  await scope.locator('.terminal-text .entry').nth(before).waitFor({ timeout: 15_000 });
  return scope.locator('.terminal-text .entry').nth(before).textContent();
}
const frameOf = (page, selector) => page.frameLocator(selector);
let summary = '';
const frameTops = [];

try {
  // The full app from the sub-path: saved in this browser, as ever.
  const full = await context.newPage();
  await watch(full, problems);
  await full.goto(app.url);
  await ready(full);
  await type(full, 'heroku create own');
  const storedBefore = await full.evaluate(() => JSON.stringify(Object.entries(localStorage).sort()));
  check((await type(full, 'heroku apps')).includes('own'), 'the full app works under a sub-path');
  check(!failed.length, `requests failed under the sub-path: ${failed.join(', ')}`);

  // The docs page: static text, "Try it" buttons, no wasm yet.
  const page = await context.newPage();
  await watch(page, problems);
  page.on('dialog', (dialog) => dialog.accept());
  const before = app.stats.requests.length;
  await page.goto(`${docs.origin}/docs.html`);
  await page.getByRole('button', { name: 'Try it' }).first().waitFor();
  check((await page.getByRole('button', { name: 'Try it' }).count()) === 4, 'every block offers "Try it"');
  check((await page.locator('#script-block').textContent()).startsWith('# Make an app'), 'the block keeps its text');
  check(!app.stats.requests.slice(before).some((r) => r.endsWith('.wasm')), 'no wasm before "Try it"');
  const loaderRequests = app.stats.requests.slice(before);

  // The script block: its commands ran before the terminal is shown.
  await page.getByRole('button', { name: 'Try it' }).first().click();
  const first = frameOf(page, 'iframe.release-lab-frame >> nth=0');
  await first.getByRole('log', { name: 'Terminal' }).locator('.entry').nth(2).waitFor({ timeout: 60_000 });
  const firstText = await first.getByRole('log', { name: 'Terminal' }).textContent();
  check(firstText.includes('$ heroku create shop') && firstText.includes('$ git push heroku main'), `the block's commands ran: ${firstText}`);
  check(!firstText.includes('# Make an app'), 'comments are not commands');
  check(await first.getByRole('textbox', { name: 'Command', exact: true }).isVisible(), 'the embed has a command line');
  check(!(await first.locator('.actions').isVisible()) && !(await first.locator('.history').isVisible()), 'the terminal view shows the terminal alone');
  check((await type(first, 'heroku releases -a shop')).includes('v3'), 'the embed runs typed commands');

  // The transcript block: its "$ " lines ran; a dark history view.
  await page.getByRole('button', { name: 'Try it' }).first().click();
  const second = frameOf(page, 'iframe.release-lab-frame >> nth=1');
  await second.locator('.history .releases tbody tr').first().waitFor({ timeout: 60_000 });
  check((await second.locator('.shell').getAttribute('data-theme')) === 'dark', 'data-theme chooses the theme');
  check(await second.locator('.history').isVisible(), 'the history view shows the history');
  check(!(await second.locator('.actions').isVisible()), 'the history view has no forms');
  const secondFrame = page.locator('iframe.release-lab-frame').nth(1);
  check((await secondFrame.evaluate((f) => f.clientHeight)) === 700, 'data-height sets the height');

  // No data crosses: each embed and the full app see only their own apps.
  const appsOf = async (scope) => type(scope, 'heroku apps');
  const firstApps = await appsOf(first);
  const secondApps = await appsOf(second);
  check(firstApps.includes('shop') && !firstApps.includes('blog') && !firstApps.includes('own'), `embed 1 sees only its apps: ${firstApps}`);
  check(secondApps.includes('blog') && !secondApps.includes('shop') && !secondApps.includes('own'), `embed 2 sees only its apps: ${secondApps}`);
  await full.reload();
  await ready(full);
  const fullApps = await appsOf(full);
  check(fullApps.includes('own') && !fullApps.includes('shop') && !fullApps.includes('blog'), `the full app sees only its own: ${fullApps}`);
  const saved = await full.evaluate(async () => {
    const db = await new Promise((resolve, reject) => { const r = indexedDB.open('release-lab'); r.onsuccess = () => resolve(r.result); r.onerror = reject; });
    const names = await indexedDB.databases();
    db.close();
    return names.map((d) => d.name);
  });
  check(saved.length === 1 && saved[0] === 'release-lab', `only the full app's database exists: ${saved}`);
  check((await full.evaluate(() => JSON.stringify(Object.entries(localStorage).sort()))) === storedBefore, 'the embeds left the full app\'s localStorage as it was');
  const firstAgain = await appsOf(first);
  check(!firstAgain.includes('own'), 'an embed never reads the full app\'s work');

  // The postMessage API: run and its events, then reset and ready.
  await page.evaluate(() => {
    window.seen = [];
    const embed = window.ReleaseLab.embeds[0];
    for (const type of ['ready', 'command', 'release']) embed.on(type, (data) => window.seen.push(data));
    embed.run('heroku config:set GREETING=hi -a shop');
  });
  await page.waitForFunction(() => window.seen.some((e) => e.type === 'release-lab:release'), null, { timeout: 15_000 });
  const seen = await page.evaluate(() => window.seen);
  const command = seen.find((e) => e.type === 'release-lab:command');
  const release = seen.find((e) => e.type === 'release-lab:release');
  check(command && command.line === 'heroku config:set GREETING=hi -a shop' && command.ok && command.output.includes('done, v4'), `a command event: ${JSON.stringify(command)}`);
  check(release && release.app === 'shop' && release.version === 4, `a release event: ${JSON.stringify(release)}`);
  check((await first.getByRole('log', { name: 'Terminal' }).textContent()).includes('$ heroku config:set GREETING=hi -a shop'), 'the host\'s line shows in the terminal');
  await page.evaluate(() => { window.seen = []; window.ReleaseLab.embeds[0].reset(); });
  await page.waitForFunction(() => window.seen.some((e) => e.type === 'release-lab:ready'), null, { timeout: 60_000 });
  const afterReset = await type(first, 'heroku releases -a shop');
  check(afterReset.includes('v3') && !afterReset.includes('v4'), `reset goes back to the block's start: ${afterReset}`);

  // Read-only: the block's output, no command line.
  await page.getByRole('button', { name: 'Try it' }).first().click();
  const quiet = frameOf(page, 'iframe.release-lab-frame >> nth=2');
  await quiet.getByRole('log', { name: 'Terminal' }).locator('.entry').nth(1).waitFor({ timeout: 60_000 });
  check((await quiet.getByRole('log', { name: 'Terminal' }).textContent()).includes('=== ⬢ quiet Releases'), 'the read-only block shows its output');
  check(!(await quiet.getByRole('textbox', { name: 'Command', exact: true }).isVisible()), 'a read-only block has no command line');
  check(!(await quiet.getByRole('button', { name: 'Undo' }).isVisible()) && await quiet.getByRole('button', { name: 'Copy transcript' }).isVisible(), 'a read-only block cannot be undone, only copied');

  // A lesson block: the lesson's panel and goals, in memory.
  await page.getByRole('button', { name: 'Try it' }).first().click();
  const lesson = frameOf(page, 'iframe.release-lab-frame >> nth=3');
  await lesson.locator('#lesson-title:has-text("Roll back a bad config change")').waitFor({ timeout: 60_000 });
  await lesson.locator('.history .releases tbody tr >> nth=4').waitFor();
  await type(lesson, 'heroku rollback -a shop');
  await lesson.locator('.lesson-done:has-text("All goals met")').waitFor();

  // A frame takes orders only from the page that made it: a third origin
  // that frames embed.html naming the docs site as host is ignored, and
  // hears nothing back.
  const other = await context.newPage();
  await watch(other, problems);
  await other.goto(`${intruder.origin}/intruder.html`);
  await other.evaluate(() => { window.heard = []; window.addEventListener('message', (e) => window.heard.push(e.data)); });
  const victim = other.frameLocator('#victim');
  await victim.getByRole('log', { name: 'Terminal' }).locator('.entry').first().waitFor({ timeout: 60_000 });
  await other.evaluate(() => document.getElementById('victim').contentWindow.postMessage({ type: 'release-lab:run', line: 'heroku apps:destroy target --confirm target' }, '*'));
  await other.waitForTimeout(500);
  check((await type(victim, 'heroku apps')).includes('target'), 'an intruder\'s message runs nothing');
  check(!(await victim.getByRole('log', { name: 'Terminal' }).textContent()).includes('apps:destroy'), 'an intruder\'s line never reaches the terminal');
  // The full app, whose work is saved, takes no host at all, even one that names itself.
  const savedFrame = other.frameLocator('#saved');
  await savedFrame.locator('.saved-state:has-text("Saved in this browser")').waitFor({ timeout: 60_000 });
  await savedFrame.getByRole('textbox', { name: 'Command', exact: true }).waitFor();
  await other.evaluate(() => document.getElementById('saved').contentWindow.postMessage({ type: 'release-lab:run', line: 'heroku create stolen' }, '*'));
  await other.waitForTimeout(500);
  check(!(await type(savedFrame, 'heroku apps')).includes('stolen'), 'a saved instance takes no orders from a host');
  check((await other.evaluate(() => window.heard.length)) === 0, 'events go only to the host the frame names, and never from a saved instance');

  // The full app in a cross-origin iframe, sandboxed as README says, at
  // 800×500; then with only the two flags it cannot do without.
  for (const [name, flags] of [['framed', SANDBOX], ['minimal', MINIMAL]]) {
    const own = [];
    const framedPage = await context.newPage();
    await watch(framedPage, own);
    framedPage.on('dialog', (dialog) => dialog.accept());
    await framedPage.goto(`${docs.origin}/${name}.html`);
    const inner = framedPage.frameLocator('#app');
    await inner.locator('.saved-state:has-text("In memory")').waitFor({ timeout: 60_000 });
    const historyTop = await inner.locator('.history').evaluate((el) => el.getBoundingClientRect().top);
    check(historyTop < 350, `the history is in view in a small frame (top ${historyTop}px)`);
    frameTops.push(Math.round(historyTop));
    await inner.getByLabel('New app').fill('framed');
    await inner.getByRole('button', { name: 'Create app' }).click();
    await inner.locator('.history .releases tbody tr').first().waitFor({ timeout: 15_000 });
    await inner.getByLabel('Commit message').fill('First deploy');
    await inner.getByLabel('Commit message').press('Enter');
    await inner.locator('.history .releases tbody tr >> nth=1').waitFor({ timeout: 15_000 });
    check((await inner.getByRole('log', { name: 'Terminal' }).textContent()).includes('$ git push heroku main'), `the forms work in a frame sandboxed "${flags}"`);
    check((await type(inner, 'heroku releases')).includes('v2'), `the terminal works in a frame sandboxed "${flags}"`);
    const blocked = /Blocked form submission .* 'allow-forms' permission is not set/;
    problems.push(...own.filter((p) => !(flags === MINIMAL && blocked.test(p))));
    await framedPage.close();
  }

  summary = `: 4 blocks, 3 instances kept apart, host API, intruder ignored, sandboxed frames (history top ${frameTops.join(", ")} px of 500); ${loaderRequests.length} request before "Try it" (${loaderRequests.join(', ')})`;
} catch (error) {
  problems.push(error.stack || String(error));
}
await intruder.close();
await docs.close();
await finish('embed', problems, browser, app, summary);
