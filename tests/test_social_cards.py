"""The social cards' stand-in (caucasus_atlas/book/social_cards.py) answers as sphinxext-opengraph's card module
does, and loads that module (and matplotlib) only to draw a card that does not exist yet."""

import importlib
import sys
from types import SimpleNamespace

import pytest

from caucasus_atlas.book import social_cards

CARD = ({"enable": True, "line_color": "#0072B2"}, "A site", "A page", "What it says.", "example.org/page", "a/page")


@pytest.fixture
def real_cards():
    return importlib.import_module(social_cards.CARDS)


def test_the_stand_in_has_the_card_modules_defaults(real_cards):
    assert social_cards.default_config(social_cards.cards_source()) == real_cards.DEFAULT_SOCIAL_CONFIG


def test_an_existing_card_is_found_where_the_card_module_wrote_it_without_loading_the_module(
    real_cards, tmp_path, monkeypatch
):
    env = SimpleNamespace()
    drawn = real_cards.create_social_card(*CARD, srcdir=tmp_path, outdir=tmp_path, env=env)
    assert (tmp_path / drawn).is_file()
    stand_in = social_cards.stand_in(social_cards.cards_source())
    monkeypatch.setitem(sys.modules, social_cards.CARDS, stand_in)
    monkeypatch.setattr(social_cards, "load_cards", lambda source: pytest.fail("loaded the card module"))
    assert stand_in.create_social_card(*CARD, srcdir=tmp_path, outdir=tmp_path, env=env) == drawn


def test_a_new_card_is_drawn_by_the_card_module(real_cards, tmp_path, monkeypatch):
    stand_in = social_cards.stand_in(social_cards.cards_source())
    monkeypatch.setitem(sys.modules, social_cards.CARDS, stand_in)
    loaded = []
    monkeypatch.setattr(social_cards, "load_cards", lambda source: loaded.append(source) or real_cards)
    path = stand_in.create_social_card(*CARD, srcdir=tmp_path, outdir=tmp_path, env=SimpleNamespace())
    assert loaded and (tmp_path / path).is_file()
