"""The rule bank: every family of extraction rules as a named record (`kg/lexicon/rules.toml`)
with the predicate it gives, its prior confidence, the lexicons it reads and its examples.

The machinery lives in `kg/extract/rules/`; a rule there asks the bank for its prior by name.
Each claim records the rule that made it (`Relation.rule`: the family's name, or its tag and
the cue word, "cue:встретиться"); `family` reads the family back from it. An example is a
sentence and the claims it must give:

    Мэр Москвы Сергей Собянин открыл парк. => holdsPosition(Сергей Собянин, Москва, role=мэр)

`predicate(subject, object, key=value...)` is a relation the family must give (`-` for no
object), `!predicate(...)` one that no rule may give (`*` stands for any entity), and
`Type(participant, ...)` an event the family must read. `none` lists sentences in which the
family finds nothing. Examples are read with the article date 2025-11-10, a Monday.

>>> rules()["post-before-name"].predicate
'holdsPosition'
>>> family("cue:встретиться", "met")
'meeting-verb'
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from kg.errors import KgError
from kg.lexicon import SCHEMAS, event_cues, rows
from kg.model import CORE_PREDICATES

__all__ = [
    "BankError",
    "Claim",
    "Example",
    "Rule",
    "rules",
    "rule",
    "prior",
    "bare_prior",
    "family",
    "event_family",
    "parse_claims",
    "markdown_table",
]

BANK = "rules.toml"
EVENT_PREDICATES = {
    "Meeting": "met",
    "AgreementSigning": "signedAgreement",
    "Cooperation": "cooperatesWith",
    "Opening": "locatedIn",
}


class BankError(KgError):
    """A rule bank record that cannot be read; the message names the file and line."""


@dataclass(frozen=True)
class Claim:
    """A relation or an event an example must (or, negated, must not) give."""

    name: str  # a predicate, or an event type ("Meeting")
    args: tuple[str, ...]  # subject and object labels, or an event's participants
    qualifiers: tuple[tuple[str, str], ...] = ()
    negated: bool = False

    @property
    def is_event(self) -> bool:
        """Whether the claim is an event (its name is capitalised)."""
        return self.name[:1].isupper()


@dataclass(frozen=True)
class Example:
    """A sentence and the claims it must give."""

    text: str
    claims: tuple[Claim, ...]


@dataclass(frozen=True)
class Rule:
    """A family of rules: what it gives, how sure it is, what it reads, and examples."""

    name: str
    about: str
    predicate: str | None
    prior: float
    bare_prior: float | None
    tag: str
    event: str | None
    lexicons: tuple[str, ...]
    examples: tuple[Example, ...]
    none: tuple[str, ...]


_CLAIM = re.compile(r"\s*(!?)\s*([^!;(]+?)\s*\((.*?)\)\s*(?:;|$)")


def parse_claims(text: str) -> tuple[Claim, ...]:
    """The claims of an example's right-hand side.

    >>> parse_claims("met(А, Б, place=Минск); !holdsPosition(В, *)")[1].negated
    True
    """
    out, pos = [], 0
    text = text.strip()
    while pos < len(text):
        m = _CLAIM.match(text, pos)
        if m is None:
            raise ValueError(f"cannot read the claim {text[pos:]!r}")
        parts = [p.strip() for p in m.group(3).split(",")]
        args = tuple(p for p in parts if "=" not in p)
        quals = tuple(tuple(p.split("=", 1)) for p in parts if "=" in p)
        out.append(Claim(m.group(2), args, quals, negated=bool(m.group(1))))
        pos = m.end()
    return tuple(out)


def _line_of(text: str, name: str) -> int:
    """The line of a rule's table header in the bank file."""
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip() == f"[rules.{name}]":
            return number
    return 1


def _example(text: str, where: str) -> Example:
    sentence, arrow, right = text.partition("=>")
    if not arrow or not sentence.strip():
        raise BankError(f"{where}: an example is 'sentence => claims': {text!r}")
    try:
        claims = parse_claims(right)
    except ValueError as e:
        raise BankError(f"{where}: {e}") from None
    if not claims:
        raise BankError(f"{where}: an example gives no claim: {text!r}")
    return Example(sentence.strip(), claims)


