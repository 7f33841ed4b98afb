// Lessons, the timeline and share links, in the release build:
// - a lesson solved through the terminal, its progress kept across a
//   reload, in a workspace of its own (the user's own stays empty);
// - a wrong path that does not pass, hints, the solution and a reset;
// - a lesson solved through the forms;
// - a broken lesson file refused with its line, a trainer's file opened;
// - the timeline: a rollback's arrow to its target, an expired release
//   drawn expired, a mark that opens the details;
// - "Copy link" opened in a fresh browser context rebuilds the same world,
//   never touching the saved workspace, and a link from today's format
//   (tests/fixtures/links) still opens.
// Fails on any page error.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, watch, ready, finish } from './lib.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const problems = [];
const server = await serve(path.join(root, 'dist'));
const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
await watch(page, problems);
page.on('dialog', (dialog) => dialog.accept());

function check(condition, message) {
  if (!condition) throw new Error(message);
}

const entries = () => page.locator('.terminal-text .entry').count();
async function type(line) {
  const before = await entries();
  await page.fill('#terminal-command', line);
  await page.press('#terminal-command', 'Enter');
  await page.waitForFunction((n) => document.querySelectorAll('.terminal-text .entry').length > n, before, { timeout: 15_000 });
}
const goals = () => page.locator('.lesson .goals li').evaluateAll((items) => items.map((li) => li.classList.contains('met')));
const allMet = async () => (await goals()).every(Boolean);
const rows = () => page.locator('.releases tbody tr').count();
/** The world as text: every app's history through the terminal. */
async function world(p) {
  const field = p.locator('#terminal-command');
  const before = await p.locator('.terminal-text .entry').count();
  await field.fill('heroku releases -a shop -n 100');
  await field.press('Enter');
  await p.waitForFunction((n) => document.querySelectorAll('.terminal-text .entry').length > n, before, { timeout: 15_000 });
  return p.locator('.terminal-text .entry').last().evaluate((el) => el.textContent);
}

