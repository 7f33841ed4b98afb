// Forms do exactly what their labels say, once per click: a double-click
// runs one action, "Roll back to vN" runs `heroku rollback vN`, a commit
// message that starts with dashes is a message, "Reset this app" asks
// first, and the acting user survives a reload. Fails on any page error.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, watch, ready, finish } from './lib.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const problems = [];
const server = await serve(path.join(root, 'dist'));
const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
const page = await context.newPage();
await watch(page, problems);

function check(condition, message) {
  if (!condition) throw new Error(message);
}

const terminal = () => page.locator('.terminal-text').evaluate((el) => el.textContent);
const releases = () => page.locator('.releases tbody tr').count();
/** Waits until no line is running, long enough for a second one to start if any would. */
async function settled() {
  const idle = () => page.waitForFunction(() => !document.querySelector('form.create-app button').disabled, null, { timeout: 15_000 });
  await idle();
  await page.waitForTimeout(400);
  await idle();
}

try {
  await page.goto(server.url);
  await ready(page);

  // A disabled button says why.
  for (const name of ['Commit and push', 'Apply changes', 'Create add-on', 'Reset this app']) {
    const button = page.locator(`button:has-text("${name}")`);
    check(await button.isDisabled(), `"${name}" is disabled before any app exists`);
    check((await button.getAttribute('title')) === 'Create an app first.', `disabled "${name}" says why: ${await button.getAttribute('title')}`);
  }

  // A double-click on "Create app" with no name creates one app. As a
  // person double-clicks: the second click comes once the first action
  // has had time to finish (the button is enabled again).
  // Chrome's input events carry the click count itself (Playwright's
  // clickCount makes two separate single clicks), so they go through CDP.
  const cdp = await context.newCDPSession(page);
  async function doubleClick(selector) {
    await page.locator(selector).scrollIntoViewIfNeeded();
    const box = await page.locator(selector).boundingBox();
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
    const press = async (clickCount) => {
      await cdp.send('Input.dispatchMouseEvent', { type: 'mousePressed', x, y, button: 'left', buttons: 1, clickCount });
      await cdp.send('Input.dispatchMouseEvent', { type: 'mouseReleased', x, y, button: 'left', buttons: 0, clickCount });
    };
    await cdp.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x, y });
    await press(1);
    await page.waitForTimeout(150);
    await press(2);
    // The button stays under the pointer: the second click hit it.
    const after = await page.locator(selector).boundingBox();
    check(after && Math.abs(after.x - box.x) < 1 && Math.abs(after.y - box.y) < 1, `${selector} moved under the pointer`);
  }
  await doubleClick('button:has-text("Create app")');
  await page.locator('.releases tbody tr:has-text("Enable Logplex")').first().waitFor();
  await settled();
  const apps = await page.locator('#app-select option').count();
  check(apps === 1, `a double-click on Create app made ${apps} apps`);
  check((await terminal()).split('$ heroku create').length === 2, 'the terminal shows one create');

  // A commit message that starts with dashes is committed as typed.
  await page.fill('#commit-message', '--help');
  await page.click('button:has-text("Commit and push")');
  await page.locator('.releases tbody tr:has-text("Deploy")').first().waitFor();
  check((await terminal()).includes("$ git commit -m --help -a "), 'the form ran git commit -m --help');
  await page.fill('#commit-message', 'Second');
  await page.click('button:has-text("Commit and push")');
  await page.waitForFunction(() => document.querySelectorAll('.releases tbody tr').length === 4);
  await settled();

  // "Roll back to vN" runs `heroku rollback vN`, once, even double-clicked.
  const rollbackButton = page.locator('.preview button:has-text("Roll back to v")');
  const label = await rollbackButton.innerText();
  const target = label.match(/v(\d+)/)[0];
  const before = await releases();
  await doubleClick('.preview button:has-text("Roll back to v")');
  await page.locator(`.releases tbody tr:has-text("Rollback to ${target}")`).first().waitFor();
  await settled();
  check((await releases()) === before + 1, `a double-click on "${label}" made ${(await releases()) - before} releases`);
  check(new RegExp(`\\$ heroku rollback ${target} -a \\S+\\n`).test(await terminal()), `"${label}" ran heroku rollback ${target}`);

  // Every eligible release in the history has its own rollback button.
  const rowButton = page.getByRole('row').getByRole('button', { name: 'Roll back to v4', exact: true });
  check((await rowButton.count()) === 1, 'v4 has a "Roll back to v4" button in the history');
  check((await page.locator('.releases button[aria-label="Roll back to v1"]').count()) === 0, 'v1 (nothing deployed) offers no rollback');
  await rowButton.click();
  await page.locator('.releases tbody tr:has-text("Rollback to v4")').first().waitFor();
  check(/\$ heroku rollback v4 -a \S+\n/.test(await terminal()), 'the history button ran heroku rollback v4');
  await settled();

  // The acting user survives a reload.
  await page.fill('#sim-user', 'trainer@example.com');
  await page.click('button:has-text("Act as")');
  await page.locator('.terminal-text:has-text("Acting as trainer@example.com")').waitFor();
  await page.reload();
  await ready(page);
  await page.waitForFunction(() => document.querySelector('#sim-user').value === 'trainer@example.com', null, { timeout: 15_000 });

  // A refused input says why beside its field, not only in the terminal.
  await page.fill('#sim-user', 'a@b');
  await page.click('button:has-text("Act as")');
  await page.locator('#sim-user-note:has-text("a@b is not an email address.")').waitFor();
  check((await page.getAttribute('#sim-user', 'aria-invalid')) === 'true', 'the refused address is marked invalid');
  await page.fill('#advance-amount', '99999999');
  await page.selectOption('#advance-unit', 'w');
  await page.click('button:has-text("Advance")');
  await page.locator('#clock-note:has-text("The simulated clock stops at 9999-12-31")').waitFor();
  await settled();

  // Config drafts survive another tab's change, and a refused value says
  // why beside its field without blocking later changes.
  const app = await page.locator('#app-select').inputValue();
  const configRows = () => page.locator('.vars-edit tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('input[type=text]')].map((i) => i.value).join('=')));
  await page.click('button:has-text("Add a row")');
  await page.locator('.vars-edit tbody tr:last-child input').first().fill('A_KEY');
  await page.locator('.vars-edit tbody tr:last-child input').nth(1).fill('a');
  await page.click('button:has-text("Apply changes")');
  await page.locator('.terminal-text:has-text("$ heroku config:set A_KEY=a -a")').waitFor();
  await settled();
  await page.fill('.vars-edit input[aria-label="Value of A_KEY"]', 'edited');
  await page.click('button:has-text("Add a row")');
  await page.locator('.vars-edit tbody tr:last-child input').first().fill('NEW_KEY');
  await page.locator('.vars-edit tbody tr:last-child input').nth(1).fill('one');
  const other = await context.newPage();
  await watch(other, problems);
  await other.goto(server.url);
  await ready(other);
  await other.fill('#terminal-command', `heroku config:set OTHER=2 -a ${app}`);
  await other.press('#terminal-command', 'Enter');
  await other.locator('.terminal-text:has-text("OTHER: 2")').waitFor();
  await page.locator('.vars-edit input[aria-label="Value of OTHER"]').waitFor();
  check((await configRows()).join() === 'A_KEY=edited,OTHER=2,NEW_KEY=one', `after another tab's change the rows are ${(await configRows()).join()}`);
  await page.click('button:has-text("Apply changes")');
  await page.locator('.terminal-text:has-text("$ heroku config:set A_KEY=edited NEW_KEY=one -a")').waitFor();
  await settled();
  check((await configRows()).join() === 'A_KEY=edited,NEW_KEY=one,OTHER=2', `after Apply the rows are ${(await configRows()).join()}`);
  check((await page.locator('.vars-edit button:has-text("Revert"):visible').count()) === 0, 'applied rows still show as edited');
  await other.close();
  const beforeBig = await releases();
  await page.fill('.vars-edit input[aria-label="Value of NEW_KEY"]', 'x'.repeat(100_000));
  const beside = page.locator('.vars-edit tbody tr:has(input[aria-label="Value of NEW_KEY"]) .field-error');
  await beside.filter({ hasText: /^Config vars would total 1000\d\d bytes; .* 32 kB/ }).waitFor();
  await page.click('button:has-text("Apply changes")');
  await page.locator('.form-error:has-text("Fix the highlighted rows; nothing was applied.")').waitFor();
  check((await releases()) === beforeBig, 'a refused 100 kB value made a release');
  await page.click('.vars-edit button[aria-label="Revert NEW_KEY"]');
  check((await page.inputValue('.vars-edit input[aria-label="Value of NEW_KEY"]')) === 'one', 'Revert restored the applied value');
  // Rows are keyed by version and by config key: a change draws only the
  // new release's row; the rest, the row that stops being current included,
  // are updated in place.
  await page.evaluate(() => {
    window.addedRows = { history: 0, config: 0 };
    window.rowWatcher = new MutationObserver((records) => {
      for (const r of records) for (const node of r.addedNodes) {
        if (node.nodeName === 'TR' && node.closest('.releases')) window.addedRows.history += 1;
        if (node.nodeName === 'TR' && node.closest('.vars-edit')) window.addedRows.config += 1;
      }
    });
    window.rowWatcher.observe(document.body, { childList: true, subtree: true });
  });
  await page.fill('.vars-edit input[aria-label="Value of OTHER"]', '3');
  await page.click('button:has-text("Apply changes")');
  await page.locator('.terminal-text:has-text("$ heroku config:set OTHER=3 -a")').waitFor();
  await settled();
  check((await releases()) === beforeBig + 1, 'the next Apply after a refused value made one release');
  const added = await page.evaluate(() => { window.rowWatcher.disconnect(); return window.addedRows; });
  check(added.history === 1 && added.config === 0, `a config change drew ${added.history} history rows and ${added.config} config rows anew`);
  // Two new rows with one key apply as the later one's value: that row
  // becomes the applied one, and the overridden one stays as a new row
  // (its value did not take effect), which Discard drops.
  for (const value of ['first', 'second']) {
    await page.click('button:has-text("Add a row")');
    await page.locator('.vars-edit tbody tr:last-child input').first().fill('DUP');
    await page.locator('.vars-edit tbody tr:last-child input').nth(1).fill(value);
  }
  await page.click('button:has-text("Apply changes")');
  await page.locator('.terminal-text:has-text("$ heroku config:set DUP=first DUP=second -a")').waitFor();
  await settled();
  check((await configRows()).join() === 'A_KEY=edited,DUP=second,NEW_KEY=one,OTHER=3,DUP=first', `after applying DUP twice the rows are ${(await configRows()).join()}`);
  await page.locator('.vars-edit tbody tr:last-child button:has-text("Discard")').click();
  check((await configRows()).join() === 'A_KEY=edited,DUP=second,NEW_KEY=one,OTHER=3', `after Discard the rows are ${(await configRows()).join()}`);

  // A blank commit message and a failed build both say so beside the form.
  await page.fill('#commit-message', '   ');
  await page.click('button:has-text("Commit and push")');
  await page.locator('.form-error:has-text("Write a commit message first")').waitFor();
  await page.click('button:has-text("Make the next build fail")');
  await settled();
  const beforeFailure = await releases();
  await page.fill('#commit-message', 'Broken');
  await page.click('button:has-text("Commit and push")');
  await page.locator('.form-error:has-text("The build failed, so no release was made")').waitFor();
  check((await releases()) === beforeFailure, 'a failed build made a release');

  // "Reset this app" asks first; dismissed, nothing happens.
  const kept = await releases();
  page.once('dialog', (dialog) => dialog.dismiss());
  await page.click('button:has-text("Reset this app")');
  await page.waitForTimeout(500);
  check((await releases()) === kept, 'a dismissed reset changed the history');
  page.once('dialog', (dialog) => dialog.accept());
  await page.click('button:has-text("Reset this app")');
  await page.waitForFunction(() => document.querySelectorAll('.releases tbody tr').length === 2, null, { timeout: 15_000 });

  // An import asks first and says what it did; the workspace it replaces
  // downloads first. A valid file with no events no longer wipes silently.
  const empty = path.join(os.tmpdir(), 'release-lab-empty-workspace.json');
  fs.writeFileSync(empty, '{"format":"release-lab-workspace","version":2,"schema":1,"events":[]}');
  let asked = '';
  page.once('dialog', (dialog) => { asked = dialog.message(); dialog.dismiss(); });
  await page.setInputFiles('#import-file', empty);
  await page.locator('.form-error:has-text("Not imported")').waitFor();
  check(/Replace this workspace \(1 apps, \d+ actions\) with release-lab-empty-workspace\.json \(0 apps, 0 actions\)/.test(asked), `the import asked: ${asked}`);
  check((await releases()) === 2, 'a declined import changed the workspace');
  page.once('dialog', (dialog) => dialog.accept());
  const [replaced] = await Promise.all([page.waitForEvent('download'), page.setInputFiles('#import-file', empty)]);
  await page.locator('.form-status:has-text("Imported release-lab-empty-workspace.json: 0 apps, 0 actions.")').waitFor();
  const saved = JSON.parse(fs.readFileSync(await replaced.path(), 'utf8'));
  check(replaced.suggestedFilename() === 'release-lab-workspace-before-import.json' && saved.events.length > 0, 'the replaced workspace was downloaded first');
  check((await page.locator('#app-select option').allInnerTexts()).join() === 'No apps yet', 'the empty workspace was imported');

  // Big imports: past the documented limits they are refused at once, with
  // the reason; a long one shows its progress while the page keeps going.
  const workspaceFile = (name, events) => {
    const file = path.join(os.tmpdir(), name);
    fs.writeFileSync(file, JSON.stringify({ format: 'release-lab-workspace', version: 2, schema: 1, events }));
    return file;
  };
  const huge = path.join(os.tmpdir(), 'release-lab-17mb.json');
  fs.writeFileSync(huge, ' '.repeat(17 * 1024 * 1024));
  await page.setInputFiles('#import-file', huge);
  await page.locator('.form-error:has-text("Not imported, nothing changed: the file is 17.0 MB (17825792 bytes); Release Lab imports workspace files up to 16.0 MB (16777216 bytes)")').waitFor();
  await page.setInputFiles('#import-file', workspaceFile('release-lab-too-many.json', Array(100_001).fill('heroku apps')));
  await page.locator('.form-error:has-text("the file holds 100001 events; Release Lab imports up to 100000 events")').waitFor();
  const long = ['heroku create long-import', ...Array.from({ length: 20_000 }, (_, i) => `heroku config:set N=${i} -a long-import`)];
  const progress = new Set();
  page.on('dialog', (dialog) => dialog.accept());
  const watchProgress = setInterval(async () => {
    const text = await page.locator('.form-status').innerText().catch(() => '');
    if (text.startsWith('Checking')) progress.add(text);
  }, 50);
  await page.setInputFiles('#import-file', workspaceFile('release-lab-long.json', long));
  await page.locator('.form-status:has-text("Imported release-lab-long.json: 1 apps, 20001 actions.")').waitFor({ timeout: 120_000 });
  clearInterval(watchProgress);
  check(progress.size >= 2, `a long import showed its progress: ${[...progress].join(' | ')}`);
  check([...progress].every((text) => /^Checking release-lab-long\.json: \d+ of 20001 events replayed…$/.test(text)), `progress reads: ${[...progress][0]}`);
  await page.locator('.pager span:has-text("(20002 releases)")').waitFor();

  // A 360 px phone: no sideways scrolling, and the main buttons on screen.
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const small = await phone.newPage();
  await watch(small, problems);
  await small.goto(server.url);
  await ready(small);
  await small.fill('#new-app-name', 'phone-app');
  await small.click('button:has-text("Create app")');
  await small.locator('.releases tbody tr:has-text("Enable Logplex")').first().waitFor();
  await small.fill('#commit-message', 'From a phone');
  await small.click('button:has-text("Commit and push")');
  await small.locator('.releases tbody tr:has-text("Deploy")').first().waitFor();
  const scrollWidth = await small.evaluate(() => document.documentElement.scrollWidth);
  check(scrollWidth <= 360, `at 360 px the page is ${scrollWidth} px wide`);
  for (const name of ['Create app', 'Commit and push']) {
    const box = await small.locator(`button:has-text("${name}")`).boundingBox();
    check(box.x >= 0 && box.x + box.width <= 360, `"${name}" is off screen at 360 px (${box.x}..${box.x + box.width})`);
  }
  await phone.close();
} catch (error) {
  problems.push(`step failed: ${error.message}`);
  fs.mkdirSync(path.join(root, 'screenshots'), { recursive: true });
  await page.screenshot({ path: path.join(root, 'screenshots', 'forms-failure.png'), fullPage: true }).catch(() => {});
}

await finish('forms', problems, browser, server);
