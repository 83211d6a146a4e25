"""The theme's stylesheets cut to the rules the book can use.

The theme's stylesheet carries all of Bootstrap and every component the theme offers (312 KB, 46 KB gzip, on
every page), most of which no page of the book has. After the build, each rule whose selectors all name a class
or id that appears nowhere in the book's pages or scripts is dropped, as PurgeCSS does
(https://purgecss.com/introduction, matching selectors against the words of the content), and nothing else changes.

A word counts wherever it appears, in a page's text or in a script, so a class a script adds (the theme's
``scrolled``) is kept as long as the script names it; the few that scripts build from parts are listed
(``BUILT_BY_SCRIPTS``). Bootstrap's bundle is the exception: it names every component Bootstrap has (popovers,
modals, toasts, carousels…), though the book uses two, the buttons' tooltips and the download menu, so its words do
not count, and the classes it adds to those two are listed (``BOOTSTRAP_ADDS``). Selectors are read conservatively:
what sits inside brackets or parentheses (``[data-theme=dark]``, ``:not(.x)``, ``:is(.a, .b)``) is not checked, and
a selector with an escape is kept. Each cut starts from the stylesheet as Sphinx copied it (see
``cut_stylesheets``), so a rebuild never cuts an already cut file.
"""

import hashlib
import re
import string
from collections.abc import Iterable
from pathlib import Path

import tinycss2

WORD_BYTES = (string.ascii_letters + string.digits + "_-").encode()
# Every other byte as a space: a file's bytes so translated split into its words (twice as fast as a pattern).
BETWEEN_WORDS = bytes(byte if byte in WORD_BYTES else ord(" ") for byte in range(256))
NAMED = re.compile(r"[.#](-?[_a-zA-Z][\w-]*)")  # a class or an id in a selector
NON_ASCII = re.compile(r"([^\x00-\x7f])([0-9a-fA-F\s])?")  # and the character after it, which an escape would swallow
ARGUMENTS = re.compile(r"\([^()]*\)|\[[^\]]*\]")
GROUPING_RULES = {"media", "supports", "layer", "container"}
# Classes scripts build from parts, which no page or script names whole: Bootstrap's tooltips and popovers add
# `bs-tooltip-<placement>` (their arrow is drawn by rules on it).
BUILT_BY_SCRIPTS = ("bs-tooltip-", "bs-popover-")
BOOTSTRAP = "_static/scripts/bootstrap.js"
# What Bootstrap's tooltips and menus add to a page: a tooltip's own markup, and the classes that show either.
BOOTSTRAP_ADDS = {"tooltip", "tooltip-arrow", "tooltip-inner", "fade", "show"}


def words_in(paths: Iterable[Path]) -> set[str]:
    """Every word (letters, digits, ``-`` and ``_``) in the files at ``paths``."""
    words: set[bytes] = set()
    for path in paths:
        words.update(path.read_bytes().translate(BETWEEN_WORDS).split())
    return {word.decode("ascii") for word in words}


def checked_names(selector: str) -> list[str]:
    """The classes and ids ``selector`` names outside brackets and parentheses, which decide whether it is kept;
    none for a selector with an escape (it is always kept)."""
    if "\\" in selector:
        return []
    bare, previous = selector, None
    while bare != previous:
        previous, bare = bare, ARGUMENTS.sub("", bare)
    return NAMED.findall(bare)


def selector_used(selector: str, words: set[str]) -> bool:
    """Whether every class and id ``selector`` names, outside brackets and parentheses, is one of ``words``."""
    return all(name in words or name.startswith(BUILT_BY_SCRIPTS) for name in checked_names(selector))


def selectors(prelude: list) -> list[str]:
    """A rule's selectors: its prelude split at the commas outside any brackets (tinycss2 nests those)."""
    groups: list[list] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            groups.append([])
        else:
            groups[-1].append(token)
    return [tinycss2.serialize(group).strip() for group in groups]


def kept(rule, words: set[str]) -> str:
    """``rule`` as CSS with only its used selectors (inside a grouping rule, only its used rules), or nothing."""
    if rule.type == "qualified-rule":
        used = [s for s in selectors(rule.prelude) if selector_used(s, words)]
        return f"{','.join(used)}{{{tinycss2.serialize(rule.content)}}}" if used else ""
    if rule.type == "at-rule" and rule.lower_at_keyword in GROUPING_RULES and rule.content is not None:
        inner = "".join(kept(r, words) for r in tinycss2.parse_rule_list(rule.content, True, True))
        return f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{inner}}}" if inner else ""
    return rule.serialize()


