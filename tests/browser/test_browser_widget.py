"""A live widget, used as a reader uses it: JupyterLab, Run → Run All Cells, arrow keys.

JupyterLab runs on localhost from a temporary copy of notebooks/ (see the ``jupyter_lab``
fixture), so the committed notebook is never touched. The test opens chapter 2, runs it
from the menu, waits for the threshold-neuron widget (sliders w1, w2, θ; a truth table;
a figure below), presses arrow keys on the θ slider and checks that the table and the
figure on screen follow the maths: y = 1 exactly when w1·x1 + w2·x2 ≥ θ.
"""

from __future__ import annotations

import base64
import re

import pytest

pytestmark = pytest.mark.browser

NOTEBOOK = "02_threshold_neuron.ipynb"
#: Running the whole chapter (kernel start included) must finish within this time.
RUN_ALL_TIMEOUT_MS = 120_000

# The widget: a VBox whose first child holds the three sliders and which shows a table.
WIDGET = ".widget-vbox:has(.widget-hslider):has(.widget-html table)"

READ_TABLE = """(box) => {
    const table = box.querySelector('.widget-html table');
    const head = Array.from(table.querySelectorAll('thead th, tr:first-child th'),
                            th => th.textContent.trim());
    const rows = Array.from(table.querySelectorAll('tbody tr'))
        .map(tr => Array.from(tr.querySelectorAll('td, th'), td => td.textContent.trim()))
        .filter(cells => cells.length === head.length);
    return {head, rows};
}"""


def number(text: str) -> float:
    return float(text.replace("−", "-").replace("\u2212", "-"))


class ThresholdWidget:
    """What the reader sees of the widget: slider readouts, the table, the figure."""

    def __init__(self, page, cell):
        self.page = page
        self.cell = cell
        self.box = cell.locator(WIDGET).first
        self.sliders = self.box.locator(".widget-hslider")
        self.image = cell.locator(".jp-OutputArea-output img").last

    def values(self) -> dict[str, float]:
        readouts = self.sliders.locator(".widget-readout").all_text_contents()
        return dict(zip(("w1", "w2", "theta"), map(number, readouts), strict=True))

    def table(self) -> dict[str, list[float]]:
        data = self.box.evaluate(READ_TABLE)
        columns = {}
        for j, name in enumerate(data["head"]):
            key = ("z" if name.startswith("z") else "sum" if "w·x" in name
                   else name.replace("₁", "1").replace("₂", "2"))
            columns[key] = [number(row[j]) for row in data["rows"]]
        return columns

    def image_src(self) -> str:
        return self.image.get_attribute("src") or ""

    def press(self, slider: int, key: str) -> None:
        """Focus a slider's handle, as a reader would by clicking it, and press a key once."""
        handle = self.sliders.nth(slider).locator(".noUi-handle")
        handle.scroll_into_view_if_needed()
        handle.focus()
        handle.press(key)

    def step_theta(self, key: str) -> tuple[float, str]:
        """Press key once on the θ slider and wait until the θ readout, the table and the
        figure all show the new θ. Returns the new θ and the figure's image source.

        The kernel answers a slider move by sending the new table and then the new figure,
        so after one key press the figure changes exactly once.
        """
        old_theta, old_src = self.values()["theta"], self.image_src()
        self.press(2, key)
        self.page.wait_for_function(
            """([box, old]) => {
                const num = t => parseFloat(t.trim().replace('\u2212', '-'));
                const r = box.querySelectorAll('.widget-readout');
                if (r.length < 3) return false;
                const theta = num(r[2].textContent);
                if (Math.abs(theta - old) < 1e-9) return false;
                const rows = box.querySelectorAll('.widget-html table tbody tr');
                return rows.length === 4 && Array.from(rows).every(tr => {
                    const c = Array.from(tr.querySelectorAll('td'), td => num(td.textContent));
                    return Math.abs(c[3] - (c[2] - theta)) < 1e-9;
                });
            }""",
            arg=[self.box.element_handle(), old_theta],
        )
        # An update replaces the image element, so look it up again each time.
        self.page.wait_for_function(
            """([cell, src]) => {
                const imgs = cell.querySelectorAll('.jp-OutputArea-output img');
                const now = imgs.length ? imgs[imgs.length - 1].getAttribute('src') : null;
                return now && now !== src;
            }""",
            arg=[self.cell.element_handle(), old_src],
        )
        return self.values()["theta"], self.image_src()

    def check_table_matches_sliders(self) -> dict[str, list[float]]:
        """The table on screen is the threshold neuron's truth table for the sliders' values."""
        v = self.values()
        t = self.table()
        assert {"x1", "x2", "z", "y"} <= t.keys(), f"unexpected table columns {list(t)}"
        assert len(t["y"]) == 4, t
        for x1, x2, z, y in zip(t["x1"], t["x2"], t["z"], t["y"], strict=True):
            s = v["w1"] * x1 + v["w2"] * x2
            assert z == pytest.approx(s - v["theta"], abs=1e-6), (v, t)
            assert y == (1.0 if s >= v["theta"] else 0.0), (v, t)
        return t


