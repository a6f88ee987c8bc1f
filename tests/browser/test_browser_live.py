"""Live widgets in the rendered book: every explorer of every chapter runs in the tab.

For each chapter page with a widget, as a reader: the static view (saved controls and the
picture of the starting values) is intact before the click; "Run live in this page" starts
Python (WebAssembly, in a Web Worker) and swaps in live controls and figure; then the test
moves every control of every widget through a few positions, presses every button and
plays ``Play`` for a few frames. Every frame must agree with nnlib in the test's own
CPython (two Pythons, one library): the test replays the page's actions on the same
explorer through :mod:`nnlib.widgets.live` and compares every readout and table (the text
on the page too) and every control's value, and checks that the page's figure changes
whenever the kernel-side figure does. No console error or warning, no request leaves
127.0.0.1. Screenshots before and after go to ``_build/screenshots/live/``.

The runtime is built by ``make book`` (``_build/html/live/``). If that build could not
fetch it, it says why in ``live/unavailable.txt`` and these tests skip with that reason.
"""

from __future__ import annotations

import html
import json
import statistics
from html.parser import HTMLParser
from pathlib import Path

import pytest
from browser_support import BOOK_HTML, ROOT

pytestmark = pytest.mark.browser

LIVE = BOOK_HTML / "live"
#: Waiting for Python to start and draw the first figure (downloads, compile, imports).
START_TIMEOUT_MS = 180_000
#: Waiting for one frame after an action.
FRAME_TIMEOUT_MS = 60_000
#: Play ticks watched per Play control.
PLAY_FRAMES = 3


def widget_notebooks() -> list[str]:
    """Chapter pages ('notebooks/02_threshold_neuron') whose notebook shows a widget."""
    pages = []
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        if any("application/vnd.jupyter.widget-view+json" in out.get("data", {})
               for cell in nb["cells"] for out in cell.get("outputs", [])):
            pages.append(f"notebooks/{path.stem}")
    return pages


PAGES = widget_notebooks()


@pytest.fixture(scope="module")
def runtime():
    reason = LIVE / "unavailable.txt"
    if reason.is_file():
        pytest.skip("the live runtime was not built: "
                    + reason.read_text(encoding="utf-8").strip())
    assert (LIVE / "worker.js").is_file() and (LIVE / "live.js").is_file(), (
        f"{LIVE} holds no live runtime and no unavailable.txt: run `make book`.")
    return LIVE


@pytest.fixture(scope="module")
def shots(screenshots) -> Path:
    folder = screenshots / "live"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class Console:
    """Console errors and warnings, uncaught exceptions and requests that left the machine."""

    def __init__(self, page, base: str):
        self.base, self.problems = base, []
        page.on("console", self._console)
        page.on("pageerror", lambda e: self.problems.append(f"pageerror: {e}"))
        page.on("requestfailed", self._failed)

    def _console(self, message):
        if message.type in ("error", "warning"):
            self.problems.append(f"console.{message.type}: {message.text}")

    def _failed(self, request):
        self.problems.append(f"request failed ({request.failure}): {request.url}")


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts = []

    def handle_data(self, data):
        self.parts.append(data)


def text_of(markup: str) -> str:
    """The text a browser's textContent gives for ``markup``, whitespace collapsed."""
    parser = _Text()
    parser.feed(markup)
    return " ".join(html.unescape("".join(parser.parts)).split())


def compared(state: list, loose: bool = False) -> list:
    """What must agree between the two Pythons: every control's value, position and
    readout, and every readout's and table's HTML.

    What the reader sees (readouts, HTML) must be equal to the character. A control's
    float value may differ in its last bits: numpy 2.5 in the tab and numpy 2.4 here may
    add in a different order (the gradient step of chapter 4 moves w₁ to
    0.3932118254266344 in one and 0.39321182542663446 in the other), so it is compared to
    1e-9 relative (``loose``: the kernel's side of the comparison).
    """
    keep = ("value", "index", "readout", "playing")
    out = []
    for s in state:
        piece = {}
        for k in keep:
            if k not in s:
                continue
            v = s[k]
            piece[k] = (pytest.approx(v, rel=1e-9, abs=1e-12)
                        if loose and isinstance(v, float) else v)
        out.append(piece)
    return out


# --- driving the page's controls ------------------------------------------------------

SET_RANGE = """([el, value]) => {
    el.value = String(value);
    el.dispatchEvent(new Event('input', {bubbles: true}));
}"""
SET_SELECT = """([el, value]) => {
    el.value = String(value);
    el.dispatchEvent(new Event('change', {bubbles: true}));
}"""


def frames(output) -> int:
    return int(output.get_attribute("data-nnlib-live-frames") or 0)


