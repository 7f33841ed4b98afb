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

// Transfer sizes, gzip -9, per file.
let total = 0;
for (const file of fs.readdirSync(dist)) {
  const raw = fs.readFileSync(path.join(dist, file));
  const gz = zlib.gzipSync(raw, { level: 9 }).length;
  total += gz;
  console.log(`size ${file}: ${raw.length} bytes, ${gz} gzip`);
}
console.log(`size total (HTML + JS + WASM + CSS, gzip): ${total} bytes = ${(total / 1000).toFixed(1)} kB`);

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

async function commitAndPush(page, message) {
  const before = await page.locator('.pager span').innerText();
  await page.fill('#commit-message', message);
  return timed(`form action (commit and push) to its release, ${before.match(/\((\d+) releases\)/)[1]} releases`, async () => {
    await page.click('button:has-text("Commit and push")');
    await page.waitForFunction((text) => document.querySelector('.pager span').innerText !== text, before);
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
  await context.close();
}

for (const releases of [1000, 10000]) {
  const file = workspace(releases);
  const { context, page } = await freshPage();
  await page.goto(server.url);
  await ready(page);
  await timed(`import of ${releases} releases (validated by replay, then stored)`, async () => {
    await page.setInputFiles('#import-file', file);
    await page.waitForFunction((n) => document.querySelector('.pager span')?.innerText.includes(`(${n} releases)`), releases, { timeout: 600_000 });
  });
  for (const pass of ['first reload (replays the log)', 'second reload (replays the log)']) {
    await timed(`${pass}, ${releases} releases`, async () => {
      await page.reload();
      await ready(page);
      await page.waitForFunction((n) => document.querySelector('.pager span')?.innerText.includes(`(${n} releases)`), releases, { timeout: 600_000 });
    });
  }
  await commitAndPush(page, 'Timed change');
  const bytes = await lastEventBytes(page);
  console.log(`bytes written per action at ${releases} releases: ${bytes.value} (value) + ${bytes.key} (key)`);
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
