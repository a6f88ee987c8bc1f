"""The built HTML book, opened in a real browser as a reader with no internet would.

Each test loads pages from a local http server (see conftest.py) in headless Chromium.
Requests to anywhere else (CDNs for MathJax, require.js, widget managers) are aborted,
so what passes here works offline.
"""

from __future__ import annotations

import json
import re
import urllib.parse

import pytest
from browser_support import ROOT, toc_pages

pytestmark = pytest.mark.browser

PAGES = toc_pages()
CHAPTERS = [p for p in PAGES if p.startswith("notebooks/")]


#: console messages that are not failures. None today: "Got invalid theme mode" (a first
#: visit) is gone since html_context sets default_mode, and the widgets manager's
#: "allowUnionTypes" warning since its vendored copy is patched (see its README).
BENIGN_CONSOLE_ERRORS: tuple[str, ...] = ()


#: HTTP status of every local URL checked so far in this session, by URL.
_CHECKED_LINKS: dict[str, int] = {}


class PageWatch:
    """Collects what went wrong while a page loaded: missing local files, JS errors."""

    def __init__(self, page, base_url: str):
        self.base = base_url
        self.missing: list[str] = []
        self.errors: list[str] = []
        page.on("response", self._on_response)
        page.on("requestfailed", self._on_failed)
        page.on("pageerror", self._on_pageerror)
        page.on("console", self._on_console)

    def _local(self, url: str) -> bool:
        return url.startswith(self.base)

    def _on_response(self, response):
        if self._local(response.url) and response.status >= 400:
            self.missing.append(f"{response.status} {response.url}")

    def _on_failed(self, request):
        if self._local(request.url):
            self.missing.append(f"failed ({request.failure}) {request.url}")

    def _on_pageerror(self, error):
        # An uncaught exception. Its stack names the script it came from; errors raised
        # inside scripts that could not be fetched from a CDN cannot happen (they never
        # load), so every uncaught error here comes from the book's own files.
        self.errors.append(f"{error.name}: {error.message}\n{error.stack}")

    def _on_console(self, message):
        # Warnings count as much as errors: a reader's console should be clean.
        if message.type not in ("error", "warning"):
            return
        source = (message.location or {}).get("url", "")
        text = message.text
        # "Failed to load resource" for a CDN the offline browser may not reach is not an
        # error in the book's files; for a local URL it is (and is also caught above).
        if "net::ERR_INTERNET_DISCONNECTED" in text or "net::ERR_FAILED" in text:
            return
        if source and not self._local(source):
            return
        if any(benign in text for benign in BENIGN_CONSOLE_ERRORS):
            return
        self.errors.append(f"console.{message.type} at {source or '?'}: {text}")


def html_name(page: str) -> str:
    return f"{page}.html"


def shot_name(page: str) -> str:
    return page.replace("/", "__") + ".png"


def local_assets(page) -> list[str]:
    """URLs of every image, script and stylesheet the page refers to."""
    return page.evaluate(
        """() => [
            ...Array.from(document.images, i => i.currentSrc || i.src),
            ...Array.from(document.scripts, s => s.src).filter(Boolean),
            ...Array.from(document.querySelectorAll('link[rel=stylesheet]'), l => l.href),
        ]"""
    )


