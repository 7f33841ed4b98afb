// End to end, as a new user would: open, create an app, deploy twice, set
// and remove config vars, add Postgres, roll back (seeing the stripped-var
// warning), advance the clock until a release expires, reload, open a
// second tab. Fails on any page or console error, and on any axe-core
// violation, with every rule on (AAA contrast included). Screenshots go to screenshots/ (ignored).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { serve, launch, watch, ready, finish } from './lib.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const shots = path.join(root, 'screenshots');
fs.mkdirSync(shots, { recursive: true });
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const problems = [];
const server = await serve(path.join(root, 'dist'));
const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
await watch(page, problems);
let step = 0;

async function shot(name) {
  step += 1;
  await page.screenshot({ path: path.join(shots, `${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
}

function check(condition, message) {
  if (!condition) throw new Error(message);
}

/** Waits until `condition()` holds: for checks on state the page is still rendering. */
async function until(condition, message) {
  const deadline = Date.now() + 15_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(message);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until `locator` holds `text`: the page updates asynchronously. */
async function shows(locator, text, message) {
  try {
    await locator.filter({ hasText: text }).first().waitFor({ timeout: 15_000 });
  } catch {
    throw new Error(`${message} (no "${text}" in: ${(await locator.first().innerText().catch(() => '')).slice(0, 300)})`);
  }
}

/** axe-core with every rule on, AAA and experimental ones included; any violation fails. */
async function axe(label) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    const rules = Object.fromEntries(window.axe.getRules().map((rule) => [rule.ruleId, { enabled: true }]));
    return await window.axe.run(document, { rules, resultTypes: ['violations'] });
  });
  for (const v of result.violations) problems.push(`axe (${label}): ${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  const all = result.violations.map((v) => `${v.id} (${v.impact})`).join(', ') || 'none';
  console.log(`axe ${label}, every rule: ${result.violations.length} violations: ${all}`);
}

const history = () => page.locator('.releases tbody').innerText();
const row = (text) => page.locator(`.releases tbody tr:has-text("${text}")`).first();

try {
  // Before the wasm arrives, index.html's static shell is already on
  // screen; the app then takes its place.
  let releaseWasm;
  const wasmHeld = new Promise((resolve) => { releaseWasm = resolve; });
  await page.route('**/*.wasm', async (route) => { await wasmHeld; await route.continue(); });
  await page.goto(server.url);
  await page.locator('h1:has-text("Release Lab")').waitFor();
  await shows(page.locator('.history'), 'Loading the workspace…', 'the static shell shows the history frame before the wasm');
  releaseWasm();
  await ready(page);
  await page.unroute('**/*.wasm');
  check((await page.locator('.shell').count()) === 1 && (await page.locator('#static-shell').count()) === 0, 'the app replaced the static shell');
  await axe('empty page');
  await shot('opened');

  // Create an app.
  await page.fill('#new-app-name', 'e2e-app');
  await page.click('button:has-text("Create app")');
  await row('Enable Logplex').waitFor();
  await shows(page.locator('.terminal-log'), '$ heroku create e2e-app --generation cedar', 'the terminal shows the create command');

  // Deploy twice.
  for (const message of ['First version', 'Second version']) {
    await page.fill('#commit-message', message);
    await page.click('button:has-text("Commit and push")');
  }
  await row('v4').waitFor();
  check((await history()).match(/Deploy [0-9a-f]{8}/g).length === 2, 'two deploys in the history');
  await shot('deployed');

  // Set two config vars in one release, then remove one.
  await page.click('button:has-text("Add a row")');
  await page.click('button:has-text("Add a row")');
  const keys = page.locator('.vars-edit tbody tr input[type=text][id^="config-key"]');
  const values = page.locator('.vars-edit tbody tr td:nth-child(2) input');
  await keys.nth(0).fill('BAD-KEY');
  await values.nth(0).fill('x');
  await page.click('button:has-text("Apply changes")');
  await page.locator('.field-error:has-text("not a valid config var key")').waitFor();
  check(!(await history()).includes('config vars'), 'an invalid key applies nothing');
  await keys.nth(0).fill('RACK_ENV');
  await values.nth(0).fill('production');
  await keys.nth(1).fill('GREETING');
  await values.nth(1).fill('hello world = yes');
  await page.click('button:has-text("Apply changes")');
  await row('Set RACK_ENV, GREETING config vars').waitFor();
  await page.locator('.vars-edit input[aria-label="Remove GREETING"]').check();
  await page.click('button:has-text("Apply changes")');
  await row('Remove GREETING config vars').waitFor();
  // An unsaved edit survives what does not touch this app's config.
  await page.click('button:has-text("Add a row")');
  await keys.last().fill('DRAFT_KEY');
  await page.click('button:has-text("+1 minute")');
  await shows(page.locator('.terminal-log'), '$ sim advance 1m', 'the clock moved');
  check((await keys.last().inputValue()) === 'DRAFT_KEY', 'an unsaved config edit survives a clock change');
  await shot('config');

  // Add Postgres and wait for it.
  await page.selectOption('#addon-service', 'heroku-postgresql');
  await page.selectOption('#addon-plan', 'essential-0');
  await page.check('text=Wait until provisioned');
  await page.click('button:has-text("Create add-on")');
  await row('completed provisioning, setting DATABASE_URL').waitFor();
  const afterPostgres = await history();
  check(afterPostgres.includes('Attach DATABASE'), 'the Attach release is listed');

  // Roll back to before the database: the preview warns about DATABASE_URL.
  await page.selectOption('#rollback-target', 'v6');
  const preview = page.locator('.preview');
  await preview.locator('text=removes add-on config vars').waitFor();
  check((await preview.innerText()).includes('DATABASE_URL'), 'the preview names DATABASE_URL');
  await shot('rollback-preview');
  await axe('with content');
  await page.emulateMedia({ colorScheme: 'dark' });
  await axe('with content, dark theme');
  await shot('dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.click('button:has-text("Roll back to v6")');
  await row('Rollback to v6').waitFor();
  await shows(page.locator('.terminal-log'), 'stripped DATABASE_URL', 'the CLI output names the stripped var');

  // Retention: under fir-2024, 31 days on, every old release but the latest expires.
  await page.selectOption('#retention', 'fir-2024');
  await page.click('button:has-text("+31 days")');
  await page.locator('.badge-expired').first().waitFor();
  // v3's slug is no one else's; v4's lives on in the current release (a rollback to v6).
  const expiredOption = page.locator('#rollback-target option[value="v3"]');
  await until(async () => await expiredOption.isDisabled(), 'an expired release cannot be chosen as a rollback target');
  await until(async () => (await expiredOption.innerText()).includes('expired'), 'the option says why');
  // The details say why a release expired, and why an old one did not.
  await page.click('button[aria-label="Show details of v3"]');
  await shows(page.locator('.details .retention'), 'Expired at ', 'the details say v3 expired');
  await page.click('button[aria-label="Show details of v4"]');
  await shows(page.locator('.details .retention'), 'runs the same slug (config and add-on changes reuse it)', 'the details say why v4 stayed');
  await shot('expired');

  // Reload: everything is still there.
  const before = await history();
  await page.reload();
  await ready(page);
  await row('Rollback to v6').waitFor();
  check((await history()) === before, 'the history survives a reload');

  // A second tab sees the same history, and sees what the first tab does.
  const second = await context.newPage();
  await watch(second, problems);
  await second.goto(server.url);
  await ready(second);
  await second.locator('.releases tbody tr:has-text("Rollback to v6")').first().waitFor();
  check((await second.locator('.releases tbody').innerText()) === before, 'the second tab sees the same history');
  await page.click('button:has-text("+1 minute")');
  await page.fill('#commit-message', 'Third version');
  await page.click('button:has-text("Commit and push")');
  await page.waitForFunction(() => (document.querySelector('.releases tbody').innerText.match(/Deploy [0-9a-f]{8}/g) || []).length === 3);
  const newest = (await page.locator('.releases tbody tr').first().innerText()).split(/\s/)[0];
  await second.locator(`.releases tbody tr:has-text("${newest}")`).first().waitFor();
  check((await second.locator('.releases tbody').innerText()) === (await history()), 'the second tab follows the first');
  await second.screenshot({ path: path.join(shots, 'second-tab.png'), fullPage: true });
} catch (error) {
  problems.push(`step failed: ${error.message}`);
  await shot('failure').catch(() => {});
}

await finish('end-to-end', problems, browser, server);
