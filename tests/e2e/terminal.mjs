// The terminal against the native runner: for fixed scripts (the seed walk
// in the classic style, every transcript file, the docs example) and for
// scripts generated from a seed, the terminal's log must be byte for byte
// what `release-lab script` prints. Some scripts are typed line by line,
// the rest pasted at once. Then: the log survives a reload, ↑ recalls,
// Tab completes, Undo works, and the transcript downloads hold the same text.
// Fails on any page or console error.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { serve, launch, watch, ready, finish } from './lib.mjs';

const require = createRequire(import.meta.url);
const playerScript = require.resolve('asciinema-player/dist/bundle/asciinema-player.min.js');
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const problems = [];
const server = await serve(path.join(root, 'dist'));
const browser = await launch();

/** What the native runner prints for `lines`. */
function native(lines) {
  return execFileSync('cargo', ['run', '-q', '--locked', '--bin', 'release-lab', '--', 'script', '-'], {
    cwd: root, input: lines.join('\n') + '\n', maxBuffer: 1 << 26,
  }).toString();
}

/** A small seeded generator (mulberry32), so a failing script can be rerun. */
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random session over two apps: actions, queries, undo, mistakes. */
function generated(seed, length) {
  const r = random(seed);
  const pick = (items) => items[Math.floor(r() * items.length)];
  const n = (max) => 1 + Math.floor(r() * max);
  const lines = ['heroku create gen-cedar', 'heroku create gen-fir --generation fir'];
  for (let i = 0; lines.length < length; i += 1) {
    const app = pick(['gen-cedar', 'gen-fir']);
    lines.push(...pick([
      () => [`heroku config:set KEY_${n(4)}=value-${n(99)} -a ${app}`],
      () => [`heroku config:unset KEY_${n(4)} -a ${app}`],
      () => [`git commit -m 'Change ${i}' -a ${app}`, `git push heroku main -a ${app}`],
      () => [`heroku rollback${r() < 0.5 ? '' : ` v${n(12)}`} -a ${app}`],
      () => [`heroku releases -a ${app}${r() < 0.5 ? '' : ` -n ${n(5)}`}`],
      () => [`heroku releases:info v${n(10)} -a ${app}`],
      () => [`heroku releases:diff v1 v${n(10)} -a ${app}`],
      () => [`heroku addons:create ${pick(['heroku-redis:mini', 'heroku-postgresql:essential-0', 'papertrail:choklad'])} -a ${app}`],
      () => [`sim advance ${n(40)}d`],
      () => [`sim retention ${pick(['fir-2024', 'all-2025', 'unlimited'])} -a ${app}`],
      () => ['sim undo'],
      () => ['sim redo'],
      () => [`sim style ${pick(['modern', 'classic'])}`],
      () => [`git log --oneline -n 3 -a ${app}`],
      () => [`heroku config -a ${app}`],
      () => ['heroku rolback', 'help releases'],
    ])());
  }
  return lines;
}

/** The `$ ` lines of a transcript file. */
function commandsOf(file) {
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.startsWith('$ ')).map((l) => l.slice(2));
}

const terminalText = (page) => page.locator('.terminal-text').evaluate((el) => el.textContent);
const entries = (page) => page.locator('.terminal-text .entry').count();

async function typeLines(page, lines) {
  const field = page.locator('#terminal-command');
  for (const line of lines) {
    const before = await entries(page);
    await field.fill(line);
    await field.press('Enter');
    await page.waitForFunction((n) => document.querySelectorAll('.terminal-text .entry').length > n, before, { timeout: 15_000 });
  }
}

