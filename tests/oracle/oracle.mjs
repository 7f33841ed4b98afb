// The oracle: the real heroku CLI (npm heroku@11.10.0) runs each scenario's
// heroku commands against `release-lab api`, and `release-lab script` runs
// the same scenario; every heroku command must print the same text both ways.
//
//   node tests/oracle/oracle.mjs [SCENARIO.txt ...]   (default: tests/oracle/scenarios/*.txt)
//
// A scenario is a script. `heroku …` lines are compared; other lines (git,
// sim) only set the world up: the emulator runs them through its own
// POST /release-lab/run, since the Platform API has no request for them.
// Exits 1 on any difference that is not on ALLOWED below.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const binary = join(root, 'target/debug/release-lab');
const heroku = join(root, 'node_modules/.bin/heroku');

// Lines Release Lab prints that the real CLI does not, each with its reason.
// A line is dropped from Release Lab's side before comparing only if a
// pattern here matches it.
const ALLOWED = [
  {
    pattern: /^ ›   (Several apps exist \(.*\): choose one with -a APP\.|You have no apps yet: create one with heroku create NAME\.)$/,
    reason: "Release Lab's hint after a missing -a: the real CLI would look for the app in the directory's git remote, which the simulator does not have.",
  },
  {
    pattern: /^ ›   Warning: Release Lab: \S+ begins with (HEROKU_|__), which Heroku reserves for the platform; it may change or remove it\.$/,
    reason: "Release Lab's warning for a key in a namespace Heroku's docs reserve; the CLI sets it without a word.",
  },
];

// Differences in spacing only, each with its reason: both sides are
// normalized the same way before comparing, for the commands named.
const NORMALIZED = [
  {
    command: /^heroku addons( |$)/,
    reason: "Ink pads the continuation lines of a multi-line table cell (an add-on's attachments) by the laid-out widths of the row's other cells, which vary; Release Lab pads them to the table's width. Only those lines' trailing spaces are ignored.",
    apply: (text) => text.replace(/^(  [└├]─ .*?| +) +$/gm, '$1').replace(/^ +$/gm, ''),
  },
];

const ansi = /\x1b\[[0-9;?]*[A-Za-z]/g;

function commands(script) {
  return script.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
}

// `release-lab script`'s transcript, cut into each command's output (the
// text between its `$ ` line and the next command's).
function scriptOutputs(path, lines) {
  const run = spawnSync(binary, ['script', path], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`release-lab script ${path} failed: ${run.stderr}`);
  const text = run.stdout;
  const outputs = [];
  let at = 0;
  for (let i = 0; i < lines.length; i++) {
    const marker = `$ ${lines[i]}\n`;
    if (!text.startsWith(marker, at)) throw new Error(`transcript of ${path} lost step at "${lines[i]}"`);
    const start = at + marker.length;
    const end = i + 1 < lines.length ? text.indexOf(`\n$ ${lines[i + 1]}\n`, start - 1) + 1 : text.length;
    if (end <= 0) throw new Error(`transcript of ${path} lost step after "${lines[i]}"`);
    outputs.push(text.slice(start, end));
    at = end;
  }
  return outputs;
}

function startEmulator() {
  return new Promise((resolveStart, reject) => {
    const child = spawn(binary, ['api', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error('release-lab api did not say where it listens within 30 s'));
    }, 30_000);
    let seen = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      seen += chunk;
      const match = seen.match(/Listening on (http:\/\/\S+)/);
      if (match) {
        clearTimeout(timer);
        resolveStart({ url: match[1], child });
      }
    });
    child.on('exit', (code) => reject(new Error(`release-lab api exited with ${code}`)));
  });
}

async function emulatorRun(url, line) {
  const response = await fetch(`${url}/release-lab/run`, { method: 'POST', body: line });
  return response.text();
}

async function simulatedNow(url) {
  return (await (await fetch(`${url}/release-lab/clock`)).text()).trim();
}

