"""Every example of every rule family in the bank (kg/lexicon/rules.toml), run through the
whole extraction: the family gives what its examples say, no rule gives what they forbid, and
the family finds nothing in its `none` sentences."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.errors import KgError
from kg.extract.bank import (
    Claim,
    event_family,
    family,
    markdown_table,
    parse_bank,
    parse_claims,
    rules,
)
from kg.lexicon import parse_rows
from kg.model import Extraction, fold

README = Path(__file__).resolve().parent.parent / "README.md"
EXAMPLES = [(r.name, e) for r in rules().values() for e in r.examples]
NONE = [(r.name, text) for r in rules().values() for text in r.none]


@pytest.fixture(scope="module")
def read(pipeline):
    """A function: a sentence → what kg extracts from it (dated 2025-11-10)."""
    from kg.extract import extract
    from kg.model import Article

    def run(text: str) -> Extraction:
        return extract(Article(id="t", text=text, date="2025-11-10"), pipeline)

    return run


def _same(a: str, b: str) -> bool:
    return b == "*" or fold(a) == fold(b)


def _relation_matches(claim: Claim, r) -> bool:
    subject, obj = claim.args
    if r.predicate != claim.name or not _same(r.subject.label, subject):
        return False
    if obj == "-" and r.object is not None:
        return False
    if obj != "-" and (r.object is None or not _same(r.object.label, obj)):
        return False
    for key, value in claim.qualifiers:
        got = str(r.qualifiers.get(key, ""))
        if value == "-":  # the claim must not have this qualifier
            if key in r.qualifiers:
                return False
        elif key == "share":
            if abs(float(got or "nan") - float(value)) > 0.005:
                return False
        elif key == "agreement":
            if not fold(got).startswith(fold(value)):
                return False
        elif fold(got) != fold(value):
            return False
    return True


def _event_matches(claim: Claim, ev) -> bool:
    names = sorted(fold(p.label) for p in ev.participants)
    return ev.type == claim.name and names == sorted(fold(a) for a in claim.args)


def _shown(x: Extraction) -> str:
    lines = [
        f"  {family(r.rule, r.predicate)}: {r.predicate}({r.subject.label}, "
        f"{r.object.label if r.object else '-'}) {r.qualifiers}"
        for r in x.relations
    ]
    lines += [
        f"  {event_family(e.rule, e.type)}: {e.type}{[p.label for p in e.participants]}"
        for e in x.events
    ]
    return "\n".join(lines) or "  nothing"


def test_every_family_has_examples():
    for r in rules().values():
        assert r.examples, f"{r.name} has no example"
        assert r.none, f"{r.name} has no sentence that must give nothing"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "example"), EXAMPLES, ids=[f"{n}-{i}" for i, (n, _) in enumerate(EXAMPLES)]
)
def test_an_example_gives_its_claims(read, name, example):
    x = read(example.text)
    ours = [r for r in x.relations if family(r.rule, r.predicate) == name]
    our_events = [e for e in x.events if event_family(e.rule, e.type) == name]
    for claim in example.claims:
        if claim.negated:
            wrong = [r for r in x.relations if _relation_matches(claim, r)]
            assert not wrong, f"no rule may give {claim}; got:\n{_shown(x)}"
        elif claim.is_event:
            assert any(_event_matches(claim, e) for e in our_events), f"{claim}; got:\n{_shown(x)}"
        else:
            assert any(_relation_matches(claim, r) for r in ours), f"{claim}; got:\n{_shown(x)}"
    assert not _twice_read(our_events), f"one event read twice; got:\n{_shown(x)}"


def _twice_read(events) -> list:
    """The events that repeat an earlier one: same type, participants, place and time."""
    seen, twice = set(), []
    for e in events:
        place = e.place.key if e.place else None
        key = (e.type, frozenset(p.key for p in e.participants), place, e.time)
        if key in seen:
            twice.append(e)
        seen.add(key)
    return twice


@pytest.mark.slow
@pytest.mark.parametrize(("name", "text"), NONE, ids=[f"{n}-{i}" for i, (n, _) in enumerate(NONE)])
def test_a_family_finds_nothing_where_it_should_not(read, name, text):
    x = read(text)
    found = [r for r in x.relations if family(r.rule, r.predicate) == name]
    found += [e for e in x.events if event_family(e.rule, e.type) == name]
    assert not found, f"{name} found something:\n{_shown(x)}"


def test_every_claim_is_attributed_to_a_family_of_the_bank(seed_extraction):
    for r in seed_extraction.relations:
        assert family(r.rule, r.predicate) in rules(), r.rule
    for e in seed_extraction.events:
        assert event_family(e.rule, e.type) in rules(), e.rule


def test_readme_lists_the_rules_of_the_bank():
    text = README.read_text("utf-8")
    block = re.search(r"<!-- rules -->\n(.*?)<!-- /rules -->", text, re.S)
    assert block, "README has no <!-- rules --> block"
    assert block.group(1) == markdown_table(), "run `make readme` to write the bank's table"


def test_claims_are_read_as_written():
    (met, never) = parse_claims("met(А Б, В Г, place=Минск); !holdsPosition(Д, *)")
    assert (met.name, met.args, met.qualifiers, met.negated) == (
        "met",
        ("А Б", "В Г"),
        (("place", "Минск"),),
        False,
    )
    assert never.negated and never.args == ("Д", "*")
    assert parse_claims("verb:прибыть в(А, Б)")[0].name == "verb:прибыть в"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[rules.x]\nprior = 1.5\n", r"rules.toml:1: prior 1.5 is not a number in \[0, 1\]"),
        ('[rules.x]\nprior = 0.5\nlexicons = ["nope"]\n', r"rules.toml:1: no lexicon 'nope'"),
        ('\n[rules.x]\nprior = 0.5\nexamples = ["no arrow"]\n', r"rules.toml:2: an example is"),
        ('[rules.x]\nprior = 0.5\nkind = "post"\n', r"rules.toml:1: unknown field\(s\) kind"),
        ("[rules.x]\npriors = 0.5\n", r"unknown field"),
    ],
)
def test_a_bad_bank_record_names_its_line(text, message):
    with pytest.raises(KgError, match=message):
        parse_bank(text)


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            "events",
            "встреча\tNOUN\tmet\tmeeting-noun\tnoobj\n",
            r"events.tsv:1: unknown condition 'noobj'",
        ),
        ("events", "# c\nвстреча\tNOUN\tmeets\tmeeting-noun\n", r"events.tsv:2: predicate 'meets'"),
        ("events", "встреча\tNOUN\n", r"events.tsv:1: 2 column\(s\), expected lemma, pos"),
        ("shares", "треть\tмного\n", r"shares.tsv:1: share 'много' is not a number"),
        ("posts", "губернатор\tboss\n", r"posts.tsv:1: kind 'boss' is not one of office"),
        (
            "events",
            "принять\tVERB\tmet\tmeeting-host\tobjtype=Human\n",
            r"'Human' is not an entity type",
        ),
    ],
)
def test_a_bad_lexicon_row_names_its_file_and_line(name, text, message):
    with pytest.raises(KgError, match=message):
        parse_rows(name, text)


@pytest.mark.slow
def test_prose_without_any_pattern_gives_nothing(read):
    x = read(
        "Осень в этом году выдалась теплой. Дожди шли редко, а листья долго не опадали. "
        "Синоптики обещают снег только к концу месяца."
    )
    assert x.relations == []
