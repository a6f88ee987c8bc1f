"""The reader's experience, round two: what a reader clicks, on a desktop and on a phone.

Each test opens the built book offline in headless Chromium (see conftest.py) and does
what a reader does: opens the navigation drawer, drags a slider of a saved widget,
clicks a solution's title, reads an equation or a table on a 390 px phone, switches to
dark mode. Screenshots go to ``_build/screenshots/{book,phone,dark}/``.
"""

from __future__ import annotations

import pytest
from browser_support import toc_pages
from test_browser_book import PageWatch, html_name, shot_name

pytestmark = pytest.mark.browser

PAGES = toc_pages()
CHAPTERS = [p for p in PAGES if p.startswith("notebooks/")]
#: Chapters whose notebook saves a widget (every chapter has one).
WIDGET_CHAPTERS = CHAPTERS
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def _open(browser, book_url, name, viewport, color_scheme="light", mobile=False):
    context = browser.new_context(viewport=viewport, color_scheme=color_scheme,
                                  is_mobile=mobile, has_touch=mobile)
    context.set_default_timeout(30_000)
    context.route("**/*", lambda route: route.continue_()
                  if route.request.url.startswith(book_url) else route.abort())
    page = context.new_page()
    watch = PageWatch(page, book_url)
    page.goto(book_url + html_name(name), wait_until="load")
    page.locator("article.bd-article h1").first.wait_for(state="visible")
    return context, page, watch


def _x(locator) -> float:
    box = locator.bounding_box()
    return box["x"] if box else float("nan")


# --- 1. the sidebar buttons ---------------------------------------------------------------

@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280px", "390px"])
def test_menu_button_opens_and_closes_the_navigation(browser, book_url, screenshots,
                                                     viewport):
    """☰ toggles the table of contents: on a desktop it collapses and restores the left
    sidebar, on a phone it opens the drawer and a second click (or Escape) closes it."""
    name = "notebooks/02_threshold_neuron"
    context, page, watch = _open(browser, book_url, name, viewport,
                                 mobile=viewport is PHONE)
    try:
        sidebar = page.locator(".bd-sidebar-primary")
        button = page.locator("button.primary-toggle:visible")
        assert button.count() == 1, "expected exactly one visible ☰ button"
        shown_at_start = viewport is DESKTOP
        assert sidebar.is_visible() == shown_at_start
        button.click()
        page.wait_for_timeout(500)  # the drawer slides
        assert sidebar.is_visible() != shown_at_start, "☰ did not toggle the sidebar"
        if viewport is PHONE:
            assert _x(sidebar) >= -1, "the drawer did not slide in"
            assert sidebar.get_by_role("link", name="3. Activation functions and bias") \
                .is_visible()
            out = screenshots / "phone" / "menu-open.png"
            out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(out))
            page.keyboard.press("Escape")
        else:
            button.click()
        page.wait_for_timeout(500)
        assert sidebar.is_visible() == shown_at_start, "the sidebar did not go back"
        assert not watch.errors, "\n".join(watch.errors)
    finally:
        context.close()


def test_contents_button_opens_the_page_contents_on_a_phone(browser, book_url, screenshots):
    """The 'contents' button (the page's own sections) opens its drawer at 390 px."""
    context, page, watch = _open(browser, book_url, "notebooks/02_threshold_neuron", PHONE,
                                 mobile=True)
    try:
        drawer = page.locator(".bd-sidebar-secondary")
        assert not drawer.is_visible()
        page.locator("button.secondary-toggle:visible").click()
        page.wait_for_timeout(500)
        assert drawer.is_visible()
        assert drawer.get_by_role("link", name="2.5. The decision line").is_visible()
        out = screenshots / "phone" / "contents-open.png"
        out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out))
        page.keyboard.press("Escape")
        page.wait_for_timeout(500)
        assert not drawer.is_visible()
        assert not watch.errors, "\n".join(watch.errors)
    finally:
        context.close()


def test_desktop_has_one_search_button_and_no_empty_header_band(book_page, book_url):
    page = book_page
    page.goto(book_url + "notebooks/02_threshold_neuron.html", wait_until="load")
    searches = page.locator(".search-button-field:visible, .search-button:visible")
    assert searches.count() == 1, f"{searches.count()} visible search buttons"
    header = page.locator("header.bd-header")
    assert header.count() == 0 or not header.first.is_visible() \
        or header.first.bounding_box()["height"] < 10


# --- 2. saved widgets in the static book do not pretend ------------------------------------

