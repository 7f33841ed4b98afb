// Shared by the end-to-end test and the browser benchmark: a plain static
// server for dist/ (404 for missing files, unlike `trunk serve`) and
// Debian's Chromium driven by playwright-core.
import { chromium } from 'playwright-core';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json', '.webmanifest': 'application/manifest+json', '.txt': 'text/plain', '.md': 'text/markdown' };

/**
 * Serves `root` on a free loopback port, gzip when asked; counts bytes sent.
 * Compressed bodies are kept, as a static server with precompressed files
 * would serve them, so timings measure the page, not gzip -9 per request.
 * `prefix` serves it under a sub-path (`/docs/tools/release-lab/`), as a
 * docs site would; anything outside it is a 404. `pages` are extra files
 * by path, served as given (a host page for embeds); the returned
 * `pages` takes more.
 */
export async function serve(root, { prefix = '/', pages = {} } = {}) {
  const stats = { bytes: 0, requests: [] };
  const compressed = new Map();
  const server = http.createServer((req, res) => {
    let urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    stats.requests.push(urlPath);
    if (pages[urlPath] !== undefined) {
      res.writeHead(200, { 'content-type': TYPES[path.extname(urlPath)] || 'text/html', 'cache-control': 'no-store' });
      res.end(pages[urlPath]);
      return;
    }
    if (!urlPath.startsWith(prefix)) {
      res.writeHead(404);
      res.end();
      return;
    }
    urlPath = '/' + urlPath.slice(prefix.length);
    if (urlPath.endsWith('/')) urlPath += 'index.html';
    const file = path.join(root, urlPath);
    if (!file.startsWith(path.resolve(root)) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404);
      res.end();
      return;
    }
    let body = fs.readFileSync(file);
    // Hashed names (Trunk's) never change, and a static host says so;
    // everything else is fetched afresh every time.
    const hashed = /-[0-9a-f]{12,16}(_bg)?\.(js|wasm)$/.test(file);
    const headers = { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-store' };
    if ((req.headers['accept-encoding'] || '').includes('gzip')) {
      const key = `${file}:${fs.statSync(file).mtimeMs}`;
      if (!compressed.has(key)) compressed.set(key, zlib.gzipSync(body, { level: 9 }));
      body = compressed.get(key);
      headers['content-encoding'] = 'gzip';
    }
    stats.bytes += body.length;
    res.writeHead(200, headers);
    res.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  // `pages` may gain pages once the origin is known.
  return { origin, url: `${origin}${prefix}`, stats, pages, close: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }) };
}

export async function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * Collects page errors and console errors; the run fails on any.
 * E2E_CPU_THROTTLE=N slows the page's CPU N times, as on a busy CI
 * machine, to flush out checks that race the page.
 */
export async function watch(page, problems) {
  const rate = Number(process.env.E2E_CPU_THROTTLE || 1);
  if (rate > 1) {
    const session = await page.context().newCDPSession(page);
    await session.send('Emulation.setCPUThrottlingRate', { rate });
  }
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
}

export async function ready(page) {
  await page.waitForSelector('.saved-state:has-text("Saved in this browser")', { timeout: 60_000 });
}

/**
 * Closes the browser and the server, then reports: every problem and exit
 * status 1, or `label: ok` followed by `summary`.
 */
export async function finish(label, problems, browser, server, summary = '') {
  await browser.close();
  await server.close();
  if (problems.length) {
    console.error(`${label}: ${problems.length} problem(s)`);
    for (const p of problems) console.error(`  ${p}`);
    process.exit(1);
  }
  console.log(`${label}: ok${summary}`);
}
