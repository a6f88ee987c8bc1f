"""Drop repeated inline <script> tags from every page of the book.

With Sphinx 7.4, an inline script that an extension adds after the HTML builder has
started (sphinx-thebe's ``const THEBE_JS_URL = ...`` and sphinx-togglebutton's
``var togglebuttonSelector = ...``) is registered twice, once with the filename ``None``
and once with ``''``, so each page declared ``const THEBE_JS_URL`` twice and the browser
stopped that script with "SyntaxError: Identifier 'THEBE_JS_URL' has already been
declared". This extension keeps the first copy of each script and drops the rest.
"""

from __future__ import annotations


def _key(script) -> tuple:
    filename = getattr(script, "filename", script) or ""
    attributes = getattr(script, "attributes", {}) or {}
    return (str(filename), tuple(sorted((k, str(v)) for k, v in attributes.items())))


def dedupe_scripts(app, pagename, templatename, context, doctree) -> None:
    scripts = context.get("script_files")
    if not scripts:
        return
    seen = set()
    unique = []
    for script in scripts:
        key = _key(script)
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"] = unique


def setup(app):
    app.connect("html-page-context", dedupe_scripts, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
