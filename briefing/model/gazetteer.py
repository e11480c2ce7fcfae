"""The country table that actor resolution reads (places.Gazetteer), built from the `countryinfo` package.

Not pure: countryinfo reads one JSON file per country from its package folder. The rules that turn its records
into names (codes, short forms, capitals, demonyms) are in places.py, pure and tested without it.
"""

from __future__ import annotations

from typing import Any

from ..text.places import CountryRecord, Gazetteer, build_gazetteer


def load_gazetteer() -> Gazetteer:
    """Every country countryinfo knows, with its names, codes, capital and demonym (~30 ms)."""
    from countryinfo import CountryInfo

    return build_gazetteer(_record(info) for info in CountryInfo.all().values())


def _record(info: Any) -> CountryRecord:
    iso = info.get("ISO") or {}
    return CountryRecord(
        name=info["name"],
        alt_spellings=tuple(info.get("altSpellings") or ()),
        capital=_text(info.get("capital")),
        demonym=_text(info.get("demonym")),
        codes=tuple(str(iso[c]) for c in ("alpha2", "alpha3") if iso.get(c)),
        listed=bool(iso.get("numeric")),
        population=int(info.get("population") or 0),
    )


def _text(value: Any) -> str | None:
    """A field as one string: a record or two give a list of one ("capital": ["Vatican City"])."""
    if isinstance(value, list):
        value = value[0] if value else None
    return value if isinstance(value, str) and value else None