@pytest.mark.parametrize("name", PAGES)
def test_page_loads_with_all_its_local_files(book_page, book_url, screenshots, name):
    """Every page of _toc.yml loads (200), with every local image, script and stylesheet,
    without JavaScript errors from the book's own files; a full-page screenshot is saved."""
    page = book_page
    watch = PageWatch(page, book_url)
    response = page.goto(book_url + html_name(name), wait_until="load")
    assert response is not None, name
    assert response.status == 200, f"{name}: HTTP {response.status}"
    page.wait_for_load_state("networkidle")
    heading = page.locator("article.bd-article h1").first
    heading.wait_for(state="visible")
    assert heading.inner_text().strip(), f"{name} has an empty title"
    # Saved before the checks below, so a person can look at a failing page too.
    out = screenshots / "book" / shot_name(name)
    out.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(out), full_page=True)

    assets = [u for u in local_assets(page) if u.startswith(book_url)]
    assert assets, f"{name}: no local scripts or stylesheets found: is this the book?"
    for url in sorted(set(assets)):
        if url not in _CHECKED_LINKS:  # most assets are shared by every page
            _CHECKED_LINKS[url] = page.request.get(url).status
        status = _CHECKED_LINKS[url]
        assert status == 200, f"{name} refers to {url}, which gives HTTP {status}"
    broken = page.evaluate(
        """(base) => Array.from(document.images)
               .filter(i => (i.currentSrc || i.src).startsWith(base))
               .filter(i => i.complete && i.naturalWidth === 0)
               .map(i => i.currentSrc || i.src)""",
        book_url,
    )
    assert not broken, f"{name}: images that did not decode: {broken}"
    assert not watch.missing, f"{name}: local files missing:\n" + "\n".join(watch.missing)
    assert not watch.errors, f"{name}: JavaScript errors:\n" + "\n\n".join(watch.errors)


@pytest.mark.parametrize("name", PAGES)
def test_every_local_link_resolves(book_page, book_url, name):
    """Every link from a page to another file of the book (pages, the notebook download,
    the sources) answers 200; fragments (#...) name an element that exists."""
    page = book_page
    page.goto(book_url + html_name(name))
    hrefs = page.evaluate(
        """(base) => Array.from(document.querySelectorAll('a[href]'), a => a.href)
                .filter(h => h.startsWith(base))""",
        book_url,
    )
    assert hrefs, f"{name}: no links at all"
    bad = []
    for href in sorted(set(hrefs)):
        url, _, fragment = href.partition("#")
        if url not in _CHECKED_LINKS:
            _CHECKED_LINKS[url] = page.request.get(url).status
        if _CHECKED_LINKS[url] != 200:
            bad.append(f"{_CHECKED_LINKS[url]} {href}")
        elif fragment and url == page.url.partition("#")[0]:
            if not page.evaluate("(id) => !!document.getElementById(id)",
                                 urllib.parse.unquote(fragment)):
                bad.append(f"no element #{fragment} on {name}")
    assert not bad, f"{name}: broken links:\n" + "\n".join(bad)
    if name in CHAPTERS:
        assert any(h.endswith(f"{name}.ipynb") for h in hrefs), (
            f"{name}: no download link for the notebook")


def test_next_and_previous_walk_the_book_in_toc_order(book_page, book_url):
    """From the first page, 'next' visits every page in _toc.yml order; 'previous' goes back."""
    page = book_page
    page.goto(book_url + "index.html")  # redirects to the root page
    page.wait_for_url(re.compile(re.escape(html_name(PAGES[0])) + r"$"))
    visited = [PAGES[0]]
    for expected in PAGES[1:]:
        link = page.locator("a.right-next")
        assert link.count() == 1, f"no 'next' link on {visited[-1]}"
        title = page.locator("a.right-next .prev-next-title").inner_text().strip()
        link.click()
        page.wait_for_url(re.compile(re.escape(html_name(expected)) + r"$"))
        heading = page.locator("article.bd-article h1").first.inner_text()
        assert title and title in heading.replace("\n", " ") or heading.startswith(title[:20]), (
            f"'next' promised {title!r}, page {expected} is titled {heading!r}")
        visited.append(expected)
    assert visited == PAGES
    assert page.locator("a.right-next").count() == 0, "the last page still has a 'next' link"

    page.locator("a.left-prev").click()
    page.wait_for_url(re.compile(re.escape(html_name(PAGES[-2])) + r"$"))


