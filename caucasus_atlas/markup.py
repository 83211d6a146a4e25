"""The one way text from the data becomes HTML: escaped, unless it is markup this package built.

Every popup, tooltip, picker label, table cell and caption goes through here. Text from
``data/`` is never trusted as markup: :func:`html` escapes anything that is not already
:class:`~markupsafe.Markup`, and markup is only ever made with ``Markup(template).format(...)``,
which escapes each value it is given. Links are made only to ``http(s)`` addresses.
"""

import re

from markupsafe import Markup, escape

WEB_ADDRESS = re.compile(r"https?://\S+")

__all__ = ["Markup", "html", "is_web_address", "join", "link"]


def is_web_address(url: str) -> bool:
    """An http(s) address and nothing else: no whitespace, no ``javascript:`` or ``data:`` link."""
    return WEB_ADDRESS.fullmatch(url) is not None


def html(value) -> Markup:
    """``value`` as HTML: markup as it is, anything else as escaped text (a missing value as nothing)."""
    import pandas as pd  # here, not above: validating the references (``is_web_address``) needs no pandas

    if value is None or (not isinstance(value, (list, tuple, dict)) and pd.isna(value)):
        return Markup("")
    return escape(value if isinstance(value, Markup) else str(value))


def join(separator: str, parts) -> Markup:
    """Join escaped parts with an escaped separator."""
    return html(separator).join(html(part) for part in parts)


def link(url: str, text, new_tab: bool = False) -> Markup:
    """A link to a web address; anything but an ``http(s)`` address is refused.

    ``new_tab`` opens it outside the page, as links inside a sandboxed map frame must.
    """
    if not is_web_address(url):
        raise ValueError(f"not a web address: {url!r}")
    target = Markup(' target="_blank"') if new_tab else Markup("")
    return Markup('<a href="{}" rel="noopener noreferrer"{}>{}</a>').format(url, target, html(text))