@pytest.mark.parametrize("name", WIDGET_CHAPTERS)
def test_static_widget_controls_are_inert_and_say_so(book_page, book_url, screenshots, name):
    """Dragging a saved widget's slider in the web book changes nothing: the controls are
    inert (greyed, no focus, no drag), the readout keeps its saved value, the picture stays,
    and a note on the widget says where it works."""
    page = book_page
    watch = PageWatch(page, book_url)
    page.goto(book_url + html_name(name), wait_until="load")
    slider = page.locator(".widget-hslider").first
    slider.wait_for(state="visible")
    root = page.locator(".nnlib-static-widget").first
    root.wait_for(state="attached")
    note = page.locator(".nnlib-static-note").first
    assert "JupyterLab" in note.inner_text()
    assert root.evaluate("e => e.inert"), "the saved widget is not inert"
    readouts = page.locator(".nnlib-static-widget .widget-readout")
    before = readouts.all_text_contents()
    images = page.locator("img").evaluate_all("imgs => imgs.map(i => i.src)")
    handle = slider.locator(".noUi-handle").first
    handle.scroll_into_view_if_needed()
    box = handle.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + 200, box["y"] + box["height"] / 2, steps=8)
    page.mouse.up()
    track = slider.locator(".noUi-target, .slider").first
    tbox = track.bounding_box()
    page.mouse.click(tbox["x"] + tbox["width"] * 0.05, tbox["y"] + tbox["height"] / 2)
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(300)
    assert readouts.all_text_contents() == before, "a static slider moved"
    assert page.locator("img").evaluate_all("imgs => imgs.map(i => i.src)") == images
    focused_inside = page.evaluate(
        "() => !!document.activeElement.closest('.nnlib-static-widget')")
    assert not focused_inside, "a static control took the keyboard focus"
    out = screenshots / "book" / f"static-widget-{shot_name(name)}"
    out.parent.mkdir(parents=True, exist_ok=True)
    note.scroll_into_view_if_needed()
    page.screenshot(path=str(out))
    assert not watch.errors, "\n".join(watch.errors)


# --- 4, 6, 7. phones: widgets, equations, tables -------------------------------------------

@pytest.mark.parametrize("name", WIDGET_CHAPTERS)
def test_widgets_fit_a_phone(browser, book_url, screenshots, name):
    """At 390 px every slider keeps a usable track (>= 100 px) and shows its whole value."""
    context, page, watch = _open(browser, book_url, name, PHONE, mobile=True)
    try:
        page.locator(".widget-hslider").first.wait_for(state="visible")
        sliders = page.evaluate("""() => Array.from(document.querySelectorAll('.widget-hslider'))
            .map(s => {
                const track = s.querySelector('.slider-container, .noUi-target');
                const r = s.querySelector('.widget-readout');
                return {track: track ? track.getBoundingClientRect().width : 0,
                        text: r ? r.textContent.trim() : '',
                        clipped: r ? r.scrollWidth > r.clientWidth + 1 : true};
            })""")
        assert sliders, f"{name}: no sliders"
        for s in sliders:
            assert s["track"] >= 100, f"{name}: a slider track is {s['track']:.0f} px wide"
            assert s["text"] and not s["clipped"], f"{name}: readout {s} is cut off"
        page.locator(".nnlib-static-note").first.scroll_into_view_if_needed()
        out = screenshots / "phone" / f"widget-{shot_name(name)}"
        out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out))
        assert not watch.errors, "\n".join(watch.errors)
    finally:
        context.close()


MATH_HEAVY = [p for p in PAGES if p.startswith("notebooks/") or p == "book/notation"]


@pytest.mark.parametrize("name", MATH_HEAVY)
def test_equations_and_tables_fit_a_phone(browser, book_url, name):
    """At 390 px no display equation is wider than its box or hidden behind its number, and
    no table pushes a column out of sight."""
    context, page, watch = _open(browser, book_url, name, PHONE, mobile=True)
    try:
        page.wait_for_function("() => window.MathJax && MathJax.startup && "
                               "MathJax.startup.promise")
        page.evaluate("() => MathJax.startup.promise")
        page.wait_for_timeout(400)  # fit-equations.js runs after typesetting
        wide = page.evaluate("""() => Array.from(
                document.querySelectorAll("mjx-container[display='true']"))
            .filter(eq => eq.getBoundingClientRect().width > 0)
            .filter(eq => eq.scrollWidth > eq.parentElement.clientWidth + 1)
            .map(eq => eq.getAttribute('aria-label') || eq.textContent.slice(0, 60))""")
        assert not wide, f"{name}: equations wider than the column: {wide}"
        overlaps = page.evaluate("""() => Array.from(document.querySelectorAll('.eqno'))
            .filter(n => {
                const eq = n.parentElement.querySelector("mjx-container");
                if (!eq) return false;
                const a = n.getBoundingClientRect(), b = eq.getBoundingClientRect();
                return a.width > 0 && a.left < b.right - 1 && a.right > b.left + 1
                       && a.top < b.bottom - 1 && a.bottom > b.top + 1;
            }).map(n => n.textContent.trim())""")
        assert not overlaps, f"{name}: equation numbers over their equation: {overlaps}"
        tables = page.evaluate("""() => Array.from(document.querySelectorAll('article table'))
            .filter(t => !t.closest('.jupyter-widgets') && !t.closest('.output'))
            .map(t => [t.getBoundingClientRect().right,
                       document.querySelector('article').getBoundingClientRect().right])""")
        for right, article_right in tables:
            off = right - article_right
            assert off <= 1, f"{name}: a table runs {off:.0f} px off the page"
        assert not watch.errors, "\n".join(watch.errors)
    finally:
        context.close()