def test_search_finds_threshold_offline(book_page, book_url, screenshots):
    """The book's own JavaScript search (no server, no internet) finds 'threshold'."""
    page = book_page
    watch = PageWatch(page, book_url)
    page.goto(book_url + "search.html?q=threshold")
    results = page.locator("#search-results ul.search li")
    results.first.wait_for(state="visible")
    # Searching finishes by writing a summary; wait for it so the list is complete.
    page.wait_for_function(
        "() => /found \\d+ page/i.test(document.querySelector('#search-results')?.innerText ?? '')"
    )
    hits = results.all_inner_texts()
    assert hits, "search for 'threshold' found nothing"
    links = results.locator("a").evaluate_all("as => as.map(a => a.href)")
    assert any("notation" in u or "glossary" in u for u in links), links
    page.screenshot(path=str(screenshots / "book" / "search_threshold.png"), full_page=True)
    assert not watch.missing, "\n".join(watch.missing)
    assert not watch.errors, "\n\n".join(watch.errors)


@pytest.mark.parametrize("query", ["阈值", "神经元"])
def test_search_finds_glossary_terms_by_their_chinese_name(book_page, book_url, query):
    """A Chinese learner can type a term's Chinese name and land on the glossary."""
    page = book_page
    page.goto(f"{book_url}search.html?q={query}")
    page.wait_for_function(
        "() => /found \\d+ page/i.test(document.querySelector('#search-results')?.innerText ?? '')"
    )
    links = page.locator("#search-results ul.search li a").evaluate_all(
        "as => as.map(a => a.href)")
    assert any("book/glossary.html" in u for u in links), f"{query!r} found only {links}"


def _has_dollar_math(name: str) -> bool:
    """Whether the source page (markdown, or a notebook's markdown cells) has $…$ maths."""
    md = ROOT / f"{name}.md"
    if md.exists():
        text = md.read_text(encoding="utf-8")
    else:
        nb = json.loads((ROOT / f"{name}.ipynb").read_text(encoding="utf-8"))
        text = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    text = re.sub(r"```.*?```", "", text, flags=re.S)  # code blocks do not count
    return re.search(r"\$[^$\n]+\$", text) is not None


MATH_PAGES = [p for p in PAGES if _has_dollar_math(p)]


@pytest.mark.parametrize("name", MATH_PAGES)
def test_math_is_in_the_page_source_and_renders_offline(book_page, book_url, name):
    """Pages whose source has $…$ maths carry it as TeX in the HTML, load a MathJax that
    ships with the book, and MathJax typesets every formula without a TeX error."""
    page = book_page
    response = page.goto(book_url + html_name(name))
    assert response is not None and response.status == 200
    source = response.text()
    spans = re.findall(r'<(?:span|div) class="math[^"]*">(.*?)</(?:span|div)>', source, re.S)
    assert spans, f"{name}: no math elements in the HTML"
    assert any("\\" in s or "_" in s or "^" in s or "=" in s for s in spans), spans[:5]
    assert re.search(r"<script[^>]+mathjax", source, re.I), f"{name}: MathJax is not loaded"

    # Offline, MathJax must come from the book itself and turn every formula into markup.
    page.wait_for_function(
        """() => window.MathJax && MathJax.startup && MathJax.startup.promise
                 && document.querySelectorAll('mjx-container').length > 0"""
    )
    page.evaluate("() => MathJax.startup.promise")
    result = page.evaluate(
        """() => ({
            untypeset: Array.from(document.querySelectorAll('span.math, div.math'))
                .filter(m => !m.querySelector('mjx-container'))
                .map(m => m.textContent.slice(0, 80)),
            errors: Array.from(document.querySelectorAll('mjx-merror'),
                               e => e.getAttribute('data-mjx-error') || e.textContent),
        })"""
    )
    assert not result["errors"], f"{name}: TeX errors: {result['errors']}"
    assert not result["untypeset"], f"{name}: maths MathJax did not typeset: {result['untypeset']}"


def test_notation_page_has_theta_and_the_weighted_input(book_page, book_url):
    source = book_page.request.get(book_url + "book/notation.html").text()
    assert r"\theta" in source
    assert r"\mathbf{w}\cdot\mathbf{x}" in source


