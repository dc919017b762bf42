"""Fuzzing with hypothesis: odd text through natasha and kg's rules never fails, offsets point
into the text, labels are never empty and the RDF parses back; reading odd bytes and markup
never fails either. Fixed seed, bounded examples."""

from __future__ import annotations

import time

import pyoxigraph
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rdflib import Dataset

from kg.build.write import content_hash
from kg.errors import InputError
from kg.extract import extract
from kg.io.articles import read_file_items
from kg.io.decode import DecodeError, decode
from kg.io.html import html_text
from kg.model import Article, Extraction
from kg.nlp import MAX_SENTENCE_TOKENS, parse
from kg.rdf.iris import article_iri
from kg.rdf.mapping import article_graph, article_metadata
from kg.rdf.nquads import to_nquads

pytestmark = pytest.mark.slow

FUZZ = settings(
    max_examples=50,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Text as a file can hold it: any code point but surrogates.
CHARS = st.characters(codec="utf-8")
NAMES = ["Илья Середюк", "Андрей Конюшко", "Алексей Миллер", "Жан-Клод Юнкер", "Ван И", "О'Нил"]
ORGS = ["Газпром", "Сбербанк", "Клуб Регионов", "МТС", "ВымпелКом", ""]
POSTS = ["губернатор Кузбасса", "председатель правления", "министр финансов", "мэр Москвы"]
VERBS = ["встретился с", "подписал соглашение с", "провёл переговоры с", "заявил, что"]
TAILS = ["в Кемерове", "в Минске", "на прошлой неделе", "10 ноября", "доля 30%", ""]
OPENING, CLOSING = "«„“\"'([{‹<", "»“”\"')]}›>"
# Scripts and signs news text rarely holds: CJK, emoji with joiners, right-to-left text and
# marks, combining accents, soft hyphens, zero-width signs, tabs, page breaks, controls.
ODD = [
    "漢字",
    "😀",
    "👨‍👩‍👧",
    "🏽",
    "שלום",
    "مرحبا",
    "\u202e",
    "\u200f",
    "\u0301",
    "\u0336",
    "\u00ad",
    "\u200b",
    "\u200d",
    "\ufeff",
    "\ufe0f",
    "\t",
    "\n",
    "\r\n",
    "\x0b",
    "\x0c",
    "\x1f",
    "\x85",
    "\u2028",
    "\xa0",
    "𗀀",  # a Tangut letter: unicodedata has no name for it
    "Apple",
    "ΣΩ",
]


def quoted(text: str) -> st.SearchStrategy[str]:
    """`text` inside up to eight quotes or brackets, paired or not."""
    pairs = st.tuples(st.sampled_from(OPENING), st.sampled_from(CLOSING))
    return st.lists(pairs, max_size=8).map(
        lambda ps: "".join(o for o, _ in ps) + text + "".join(c for _, c in reversed(ps))
    )


@st.composite
def noisy(draw: st.DrawFn, text: str) -> str:
    """`text` with up to three odd signs put anywhere in it."""
    chars = list(text)
    for _ in range(draw(st.integers(0, 3))):
        chars.insert(draw(st.integers(0, len(chars))), draw(st.sampled_from(ODD)))
    return "".join(chars)


@st.composite
def news_sentence(draw: st.DrawFn) -> str:
    """A sentence of the kind kg reads, its names quoted, bracketed and garbled."""
    org = draw(quoted(draw(st.sampled_from(ORGS))))
    first = draw(noisy(draw(st.sampled_from(NAMES))))
    second = draw(quoted(draw(noisy(draw(st.sampled_from(NAMES))))))
    parts = [draw(st.sampled_from(POSTS)), org, first, draw(st.sampled_from(VERBS))]
    parts += [draw(st.sampled_from(POSTS)), second, draw(st.sampled_from(TAILS))]
    end = draw(st.sampled_from([".", "!", "?", "…", "", ".»", ";", "\n"]))
    return " ".join(p for p in parts if p) + end


PUNCTUATION = st.text(st.sampled_from(".,;:!?…—–-«»„“”\"'()[]{}<>/\\|*#%&@~^_+=` "), max_size=400)
MIXED = st.lists(
    st.one_of(st.sampled_from(ODD), st.sampled_from(NAMES), st.text(CHARS, max_size=6)),
    max_size=60,
).map(" ".join)
NESTED = st.lists(st.sampled_from(NAMES + ORGS + VERBS), min_size=1, max_size=4).flatmap(
    lambda words: quoted(" ".join(words))
)
NEWS = st.lists(news_sentence(), min_size=1, max_size=5).map(" ".join)


def check(text: str, pipeline) -> Extraction:
    """Extract from `text` and check what the extraction says about it."""
    x = extract(Article(id="fuzz", text=text, date="2025-11-10"), pipeline)
    for m in x.mentions:
        assert 0 <= m.start <= m.end <= len(text), m
        assert text[m.start : m.end] == m.text, m
    claims = [(r.evidence, [r.subject, r.object]) for r in x.relations]
    claims += [(ev.evidence, [*ev.participants, ev.place]) for ev in x.events]
    for evidence, entities in claims:
        assert 0 <= evidence.start <= evidence.end <= len(text), evidence
        assert text[evidence.start : evidence.end] == evidence.text, evidence
        assert all(e.label.strip() for e in entities if e is not None), entities
    assert all(e.label.strip() for e in x.entities.values())
    triples = article_graph(x) + article_metadata(x.article, content_hash(x.article))
    graph = article_iri(x.article.id)
    nquads = to_nquads(triples, graph)
    assert len(list(pyoxigraph.parse(nquads.encode("utf-8"), format=pyoxigraph.RdfFormat.N_QUADS)))
    ds = Dataset()
    for t in triples:
        ds.add((*t, graph))
    back = Dataset().parse(data=ds.serialize(format="trig"), format="trig")
    assert len(back) == len(ds) == len(set(triples))
    return x


@FUZZ
@given(st.text(CHARS, max_size=300))
@example("\r")  # white space alone: a sentence of no tokens failed natasha's syntax parser
@example(" \n\t\x0b ")
@example("𗀀")  # a letter without a Unicode name failed pymorphy2
@example("Губернатор Кузбасса Илья 𗀀 Середюк встретился с министром.")
def test_any_text(pipeline, text):
    check(text, pipeline)


@FUZZ
@given(PUNCTUATION)
def test_runs_of_punctuation(pipeline, text):
    check(text, pipeline)


@FUZZ
@given(MIXED)
def test_mixed_scripts(pipeline, text):
    check(text, pipeline)


@FUZZ
@given(NESTED)
def test_nested_quotes_and_brackets(pipeline, text):
    check(text, pipeline)


@FUZZ
@given(NEWS)
@example("Губернатор Кузбасса Илья Середюк встретился с «„Газпромом“» Алексеем Миллером.")
# NER tagged the lone "„" an organisation, labelled "" once its quotes were taken away
@example('председатель правления «„"«Газпром»»»» Илья Середюк встретился с губернатором.')
def test_garbled_news(pipeline, text):
    check(text, pipeline)


def test_the_fuzzed_news_yields_claims(pipeline):
    """The news strategy reaches the rules: its sentences give relations and events."""
    x = check(
        "Губернатор Кузбасса Илья Середюк встретился с председателем правления «Газпрома» "
        "Алексеем Миллером в Кемерове.",
        pipeline,
    )
    assert {r.predicate for r in x.relations} >= {"met", "holdsPosition"} and x.events


def test_a_sentence_of_thousands_of_tokens_is_parsed_in_pieces(pipeline):
    """The syntax parser takes memory in the square of a sentence's length: 16,000 tokens
    took 4 GB in one piece."""
    text = "Илья Середюк встретился с Андреем Конюшко и " * 1500
    started = time.perf_counter()
    parsed = parse(text, pipeline)
    assert time.perf_counter() - started < 30
    assert max(len(s.tokens) for s in parsed.sentences) <= MAX_SENTENCE_TOKENS
    assert sum(len(s.tokens) for s in parsed.sentences) == 10500
    assert all(text[s.start : s.end] == s.text for s in parsed.sentences)


@FUZZ
@given(st.binary(max_size=2000))
@example(b"\xff\xfe")  # a UTF-16 byte order mark and nothing after it
@example(b"\x00\x04" * 8)
def test_any_bytes_decode_or_are_refused(data):
    try:
        text = decode(data)
    except DecodeError as e:
        assert str(e) and "\n" not in str(e)
    else:
        assert isinstance(text, str) and "\x00" not in text


@FUZZ
@given(st.text(st.sampled_from("<>/!-?&#;=\"' abpscriptytlehdmv\n"), max_size=300) | MIXED)
def test_any_markup_gives_text(markup):
    page = html_text(markup)
    assert page.text == page.text.strip() and "\n\n" not in page.text
    assert page.title is None or page.title.strip()


@FUZZ
@given(st.binary(max_size=800), st.sampled_from([".txt", ".jsonl", ".html"]))
@example(b'{"id": "a", "text": "\\ud800"}', ".jsonl")
@example(b'{"id": {"x": 1}, "text": "\\u0422"}', ".jsonl")
@example(b"[" * 5000, ".jsonl")
def test_any_file_gives_articles_or_reasons(tmp_path_factory, data, suffix):
    f = tmp_path_factory.mktemp("fuzz") / f"in{suffix}"
    f.write_bytes(data)
    for item in read_file_items(f):
        assert isinstance(item, Article | InputError)
        if isinstance(item, InputError):
            assert str(item).startswith(str(f)) and "\n" not in str(item)
        else:
            assert item.text.strip() and item.id
