// Trunk post-build hook: minifies wasm-bindgen's JS glue (and its snippets) in release builds
// (about 3 kB of the 300 kB budget; Trunk minifies only HTML and CSS).
// The glue's import names are object keys, which terser keeps. Trunk
// computes integrity hashes before this runs, so index.html asks for none
// on the Rust link (data-integrity="none").
import fs from 'node:fs';
import path from 'node:path';
import { minify } from 'terser';

if (process.env.TRUNK_PROFILE !== 'release') process.exit(0);
const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('minify-glue: TRUNK_STAGING_DIR is not set; run it from Trunk.');
  process.exit(1);
}
// The glue and the snippets it imports (src/web/lab.js), whose exported
// names terser keeps too.
const scripts = fs.readdirSync(staging, { recursive: true }).filter((n) => n.endsWith('.js'));
for (const name of scripts) {
  const file = path.join(staging, name);
  const source = fs.readFileSync(file, 'utf8');
  const result = await minify(source, { module: true, ecma: 2020, compress: { passes: 2 }, mangle: true, format: { comments: false } });
  fs.writeFileSync(file, result.code);
  console.log(`minify-glue: ${name} ${source.length} -> ${result.code.length} bytes`);
}
