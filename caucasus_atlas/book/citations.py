"""The bibliography's style: each source as the web page it is."""

import pickle
from pathlib import Path
from typing import ClassVar

from pybtex.database import Entry
from pybtex.style import FormattedEntry
from pybtex.style.formatting import toplevel
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.template import field, href, join, optional, sentence
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

Formatted = dict[tuple[str, str], tuple[Entry, FormattedEntry]]  # by label and key: the entry, as formatted


class AtlasStyle(UnsrtStyle):
    """Web sources: linked title, publisher, publication date, and when we read it.

    sphinxcontrib-bibtex formats every entry of the bibliography on every build, even one that reads a single
    page, and each twice (for the list and for the citations' tooltips): 2,000 formattings, about a second. So each
    formatting is kept, by label and key, with the entry it was made from, and reused while that entry is equal:
    ``known`` holds those of the last build (``recall_formatted_entries``), ``made`` this build's.
    ``tests/test_overrides.py`` checks when and how sphinxcontrib-bibtex formats.
    """

    known: ClassVar[Formatted] = {}
    made: ClassVar[Formatted] = {}

    def get_misc_template(self, e):
        return toplevel[
            sentence[href(url=field("url", raw=True))[field("title", raw=True)]],
            sentence[field("publisher", raw=True), optional[field("date", raw=True)]],
            sentence[join(" ")["Accessed", field("urldate", raw=True)]],
        ]

    def format_entry(self, label, entry, bib_data=None):
        if bib_data is not None:  # a template could read other entries (sphinxcontrib-bibtex passes none)
            return super().format_entry(label, entry, bib_data)
        key = (label, entry.key)
        for formatted in (self.made, self.known):
            if key in formatted and formatted[key][0] == entry:
                self.made[key] = formatted[key]
                return formatted[key][1]
        self.made[key] = (entry, super().format_entry(label, entry))
        return self.made[key][1]


def kept_formattings(app: Sphinx) -> Path:
    """Where the formatted entries are kept between builds: beside Sphinx's saved environment, so that they go
    with it when the build drops it, as it does when this code, pybtex or sphinxcontrib-bibtex change
    (``caucasus_atlas.book.build``)."""
    return Path(app.doctreedir) / "atlas-citations.pickle"


def recall_formatted_entries(app: Sphinx, env: BuildEnvironment) -> None:
    """Before sphinxcontrib-bibtex formats the bibliography (on ``env-updated``), give ``AtlasStyle`` the entries
    it formatted last build."""
    AtlasStyle.made = {}
    try:
        AtlasStyle.known = pickle.loads(kept_formattings(app).read_bytes())
    except Exception:  # none yet, or unreadable: every entry is formatted again
        AtlasStyle.known = {}


def keep_formatted_entries(app: Sphinx, env: BuildEnvironment) -> None:
    """After sphinxcontrib-bibtex has formatted the bibliography, keep the entries this build formatted."""
    path = kept_formattings(app)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(AtlasStyle.made))
    AtlasStyle.known = {}