def _record(name: str, data: dict, where: str) -> Rule:
    known = {"about", "predicate", "prior", "bare_prior", "tag", "event"}
    known |= {"lexicons", "examples", "none"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise BankError(f"{where}: unknown field(s) {', '.join(unknown)}")
    predicate = data.get("predicate")
    if predicate is not None and predicate not in CORE_PREDICATES and predicate != "verb:*":
        raise BankError(f"{where}: unknown predicate {predicate!r}")
    for field in ("prior", "bare_prior"):
        value = data.get(field)
        if field == "prior" and value is None:
            raise BankError(f"{where}: no prior")
        if value is not None and not (isinstance(value, int | float) and 0 <= value <= 1):
            raise BankError(f"{where}: {field} {value!r} is not a number in [0, 1]")
    for lexicon in data.get("lexicons", []):
        try:
            rows(lexicon)
        except FileNotFoundError:
            if lexicon not in SCHEMAS:
                raise BankError(f"{where}: no lexicon {lexicon!r} in kg/lexicon/") from None
    examples = tuple(_example(e, where) for e in data.get("examples", []))
    return Rule(
        name=name,
        about=str(data.get("about", "")),
        predicate=predicate,
        prior=float(data["prior"]),
        bare_prior=None if data.get("bare_prior") is None else float(data["bare_prior"]),
        tag=str(data.get("tag", name)),
        event=data.get("event"),
        lexicons=tuple(data.get("lexicons", [])),
        examples=examples,
        none=tuple(data.get("none", [])),
    )


def parse_bank(text: str) -> dict[str, Rule]:
    """The rules of a bank file's text, each record checked."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise BankError(f"kg/lexicon/{BANK}: {e}") from None
    out = {}
    for name, record in data.get("rules", {}).items():
        out[name] = _record(name, record, f"kg/lexicon/{BANK}:{_line_of(text, name)}")
    for lemma, cues in event_cues().items():
        for cue in cues:
            if cue.rule not in out or out[cue.rule].tag != "cue":
                raise BankError(
                    f"kg/lexicon/events.tsv: the cue {lemma!r} names the rule {cue.rule!r},"
                    " which the bank has not as a cue rule"
                )
    return out


@cache
def rules() -> dict[str, Rule]:
    """Every rule family of the bank, by name (read once per process)."""
    text = resources.files("kg.lexicon").joinpath(BANK).read_text("utf-8")
    return parse_bank(text)


def rule(name: str) -> Rule:
    """The rule family called `name`."""
    try:
        return rules()[name]
    except KeyError:
        raise BankError(f"no rule {name!r} in kg/lexicon/{BANK}") from None


def prior(name: str) -> float:
    """The prior confidence of a rule family's claims."""
    return rule(name).prior


def bare_prior(name: str) -> float:
    """The prior confidence of a family's holdsPosition claim that names no organisation."""
    found = rule(name).bare_prior
    return found if found is not None else rule(name).prior


@cache
def _by_tag() -> dict[str, str]:
    return {r.tag: r.name for r in rules().values() if r.tag != "cue"}


def family(rule_string: str, predicate: str) -> str | None:
    """The family that made a claim, from its rule string and predicate."""
    tag, _, lemma = rule_string.partition(":")
    if tag == "cue":
        cues = [c for c in event_cues().get(lemma, ()) if c.predicate == predicate]
        return cues[0].rule if cues else None
    return _by_tag().get(tag)


def event_family(rule_string: str, event_type: str) -> str | None:
    """The family that read an event, from its rule string and type."""
    return family(rule_string, EVENT_PREDICATES.get(event_type, ""))


def markdown_table() -> str:
    """The bank as a Markdown table (README's list of rules is this)."""
    lines = [
        "| rule | gives | prior | reads | example |",
        "|---|---|---|---|---|",
    ]
    for r in rules().values():
        gives = r.predicate or r.event or ""
        if r.predicate and r.event:
            gives = f"{r.predicate}, {r.event}"
        example = r.examples[0].text if r.examples else ""
        reads = ", ".join(r.lexicons)
        lines.append(f"| `{r.name}` | {gives} | {r.prior:g} | {reads} | {example} |")
    return "\n".join(lines) + "\n"
