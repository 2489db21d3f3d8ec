"""The knowledge base: entities a public source knows, with their Wikidata ids and aliases.

``data/kb.tsv`` is generated at development time by ``tools/make_kb.py`` from Wikidata-derived
tables of countries, international bodies and political parties, and the SEC's list of listed
companies (licences in ``index/data/README.md``). It is read once, on first use.

What it is used for: evidence of a name's type where the text gives none ("Microsoft said"),
weaker than the text's own ("President Obama"); aliases merged (EU = European Union); and a
Wikidata id on an entity whose name or alias it knows with the same type.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from index.sanitize import fold

DATA = Path(__file__).resolve().parent.parent / "data"
KINDS = ("country", "body", "party", "company")
_ACRONYM = re.compile(r"^[A-Z0-9&.-]{2,}$")


@dataclass(frozen=True, slots=True)
class Known:
    """An entity of the knowledge base; ``qid`` is "" where the source gives no Wikidata id or
    the name is shared by entries with different ids (an abbreviation two parties use)."""

    qid: str
    type: str  # PLACE or ORG
    kind: str  # country, body, party or company
    name: str
    # Known by this key as an abbreviation only ("MHM"): it names the entity in capitals only.
    acronym: bool = field(default=False, compare=False)


def _qnumber(qid: str) -> int:
    return int(qid[1:]) if qid[1:].isdigit() else 1 << 40


@cache
def knowledge() -> dict[str, Known]:
    """Folded name or alias -> the entity it names. A name several entries claim goes to the
    first kind (country, body, party, company), then the lowest Wikidata number (the older,
    better-known item); an abbreviation claimed by entries with different ids keeps no id."""
    claims: dict[str, list[tuple[int, int, Known, bool]]] = {}
    for line in (DATA / "kb.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        qid, kind_type, kind, name, aliases = (line.split("\t") + [""] * 5)[:5]
        known = Known("" if qid == "-" else qid, kind_type, kind, name)
        rank = KINDS.index(kind) if kind in KINDS else len(KINDS)
        for alias in [name, *(a for a in aliases.split("|") if a)]:
            claim = (rank, _qnumber(known.qid), known, bool(_ACRONYM.match(alias)))
            claims.setdefault(fold(alias), []).append(claim)
    table: dict[str, Known] = {}
    for key, found in claims.items():
        found.sort(key=lambda claim: claim[:2])
        best = found[0][2]
        ids = {claim[2].qid for claim in found}
        if len(ids) > 1 and any(claim[3] for claim in found):
            types = {claim[2].type for claim in found}
            if len(types) > 1:
                continue  # "BP": a company and a party; nothing is known for sure
            best = Known("", best.type, best.kind, best.name)
        if all(claim[3] for claim in found):
            best = replace(best, acronym=True)
        table[key] = best
    return table


def lookup(name: str) -> Known | None:
    return knowledge().get(fold(name))


def wikidata_id(name: str, kind: str, aliases: tuple[str, ...] | list[str] = ()) -> str | None:
    """The Wikidata id of an entity called ``name`` (or one of ``aliases``) of type ``kind``,
    when the knowledge base knows one of those names with that type."""
    table = knowledge()
    for candidate in (name, *aliases):
        known = table.get(fold(candidate))
        if known is not None and known.type == kind and known.qid:
            return known.qid
    return None


@cache
def _by_qid() -> dict[str, list[str]]:
    names: dict[str, list[str]] = {}
    for key, known in knowledge().items():
        if known.qid:
            names.setdefault(known.qid, []).append(key)
    return names


def names_of(qid: str) -> list[str]:
    """The folded names and aliases the knowledge base gives the entity ``qid``."""
    return _by_qid().get(qid, [])