def names_checked_in(rules: Iterable) -> set[str]:
    """Every class and id a selector of ``rules`` (parsed CSS) names that ``kept`` checks against the words: the cut
    depends on no other word, so two sets of words that share these cut the stylesheet alike."""
    names: set[str] = set()
    for rule in rules:
        if rule.type == "qualified-rule":
            names.update(name for s in selectors(rule.prelude) for name in checked_names(s))
        elif rule.type == "at-rule" and rule.lower_at_keyword in GROUPING_RULES and rule.content is not None:
            names |= names_checked_in(tinycss2.parse_rule_list(rule.content, True, True))
    return names


def without_unused_rules(css: str, words: set[str]) -> str:
    """``css`` without the selectors, and then the rules, that name a class or id none of ``words`` is.

    tinycss2 writes the characters its strings hold (an icon's private-use code point, say) as themselves; they
    are written back as escapes (``"\\f0c9"``), as the theme wrote them, so the file stays ASCII.
    """
    cut = "".join(kept(rule, words) for rule in tinycss2.parse_stylesheet(css, True, True))
    return NON_ASCII.sub(lambda m: f"\\{ord(m.group(1)):x}" + (f" {m.group(2)}" if m.group(2) else ""), cut)


MARK = "/* cut to the rules the book uses: caucasus_atlas/book/stylesheets.py */\n"


def cut_stylesheets(html_dir: Path, originals: Path) -> list[str]:
    """Cut each third-party stylesheet of the built book to the rules its pages and scripts can use; return the
    names of those cut this time.

    Sphinx copies a fresh stylesheet into ``_static`` whenever it writes pages, and leaves the last one there
    when it writes none. A fresh one (without ``MARK``) is kept in ``originals`` first, and the cut always starts
    from the kept original, so a rebuild never cuts an already cut file. The cut is kept there too, with a digest
    of the original and of the words it was cut for that its selectors name (``names_checked_in``, also kept): while
    both stay the same, the kept cut is copied, not made again. So an edit to a page's prose, which brings new
    words but rarely a class name, cuts nothing again.
    """
    static = html_dir / "_static"
    content = [p for p in html_dir.rglob("*") if p.suffix in {".html", ".js"} and p.is_file()]
    words = words_in(p for p in content if p != html_dir / BOOTSTRAP) | BOOTSTRAP_ADDS
    cut_now = []
    for sheet in sorted(static.rglob("*.css")):
        name = sheet.relative_to(static)
        if name.name.startswith("atlas") or name.parts[0] == "leaflet":
            continue
        original = originals / name
        record, kept_cut = original.with_name(f"{name.name}.key"), original.with_name(f"{name.name}.cut")
        css = sheet.read_text(encoding="utf-8")
        if not css.startswith(MARK):
            original.parent.mkdir(parents=True, exist_ok=True)
            original.write_text(css, encoding="utf-8")
        source = original.read_text(encoding="utf-8")
        names = kept_names(source, original.with_name(f"{name.name}.names"))
        key = hashlib.sha256(f"{source}\0{' '.join(sorted(words & names))}".encode()).hexdigest()
        if not (record.is_file() and record.read_text() == key and kept_cut.is_file()):
            kept_cut.write_text(MARK + without_unused_rules(source, words), "utf-8")
            record.write_text(key)
            cut_now.append(name.as_posix())
        cut = kept_cut.read_text(encoding="utf-8")
        if css != cut:
            sheet.write_text(cut, encoding="utf-8")
    return cut_now


def kept_names(source: str, record: Path) -> set[str]:
    """The names ``source``'s selectors are checked by (``names_checked_in``), kept in ``record`` with a digest of
    ``source``, and found again only when it changes."""
    digest = hashlib.sha256(source.encode()).hexdigest()
    if record.is_file():
        kept_digest, _, names = record.read_text(encoding="utf-8").partition("\n")
        if kept_digest == digest:
            return set(names.split())
    names = names_checked_in(tinycss2.parse_stylesheet(source, True, True))
    record.write_text(digest + "\n" + " ".join(sorted(names)), encoding="utf-8")
    return names
