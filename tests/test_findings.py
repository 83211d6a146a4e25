"""The introduction's findings: counted right on a small package whose answers are known, and consistent with
the chapters on the real data."""

import re
from datetime import date

import nbformat
import pandas as pd
import pytest

from caucasus_atlas import findings as f
from caucasus_atlas import (
    load_as_of,
    load_claims,
    load_countries,
    load_events,
    load_memberships,
    load_military_sites,
    load_organisations,
)
from caucasus_atlas.descriptor import checked_line
from caucasus_atlas.figures import COLUMN_PX, MIN_TEXT_PX, PHONE_PX, min_text_px
from caucasus_atlas.memberships import full_participation, participation_by_year
from caucasus_atlas.paths import REPO_ROOT
from tests.test_validation import package_with

K = "kremlin-cis-glossary"
MEMBERSHIPS = f"""country,organisation,status,start,start_act,end,end_reason,claimed_by,sources,note
ARM,CIS,founding_member,1991-12-21,,,,,{K},
AZE,CIS,member,1993-09-24,,,,,{K},
GEO,CIS,member,1993-12,,2009-08-18,withdrawn,,{K},
ARM,CST,founding_member,1992-05-15,signature,2002-10-07,organisation_succeeded,,{K},
RUS,CST,founding_member,1992-05-15,signature,2002-10-07,organisation_succeeded,,{K},
AZE,CST,member,1993-09-24,signature,1999-04,not_renewed,,{K},
GEO,CST,member,1993-12-09,signature,1999-04,not_renewed,,{K},
ARM,CSTO,founding_member,2002-10-07,signature,2024-02-22,status_changed,,{K},
RUS,CSTO,founding_member,2002-10-07,signature,,,,{K},
ARM,CSTO,frozen,2024-02-22,announcement,,,ARM,{K},
ARM,CSTO,member,2024-02-22,,,,RUS,{K},
"""
GUDAUTA = f"gudauta-7th-base,Gudauta,GEO,breakaway,43.104,40.579,site,base,in_service,,2009-02,,,,{K},\n"
CLAIMS = f"""id,claim,quote,kind,verdict,finding,sources
a,A claim.,a,fact,supported,Fixture row.,{K}
b,A claim.,b,fact,supported,Fixture row.,{K}
c,A claim.,c,fact,contradicted,Fixture row.,{K}
d,A claim.,d,opinion,opinion,Fixture row.,{K}
"""
NOW = date(2025, 1, 1)


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    """The valid fixture package with memberships, sites and claims whose findings are worked out by hand, and a
    country name that is not text-safe."""
    data = package_with(None, tmp_path_factory.mktemp("findings"))
    (data / "memberships.csv").write_text(MEMBERSHIPS, encoding="utf-8")
    with (data / "military_sites.csv").open("a", encoding="utf-8") as sites:  # Gyumri and Gabala are there
        sites.write(GUDAUTA)
    (data / "claims.csv").write_text(CLAIMS, encoding="utf-8")
    countries = (data / "countries.csv").read_text(encoding="utf-8")
    (data / "countries.csv").write_text(countries.replace("ARM,Armenia,", "ARM,Armenia <i>,"), encoding="utf-8")
    return {
        "memberships": load_memberships(data),
        "organisations": load_organisations(data),
        "countries": load_countries(data),
        "sites": load_military_sites(data),
        "claims": load_claims(data),
    }


@pytest.fixture(scope="module")
def real():
    return {
        "memberships": load_memberships(),
        "organisations": load_organisations(),
        "countries": load_countries(),
        "sites": load_military_sites(),
        "claims": load_claims(),
        "events": load_events(),
        "as_of": load_as_of(),
    }


def test_bodies_count_a_lineage_once_and_not_while_frozen(package):
    m, o = package["memberships"], package["organisations"]
    assert f.bodies_of(m, o, ["ARM", "AZE", "GEO"], date(1995, 7, 1)) == {
        "ARM": ["CIS", "CSTO"],
        "AZE": ["CIS", "CSTO"],
        "GEO": ["CIS", "CSTO"],
    }
    assert f.bodies_of(m, o, ["ARM", "AZE", "GEO"], NOW) == {"ARM": ["CIS"], "AZE": ["CIS"], "GEO": []}


def test_the_security_pact_at_its_widest_and_now(package):
    pact = f.security_pact(package["memberships"], package["organisations"], package["countries"], NOW)
    assert pact["republics"] == 6  # the fixture's post-Soviet states
    assert (pact["peak"], pact["peak_from"], pact["peak_from_precision"]) == (4, pd.Timestamp("1993-12-09"), "day")
    assert (pact["peak_until"], pact["peak_until_precision"]) == (pd.Timestamp("1999-04-01"), "month")
    assert pact["left"] == {"not_renewed": ["AZE", "GEO"]}
    assert pact["now"] == ["RUS"]
    assert pact["on_paper_only"] == ["ARM"]  # a member by Russia's account, frozen by its own


def test_exits_are_dated_by_their_end_and_freezes_by_their_start(package):
    steps = f.exits(package["memberships"], package["organisations"], ["ARM", "AZE", "GEO"])
    assert list(zip(steps["country"], steps["organisation"], steps["step"], strict=True)) == [
        ("AZE", "CST", "not_renewed"),
        ("GEO", "CST", "not_renewed"),
        ("GEO", "CIS", "withdrawn"),
        ("ARM", "CSTO", "frozen"),
    ]
    assert list(steps["precision"]) == ["month", "month", "day", "day"]