def wait_frame(page, output, before: int) -> None:
    """Wait until the page has shown a new frame and has nothing left to send."""
    page.wait_for_function(
        """([el, n]) => Number(el.dataset.nnlibLiveFrames || 0) > n
                        && el.dataset.nnlibLiveIdle === '1'""",
        arg=[output.element_handle(), before], timeout=FRAME_TIMEOUT_MS)


def positions(spec: dict) -> list:
    """A few positions of a control: both ends, the start and the middle (so that the
    "after" screenshot shows the widget moved)."""
    if spec["group"] == "slider":
        low, high = spec["min"], spec["max"]
        steps = round((high - low) / spec["step"])
        middle = low + (steps // 2) * spec["step"]
        start = spec["value"]
        if "base" in spec:  # the range input holds the exponent
            import math
            start = math.log(start, spec["base"])
        return [high, low, start, middle]
    if spec["group"] == "selection":
        n = len(spec["options"])
        return list(dict.fromkeys([n - 1, 0, spec["index"], n // 2]))
    if spec["group"] == "checkbox":
        return [not spec["value"], spec["value"]]
    return []


def drive(page, output, spec: dict) -> int:
    """Move one control through its positions (or press it); returns the actions made."""
    control = output.locator(f'.nnlib-live [data-nnlib-live-i="{spec["i"]}"]')
    made = 0
    if spec["group"] in ("slider", "selection") and spec["kind"] != "ToggleButtons":
        field = control.locator("input, select").first
        is_select = spec["group"] == "selection" and spec["kind"] != "SelectionSlider"
        script = SET_SELECT if is_select else SET_RANGE
        for value in positions(spec):
            before = frames(output)
            field.scroll_into_view_if_needed()
            page.evaluate(script, [field.element_handle(), value])
            wait_frame(page, output, before)
            made += 1
    elif spec["group"] == "checkbox":
        for _ in positions(spec):
            before = frames(output)
            control.locator("input").click()
            wait_frame(page, output, before)
            made += 1
    elif spec["group"] == "button":
        before = frames(output)
        control.click()
        wait_frame(page, output, before)
        made += 1
    elif spec["group"] == "play":
        before = frames(output)
        control.locator(".nnlib-live-play").click()  # the ▶ button
        page.wait_for_function("([el, n]) => Number(el.dataset.nnlibLiveFrames || 0) >= n",
                               arg=[output.element_handle(), before + 1 + PLAY_FRAMES],
                               timeout=FRAME_TIMEOUT_MS)
        for op in ("pause", "stop"):
            before = frames(output)
            control.locator(f".nnlib-live-{op}").click()
            wait_frame(page, output, before)
        made += 3
    return made


# --- the test -------------------------------------------------------------------------

@pytest.mark.parametrize("name", PAGES)
def test_every_widget_runs_live_and_agrees_with_the_kernel(runtime, book_page, book_url,
                                                            shots, name):
    from nnlib.widgets.live import LiveExplorer

    page = book_page
    console = Console(page, book_url)
    page.add_init_script("window.__nnlibLive = {record: true};")  # keep every action
    page.goto(f"{book_url}{name}.html", wait_until="load")
    bars = page.locator(".nnlib-live-bar")
    views = page.locator('script[type="application/vnd.jupyter.widget-view+json"]')
    bars.first.wait_for(state="attached")
    assert bars.count() == views.count() >= 1, (
        f"{name}: {views.count()} saved widgets but {bars.count()} live buttons (were the "
        "notebooks executed with this nnlib? its explorers name themselves in their state)")
    stem = name.split("/")[-1]
    report = []
    for k in range(bars.count()):
        output = bars.nth(k).locator("xpath=..")
        # --- static view intact before the click
        page.locator(".nnlib-static-widget").nth(k).wait_for(state="visible")
        static_img = output.locator(":scope > img").first
        static_src = static_img.get_attribute("src")
        assert static_img.is_visible() and static_img.evaluate("i => i.naturalWidth") > 0
        assert output.locator(".nnlib-live").count() == 0
        button = bars.nth(k).get_by_role("button", name="Run live in this page")
        assert button.is_visible() and button.is_enabled()
        output.scroll_into_view_if_needed()
        output.screenshot(path=str(shots / f"{stem}_{k}_before.png"))

        # --- start
        button.click()
        page.wait_for_function("el => ['ready', 'failed'].includes(el.dataset.nnlibLive)",
                               arg=output.element_handle(), timeout=START_TIMEOUT_MS)
        assert output.get_attribute("data-nnlib-live") == "ready", (
            output.locator(".nnlib-live-status").inner_text())
        assert not static_img.is_visible() and static_img.get_attribute("src") == static_src
        live_img = output.locator("img.nnlib-live-figure")
        assert live_img.is_visible() and live_img.evaluate("i => i.naturalWidth") > 0
        key = output.get_attribute("data-nnlib-live-key")
        record = page.evaluate("k => window.__nnlibLive.explorers[k]", key)
        origin, spec = record["origin"], record["spec"]["widgets"]
        assert origin["factory"] == output.get_attribute("data-nnlib-explorer")

        # --- every control through a few positions, every button, Play
        actions = 0
        for piece in spec:
            actions += drive(page, output, piece)
        output.scroll_into_view_if_needed()
        output.screenshot(path=str(shots / f"{stem}_{k}_after.png"))
        record = page.evaluate("k => window.__nnlibLive.explorers[k]", key)
        assert "error" not in record, record.get("error")
        assert len(record["actions"]) >= actions

        # --- two Pythons, one library: replay the page's actions in this CPython
        kernel = LiveExplorer.from_origin(origin["factory"], origin["kwargs"])
        assert compared(record["first"]["state"]) == compared(kernel.state(), loose=True)
        previous_png = kernel.frame()["png"]
        previous_hash = record["first"]["png_hash"]
        changed_kernel = changed_page = 0
        for step, done in enumerate(record["actions"]):
            kernel.act(done["action"])
            frame = kernel.frame()
            assert compared(done["state"]) == compared(frame["state"], loose=True), (
                f"{name}: after action {step} {done['action']} the tab and the kernel differ")
            if frame["png"] != previous_png:
                changed_kernel += 1
                assert done["png_hash"] != previous_hash, (
                    f"{name}: the kernel's figure changed at action {step} {done['action']}, "
                    "the tab's did not")
            changed_page += done["png_hash"] != previous_hash
            previous_png, previous_hash = frame["png"], done["png_hash"]
        assert changed_kernel > 0 and changed_page >= changed_kernel

        # --- what the reader sees: the readouts' and tables' text equals the kernel's
        shown = output.locator(".nnlib-live-output").all_text_contents()
        expected = [text_of(s["value"]) for s, p in zip(kernel.state(), spec, strict=True)
                    if p["group"] == "output"]
        assert [" ".join(t.split()) for t in shown] == expected
        report.append((origin["factory"], record["first_figure_ms"], record["updates_ms"]))

    page.wait_for_timeout(200)
    assert console.problems == [], "\n".join(console.problems)
    for factory, first, updates in report:
        print(f"{name}: {factory}: first figure {first} ms, {len(updates)} changes, "
              f"median {statistics.median(updates):.0f} ms")


def test_a_browser_without_exception_handling_keeps_the_static_view(runtime, book_page,
                                                                      book_url):
    """WebAssembly.validate says no to the exception-handling probe: a plain message."""
    page = book_page
    console = Console(page, book_url)
    page.add_init_script("""(() => {
        const validate = WebAssembly.validate;
        WebAssembly.validate = (bytes) => {
            const b = new Uint8Array(bytes);
            return b.includes(0x1f) && b.length < 64 ? false : validate(bytes);
        };
    })()""")
    page.goto(f"{book_url}{PAGES[0]}.html", wait_until="load")
    bar = page.locator(".nnlib-live-bar").first
    output = bar.locator("xpath=..")
    bar.get_by_role("button", name="Run live in this page").click()
    status = bar.locator(".nnlib-live-status")
    assert "lacks WebAssembly exception handling" in status.inner_text()
    assert output.get_attribute("data-nnlib-live") == "unsupported"
    assert output.locator(":scope > img").first.is_visible()
    assert output.locator(".nnlib-live").count() == 0
    page.wait_for_timeout(500)
    assert not any("worker" in r for r in console.problems)
    assert console.problems == []


@pytest.mark.parametrize("width", [390])
def test_live_view_fits_a_phone(runtime, browser, book_url, shots, width):
    """At 390 px the button, the controls and the figure stay inside the page."""
    context = browser.new_context(viewport={"width": width, "height": 844})
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(
        (book_url, "data:", "blob:")) else r.abort("internetdisconnected"))
    page = context.new_page()
    try:
        name = next(p for p in PAGES if "08_" in p) if any("08_" in p for p in PAGES) \
            else PAGES[0]
        page.goto(f"{book_url}{name}.html", wait_until="load")
        bar = page.locator(".nnlib-live-bar").first
        output = bar.locator("xpath=..")
        bar.scroll_into_view_if_needed()
        page.screenshot(path=str(shots / f"phone_{width}_before.png"))
        assert bar.bounding_box()["x"] + bar.bounding_box()["width"] <= width
        bar.get_by_role("button", name="Run live in this page").click()
        page.wait_for_function("el => el.dataset.nnlibLive === 'ready'",
                               arg=output.element_handle(), timeout=START_TIMEOUT_MS)
        panel = output.locator(".nnlib-live")
        panel.scroll_into_view_if_needed()
        output.screenshot(path=str(shots / f"phone_{width}_after.png"))
        overflow = panel.evaluate("""p => Array.from(p.querySelectorAll('*'))
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
            .map(e => e.className || e.tagName)""")
        assert overflow == []
    finally:
        context.close()
