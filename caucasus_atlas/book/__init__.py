"""Build-time code, apart from the data and the drawing: the build command, re-running notebooks, and the Sphinx
extension with its hooks (checks, citation style, the assets each page ships, icons, the repository's links)."""

import sys

# jsonschema, which nbformat, jupyter-cache and Jupyter Book import, imports rfc3987-syntax when it is installed
# (jupyter-events' format-nongpl extra installs it), and that compiles 38 Earley grammars as it is imported: about
# 2 s in each process of the build. The grammars serve only jsonschema's "iri" formats, which are checked only
# with a FormatChecker, and nothing in the build passes one. So a process that imports this package, before it
# imports jsonschema, leaves them out (``jupyter_book_cli`` runs Jupyter Book so).
sys.modules.setdefault("rfc3987_syntax", None)