@pytest.fixture
def lab_page(browser, jupyter_lab, screenshots):
    """A tab on the throw-away JupyterLab; its last state is saved as a screenshot."""
    base, token, _ = jupyter_lab
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(60_000)
    page = context.new_page()
    try:
        yield page, base, token
    finally:
        (screenshots / "widget").mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(screenshots / "widget" / "lab_last_state.png"))
        context.close()


def open_and_run_all(page, url: str):
    """Open a notebook in JupyterLab at ``url``, wait for its kernel, and choose Run →
    Run All Cells through the menu bar, as a reader would. Returns the status-bar item
    that shows the kernel idle (wait for it again to know every cell has run)."""
    page.goto(url)
    page.locator(".jp-NotebookPanel .jp-Cell").first.wait_for(state="visible")
    # Wait for the kernel itself (the status bar first says "No Kernel | Initializing").
    kernel_idle = page.locator(".jp-StatusBar-TextItem",
                               has_text=re.compile(r"^(?!No Kernel).+ \| Idle$"))
    kernel_idle.wait_for(state="visible", timeout=RUN_ALL_TIMEOUT_MS)
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()
    return kernel_idle


def test_threshold_widget_reacts_to_arrow_keys(lab_page, screenshots):
    page, base, token = lab_page
    out = screenshots / "widget"
    out.mkdir(parents=True, exist_ok=True)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(f"{e.name}: {e.message}"))

    kernel_idle = open_and_run_all(page, f"{base}lab/tree/{NOTEBOOK}?token={token}")

    # The widget renders while the cells run; then wait until every cell has run.
    cell = page.locator(".jp-CodeCell", has=page.locator(WIDGET)).first
    cell.wait_for(state="attached", timeout=RUN_ALL_TIMEOUT_MS)
    widget = ThresholdWidget(page, cell)
    widget.sliders.nth(2).wait_for(state="attached", timeout=RUN_ALL_TIMEOUT_MS)
    page.wait_for_function(
        """() => {
            const prompts = document.querySelectorAll('.jp-CodeCell .jp-InputPrompt');
            return prompts.length > 0
                && Array.from(prompts).every(p => /\\[\\d+\\]/.test(p.textContent));
        }""",
        timeout=RUN_ALL_TIMEOUT_MS,
    )
    kernel_idle.wait_for(state="visible", timeout=RUN_ALL_TIMEOUT_MS)
    widget.image.wait_for(state="attached")
    cell.scroll_into_view_if_needed()
    assert widget.sliders.count() == 3, "the threshold widget should have 3 sliders"

    # The book's example: w1 = 5, w2 = 3, θ = 4 fires for (1, 0) and (1, 1).
    start = widget.values()
    assert start == {"w1": 5.0, "w2": 3.0, "theta": 4.0}, start
    before = widget.check_table_matches_sliders()
    assert before["y"] == [0, 0, 1, 1], before
    src_before = widget.image_src()
    assert src_before.startswith(("data:image/png", "blob:", "data:image/svg")), src_before[:40]
    cell.screenshot(path=str(out / "threshold_before.png"))

    # Press → on θ until only (1, 1), whose weighted sum is 8, still reaches it (θ just
    # above 5): the neuron has become an AND gate. After every press the readout, the
    # table and the figure must follow.
    theta, src, presses = start["theta"], src_before, 0
    while theta <= 5.0:
        assert presses < 24, f"θ did not pass 5 after {presses} presses of →"
        new_theta, src = widget.step_theta("ArrowRight")
        assert new_theta > theta, f"→ moved θ from {theta} to {new_theta}"
        theta, presses = new_theta, presses + 1
        widget.check_table_matches_sliders()
    after = widget.check_table_matches_sliders()
    assert widget.values() == {"w1": 5.0, "w2": 3.0, "theta": theta}
    assert after["y"] == [0, 0, 0, 1], after
    assert after["z"] == pytest.approx([z - (theta - 4.0) for z in before["z"]])
    assert src != src_before
    cell.screenshot(path=str(out / "threshold_after_right.png"))

    # As many presses of ← bring θ back to 4: the table and the figure are the book's again.
    for _ in range(presses):
        new_theta, src = widget.step_theta("ArrowLeft")
        assert new_theta < theta, f"← moved θ from {theta} to {new_theta}"
        theta = new_theta
    assert theta == 4.0
    assert widget.check_table_matches_sliders() == before
    assert src == src_before, "the figure for θ = 4 differs from the first one drawn"
    cell.screenshot(path=str(out / "threshold_after_left.png"))

    assert not errors, "JavaScript errors in JupyterLab:\n" + "\n".join(errors)


