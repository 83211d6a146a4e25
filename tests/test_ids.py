import folium

from caucasus_atlas.ids import ELEMENT_IDS


def render(name: str) -> str:
    ELEMENT_IDS.restart(name)
    fmap = folium.Map(tiles=None)
    folium.CircleMarker([40.0, 44.0], popup="Gyumri").add_to(fmap)
    return fmap.get_root().render()


def test_the_same_map_renders_byte_for_byte():
    assert render("a") == render("a")


def test_two_maps_on_one_page_never_share_an_id():
    first, second = render("a"), render("b")
    assert first != second
    ELEMENT_IDS.restart("a")
    ids_a = {ELEMENT_IDS() for _ in range(50)}
    ELEMENT_IDS.restart("b")
    assert ids_a.isdisjoint({ELEMENT_IDS() for _ in range(50)})
