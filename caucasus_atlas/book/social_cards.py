"""sphinxext-opengraph's social cards, with matplotlib imported only when a card is to be drawn.

The extension (0.13.0) imports its card module, and with it matplotlib's pyplot, as it loads: 0.45 s of every build.
Yet it draws a card only when none exists for the page's title and description: the card's file name carries a
digest of them (``create_social_card``), so a rebuild after a prose edit draws none. Until a card is to be drawn,
a stand-in takes the card module's place: it holds the module's defaults, read from its source without running it,
and answers with the existing card's path, found as the module finds it. For a card that does not exist yet, it
loads the module and hands it the call.
"""

import ast
import hashlib
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

CARDS = "sphinxext.opengraph._social_cards"
IMAGES = Path("_images/social_previews")  # under the HTML folder, as the card module writes them


def cards_source() -> Path:
    """The card module's file, found without importing its package (which imports the module)."""
    return Path(importlib.util.find_spec("sphinxext.opengraph").origin).with_name("_social_cards.py")


def default_config(source: Path) -> dict:
    """The card module's ``DEFAULT_SOCIAL_CONFIG``, read from its source."""
    for node in ast.parse(source.read_text(encoding="utf-8")).body:
        names = [getattr(target, "id", None) for target in getattr(node, "targets", [])]
        if isinstance(node, ast.Assign) and "DEFAULT_SOCIAL_CONFIG" in names:
            return ast.literal_eval(node.value)
    raise LookupError(f"no DEFAULT_SOCIAL_CONFIG in {source}")


def card_path(config_social: dict, site_name: str, page_title: str, description: str, page_path: str) -> Path:
    """Where the card module writes a page's card, relative to the HTML folder (as its ``create_social_card``)."""
    digest = hashlib.sha1(
        (site_name + page_title + description + str(config_social)).encode(), usedforsecurity=False
    ).hexdigest()[:8]
    return IMAGES / f"summary_{page_path.replace('/', '_')}_{digest}.png"


def load_cards(source: Path) -> ModuleType:
    """The card module itself, run now, in the stand-in's place (which it keeps if the module fails to run)."""
    spec = importlib.util.spec_from_file_location(CARDS, source)
    module = importlib.util.module_from_spec(spec)
    stand_in, sys.modules[CARDS] = sys.modules.get(CARDS), module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules[CARDS] = stand_in
        raise
    return module


def stand_in(source: Path) -> ModuleType:
    """A module with the card module's two names: its defaults, and a ``create_social_card`` that returns an
    existing card's path and otherwise draws the card with the card module."""
    module = ModuleType(CARDS, __doc__)
    module.DEFAULT_SOCIAL_CONFIG = default_config(source)

    def create_social_card(config_social, site_name, page_title, description, url_text, page_path, **kwargs):
        path = card_path(config_social, site_name, page_title, description, page_path)
        if (Path(kwargs["outdir"]) / path).exists():
            return path
        cards = sys.modules[CARDS] if sys.modules.get(CARDS) is not module else load_cards(source)
        return cards.create_social_card(
            config_social, site_name, page_title, description, url_text, page_path, **kwargs
        )

    module.create_social_card = create_social_card
    return module


def draw_cards_only_when_needed() -> None:
    """Put the stand-in in the card module's place, unless the module is already loaded or cannot be (without
    matplotlib, sphinxext-opengraph draws no cards); call it before sphinxext-opengraph loads."""
    if CARDS not in sys.modules and importlib.util.find_spec("matplotlib") is not None:  # else opengraph draws none
        sys.modules[CARDS] = stand_in(cards_source())
