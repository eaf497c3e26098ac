"""The shipped region outlines are keyed by real ISO 3166-2 codes: all 27 of Ukraine's."""

from __future__ import annotations

import json
from importlib import resources

import pycountry


def load_regions() -> dict[str, object]:
    text = resources.files("accords.data").joinpath("geo/ukraine-admin1.geojson").read_text()
    data: dict[str, object] = json.loads(text)
    return data


def test_the_27_codes_are_ukraines_iso_3166_2_subdivisions() -> None:
    features = load_regions()["features"]
    assert isinstance(features, list)
    codes = [f["properties"]["iso_3166_2"] for f in features]
    assert len(codes) == len(set(codes)) == 27
    official = {s.code for s in pycountry.subdivisions.get(country_code="UA")}
    assert set(codes) == official


def test_every_region_has_a_drawable_outline() -> None:
    for feature in load_regions()["features"]:  # type: ignore[attr-defined]
        polygons = feature["geometry"]["coordinates"]
        assert polygons, feature["properties"]
        for polygon in polygons:
            for ring in polygon:
                assert len(ring) >= 4
                for lon, lat in ring:
                    assert 22 <= lon <= 41
                    assert 44 <= lat <= 53
