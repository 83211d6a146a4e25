"""Every chapter says, under its title, when its data was last checked against its sources (the package's asOf)."""

from docutils import nodes
from sphinx.application import Sphinx

from caucasus_atlas.descriptor import checked_line, load_as_of


def show_when_checked(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Put the checked line after the page's title, on every page but the introduction (which opens with it)."""
    if docname == app.config.root_doc:
        return
    title = next(iter(doctree.findall(nodes.title)), None)
    if title is None:
        return
    title.parent.insert(
        title.parent.index(title) + 1, nodes.paragraph("", checked_line(load_as_of()), classes=["atlas-checked"])
    )