try {
  // A lesson, through the terminal.
  await page.goto(`${server.url}#lesson=rollback-previous`);
  await ready(page);
  await page.locator('#lesson-title:has-text("Roll back a bad config change")').waitFor();
  await page.waitForFunction(() => document.querySelectorAll('.releases tbody tr').length === 5, null, { timeout: 15_000 });
  check((await page.locator('.lesson-place').innerText()).startsWith('Lesson 4 of '), 'the lesson says where it is in the list');
  check(!(await allMet()), 'the start does not pass');
  // Looking around and a wrong path solve nothing.
  await type('heroku releases');
  await type('heroku config:set PAYMENTS_URL=https://pay.example.com');
  check(JSON.stringify(await goals()) === '[false,true]', `setting the value by hand is not a rollback: ${JSON.stringify(await goals())}`);
  // Hints one at a time, then the solution.
  await page.click('.lesson button:has-text("Show a hint (1 of 2)")');
  await page.locator('.lesson .hints li').first().waitFor();
  check((await page.locator('.lesson .hints li').count()) === 1, 'one hint at a time');
  await page.click('.lesson button:has-text("Show the solution")');
  check((await page.locator('.lesson .solution').innerText()) === 'heroku rollback', 'the solution is shown');
  // Reset, then the right path.
  await page.click('.lesson button:has-text("Reset the lesson")');
  await page.waitForFunction(() => document.querySelectorAll('.releases tbody tr').length === 5, null, { timeout: 15_000 });
  check(!(await allMet()), 'a reset starts the lesson again');
  await type('heroku rollback');
  await page.locator('.lesson-done:has-text("All goals met")').waitFor();
  check(await allMet(), 'the rollback meets every goal');
  // A panel drawn anew keeps the focus on the button that was pressed.
  await page.focus('.terminal-tools button[data-tool="undo"]');
  const beforeUndo = await entries();
  await page.keyboard.press('Enter');
  await page.waitForFunction((n) => document.querySelectorAll('.terminal-text .entry').length > n, beforeUndo);
  await page.waitForFunction(() => document.activeElement && document.activeElement.getAttribute('data-tool') === 'undo', null, { timeout: 5000 });
  check(!(await allMet()), 'undoing the rollback undoes the goal');
  await type('sim redo');
  await page.locator('.lesson-done:has-text("All goals met")').waitFor();
  // Progress is saved: a reload keeps it.
  await page.reload();
  await ready(page);
  await page.locator('.lesson-done:has-text("All goals met")').waitFor();
  check((await rows()) === 6, 'the lesson workspace kept its releases');
  // The user's own workspace was never touched.
  await page.click('.lesson-place a:has-text("Leave the lesson")');
  await page.waitForURL((url) => !url.hash.includes('lesson'));
  await ready(page);
  await page.locator('#lesson-title:has-text("Lessons")').waitFor();
  check((await rows()) === 0, 'the own workspace is still empty');

  // The list of lessons, and a trainer's files.
  await page.click('#lesson-title button');
  await page.locator('.lesson-list li').nth(11).waitFor();
  const broken = path.join(os.tmpdir(), 'broken-lesson.md');
  fs.writeFileSync(broken, fs.readFileSync(path.join(root, 'lessons/04-rollback-previous.md'), 'utf8').replace('## Hints', '## Tips'));
  await page.setInputFiles('#lesson-file', broken);
  await page.locator('.lesson .form-error:has-text("broken-lesson.md: line 20: unknown section")').waitFor();
  const own = path.join(os.tmpdir(), 'own-lesson.md');
  fs.writeFileSync(own, '# Name the app\nid: trainer-own\ndocs: https://devcenter.heroku.com/articles/releases\n\nCreate an app called demo.\n\n## Start\n```\n```\n\n## Goals\n- Create demo: `app demo exists`\n\n## Hints\n- heroku create demo\n\n## Solution\n```\nheroku create demo\n```\n');
  await page.setInputFiles('#lesson-file', own);
  await page.waitForURL((url) => url.hash === '#lesson=trainer-own');
  await ready(page);
  await page.locator('#lesson-title:has-text("Name the app")').waitFor();
  await type('heroku create demo');
  await page.locator('.lesson-done:has-text("All goals met")').waitFor();

  // A goal about asking (`ran`) is met as soon as the command's output shows.
  await page.goto(`${server.url}#lesson=listing`);
  await ready(page);
  await page.locator('#lesson-title:has-text("List the release history")').waitFor();
  await page.waitForFunction(() => document.querySelectorAll('.terminal-text .entry').length >= 9, null, { timeout: 15_000 });
  await type('heroku releases -n 5');
  check(!(await allMet()), 'the wrong number does not pass');
  await type('heroku releases -n 3');
  await page.locator('.lesson-done:has-text("All goals met")').waitFor({ timeout: 5000 });

  // Another lesson, through the forms.
  await page.goto(`${server.url}#lesson=rollback-to-version`);
  await ready(page);
  await page.locator('#lesson-title:has-text("Roll back to a chosen version")').waitFor();
  await page.waitForFunction(() => document.querySelectorAll('.releases tbody tr').length === 6, null, { timeout: 15_000 });
  await page.locator('#rollback-target').waitFor();
  await page.selectOption('#rollback-target', 'v4');
  await page.click('.preview button:has-text("Roll back to v4")');
  await page.locator('.lesson-done:has-text("All goals met")').waitFor();

  // The timeline: the rollback's arrow points at v4, a mark opens its details.
  check((await page.locator('.timeline .arrow[data-from="7"][data-to="4"]').count()) === 1, 'the rollback draws an arrow to v4');
  check((await page.locator('.timeline .mark[data-version="7"]').getAttribute('class')).includes('k-rollback'), 'v7 is drawn as a rollback');
  await page.click('.timeline .mark[data-version="4"]');
  await page.locator('.details h3:has-text("Release v4")').waitFor();
  await page.focus('.timeline .mark[data-version="5"]');
  await page.keyboard.press('Enter');
  await page.locator('.details h3:has-text("Release v5")').waitFor();
  // The panel is drawn anew after the details, and the focus put back then.
  const focused = await page.waitForFunction(() => document.activeElement?.getAttribute('data-version') === '5', null, { timeout: 3000 }).then(() => true, () => false);
  check(focused, 'focus stays on the chosen mark');

  // An expired release looks expired.
  await page.goto(`${server.url}#lesson=retention-fir`);
  await ready(page);
  await page.waitForFunction(() => document.querySelectorAll('.releases tbody tr').length === 6, null, { timeout: 15_000 });
  await type('sim advance 11d');
  await page.locator('.timeline .mark[data-version="4"].st-expired').waitFor();
  check((await page.locator('.timeline .retention-line').count()) === 1, 'the retention line is drawn');
  check(await page.locator('.timeline .mark[data-version="4"]').evaluate((el) => getComputedStyle(el).opacity < 1), 'an expired mark is faded');

  // A shared link opens in a fresh context and rebuilds the same world.
  await type('heroku rollback v5');
  const here = await world(page);
  await page.click('.lesson button:has-text("Copy link")');
  const link = await page.locator('#share-link').inputValue();
  check(link.includes('#lesson=retention-fir&lab=1.'), `the link names the lesson and carries the lab: ${link.slice(0, 80)}`);
  const fresh = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const other = await fresh.newPage();
  await watch(other, problems);
  other.on('dialog', (dialog) => dialog.accept());
  await other.goto(link);
  await other.locator('.lesson .notice:has-text("This lab came from a link")').waitFor();
  await other.locator('#lesson-title:has-text("Expired releases cannot be rolled back")').waitFor();
  check((await world(other)) === here, 'the link rebuilds the same world');
  // It was never saved: the fresh browser's own lesson workspace starts anew.
  await other.goto(`${server.url}#lesson=retention-fir`);
  await ready(other);
  await other.waitForFunction(() => document.querySelectorAll('.releases tbody tr').length === 6, null, { timeout: 15_000 });
  // Keeping it asks, then stores it.
  await other.goto(link);
  await other.click('.lesson button:has-text("Keep it in this browser")');
  await other.locator('.lesson .form-error:has-text("Kept: this lab is now saved in this browser.")').waitFor();
  await other.reload();
  await ready(other);
  check((await world(other)) === here, 'the kept lab is the saved lesson progress');
  await fresh.close();

  // Links from today's format keep opening (fixtures, never rewritten).
  const fixtures = path.join(root, 'tests/fixtures/links');
  for (const name of fs.readdirSync(fixtures).filter((f) => f.endsWith('.link'))) {
    const fragment = fs.readFileSync(path.join(fixtures, name), 'utf8').trim();
    const expected = fs.readFileSync(path.join(fixtures, name.replace(/\.link$/, '.expected.txt')), 'utf8');
    const linked = await browser.newContext();
    const p = await linked.newPage();
    await watch(p, problems);
    await p.goto(`${server.url}${fragment}`);
    await p.locator('.lesson .notice:has-text("This lab came from a link")').waitFor();
    const shown = await world(p);
    // The world must rebuild the same; the table's spacing follows the
    // CLI's of the day (as in tests/links.rs).
    const content = (listing) => listing.split('\n').map((l) => l.trim().split(/\s+/).join(' ')).filter((l) => l && !/^[─ ]+$/.test(l));
    check(content(shown).join('\n') === content(expected).join('\n'), `${name} rebuilds what it did when it was made:\n${shown}\n---\n${expected}`);
    await linked.close();
  }
} catch (error) {
  problems.push(error.stack || String(error));
}

await finish('lessons', problems, browser, server);