MYST_REPORT = r"""() => {
    const cells = Array.from(document.querySelectorAll('.jp-MarkdownCell'));
    const rendered = cells.map(c => c.querySelector('.myst')).filter(Boolean);
    const raw = rendered.map(m => m.textContent)
        .filter(t => /\{(cite|numref|ref|eq|doc)(:[a-z]+)?\}|```|:::|\$\$/.test(t))
        .map(t => t.slice(0, 120));
    const text = el => el.textContent.replace(/\s+/g, ' ').trim();
    return {
        cells: cells.length,
        rendered: rendered.length,
        raw,
        goals: Array.from(document.querySelectorAll('.myst aside.myst-admonition'))
            .filter(a => text(a).startsWith('Learning goals')).length,
        numrefs: Array.from(document.querySelectorAll('.myst a'))
            .map(text).filter(t => /^(Fig(ure|\.)?|Eq\.?|Equation|Table)\s*\d|^\(\d+\)$/.test(t)),
        cites: Array.from(document.querySelectorAll('.myst cite, .myst [class*=cite]'))
            .map(text).filter(Boolean),
        exercises: document.querySelectorAll('.myst .myst-exercise:not(details)').length,
        solutions: Array.from(document.querySelectorAll('.myst details.myst-exercise'))
            .map(d => d.open),
    };
}"""


def test_jupyterlab_renders_the_books_myst(lab_page, screenshots):
    """With jupyterlab-myst, JupyterLab shows chapter 2 as the book does: no raw
    {cite:p}, {numref}, ```{admonition} or $$ in any rendered cell; the learning goals in
    a box; figure and equation references as links; citations; exercises as exercises and
    every solution folded."""
    page, base, token = lab_page
    page.goto(f"{base}lab/tree/{NOTEBOOK}?reset&token={token}")
    page.wait_for_selector(".jp-Notebook .jp-MarkdownCell .myst", timeout=120_000)
    page.wait_for_function(
        """() => { const c = document.querySelectorAll('.jp-MarkdownCell');
                   return c.length > 20
                          && Array.from(c).every(x => x.querySelector('.myst')); }""",
        timeout=120_000)
    report = page.evaluate(MYST_REPORT)
    page.keyboard.press("Escape")
    (screenshots / "widget").mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(screenshots / "widget" / "lab_myst_top.png"))
    assert report["rendered"] == report["cells"], report
    assert not report["raw"], f"raw MyST in rendered cells: {report['raw']}"
    assert report["goals"] == 1, report
    assert report["numrefs"], "no figure or equation reference rendered as a link"
    assert report["cites"], "no citation rendered"
    assert report["exercises"] >= 4, report
    assert report["solutions"] and not any(report["solutions"]), report["solutions"]
    page.locator(".myst details.myst-exercise").first.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / "widget" / "lab_myst_exercises.png"))


