"""The live book's runtime on its own (issue 14): the built ``_build/html/live/`` loads in
Chromium with every request not to 127.0.0.1 aborted, starts Python in a Web Worker, imports
nnlib and renders an explorer's PNG, without any book page or live.js.

The self-test page (tools/live/selftest.html, not part of the book) talks to the worker
with the same messages as live.js. Two Pythons, one library: the truth table the browser's
CPython 3.15 prints for chapter 2's explorer is the one this test's CPython prints for the
same slider values. Skips only if `make book` said it could not fetch the runtime.
"""

from __future__ import annotations

import base64
import io
import json
import sys
from pathlib import Path

import pytest
from browser_support import BOOK_HTML, SCREENSHOTS, TIMEOUT_MS

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools" / "live"))
import selftest  # noqa: E402  (tools/live/selftest.py: the driver shared with bench_live.py)

pytestmark = pytest.mark.browser

LIVE = BOOK_HTML / "live"


@pytest.fixture(scope="module")
def runtime_built():
    if (LIVE / "unavailable.txt").is_file():
        reason = (LIVE / "unavailable.txt").read_text().strip()
        pytest.skip(f"the live runtime was not built: {reason}")
    if not (LIVE / "manifest.json").is_file():
        pytest.fail(f"no live runtime in {LIVE}: build the book with `make book` (target `live`)")
    return json.loads((LIVE / "manifest.json").read_text())


def _png_size(b64: str) -> tuple[int, int]:
    from PIL import Image

    data = base64.b64decode(b64)
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return Image.open(io.BytesIO(data)).size


def test_runtime_imports_nnlib_and_renders_an_explorer_offline(browser, book_url, runtime_built):
    from nnlib.widgets import threshold_neuron

    blocked: list[str] = []
    console: list[str] = []
    context = selftest.offline_context(browser, blocked)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.on("console",
            lambda m: console.append(f"[{m.type}] {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: console.append(f"[pageerror] {e}"))
    try:
        T = selftest.drive(page, book_url, steps=2)
        SCREENSHOTS.joinpath("live").mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "live" / "runtime_selftest.png"), full_page=True)
        # A second page of the same reader (same browser profile): nothing is downloaded again.
        again = context.new_page()
        again.goto(book_url + "live/selftest.html")
        again.wait_for_selector("body[data-loaded]")
        second = again.evaluate("window.live.init()")
    finally:
        context.close()

    first = T["first"]
    assert first["python"].startswith("3.15"), first["python"]
    assert first["nnlib_file"].startswith(runtime_built["site_path"]), first["nnlib_file"]
    fetched = T["init"]["bytes_from_network"] + T["init"]["bytes_from_cache"]
    assert fetched == runtime_built["download_bytes"]
    assert T["statuses"], "the worker sent no progress message while Python started"

    # The same explorer in this test's CPython, driven to the same values.
    host = threshold_neuron()
    host_png = host.render().data
    assert first["controls"] == {k: c.value for k, c in host.controls.items()}
    assert first["extras"] == [getattr(w, "value", None) for w in host.extra]
    from PIL import Image

    assert _png_size(first["png"]) == Image.open(io.BytesIO(host_png)).size
    for frame in T["frames"]:
        host.controls["w1"].value = frame["w1"]
        assert frame["extras"] == [getattr(w, "value", None) for w in host.extra], frame["w1"]
        assert frame["png"] != first["png"], "moving w1 did not change the figure"

    assert second["ok"], second.get("error")
    assert second["timings"]["bytes_from_network"] == 0, second["timings"]
    assert second["timings"]["bytes_from_cache"] == runtime_built["download_bytes"]

    assert not blocked, f"the runtime asked for something not on 127.0.0.1: {blocked[:5]}"
    assert not console, console