def test_presences_at_their_most_and_now_by_host(package):
    counts = f.presences(package["sites"], package["countries"], NOW)
    assert (counts["peak"], counts["peak_from"], counts["peak_from_precision"]) == (3, pd.Timestamp("2009-02"), "month")
    assert (counts["peak_until"], counts["peak_until_precision"]) == (pd.Timestamp("2012-12-10"), "day")
    assert counts["now"] == 2
    assert counts["by_host"] == {"ARM": 1, "AZE": 0, "GEO": 1}
    assert counts["outside_host_control"] == {"ARM": 0, "AZE": 0, "GEO": 1}
    assert counts["kinds"] == {"ARM": {"base": 1}, "AZE": {}, "GEO": {"base": 1}}


def test_verdicts_follow_the_vocabulary_with_zeros(package):
    assert f.verdicts(package["claims"]) == {
        "supported": 2,
        "partly_supported": 0,
        "contradicted": 1,
        "unverified": 0,
        "opinion": 1,
    }


def test_the_sentences_say_the_counts_and_escape_names_from_the_data(package):
    m, o, c = package["memberships"], package["organisations"], package["countries"]
    text = f.bottom_line(m, o, c, package["sites"], package["claims"], NOW)
    assert "Armenia &lt;i&gt; takes part fully in 1 Russia-led body (the Commonwealth of Independent States)" in text
    assert "<i>" not in text
    assert "Azerbaijan in 1" in text and "Georgia in none" in text and "each of the three took part in 2" in text
    assert "counted 4 of the 6 former Soviet republics, from 9 Dec 1993 until Apr 1999" in text
    assert "Azerbaijan and Georgia did not renew it" in text
    assert "1 take part fully (Russia), and Armenia &lt;i&gt; is a member according to Russia but has frozen" in text
    assert "Georgia withdrew from the Commonwealth of Independent States (18 Aug 2009)" in text
    assert "3 at their most, from Feb 2009 until 10 Dec 2012" in text
    assert (
        "2 stand: 1 in Armenia &lt;i&gt; (base 1), none in Azerbaijan and 1 in Georgia (base 1), in an area Georgia"
        in text
    )
    assert "Of the column's 4 claims, 3 are facts" in text and "support 2 and contradict 1" in text
    assert text.count("<li>") == 5 and text.count("(evidence: <a href=") == 5


def test_findings_agree_with_the_chapters_count_on_the_real_data(real):
    m, o = real["memberships"], real["organisations"]
    for year in range(1992, real["as_of"].year + 1):
        day = date(year, 7, 1)
        pairs = f.lineages_on(m, o, day)
        assert pairs.groupby("country").size().to_dict() == full_participation(m, o, day).to_dict()


def test_the_real_findings_are_sane(real):
    m, o, c, as_of = real["memberships"], real["organisations"], real["countries"], real["as_of"]
    pact = f.security_pact(m, o, c, as_of)
    assert pact["republics"] == 15
    assert 0 < len(pact["now"]) <= pact["peak"] <= 15
    counts = f.presences(real["sites"], c, as_of)
    assert sum(counts["by_host"].values()) == counts["now"] <= counts["peak"]
    assert sum(f.verdicts(real["claims"]).values()) == len(real["claims"])
    assert "Feb 2026" in f.column_sentence(real["events"])  # the statement the column describes
    assert checked_line(as_of) == f"Data last checked: {as_of:%-d %b %Y}."


def heading_and_title(chapter: str) -> tuple[list[str], str]:
    notebook = nbformat.read(REPO_ROOT / "chapters" / f"{chapter}.ipynb", as_version=4)
    text = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
    return re.findall(r"^## (.+)$", text, re.MULTILINE), re.search(r"^# (.+)$", text, re.MULTILINE).group(1)


@pytest.mark.parametrize("evidence", f.EVIDENCE, ids=lambda e: f"{e.chapter}: {e.section}")
def test_every_evidence_link_names_a_chapter_section_that_exists(evidence):
    sections, title = heading_and_title(evidence.chapter)
    assert evidence.title == title
    assert evidence.section in sections
    assert (
        evidence.href
        == f"chapters/{evidence.chapter}.html#{evidence.section.lower().replace(',', '').replace(' ', '-')}"
    )


def test_the_headline_figure_reads_at_11_px_and_says_its_numbers(real):
    m, o, c, as_of = real["memberships"], real["organisations"], real["countries"], real["as_of"]
    table = participation_by_year(m, o, list(f.SOUTH_CAUCASUS), range(1992, as_of.year + 1))
    figure = f.participation_figure(table, c, as_of)
    assert min_text_px(figure, COLUMN_PX) >= MIN_TEXT_PX
    assert min_text_px(figure, PHONE_PX) >= MIN_TEXT_PX
    assert "Armenia: " + f.change_text(table.loc["ARM"]) in figure.alt


def test_change_text_names_each_change_once():
    assert f.change_text(pd.Series([2, 2, 3, 3, 2], index=range(2020, 2025))) == "2 in 2020, 3 from 2022, 2 from 2024"