# --- chapter 8's playground ----------------------------------------------------------------

PLAYGROUND_NOTEBOOK = "playground_browser_test.ipynb"
PLAYGROUND_CODE = "from nnlib import widgets\n\nwidgets.playground()"
#: The playground: a VBox holding a Play widget.
PLAYGROUND = ".widget-vbox:has(.widget-play)"

READ_PLAYGROUND = """(cell) => {
    const html = Array.from(cell.querySelectorAll('.widget-html-content'))
        .map(h => h.textContent.trim()).find(t => t.startsWith('epoch ')) || '';
    const m = /^epoch ([\\d,]+)/.exec(html);
    const imgs = cell.querySelectorAll('.jp-OutputArea-output img');
    return {
        epoch: m ? parseInt(m[1].replace(/,/g, ''), 10) : null,
        readout: html,
        src: imgs.length ? imgs[imgs.length - 1].getAttribute('src') : null,
    };
}"""

#: True once neither the readout nor the picture has changed for `quiet` ms (ticks still
#: queued in the kernel when pause is pressed are answered first, more of them on a busy
#: machine; each answer sends the readout first and the picture after it).
EPOCH_SETTLED = """([cell, quiet]) => {
    const imgs = cell.querySelectorAll('.jp-OutputArea-output img');
    const html = (Array.from(cell.querySelectorAll('.widget-html-content'))
        .map(h => h.textContent.trim()).find(t => t.startsWith('epoch ')) || '')
        + (imgs.length ? imgs[imgs.length - 1].getAttribute('src') : '');
    const now = performance.now();
    const w = window.__playgroundSettle || (window.__playgroundSettle = {});
    if (w.text !== html) { w.text = html; w.since = now; return false; }
    return now - w.since >= quiet;
}"""


class PlaygroundWidget:
    """What the reader sees of the playground: the Play button, step and reset, the
    controls, the one-line readout (epoch, losses, accuracies) and the figure."""

    def __init__(self, page, cell):
        self.page = page
        self.cell = cell
        self.box = cell.locator(PLAYGROUND).first
        self.play_pause = self.box.locator(".widget-play button").first

    def state(self) -> dict:
        return self.cell.evaluate(READ_PLAYGROUND)

    def button(self, name: str):
        return self.box.locator("button.widget-button", has_text=re.compile(f"^{name}$"))

    def wait_until(self, condition: str, arg=None, timeout: float = RUN_ALL_TIMEOUT_MS):
        """Wait until ``condition(state, arg)`` (JavaScript) holds for the widget's state."""
        self.page.wait_for_function(
            f"""([cell, arg]) => {{
                const state = ({READ_PLAYGROUND})(cell);
                return ({condition})(state, arg);
            }}""",
            arg=[self.cell.element_handle(), arg], timeout=timeout)
        return self.state()

    def settle(self, quiet_ms: int = 3_000) -> dict:
        """Wait until the readout has stood still for ``quiet_ms``; return the state."""
        self.page.evaluate("() => { window.__playgroundSettle = {}; }")
        self.page.wait_for_function(EPOCH_SETTLED, arg=[self.cell.element_handle(), quiet_ms],
                                    timeout=RUN_ALL_TIMEOUT_MS, polling=100)
        return self.state()


