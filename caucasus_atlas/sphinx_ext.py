"""Sphinx hooks: refuse to build on invalid data, cite sources the book's way, ship the map assets."""

from pathlib import Path

from pybtex.plugin import register_plugin
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.template import field, href, join, optional, sentence, toplevel
from sphinx.application import Sphinx
from sphinx.errors import ConfigError

from caucasus_atlas.assets import copy_map_assets
from caucasus_atlas.validation import validate_package


class AtlasStyle(UnsrtStyle):
    """Web sources: linked title, publisher, publication date, and when we read it."""

    def get_misc_template(self, e):
        return toplevel[
            sentence[href[field("url", raw=True), field("title")]],
            sentence[field("publisher"), optional[field("date")]],
            sentence[join(" ")["Accessed", field("urldate")]],
        ]


def check_data(app: Sphinx, config) -> None:
    problems = validate_package()
    if problems:
        raise ConfigError("the data does not validate:\n" + "\n".join(map(str, problems)))


def copy_assets(app: Sphinx, exception) -> None:
    if exception is None and app.builder.format == "html":
        copy_map_assets(Path(app.outdir) / "_static")


def setup(app: Sphinx) -> dict:
    register_plugin("pybtex.style.formatting", "atlas", AtlasStyle)
    app.connect("config-inited", check_data)
    app.connect("build-finished", copy_assets)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
