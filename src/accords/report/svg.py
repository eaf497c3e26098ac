"""Drawings computed on the server as SVG: the regions map and the party network.

No chart library and no request outside the server: the outlines ship with the package
(``accords/data/geo``), projected here with an equirectangular projection scaled by the
cosine of the mean latitude, which is close enough at Ukraine's size.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = ["RegionShape", "circle_layout", "position_colour", "region_shapes"]

WIDTH = 640.0


@dataclass(frozen=True)
class RegionShape:
    """One region's outline as an SVG path, with its ISO 3166-2 code and name."""

    code: str
    name: str
    d: str
    cx: float
    cy: float


@cache
def region_shapes() -> tuple[tuple[RegionShape, ...], float]:
    """The outlines of the shipped regions as SVG paths, and the drawing's height."""
    text = resources.files("accords.data").joinpath("geo/ukraine-admin1.geojson").read_text()
    features = json.loads(text)["features"]
    points = [
        (lon, lat)
        for f in features
        for polygon in f["geometry"]["coordinates"]
        for ring in polygon
        for lon, lat in ring
    ]
    lon0, lon1 = min(p[0] for p in points), max(p[0] for p in points)
    lat0, lat1 = min(p[1] for p in points), max(p[1] for p in points)
    k = math.cos(math.radians((lat0 + lat1) / 2))
    scale = WIDTH / ((lon1 - lon0) * k)
    height = (lat1 - lat0) * scale

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return (lon - lon0) * k * scale, (lat1 - lat) * scale

    shapes = []
    for f in features:
        parts, xs, ys = [], [], []
        for polygon in f["geometry"]["coordinates"]:
            for ring in polygon:
                coords = [xy(lon, lat) for lon, lat in ring]
                xs += [c[0] for c in coords]
                ys += [c[1] for c in coords]
                parts.append("M" + "L".join(f"{x:.0f},{y:.0f}" for x, y in coords) + "Z")
        shapes.append(
            RegionShape(
                code=f["properties"]["iso_3166_2"],
                name=f["properties"]["name"],
                d="".join(parts),
                cx=sum(xs) / len(xs),
                cy=sum(ys) / len(ys),
            )
        )
    return tuple(shapes), height


def position_colour(position: float | None) -> str:
    """A colour for a 0-100 position: blue (0) through pale yellow (50) to red (100).

    >>> position_colour(0), position_colour(100), position_colour(None)
    ('#2b6cb0', '#b83227', '#c9ced6')
    """
    if position is None:
        return "#c9ced6"
    stops = [(0.0, (0x2B, 0x6C, 0xB0)), (50.0, (0xF2, 0xE3, 0xA5)), (100.0, (0xB8, 0x32, 0x27))]
    t = min(max(float(position), 0.0), 100.0)
    (p0, c0), (p1, c1) = (stops[0], stops[1]) if t <= 50 else (stops[1], stops[2])
    w = (t - p0) / (p1 - p0)
    r, g, b = (round(a + (b - a) * w) for a, b in zip(c0, c1, strict=True))
    return f"#{r:02x}{g:02x}{b:02x}"


def circle_layout(names: list[str], *, radius: float = 200.0) -> dict[str, tuple[float, float]]:
    """Positions on a circle (centre at ``radius + 60``), in the order given."""
    n = max(len(names), 1)
    centre = radius + 60
    return {
        name: (
            centre + radius * math.cos(2 * math.pi * i / n - math.pi / 2),
            centre + radius * math.sin(2 * math.pi * i / n - math.pi / 2),
        )
        for i, name in enumerate(names)
    }