def test_playground_play_pause_control_reset(lab_page, jupyter_lab, screenshots):
    """Chapter 8's playground in JupyterLab: play trains (the epoch grows, the picture
    changes), pause stops it, a control is applied (the learning rate to the running
    network; a new data set restarts at epoch 0 with a new picture), reset returns to
    epoch 0."""
    import nbformat

    page, base, token = lab_page
    notebook_dir = jupyter_lab[2]
    out = screenshots / "widget"
    out.mkdir(parents=True, exist_ok=True)
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(PLAYGROUND_CODE)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nbformat.write(nb, notebook_dir / PLAYGROUND_NOTEBOOK)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(f"{e.name}: {e.message}"))

    kernel_idle = open_and_run_all(
        page, f"{base}lab/tree/{PLAYGROUND_NOTEBOOK}?reset&token={token}")

    cell = page.locator(".jp-CodeCell", has=page.locator(PLAYGROUND)).first
    cell.wait_for(state="attached", timeout=RUN_ALL_TIMEOUT_MS)
    pg = PlaygroundWidget(page, cell)
    start = pg.wait_until("(s) => s.epoch === 0 && !!s.src")
    kernel_idle.wait_for(state="visible", timeout=RUN_ALL_TIMEOUT_MS)
    cell.scroll_into_view_if_needed()
    assert start["src"].startswith(("data:image/png", "blob:")), start["src"][:40]
    assert "test accuracy" in start["readout"], start["readout"]
    cell.screenshot(path=str(out / "playground_epoch0.png"))

    # Play: the epoch readout grows and the picture changes.
    pg.play_pause.click()
    playing = pg.wait_until("(s, old) => s.epoch >= 10 && s.src && s.src !== old",
                            start["src"])
    assert playing["epoch"] % 2 == 0, playing  # two epochs per tick

    # Pause: once the ticks already sent are answered, the epoch stops growing.
    pg.play_pause.click()
    paused = pg.settle()
    page.wait_for_timeout(2_000)  # a further 2 s (~16 ticks of play) with nothing new
    assert pg.state() == paused, "the epoch still grows after pause"
    assert paused["epoch"] >= playing["epoch"]
    cell.screenshot(path=str(out / "playground_paused.png"))

    # A control of the training (learning rate) acts on the running network: the epoch
    # is kept and one step trains on from it.
    lr = pg.box.locator(".widget-hslider", has_text="learning rate").first
    lr_readout = lr.locator(".widget-readout")
    before_lr = lr_readout.text_content().strip()
    handle = lr.locator(".noUi-handle")
    handle.scroll_into_view_if_needed()
    handle.focus()
    handle.press("ArrowRight")
    page.wait_for_function("([el, old]) => el.textContent.trim() !== old",
                           arg=[lr_readout.element_handle(), before_lr])
    assert float(lr_readout.text_content().strip()) > float(before_lr)
    assert pg.settle(1_000)["epoch"] == paused["epoch"], "a learning-rate change restarted"
    pg.button("step").click()
    stepped = pg.wait_until("(s, old) => s.epoch === old.epoch + 2 && s.src !== old.src",
                            paused)
    assert pg.settle(1_000)["epoch"] == paused["epoch"] + 2

    # A control of the problem (the data set) starts a new run at epoch 0 on new points.
    pg.box.locator(".widget-dropdown", has_text="data").locator("select").select_option(
        "circles")
    circles = pg.wait_until("(s, old) => s.epoch === 0 && s.src && s.src !== old",
                            stepped["src"])
    assert circles["src"] != start["src"], "the circles look like the moons"
    cell.screenshot(path=str(out / "playground_circles.png"))

    # Train the circles a little, then reset: epoch 0 again, and play has stopped.
    pg.play_pause.click()
    pg.wait_until("(s) => s.epoch >= 6")
    pg.button("reset").click()
    pg.wait_until("(s) => s.epoch === 0")
    reset = pg.settle()
    assert reset["epoch"] == 0, reset
    if reset["src"] != circles["src"]:  # keep both pictures for whoever reads the failure
        for name, state in (("circles_first", circles), ("circles_reset", reset)):
            if state["src"].startswith("data:image/png;base64,"):
                (out / f"playground_{name}.png").write_bytes(
                    base64.b64decode(state["src"].split(",", 1)[1]))
    assert reset["src"] == circles["src"], (
        f"reset does not redraw the run's first picture (both kept in {out})")
    assert "fa-play" in (pg.play_pause.locator("i").get_attribute("class") or "")
    cell.screenshot(path=str(out / "playground_reset.png"))

    assert not errors, "JavaScript errors in JupyterLab:\n" + "\n".join(errors)
