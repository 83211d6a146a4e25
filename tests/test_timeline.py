"""Chapters choose their events through the data: the ``chapters`` column of events.csv."""

import pytest

from caucasus_atlas import load_events
from caucasus_atlas.timeline import KEY_KINDS, in_chapter, key_events

# The ids each chapter shows, as reviewed (first copied from the notebooks' hand-made lists): the `chapters` column
# must give each chapter these events, no more, no fewer. An event tagged to a chapter is added here in the same change.
LISTED = {
    "dam": [
        "1991-alma-ata-protocol",
        "1991-12-30-cis-armed-forces-decision",
        "1992-khojaly-killings",
        "1992-366th-regiment-withdrawn",
        "1992-03-20-cis-karabakh-observers-decision",
        "1992-tashkent-collective-security-treaty",
        "1992-09-30-russia-armenia-border-troops-treaty",
        "1993-06-15-cis-joint-forces-abandoned",
        "1993-07-26-russia-ends-common-rouble",
        "1993-09-07-rouble-zone-new-type",
        "1993-11-22-armenia-introduces-dram",
        "1994-bishkek-protocol",
        "1994-ceasefire-takes-effect",
        "1999-04-20-three-states-leave-cst",
    ],
    "borders": [
        "1994-ceasefire-takes-effect",
        "2020-second-karabakh-war",
        "2020-trilateral-statement",
        "2022-12-12-lachin-corridor-blockade",
        "2023-04-23-lachin-checkpoint",
        "2023-azerbaijan-karabakh-offensive",
        "2023-09-20-russian-peacekeepers-killed",
        "2023-karabakh-ceasefire",
        "2023-artsakh-dissolution-decree",
        "2023-09-30-karabakh-armenians-leave",
        "2024-russian-peacekeepers-leave-karabakh",
    ],
    "platforms": [
        "1992-csce-minsk-conference-mandate",
        "1994-budapest-minsk-co-chairmanship",
        "2008-medvedev-ends-georgia-operation",
        "2008-geneva-discussions-first-round",
        "2021-3plus3-first-meeting-moscow",
        "2022-lavrov-minsk-group-co-chairs",
        "2023-3plus3-tehran-meeting",
        "2024-galuzin-geneva-venue",
        "2024-3plus3-istanbul-meeting",
        "2025-washington-joint-declaration",
        "2025-zakharova-washington-comment",
        "2025-osce-closes-minsk-process",
        "2026-tripp-implementation-framework",
        "2026-galuzin-izvestia-geneva",
    ],
    "alternatives": [
        "2009-nakhchivan-agreement-turkic-council",
        "2014-eu-georgia-association-agreement-signed",
        "2019-uzbekistan-joins-turkic-council",
        "2021-ots-istanbul-summit",
        "2022-declaration-allied-interaction",
        "2023-china-georgia-strategic-partnership",
        "2024-georgia-pauses-eu-accession-bid",
        "2025-us-armenia-strategic-partnership-charter",
        "2025-china-azerbaijan-comprehensive-partnership",
        "2025-ots-budapest-informal-summit",
        "2025-washington-joint-declaration",
        "2025-velayati-tripp-warning",
        "2025-china-armenia-strategic-partnership",
        "2025-ots-gabala-summit",
    ],
    "voices": [
        "2022-declaration-allied-interaction",
        "2022-12-22-pashinyan-faults-peacekeepers",
        "2024-02-01-rome-statute-in-force-armenia",
        "2024-02-15-galuzin-izvestia-csto",
        "2024-pashinyan-csto-freeze",
        "2024-06-05-galuzin-tass-csto",
        "2024-06-12-pashinyan-will-leave-csto",
        "2024-galuzin-geneva-venue",
        "2024-08-19-lavrov-syunik-communications",
        "2024-09-11-zakharova-border-guards",
        "2024-russian-border-guards-leave-agarak",
        "2025-07-19-aliyev-azal-court",
        "2025-07-21-peskov-difficult-period",
        "2025-washington-joint-declaration",
        "2025-putin-aliyev-dushanbe",
        "2026-dugin-sovereignty-remarks",
        "2026-zatulin-lazarev-club-statement",
        "2026-azerbaijan-summons-russian-ambassador",
        "2026-galuzin-izvestia-geneva",
    ],
}


@pytest.fixture(scope="module")
def events():
    return load_events()


@pytest.mark.parametrize("chapter", sorted(LISTED))
def test_a_chapter_gets_exactly_the_events_it_listed(events, chapter):
    chosen = in_chapter(events, chapter)
    # the same rows in the same order as the notebook's old selection: the loaded events, in date order, by id
    assert list(chosen["id"]) == list(events.loc[events["id"].isin(LISTED[chapter]), "id"])
    assert sorted(chosen["id"]) == sorted(LISTED[chapter])


def test_only_the_chapters_that_listed_events_are_named(events):
    named = {chapter for chapters in events["chapters"] for chapter in chapters}
    assert named == set(LISTED)


def test_chapter_events_are_in_date_order(events):
    chosen = in_chapter(events, "voices")
    assert chosen["date"].is_monotonic_increasing
    assert list(chosen["id"]) == list(chosen.sort_values(["date", "id"])["id"])


def test_a_chapter_no_event_names_gets_none(events):
    assert in_chapter(events, "timeline").empty
    assert in_chapter(events, "da").empty  # a name is matched whole: "da" is not "dam"


def test_the_chapters_column_is_loaded_as_tuples(events):
    assert all(isinstance(chapters, tuple) for chapters in events["chapters"])
    row = events.set_index("id").loc["1994-ceasefire-takes-effect", "chapters"]
    assert row == ("dam", "borders")
    assert events.set_index("id").loc["1991-belovezha-accords", "chapters"] == ()


def test_a_time_bar_marks_wars_annexations_recognitions_and_operations_at_their_precision():
    events = load_events()
    marked = key_events(events)
    expected = events[events["kind"].isin(KEY_KINDS)]
    assert [title for _, title in marked] == list(expected.sort_values(["date", "id"])["title"])
    assert ["2008-08-08", "2014-03-18"] <= [day for day, _ in marked if day.startswith(("2008-08-08", "2014-03"))]
    assert all(len(day) in (4, 7, 10) for day, _ in marked)