async function pasteLines(page, lines) {
  await page.locator('#terminal-command').evaluate((field, text) => {
    const data = new DataTransfer();
    data.setData('text', text);
    field.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, lines.join('\n') + '\n');
}

/**
 * Plays `cast` to its end in the asciinema player (npm asciinema-player)
 * and returns the screen's rows, trailing blanks trimmed.
 */
async function playToTheEnd(context, cast) {
  const page = await context.newPage();
  await watch(page, problems);
  await page.setContent('<div id="player"></div>');
  await page.addScriptTag({ path: playerScript });
  const played = await page.evaluate(async (cast) => {
    const player = AsciinemaPlayer.create({ data: cast }, document.getElementById('player'), { preload: true });
    let duration;
    for (let i = 0; i < 200 && duration === undefined; i += 1) {
      duration = await player.getDuration();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await player.seek(duration);
    await new Promise((resolve) => setTimeout(resolve, 300));
    return { duration, rows: [...document.querySelectorAll('.ap-term .ap-line')].map((row) => row.textContent.trimEnd()) };
  }, cast);
  await page.close();
  return played;
}

function firstDifference(expected, actual) {
  const e = expected.split('\n');
  const a = actual.split('\n');
  const line = e.findIndex((text, i) => text !== a[i]);
  return `line ${line + 1}: expected ${JSON.stringify(e[line])}, got ${JSON.stringify(a[line])}`;
}

/** The terminal keeps the newest lines on screen; the download has them all. */
const SHOWN = 200;

async function sameAsNative(page, expected, label, lines) {
  const deadline = Date.now() + 60_000;
  const done = async () => {
    if (lines <= SHOWN) return (await terminalText(page)) === expected;
    // Every line has run once the screen shows the transcript's end.
    const screen = await terminalText(page);
    return (await entries(page)) === SHOWN && screen.startsWith('$ ') && expected.endsWith(screen);
  };
  while (!(await done()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  if (lines <= SHOWN) {
    const actual = await terminalText(page);
    if (actual !== expected) throw new Error(`${label}: the terminal differs from the native transcript at ${firstDifference(expected, actual)}`);
    return;
  }
  if (!(await done())) throw new Error(`${label}: the screen is not the end of the native transcript`);
  await page.locator('.terminal-note').waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('button:has-text("Download transcript")')]);
  const markdown = fs.readFileSync(await download.path(), 'utf8');
  if (markdown !== '```console\n' + expected + '```\n') throw new Error(`${label}: the downloaded transcript differs from the native one`);
}

const scripts = [
  { label: 'seed walk, classic style (typed)', lines: commandsOf(path.join(root, 'tests/transcripts/01-seed-walk-classic.txt')), typed: true },
  ...[11, 22, 33].map((seed) => ({ label: `generated script, seed ${seed} (typed)`, lines: generated(seed, 45), typed: true })),
  ...[44, 55].map((seed) => ({ label: `generated script, seed ${seed} (pasted)`, lines: generated(seed, 120), typed: false })),
  ...fs.readdirSync(path.join(root, 'tests/transcripts')).filter((f) => f.endsWith('.txt') && !f.startsWith('01-')).sort()
    .map((f) => ({ label: `${f} (pasted)`, lines: commandsOf(path.join(root, 'tests/transcripts', f)), typed: false })),
  { label: 'docs/example.txt (pasted)', lines: fs.readFileSync(path.join(root, 'docs/example.txt'), 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#')), typed: false },
];

let lineCount = 0;
try {
  for (const script of scripts) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true, permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await context.newPage();
    await watch(page, problems);
    await page.goto(server.url);
    await ready(page);
    const expected = native(script.lines);
    if (script.typed) await typeLines(page, script.lines);
    else await pasteLines(page, script.lines);
    await sameAsNative(page, expected, script.label, script.lines.length);
    lineCount += script.lines.length;

    if (script === scripts[1]) {
      // The log survives a reload, rebuilt from the workspace.
      await page.reload();
      await ready(page);
      await sameAsNative(page, expected, `${script.label}, after a reload`, script.lines.length);
      // ↑ recalls the last line; Tab completes a command name.
      const field = page.locator('#terminal-command');
      await field.focus();
      await field.press('ArrowUp');
      if ((await field.inputValue()) !== script.lines.at(-1)) throw new Error(`↑ gave ${await field.inputValue()}`);
      await field.fill('heroku releases:inf');
      await field.press('Tab');
      if ((await field.inputValue()) !== 'heroku releases:info ') throw new Error(`Tab gave "${await field.inputValue()}"`);
      // In the middle of a line, Tab completes the word before the caret.
      await field.fill('heroku releases:inf -a gen-cedar');
      await field.evaluate((el) => el.setSelectionRange(19, 19));
      await field.press('Tab');
      if ((await field.inputValue()) !== 'heroku releases:info -a gen-cedar') throw new Error(`Tab mid-line gave "${await field.inputValue()}"`);
      await field.fill('');
      // Copy and the downloads hold the same session.
      await page.click('button:has-text("Copy transcript")');
      await page.locator('.terminal [role=status]:has-text("copied")').waitFor();
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      if (copied !== '```console\n' + expected + '```\n') throw new Error('the copied transcript differs from the native transcript');
      const [markdown] = await Promise.all([page.waitForEvent('download'), page.click('button:has-text("Download transcript")')]);
      const text = fs.readFileSync(await markdown.path(), 'utf8');
      if (text !== '```console\n' + expected + '```\n') throw new Error('the Markdown transcript differs from the native transcript');
      const [cast] = await Promise.all([page.waitForEvent('download'), page.click('button:has-text("Download asciicast")')]);
      const [header, ...events] = fs.readFileSync(await cast.path(), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      if (header.version !== 2) throw new Error('the asciicast header is not version 2');
      const castText = fs.readFileSync(await cast.path(), 'utf8');
      if (events.map((e) => e[2]).join('') !== expected.replaceAll('\n', '\r\n')) throw new Error('the asciicast holds a different session');
      // The asciinema player plays it: at the end, its screen shows the
      // session's last lines (those that fit its width unwrapped).
      const { duration, rows } = await playToTheEnd(context, castText);
      if (!(duration > 0)) throw new Error(`the asciinema player found no duration (${duration})`);
      const screen = rows.join('\n').trimEnd().split('\n');
      const tail = expected.trimEnd().split('\n').slice(-3);
      if (screen.slice(-3).join('\n') !== tail.map((l) => l.trimEnd()).join('\n')) {
        throw new Error(`the asciinema player ends on ${JSON.stringify(screen.slice(-3))}, not ${JSON.stringify(tail)}`);
      }
      // `/` focuses the terminal from elsewhere, but never steals a form field's keys.
      await page.locator('#commit-message').fill('a/b');
      if ((await page.locator('#commit-message').inputValue()) !== 'a/b') throw new Error('typing / in a form field was stolen');
      await page.locator('h1').click();
      await page.keyboard.press('/');
      if (!(await field.evaluate((el) => el === document.activeElement))) throw new Error('/ did not focus the terminal');
      // Undo takes back the last action; the button says so in the log.
      const undoneLine = expected.length;
      await page.click('button:has-text("Undo")');
      await page.locator('.terminal-text .entry:last-child:has-text("$ sim undo")').waitFor();
      const last = await page.locator('.terminal-text .entry:last-child').evaluate((el) => el.textContent);
      if (!/^\$ sim undo\nUndone: .+\n$/.test(last)) throw new Error(`Undo printed ${JSON.stringify(last)}`);
      if ((await terminalText(page)).slice(0, undoneLine) !== expected) throw new Error('undo rewrote earlier lines of the log');
      // Clear empties the screen, and stays cleared after a reload.
      await field.fill('clear');
      await field.press('Enter');
      if ((await entries(page)) !== 0) throw new Error('clear left entries on screen');
      await page.reload();
      await ready(page);
      if ((await entries(page)) !== 0) throw new Error('a reload brought cleared lines back');
      // A pasted `clear` clears after the lines before it, not before.
      await pasteLines(page, ['heroku apps', 'clear', 'git log -n 1 -a gen-cedar']);
      await page.waitForFunction(() => document.querySelector('.terminal-text').textContent.startsWith('$ git log -n 1 -a gen-cedar\n'));
      if ((await entries(page)) !== 1) throw new Error(`a pasted clear left ${await entries(page)} entries`);
    }
    console.log(`terminal: ${script.label}: ${script.lines.length} lines, ${expected.split('\n').length - 1} lines of output, identical`);
    await context.close();
  }
} catch (error) {
  problems.push(`step failed: ${error.message}`);
}

await finish('terminal', problems, browser, server, `, ${scripts.length} scripts, ${lineCount} command lines, each identical to release-lab script`);