// The CLI's environment: nothing from ours but PATH, a private HOME (it
// writes a git credential helper), and no network beyond the emulator.
function cliEnv(url, home, now) {
  return {
    PATH: `${join(root, 'node_modules/.bin')}:${process.env.PATH}`,
    HOME: home,
    GIT_CONFIG_GLOBAL: join(home, 'gitconfig'),
    HEROKU_HOST: url,
    HEROKU_API_KEY: 'release-lab-oracle',
    HEROKU_PARTICLEBOARD_URL: `${url}/particleboard`,
    HEROKU_GIT_HOST: 'git.heroku.com',
    DISABLE_TELEMETRY: 'true',
    HEROKU_SKIP_ANALYTICS: '1',
    HEROKU_SKIP_NEW_VERSION_CHECK: 'true',
    HEROKU_DISABLE_AUTOUPDATE: 'true',
    TZ: 'UTC',
    FORCE_COLOR: '3',
    OCLIF_COLUMNS: '200',
    NODE_OPTIONS: `--require ${join(root, 'tests/oracle/clock.cjs')}`,
    // A newer Node's deprecation notices are not the CLI's output.
    NODE_NO_WARNINGS: '1',
    RELEASE_LAB_NOW: now,
  };
}

// Runs one command line in bash with stdout and stderr on one file, so the
// two streams keep the order the CLI wrote them in. It runs in the private
// HOME, outside any git repository: `heroku create` adds a git remote to
// the repository it runs in, and apps come only from -a.
function runCli(line, env, home) {
  const file = join(home, 'output.txt');
  const fd = openSync(file, 'w');
  const run = spawnSync('bash', ['-c', line], { cwd: home, env, stdio: ['ignore', fd, fd], timeout: 60_000 });
  closeSync(fd);
  if (run.error) throw run.error;
  return readFileSync(file, 'utf8').replace(ansi, '');
}

function compare(expected, actual) {
  const ours = expected.split('\n').filter((l) => !ALLOWED.some((a) => a.pattern.test(l)));
  const theirs = actual.split('\n');
  if (ours.join('\n') === theirs.join('\n')) return null;
  const width = Math.max(ours.length, theirs.length);
  const diff = [];
  for (let i = 0; i < width; i++) {
    if (ours[i] === theirs[i]) diff.push(`    ${ours[i]}`);
    else {
      if (ours[i] !== undefined) diff.push(`  - ${JSON.stringify(ours[i])}`);
      if (theirs[i] !== undefined) diff.push(`  + ${JSON.stringify(theirs[i])}`);
    }
  }
  return diff.join('\n');
}

async function runScenario(path) {
  const lines = commands(readFileSync(path, 'utf8'));
  const expected = scriptOutputs(path, lines);
  const home = mkdtempSync(join(tmpdir(), 'release-lab-oracle-'));
  const { url, child } = await startEmulator();
  let compared = 0;
  const failures = [];
  try {
    // The CLI's first run in a new HOME prints a one-time notice.
    runCli('heroku --version', cliEnv(url, home, await simulatedNow(url)), home);
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (!line.startsWith('heroku ')) {
        // Both sides are Release Lab here: they must agree all the same,
        // or the two worlds have parted.
        const setup = await emulatorRun(url, line);
        if (setup !== expected[i]) failures.push(`${path}: $ ${line}\n  the emulator's world has parted from the script's\n${compare(expected[i], setup)}`);
        continue;
      }
      const actual = runCli(line, cliEnv(url, home, await simulatedNow(url)), home);
      compared++;
      const normalize = (text) => NORMALIZED.filter((n) => n.command.test(line)).reduce((t, n) => n.apply(t), text);
      const diff = compare(normalize(expected[i]), normalize(actual));
      if (diff) failures.push(`${path}: $ ${line}\n  (- release-lab script, + heroku CLI)\n${diff}`);
    }
  } finally {
    child.kill();
    rmSync(home, { recursive: true, force: true });
  }
  return { compared, failures };
}

const given = process.argv.slice(2);
const scenarios = given.length
  ? given
  : readdirSync(join(root, 'tests/oracle/scenarios')).filter((f) => f.endsWith('.txt')).sort().map((f) => join(root, 'tests/oracle/scenarios', f));
let compared = 0;
const failures = [];
for (const scenario of scenarios) {
  const result = await runScenario(scenario);
  compared += result.compared;
  failures.push(...result.failures);
  console.log(`${scenario.replace(root + '/', '')}: ${result.compared} heroku commands, ${result.failures.length} different`);
  // A scenario without heroku commands would compare nothing.
  if (result.compared === 0) failures.push(`${scenario}: no heroku commands to compare`);
}
console.log(`oracle: ${compared} commands compared with heroku CLI ${readFileSync(join(root, 'node_modules/heroku/package.json'), 'utf8').match(/"version": "([^"]+)"/)[1]}; ${failures.length} different; allowlist: ${ALLOWED.length} extra-line patterns, ${NORMALIZED.length} spacing rules`);
if (failures.length) {
  console.log(failures.join('\n\n'));
  process.exit(1);
}
