"""The sources of the data, table by table.

``{data-sources} TABLE ...`` lists every source the named tables' rows cite, alphabetically by title, in the
bibliography's style; each entry ends with its key, as a table's ``sources`` column gives it, and is anchored by it
(``#source-KEY``). A page has one such list, made again whenever its tables, the schema or the bibliography change;
the build fails if a table that cites sources is on no list.
"""

import os
import re

from docutils import nodes
from pybtex.database import Entry
from pybtex.plugin import find_plugin
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from caucasus_atlas.cited_sources import citing_tables, keys_cited_by
from caucasus_atlas.paths import DATA_DIR

logger = logging.getLogger(__name__)


def by_title(entry: Entry) -> tuple[str, str]:
    """Sort key: the title as read, leading quotes and punctuation aside, then the key."""
    return re.sub(r"^\W+", "", entry.fields["title"]).casefold(), entry.key


class DataSources(SphinxDirective):
    required_arguments = 1
    final_argument_whitespace = True

    def run(self) -> list[nodes.Node]:
        tables = self.arguments[0].split()
        files = citing_tables()
        known = [files[name] for name in tables if name in files]
        for path in [DATA_DIR / "datapackage.json", DATA_DIR / "references.bib", *known]:  # read again if they change
            self.env.note_dependency(os.path.relpath(path, self.env.srcdir))
        if len(known) < len(tables):
            unknown = ", ".join(name for name in tables if name not in files)
            raise self.error(f"no table that cites sources is named {unknown}; those that do: {', '.join(files)}")
        listed = listed_tables(self.env)
        if self.env.docname in listed:
            raise self.error("a page has one data-sources directive: name all its tables in it")
        listed[self.env.docname] = tables
        entries = self.env.get_domain("cite").bibdata.data.entries
        style = find_plugin("pybtex.style.formatting", self.config.bibtex_default_style)()
        backend = find_plugin("pybtex.backends", "docutils")()
        # the entries are data, shown as written: no curly quotes (Sphinx's SmartQuotes skips what this marks)
        listing = nodes.bullet_list(classes=["atlas-sources"], support_smartquotes=False)
        keys = sorted(keys_cited_by(tables), key=lambda key: by_title(entries[key]))
        for key in keys:
            entry = backend.paragraph(style.format_entry(key, entries[key]))
            entry += [nodes.Text(" Key: "), nodes.literal(key, key)]
            listing += nodes.list_item("", entry, ids=[f"source-{key}"])
        lead = nodes.paragraph("", f"{len(keys)} source{'' if len(keys) == 1 else 's'}, cited by the rows of ")
        for index, name in enumerate(tables):
            if index:
                lead += nodes.Text(" and " if index == len(tables) - 1 else ", ")
            lead += nodes.literal(text=files[name].name)
        lead += nodes.Text(", in alphabetical order of title.")
        return [lead, listing]


def listed_tables(env: BuildEnvironment) -> dict[str, list[str]]:
    """The tables whose sources each document lists, kept in the environment between builds."""
    if not hasattr(env, "atlas_source_tables"):
        env.atlas_source_tables = {}
    return env.atlas_source_tables


def forget_listed_tables(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    listed_tables(env).pop(docname, None)


def merge_listed_tables(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    listed_tables(env).update({name: tables for name, tables in listed_tables(other).items() if name in docnames})


def check_every_table_listed(app: Sphinx, env: BuildEnvironment) -> None:
    """A table whose sources no page lists is a warning, which fails the book's strict build."""
    listed = {name for tables in listed_tables(env).values() for name in tables}
    for name, path in citing_tables().items():
        if name not in listed:
            logger.warning(f"no page lists the sources of {path.name}: name {name} in a data-sources directive")


def setup(app: Sphinx) -> dict:
    app.add_directive("data-sources", DataSources)
    app.connect("env-purge-doc", forget_listed_tables)
    app.connect("env-merge-info", merge_listed_tables)
    app.connect("env-check-consistency", check_every_table_listed)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
