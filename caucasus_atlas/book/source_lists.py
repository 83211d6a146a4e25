"""The sources of the data, table by table.

``{data-sources} TABLE ...`` lists every source the named tables' rows cite, alphabetically by title, in the
bibliography's style; each entry ends with its key, as a table's ``sources`` column gives it, and is anchored by it
(``#source-KEY``). The build fails if a table that cites sources is on no such list.
"""

import re

from docutils import nodes
from pybtex.database import Entry
from pybtex.plugin import find_plugin
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from caucasus_atlas.cited_sources import citing_tables, keys_cited_by

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
        unknown = [name for name in tables if name not in files]
        if unknown:
            raise self.error(
                f"no table that cites sources is named {', '.join(unknown)}; those that do: {', '.join(files)}"
            )
        listed = listed_tables(self.env)
        listed[self.env.docname] = listed.get(self.env.docname, []) + tables
        domain = self.env.get_domain("cite")
        for path in [*(files[name] for name in tables), *domain.bibdata.bibfiles]:
            self.env.note_dependency(str(path))
        entries = domain.bibdata.data.entries
        style = find_plugin("pybtex.style.formatting", self.config.bibtex_default_style)()
        backend = find_plugin("pybtex.backends", "docutils")()
        listing = nodes.bullet_list(classes=["atlas-sources"])
        keys = sorted(keys_cited_by(tables), key=lambda key: by_title(entries[key]))
        for key in keys:
            entry = backend.paragraph(style.format_entry(key, entries[key]))
            entry += [nodes.Text(" Key: "), nodes.literal(key, key)]
            listing += nodes.list_item("", entry, ids=[f"source-{key}"])
        lead = nodes.paragraph("", f"{len(keys)} sources, cited by the rows of ")
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
    listed_tables(env).update(listed_tables(other))


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
