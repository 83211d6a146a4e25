"""``jupyter-book``, as the build runs it: without the grammars that only slow it down (see ``caucasus_atlas.book``)."""

import sys

from jupyter_book.cli.main import main

if __name__ == "__main__":
    sys.exit(main(prog_name="jupyter-book"))
