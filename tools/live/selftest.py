"""Drive the built live runtime in Chromium, with no book page and no live.js.

    python tools/live/selftest.py [SITE]     SITE: folder holding live/ (default: _build/html)

Serves SITE on 127.0.0.1, opens tools/live/selftest.html as SITE/live/selftest.html (the
file is served from tools/live/, it is not part of the book), aborts every request that does
not go to 127.0.0.1, starts Python in the worker, imports nnlib, builds chapter 2's explorer,
renders its PNG, moves a slider a few times, and prints the timings as JSON.
Used by tests/browser/test_browser_live_runtime.py and benchmarks/bench_live.py.
"""

from __future__ import annotations

import base64
import functools
import http.server
import json
import statistics
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[2]
SELFTEST_HTML = Path(__file__).with_name("selftest.html")
CHROMIUM_ARGS = ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]

# The first live figure: what a page does when the reader clicks "Run live".
FIRST_FIGURE = """
import json, base64, time, sys
_t = time.perf_counter()
import numpy, matplotlib, nnlib
from nnlib import widgets as _nw
_t1 = time.perf_counter()
_ex = _nw.threshold_neuron()
_png = _ex.render().data
print(json.dumps({
    "png": base64.b64encode(_png).decode(),
    "extras": [getattr(w, "value", None) for w in _ex.extra],
    "controls": {k: c.value for k, c in _ex.controls.items()},
    "python": sys.version.split()[0], "numpy": numpy.__version__,
    "matplotlib": matplotlib.__version__, "nnlib_file": nnlib.__file__,
    "import_s": _t1 - _t, "explorer_s": time.perf_counter() - _t1,
}))
"""

# One slider change: set a control, render (what live.js does per change).
CHANGE = """
_ex.controls[{name!r}].value = {value!r}
print(json.dumps({{"png": base64.b64encode(_ex.render().data).decode(),
                   "extras": [getattr(w, "value", None) for w in _ex.extra]}}))
"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature fixed by the base class
        pass


@contextmanager
def serve(site: Path):
    """SITE over http on 127.0.0.1 (a thread); yields the base URL ending in '/'."""
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def offline_context(browser, blocked: list[str]):
    """A browser context that aborts every request not to 127.0.0.1 (listed in `blocked`)
    and serves the self-test page from tools/live/."""
    ctx = browser.new_context(viewport={"width": 1000, "height": 900})

    def route(r):
        u = r.request.url
        if urlparse(u).path.endswith("/live/selftest.html"):
            return r.fulfill(body=SELFTEST_HTML.read_text(), content_type="text/html")
        if u.startswith(("data:", "blob:")) or urlparse(u).hostname == "127.0.0.1":
            return r.continue_()
        blocked.append(u)
        return r.abort()

    ctx.route("**/*", route)
    return ctx


def run_turn(page, code: str) -> dict:
    r = page.evaluate("code => window.live.turn(code)", code)
    if not r["ok"] or r["status"] != 0:
        why = r.get("stderr") or r.get("error")
        raise RuntimeError(f"turn failed: status {r.get('status')}: {why}")
    return r


def drive(page, base_url: str, steps: int = 5) -> dict:
    """Open the self-test page, start Python, show the first figure, move w1 `steps` times."""
    T: dict = {}
    t0 = time.perf_counter()
    page.goto(base_url + "live/selftest.html")
    page.wait_for_selector("body[data-loaded]")
    init = page.evaluate("window.live.init()")
    if not init["ok"]:
        raise RuntimeError("init failed: " + init["error"])
    T["python_ready_s"] = time.perf_counter() - t0
    T["init"] = init["timings"]
    first = run_turn(page, FIRST_FIGURE)
    T["first_figure_s"] = time.perf_counter() - t0
    T["first"] = json.loads(first["stdout"].strip().splitlines()[-1])
    page.evaluate("b64 => window.live.show(b64)", T["first"]["png"])
    w1 = T["first"]["controls"]["w1"]
    changes, frames = [], []
    for k in range(steps):
        value = w1 + (k + 1) * 0.5 * (-1 if k % 2 else 1)
        t = time.perf_counter()
        r = run_turn(page, CHANGE.format(name="w1", value=value))
        changes.append(time.perf_counter() - t)
        frames.append({"w1": value, **json.loads(r["stdout"].strip().splitlines()[-1])})
    page.evaluate("b64 => window.live.show(b64)", frames[-1]["png"])
    T["change_s"] = changes
    T["change_median_s"] = statistics.median(changes) if changes else None
    T["frames"] = frames
    T["wasm_memory_bytes"] = r["mem"] if steps else first["mem"]
    T["statuses"] = page.evaluate("window.live.statuses")
    return T


def main(argv: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    site = Path(argv[1]) if len(argv) > 1 else ROOT / "_build" / "html"
    blocked: list[str] = []
    with serve(site) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = offline_context(browser, blocked).new_page()
        T = drive(page, url)
        page.screenshot(path=str(ROOT / "_build" / "live-selftest.png"), full_page=True)
        browser.close()
    for f in [T["first"], *T["frames"]]:
        f["png"] = f"{len(base64.b64decode(f['png']))} bytes"
    print(json.dumps(T, indent=1, default=str))
    print("blocked requests:", blocked)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
