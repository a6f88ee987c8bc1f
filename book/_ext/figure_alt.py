"""Give every captioned figure alt text from its caption.

myst-nb writes a notebook's figure output as ``<img alt="../_images/<hash>.png">``: a
screen reader reads out a file name. This extension sets each figure's image ``alt`` to
the plain text of the figure's caption (maths as its TeX source, which screen readers
and MathJax's assistive tools both handle), unless the author already gave one.
"""

from __future__ import annotations

from docutils import nodes


def _needs_alt(image: nodes.image) -> bool:
    alt = image.get("alt", "")
    return not alt or alt == image.get("uri") or alt.endswith((".png", ".svg", ".jpg"))


def set_alt_from_caption(app, doctree, docname) -> None:
    for figure in doctree.findall(nodes.figure):
        captions = [c for c in figure.children if isinstance(c, nodes.caption)]
        if not captions:
            continue
        text = " ".join(captions[0].astext().split())
        for image in figure.findall(nodes.image):
            if _needs_alt(image):
                image["alt"] = text


def setup(app):
    app.connect("doctree-resolved", set_alt_from_caption)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
