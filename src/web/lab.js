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