@pytest.mark.parametrize("name", CHAPTERS)
def test_exercises_are_numbered_and_solutions_start_collapsed(book_page, book_url, name):
    """Each chapter has at least three exercises, numbered per chapter (2.1, 2.2, … in
    chapter 2), and every solution is hidden until the reader clicks it."""
    page = book_page
    page.goto(book_url + html_name(name))
    exercises = page.locator("div.exercise")
    assert exercises.count() >= 3, f"{name}: {exercises.count()} exercises, expected ≥ 3"
    chapter = page.locator("article.bd-article h1 .section-number").first.inner_text()
    chapter = chapter.strip().rstrip(".")
    assert chapter.isdigit(), f"{name}: chapter title has no number ({chapter!r})"
    titles = exercises.locator(":scope > .admonition-title").all_inner_texts()
    numbers = [re.match(r"Exercise\s+([\d.]+)", t).group(1) if re.match(r"Exercise\s", t)
               else t for t in titles]
    expected = [f"{chapter}.{i}" for i in range(1, len(titles) + 1)]
    assert numbers == expected, f"{name}: exercises numbered {numbers}, expected {expected}"

    solutions = page.locator("div.solution")
    assert solutions.count() >= exercises.count(), f"{name}: fewer solutions than exercises"
    for i in range(solutions.count()):
        body = solutions.nth(i).locator(":scope > .admonition-title ~ *").first
        body.wait_for(state="hidden")  # togglebutton.js hides it once the page has loaded
        assert not body.is_visible(), f"{name}: solution {i + 1} is not collapsed"
    # The "Click to show" button opens the first solution.
    first = solutions.first
    first.locator("button.toggle-button").click()
    first.locator(":scope > .admonition-title ~ *").first.wait_for(state="visible")


@pytest.mark.parametrize("name", PAGES)
def test_pages_fit_a_phone_screen(browser, book_url, screenshots, name):
    """On a 390 px wide phone no page scrolls sideways (wide code and tables scroll inside
    their own boxes); the first screen is saved for a person to look at."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                  has_touch=True)
    context.set_default_timeout(30_000)
    context.route("**/*", lambda route: route.continue_()
                  if route.request.url.startswith(book_url) else route.abort())
    try:
        page = context.new_page()
        page.goto(book_url + html_name(name), wait_until="load")
        page.locator("article.bd-article h1").first.wait_for(state="visible")
        out = screenshots / "phone" / shot_name(name)
        out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out))
        widths = page.evaluate(
            "() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert widths[0] <= widths[1], f"{name} is {widths[0]} px wide on a {widths[1]} px phone"
    finally:
        context.close()


@pytest.mark.parametrize("name", CHAPTERS)
def test_saved_widgets_render_offline_without_errors(book_page, book_url, screenshots, name):
    """Each chapter's widget shows its saved state in the static book, offline: the Jupyter
    widgets manager ships with the book, draws the sliders with their saved values and
    labels, and throws no JavaScript error (its MathJax 2 call goes through the shim)."""
    page = book_page
    watch = PageWatch(page, book_url)
    response = page.goto(book_url + html_name(name), wait_until="load")
    assert response is not None and response.status == 200
    sliders = page.locator(".widget-hslider")
    sliders.first.wait_for(state="visible")
    readouts = sliders.locator(".widget-readout").all_text_contents()
    labels = [t.strip() for t in sliders.locator(".widget-label").all_text_contents()]
    assert len(readouts) >= 2, f"{name}: expected at least two sliders, found {readouts}"
    assert all(r.strip() for r in readouts), f"{name}: a slider has an empty readout"
    assert all(lab and "$" not in lab for lab in labels), f"{name}: slider labels {labels}"
    sliders.first.scroll_into_view_if_needed()
    out = screenshots / "book" / f"widget-{shot_name(name)}"
    out.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(out))
    assert not watch.missing, f"{name}: local files missing:\n" + "\n".join(watch.missing)
    assert not watch.errors, f"{name}: JavaScript errors:\n" + "\n\n".join(watch.errors)