# --- 8. a solution's title link ------------------------------------------------------------

def test_clicking_the_exercise_link_in_a_solution_title_opens_it(book_page, book_url):
    page = book_page
    watch = PageWatch(page, book_url)
    page.goto(book_url + "notebooks/02_threshold_neuron.html", wait_until="load")
    solution = page.locator(".solution.toggle").first
    solution.wait_for(state="attached")
    assert "toggle-hidden" in solution.get_attribute("class")
    solution.locator(".admonition-title a").first.click()
    page.wait_for_timeout(400)
    assert "toggle-hidden" not in solution.get_attribute("class"), "the solution stayed shut"
    assert not watch.errors, "\n".join(watch.errors)


# --- 11. dark mode --------------------------------------------------------------------------

def _luminance(rgb: str) -> float:
    parts = [float(v) for v in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3]]

    def channel(c):
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in parts)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


@pytest.mark.parametrize("name", WIDGET_CHAPTERS)
def test_widget_text_is_readable_in_dark_mode(browser, book_url, screenshots, name):
    """In dark mode every text of a saved widget (labels, readouts, table, caption) has a
    contrast of at least 4.5 : 1 with the page (WCAG AA)."""
    context, page, watch = _open(browser, book_url, name, DESKTOP, color_scheme="dark")
    try:
        assert page.evaluate("() => document.documentElement.dataset.theme") == "dark"
        page.locator(".widget-hslider").first.wait_for(state="visible")
        background = page.evaluate(
            "() => getComputedStyle(document.querySelector('.bd-main')).backgroundColor")
        colours = page.evaluate("""() => Array.from(document.querySelectorAll(
                '.jupyter-widgets .widget-label, .jupyter-widgets .widget-readout, '
                + '.jupyter-widgets caption, .jupyter-widgets td, .jupyter-widgets th, '
                + '.jupyter-widgets .widget-html-content b'))
            .filter(e => e.textContent.trim())
            .map(e => [e.textContent.trim().slice(0, 30), getComputedStyle(e).color])""")
        assert colours, f"{name}: no widget text found"
        bg = _luminance(background)
        for text, colour in colours:
            fg = _luminance(colour)
            ratio = (max(fg, bg) + 0.05) / (min(fg, bg) + 0.05)
            assert ratio >= 4.5, f"{name}: '{text}' in {colour} on {background}: {ratio:.1f}:1"
        out = screenshots / "dark" / shot_name(name)
        out.parent.mkdir(parents=True, exist_ok=True)
        page.locator(".widget-hslider").first.scroll_into_view_if_needed()
        page.screenshot(path=str(out))
        assert not watch.errors, "\n".join(watch.errors)
    finally:
        context.close()


# --- 12. alt text ---------------------------------------------------------------------------

@pytest.mark.parametrize("name", CHAPTERS)
def test_every_figure_has_alt_text_from_its_caption(book_page, book_url, name):
    page = book_page
    page.goto(book_url + html_name(name), wait_until="load")
    figures = page.evaluate("""() => Array.from(document.querySelectorAll('article figure'))
        .map(f => [f.querySelector('img') ? f.querySelector('img').alt : null,
                   (f.querySelector('figcaption') || {}).textContent || ''])
        .filter(([alt]) => alt !== null)""")
    assert figures, f"{name}: no figures"
    for alt, caption in figures:
        assert alt and not alt.endswith(".png"), f"{name}: alt text {alt!r}"
        words = [w for w in alt.split() if w.isalpha() and len(w) > 4][:3]
        assert all(w in caption for w in words), f"{name}: alt {alt!r} vs caption {caption!r}"


# --- 5, 10. the how-to page and the chapter 2 widget at desktop width -----------------------

def test_how_to_page_says_what_a_widget_before_run_all_means(book_page, book_url):
    page = book_page
    page.goto(book_url + "book/how_to_use.html", wait_until="load")
    text = page.locator("article.bd-article").inner_text()
    assert "VBox(children=" in text and "Run the cell" in text
    assert "without widget support" not in text


def test_threshold_widget_sliders_are_long_enough_at_desktop_width(book_page, book_url):
    """Chapter 2's sliders run over 24 steps: each track is at least 240 px (10 px a step)."""
    page = book_page
    page.goto(book_url + "notebooks/02_threshold_neuron.html", wait_until="load")
    page.locator(".widget-hslider").first.wait_for(state="visible")
    widths = page.evaluate("""() => Array.from(document.querySelectorAll('.widget-hslider'))
        .map(s => s.querySelector('.slider-container, .noUi-target')
                   .getBoundingClientRect().width)""")
    assert len(widths) == 3 and min(widths) >= 240, widths
