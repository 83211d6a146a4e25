"""The book's own scripts and stylesheets as a reader's browser gets them: without their comments and spacing.

The sources (``_static/atlas*``, ``caucasus_atlas/static/``) are written for contributors, and about a third of
their bytes, gzip, are comments that explain them. The built book ships them minified, by rJSmin and rCSSmin
(https://github.com/ndparker/rjsmin: Crockford's jsmin, with unnested template literals), which only drop
comments and spacing; minifying a minified file changes nothing, so a rebuild can minify again.
"""

from pathlib import Path

import rcssmin
import rjsmin

OWN_FILES = "atlas*"  # the book's own scripts and stylesheets in the built ``_static``: its own and the maps'


def minified(text: str, suffix: str) -> str:
    """``text``, a script (``suffix`` ``.js``) or a stylesheet (``.css``), without its comments and spacing."""
    return {".js": rjsmin.jsmin, ".css": rcssmin.cssmin}[suffix](text)


def minify_own_files(static_dir: Path) -> None:
    """Minify, in place, the book's own scripts and stylesheets in the built book's ``static_dir``."""
    for path in sorted(static_dir.glob(OWN_FILES)):
        if path.suffix in {".js", ".css"}:
            text = path.read_text(encoding="utf-8")
            shipped = minified(text, path.suffix)
            if shipped != text:
                path.write_text(shipped, encoding="utf-8")
