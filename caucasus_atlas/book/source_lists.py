"""The sources of the data, table by table.

``{data-sources} TABLE ...`` lists every source the named tables' rows cite, alphabetically by title, in the
bibliography's style; each entry ends with its key, as a table's ``sources`` column gives it, and is anchored by it
(``#source-KEY``). A list is made again whenever its tables or the bibliography change, and the build fails if a
table that cites sources is on no such list.
"""

import hashlib
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
        unknown = [name for name in tables if name not in files]
        if unknown:
            raise self.error(
                f"no table that cites sources is named {', '.join(unknown)}; those that do: {', '.join(files)}"
            )
        listed = listed_tables(self.env)
        in_document = listed.get(self.env.docname, ([], ""))[0] + tables
        listed[self.env.docname] = (in_document, sources_digest(in_document))
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
        lead = nodes.paragraph("", f"{len(keys)} sources, cited by the rows of ")
        for index, name in enumerate(tables):
            if index:
                lead += nodes.Text(" and " if index == len(tables) - 1 else ", ")
            lead += nodes.literal(text=files[name].name)
        lead += nodes.Text(", in alphabetical order of title.")
        return [lead, listing]


def listed_tables(env: BuildEnvironment) -> dict[str, tuple[list[str], str]]:
    """The tables whose sources each document lists, and the digest of what the lists were made from; kept in the
    environment between builds."""
    if not hasattr(env, "atlas_source_tables"):
        env.atlas_source_tables = {}
    return env.atlas_source_tables


def sources_digest(tables: list[str]) -> str:
    """A digest of what a list of the named tables' sources is made from: their files and the bibliography."""
    files = citing_tables()
    digest = hashlib.sha256()
    for path in [*(files[name] for name in tables), DATA_DIR / "references.bib"]:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def outdated_lists(app: Sphinx, env: BuildEnvironment, added, changed, removed) -> list[str]:
    """The documents whose lists were made from data that has changed since, to be read again. (A dependency
    Sphinx notes is an absolute path, which a copy of the book, environment included, would not follow.)"""
    outdated = []
    for docname, (tables, digest) in listed_tables(env).items():
        try:
            current = sources_digest(tables)
        except KeyError:  # a table renamed or gone: the directive says so when the document is read again
            current = None
        if docname not in removed and current != digest:
            outdated.append(docname)
    return outdated


def forget_listed_tables(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    listed_tables(env).pop(docname, None)


def merge_listed_tables(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    listed_tables(env).update(listed_tables(other))


def check_every_table_listed(app: Sphinx, env: BuildEnvironment) -> None:
    """A table whose sources no page lists is a warning, which fails the book's strict build."""
    listed = {name for tables, _ in listed_tables(env).values() for name in tables}
    for name, path in citing_tables().items():
        if name not in listed:
            logger.warning(f"no page lists the sources of {path.name}: name {name} in a data-sources directive")


def setup(app: Sphinx) -> dict:
    app.add_directive("data-sources", DataSources)
    app.connect("env-get-outdated", outdated_lists)
    app.connect("env-purge-doc", forget_listed_tables)
    app.connect("env-merge-info", merge_listed_tables)
    app.connect("env-check-consistency", check_every_table_listed)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
