from datetime import date

import pandas as pd

from caucasus_atlas import load_memberships, load_organisations
from caucasus_atlas.memberships import full_participation, lineage, participation_by_year, spells_on


def statuses(country: str, organisation: str, when: date) -> set[str]:
    active = spells_on(load_memberships(), when)
    return set(active[(active["country"] == country) & (active["organisation"] == organisation)]["status"])


def test_georgia_is_in_the_cis_until_its_exit_takes_effect():
    assert statuses("GEO", "CIS", date(2009, 8, 17)) == {"member"}
    assert statuses("GEO", "CIS", date(2009, 8, 18)) == set()


def test_both_claims_about_armenia_in_the_csto_are_in_force():
    assert statuses("ARM", "CSTO", date(2025, 1, 1)) == {"frozen", "member"}


def test_a_freeze_ends_full_participation():
    counts = full_participation(load_memberships(), load_organisations(), date(2025, 1, 1))
    before = full_participation(load_memberships(), load_organisations(), date(2023, 1, 1))
    assert before["ARM"] - counts["ARM"] == 1  # the CSTO
    assert "GEO" not in counts  # out of the CIS since 2009, never in the others


def test_participation_by_year_has_a_row_per_country_and_zero_where_none():
    table = participation_by_year(load_memberships(), load_organisations(), ["ARM", "GEO", "RUS"], range(1992, 2027))
    assert list(table.index) == ["ARM", "GEO", "RUS"]
    assert table.loc["GEO", 2020] == 0
    assert table.loc["RUS", 2020] >= table.loc["ARM", 2020] >= 3  # CIS, CSTO, EAEU


def test_the_count_takes_each_lineage_once_and_from_entry_into_force_in_2014_and_2015():
    table = participation_by_year(
        load_memberships(), load_organisations(), ["BLR", "RUS", "KAZ", "ARM", "KGZ"], range(2014, 2016)
    )
    # Belarus and Russia: CIS, CSTO, Union State and one economic lineage (EurAsEC with the Customs Union in
    # 2014, the EAEU signed that May but in force only from 2015-01-01; then the EAEU), not 6 in 2014.
    assert table.loc["BLR", 2014] == table.loc["BLR", 2015] == 4
    assert table.loc["RUS", 2014] == table.loc["RUS", 2015] == 4
    assert table.loc["KAZ", 2014] == table.loc["KAZ", 2015] == 3  # no Union State
    # Armenia: an EurAsEC observer only, then an EAEU member from 2015-01-02 (accession in force).
    assert (table.loc["ARM", 2014], table.loc["ARM", 2015]) == (2, 3)
    # Kyrgyzstan: EurAsEC ended 2015-01-01; its EAEU accession came into force only in August 2015.
    assert (table.loc["KGZ", 2014], table.loc["KGZ", 2015]) == (3, 2)


def test_armenia_counts_the_eaeu_from_the_day_its_accession_came_into_force():
    def count(day):
        return full_participation(load_memberships(), load_organisations(), date(2015, 1, day))["ARM"]

    assert (count(1), count(2)) == (2, 3)  # CIS and CSTO, then the EAEU too


def test_a_successor_signed_before_its_predecessors_end_counts_from_their_end():
    spell = {"claimed_by": pd.NA, "start_act": pd.NA, "end": pd.NaT, "end_reason": pd.NA}
    memberships = pd.DataFrame(
        [
            {**spell, "country": "XXX", "organisation": "CUSTOMS_UNION", "status": "observer",
             "start": pd.Timestamp("2010-01-01"), "end": pd.Timestamp("2015-01-01"),
             "end_reason": "organisation_succeeded"},
            {**spell, "country": "XXX", "organisation": "EAEU", "status": "founding_member",
             "start": pd.Timestamp("2014-05-29"), "start_act": "signature"},
        ]
    )  # fmt: skip
    organisations = load_organisations()
    assert "XXX" not in full_participation(memberships, organisations, date(2014, 7, 1))  # signed, not in force
    assert full_participation(memberships, organisations, date(2015, 1, 1))["XXX"] == 1
    assert lineage("CUSTOMS_UNION") == lineage("EURASEC") == "EAEU" and lineage("CST") == "CSTO"


def test_involving_keeps_only_events_with_every_country_since_the_year():
    from caucasus_atlas import load_events
    from caucasus_atlas.timeline import involving

    chosen = involving(load_events(), {"AZE", "RUS"}, since=2022)
    assert len(chosen) > 0
    assert all({"AZE", "RUS"} <= set(c) for c in chosen["countries"])
    assert chosen["date"].dt.year.min() >= 2022
    assert chosen["date"].is_monotonic_increasing


def test_segments_show_the_most_advanced_status_and_flag_differing_claims():
    from caucasus_atlas.memberships import status_segments

    segments = status_segments(load_memberships())

    def shown(country, organisation, day):
        return [
            s["status"]
            for s in segments
            if s["country"] == country
            and s["organisation"] == organisation
            and s["start"] <= day
            and (s["end"] is None or day < s["end"])
        ]

    assert shown("UKR", "EU", "2025-01-01") == ["negotiating"]  # also a candidate and associated
    assert shown("ARM", "CSTO", "2025-01-01") == ["contested"]  # Armenia: frozen; Russia: member
    assert shown("GEO", "CIS", "2010-01-01") == []
    assert shown("GEO", "CIS", "2000-01-01") == ["member"]


def test_cow_coding_follows_the_correlates_of_war_scheme():
    from caucasus_atlas.memberships import cow_yearly

    codes = cow_yearly(load_memberships(), range(2000, 2027)).set_index(["country", "organisation", "year"])["cow_code"]
    assert codes[("TKM", "CIS", 2004)] == 1 and codes[("TKM", "CIS", 2006)] == 2  # associate from 2005
    assert codes[("MDA", "EAEU", 2019)] == 3  # observer
    assert ("ARM", "CSTO", 2025) not in codes.index  # frozen: no CoW membership code that year
    assert ("GEO", "CIS", 2010) not in codes.index


def test_claims_link_to_the_data_rows_that_share_their_sources():
    from caucasus_atlas import load_claims, load_military_sites
    from caucasus_atlas.claims import related_rows, row_labels
    from caucasus_atlas.data import load_events

    claims = load_claims()
    rows = row_labels(load_events(), load_military_sites(), load_memberships())
    related = dict(zip(claims["id"], related_rows(claims, rows), strict=True))
    assert any(row.label.startswith("sites: ") for row in related["russian-guards-little-else"])
    assert all(labels == sorted(labels) for labels in related.values())
