// Trunk post-build hook (and a tool: `node scripts/package-dist.mjs DIR`):
// turns the built app into what docs authors, offline users and trainers
// get. In order:
//   1. release builds: minifies wasm-bindgen's JS glue and its snippets
//      (Trunk minifies only HTML and CSS; about 3 kB of the 300 kB budget);
//   2. release-lab-embed.js (the docs loader) and presenter.js, minified
//      from src/web/;
//   3. embed.html: index.html with an embed's defaults (memory, terminal);
//   4. release-lab.html: the whole app in one file (glue, snippets and wasm
//      inlined as data), for opening from a USB stick;
//   5. sw.js: the service worker, with the list of files to precache and a
//      version that changes whenever any of them does.
// Every step reads what the build wrote, so running it again on a dist/
// gives the same files. The glue's import names are object keys, which
// terser keeps; Trunk computes integrity hashes before this runs, so
// index.html asks for none (data-integrity="none").
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { minify } from 'terser';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fromTrunk = !process.argv[2];
const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('package-dist: give a directory, or run it from Trunk (TRUNK_STAGING_DIR).');
  process.exit(1);
}
const release = !fromTrunk || process.env.TRUNK_PROFILE === 'release';
const say = (text) => console.log(`package-dist: ${text}`);
const read = (name) => fs.readFileSync(path.join(dir, name), 'utf8');
const write = (name, text) => fs.writeFileSync(path.join(dir, name), text);
const small = async (source) => (await minify(source, { module: true, ecma: 2020, compress: { passes: 2 }, mangle: true, format: { comments: false } })).code;

// 1. The glue and the snippets it imports (src/web/lab.js).
if (fromTrunk && release) {
  for (const name of fs.readdirSync(dir, { recursive: true }).filter((n) => n.endsWith('.js'))) {
    const source = read(name);
    const code = await small(source);
    write(name, code);
    say(`${name} ${source.length} -> ${code.length} bytes`);
  }
}

// 1b. The page's inline scripts: Trunk's HTML minifier leaves a script it
// cannot parse as it is (it warns "RequiredTokenNotFound"), so terser does.
if (release) {
  let page = read('index.html');
  for (const [whole, open, body] of [...page.matchAll(/(<script(?: id="?\w+"?)?>)([\s\S]*?)<\/script>/g)]) {
    const code = (await minify(body, { compress: { passes: 2 }, mangle: true, format: { comments: false } })).code;
    page = page.replace(whole, () => `${open}${code}</script>`);
  }
  write('index.html', page);
}

// 1c. The page's static shell paints before the wasm starts. On a fast
// connection (or from the cache) the wasm is ready before the first frame,
// and starting the app then holds the first paint back by 40-60 ms; the
// app starts once the browser reports its first paint (or after 250 ms,
// for a page in the background or an iframe out of view, which may not
// paint).
const YIELD = 'await new Promise(r=>{try{new PerformanceObserver(r).observe({type:"paint",buffered:true})}catch(e){r()}setTimeout(r,250)});';
{
  const page = read('index.html');
  if (!page.includes(YIELD)) write('index.html', page.replace(/(<script type="?module"?>)/, (open) => open + YIELD));
}

// 2. The loader and the presenter: plain scripts, never in the wasm.
for (const [source, target] of [['src/web/embed.js', 'release-lab-embed.js'], ['src/web/presenter.js', 'presenter.js']]) {
  const text = fs.readFileSync(path.join(root, source), 'utf8');
  write(target, release ? await small(text) : text);
}

// 3. embed.html: the same page, whose instance keeps its work in memory
// and shows the terminal alone unless its URL says otherwise; it registers
// no service worker (the docs page around it is online).
const index = read('index.html');
// The service worker's registration: only the full app's page has one.
const OFFLINE_SCRIPT = /<script id="?offline"?>[\s\S]*?<\/script>/;
const mount = /data-release-lab-app(?=[\s>])/;
if (!mount.test(index)) throw new Error('package-dist: index.html has no [data-release-lab-app] element');
const embed = index
  .replace(mount, 'data-release-lab-app data-storage=memory data-view=terminal')
  .replace(OFFLINE_SCRIPT, '')
  .replace(/<link[^>]*rel="?manifest"?[^>]*>/, '');
write('embed.html', embed);

// 4. release-lab.html. A page opened from file:// may not fetch files or
// load module scripts beside it, but it may import data: URLs; so the
// snippets become data: URLs inside the glue, the glue one inside the
// page, and the wasm base64 text the page decodes for init.
const start = index.match(/<script type="?module"?>([\s\S]*?)<\/script>/);
if (!start) throw new Error('package-dist: index.html has no module script to start the wasm');
const glueName = start[1].match(/from\s*['"]\.?\/?([^'"]+\.js)['"]/)[1];
const wasmName = start[1].match(/module_or_path:\s*['"]\.?\/?([^'"]+\.wasm)['"]/)[1];
const dataUrl = (text) => `data:text/javascript;base64,${Buffer.from(text).toString('base64')}`;
// Only the import statements: the same path is also a key of the wasm's
// import object, which must stay as it is.
const glue = read(glueName).replace(/(from\s*)(['"])\.?\/?(snippets\/[^'"]+\.js)\2/g, (_, from, quote, snippet) => `${from}${quote}${dataUrl(read(snippet))}${quote}`);
const wasm = fs.readFileSync(path.join(dir, wasmName)).toString('base64');
const single = index
  .replace(start[0], () => `<script type=module>import init,*as bindings from "${dataUrl(glue)}";${YIELD}`
    + `const bytes=Uint8Array.from(atob(document.getElementById("wasm").textContent),c=>c.charCodeAt(0));`
    + `await init({module_or_path:bytes});window.wasmBindings=bindings;</script>`)
  .replace(/<link[^>]*rel="?(modulepreload|preload|manifest)"?[^>]*>/g, '')
  .replace(OFFLINE_SCRIPT, '')
  .replace('</body>', () => `<script id=wasm type=application/octet-stream>${wasm}</script></body>`);
write('release-lab.html', single);

// 5. The service worker: everything the app and its lessons load, under a
// version that changes with any byte of them. Not the loader (other sites
// load it), the single file, or itself.
const skip = new Set(['sw.js', 'release-lab.html', 'release-lab-embed.js']);
const files = fs.readdirSync(dir, { recursive: true })
  .map((name) => name.split(path.sep).join('/'))
  .filter((name) => !skip.has(name) && fs.statSync(path.join(dir, name)).isFile())
  .sort();
const hash = crypto.createHash('sha256');
for (const name of files) hash.update(name).update('\0').update(fs.readFileSync(path.join(dir, name)));
const version = hash.digest('hex').slice(0, 16);
const worker = fs.readFileSync(path.join(root, 'src/web/sw.js'), 'utf8')
  .replace('"__VERSION__"', JSON.stringify(version))
  .replace('["__FILES__"]', JSON.stringify(files));
write('sw.js', release ? await small(worker) : worker);
say(`${files.length} files precached as version ${version}; embed.html, release-lab.html, release-lab-embed.js, presenter.js written`);
