// Share links and lessons from the network: the browser's own compression
// and fetch, so the wasm carries neither a deflate nor an HTTP binding.

// A workspace file as deflate-raw bytes in base64url: what a link carries.
export async function pack(text) {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("deflate-raw"));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export async function unpack(code) {
  let bytes;
  try {
    bytes = Uint8Array.from(atob(code.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
  } catch (e) {
    throw new Error("the link's data is not base64url");
  }
  try {
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
    return await new Response(stream).text();
  } catch (e) {
    throw new Error("the link's data is damaged (it does not decompress); was it cut short?");
  }
}

export async function fetchText(url) {
  let response;
  try {
    response = await fetch(url);
  } catch (e) {
    throw new Error(`${url} could not be fetched (offline, or the server does not allow it)`);
  }
  if (!response.ok) throw new Error(`${url} answered ${response.status} ${response.statusText}`.trim());
  return await response.text();
}

// The page's bridge: a host page (by postMessage) and the presenter run
// lines through the terminal, as if typed, and hear what each did. Only an
// instance that keeps its work in memory takes a host (a page must never
// drive or read the work saved in this browser), and only the origin
// named in the mount element's data-host (the page that made this frame)
// may drive it, from the parent window; events go to that origin alone,
// and to this window as `release-lab` events.
let host = null;

function post(message) {
  // A closed or navigated-away parent must not break the app.
  try {
    if (host) window.parent.postMessage(message, host);
  } catch (e) {}
  window.dispatchEvent(new CustomEvent('release-lab', { detail: message }));
}

export function connect(run) {
  const mount = document.querySelector('[data-release-lab-app]');
  const memory = mount && mount.getAttribute('data-storage') === 'memory';
  const reset = () => {
    // A memory instance's start is its address: loading it again is a reset.
    if (memory) location.reload();
    else post({ type: 'release-lab:error', message: 'reset: only an instance that keeps its work in memory can be reset' });
  };
  window.releaseLab = { run: (line) => run(String(line)), reset };
  const named = mount && mount.getAttribute('data-host');
  if (!named || !memory || window.parent === window) return;
  try {
    host = new URL(named).origin;
  } catch (e) {
    console.warn(`Release Lab: host "${named}" is not an origin; the page cannot drive this frame.`);
    return;
  }
  if (host === 'null') {
    host = null;
    return;
  }
  window.addEventListener('message', (event) => {
    if (event.source !== window.parent || event.origin !== host) return;
    const data = event.data || {};
    if (data.type === 'release-lab:run' && typeof data.line === 'string') run(data.line);
    else if (data.type === 'release-lab:reset') reset();
  });
}

export function ready() {
  if (window.releaseLab) window.releaseLab.ready = true;
  post({ type: 'release-lab:ready' });
}

// `releases` is "app:version …" (names never hold spaces or colons).
export function notify(line, ok, output, releases) {
  post({ type: 'release-lab:command', line, ok, output });
  for (const release of releases.split(' ').filter(Boolean)) {
    const [app, version] = release.split(':');
    post({ type: 'release-lab:release', app, version: Number(version) });
  }
}
