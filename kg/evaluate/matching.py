"""String normalisation and tolerant comparison shared by the benchmark scorers.

`normalise` lower-cases, maps ё to е, drops quotes, unifies dashes and collapses spaces.
`close` accepts a small edit distance that grows with the shorter string's length:
0 edits for one character, 1 for 2-8 characters, 2 for longer strings.
`inflection_close` also accepts a long common prefix, so that a nominative word meets its
inflected form ("губернатор" / "губернатора"), and `phrase_contains` looks for one phrase
inside another word by word with the same tolerance.
"""

from __future__ import annotations

import re

__all__ = [
    "normalise",
    "allowed_edits",
    "levenshtein",
    "close",
    "common_prefix",
    "prefix_close",
    "inflection_close",
    "phrase_contains",
]

_QUOTES = re.compile(r"[«»„“”‟\"'‘’‚‛‹›`´]")
_DASHES = re.compile(r"[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u00ad-]")
_SPACED_DASH = re.compile(r"\s*-\s*")
_SPACES = re.compile(r"\s+")
_EDGE_PUNCT = " .,;:!?()[]"

PREFIX_MIN = 4
PREFIX_SLACK = 2
PHRASE_MIN = 3


def normalise(text: str | None) -> str:
    """Lower-case, ё→е, drop quotes, unify dashes and collapse whitespace."""
    if not text:
        return ""
    value = text.lower().replace("ё", "е")
    value = _QUOTES.sub(" ", value)
    value = _DASHES.sub("-", value)
    value = _SPACES.sub(" ", value).strip()
    value = _SPACED_DASH.sub("-", value)
    return value.strip(_EDGE_PUNCT + "-")


def allowed_edits(length: int) -> int:
    """The number of edits tolerated for a string of this length."""
    if length <= 1:
        return 0
    if length <= 8:
        return 1
    return 2


def levenshtein(a: str, b: str) -> int:
    """The edit distance (insertions, deletions, substitutions) between two strings."""
    if a == b:
        return 0
    if len(a) < len(b):
        a, b = b, a
    if not b:
        return len(a)
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            current.append(
                min(
                    previous[j] + 1,
                    current[j - 1] + 1,
                    previous[j - 1] + (char_a != char_b),
                )
            )
        previous = current
    return previous[-1]


def close(a: str, b: str) -> bool:
    """Whether two normalised strings differ by no more than the allowed edits."""
    if not a or not b:
        return False
    if a == b:
        return True
    limit = allowed_edits(min(len(a), len(b)))
    if abs(len(a) - len(b)) > limit:
        return False
    return levenshtein(a, b) <= limit


def common_prefix(a: str, b: str) -> int:
    """The length of the longest common prefix of two strings."""
    size = 0
    for char_a, char_b in zip(a, b, strict=False):
        if char_a != char_b:
            break
        size += 1
    return size


def prefix_close(a: str, b: str) -> bool:
    """Whether two words share a prefix of at least 4 chars and len(shorter) - 2."""
    if not a or not b:
        return False
    shorter = min(len(a), len(b))
    needed = max(PREFIX_MIN, shorter - PREFIX_SLACK)
    return shorter >= PREFIX_MIN and common_prefix(a, b) >= needed


def inflection_close(a: str, b: str) -> bool:
    """Whether two normalised strings are `close` or `prefix_close`."""
    return close(a, b) or prefix_close(a, b)


def phrase_contains(longer: str, shorter: str) -> bool:
    """Whether the words of `shorter` meet a run of words in `longer`, word by word."""
    outer = longer.split()
    inner = shorter.split()
    if not inner or len(inner) > len(outer) or len(shorter) < PHRASE_MIN:
        return False
    for offset in range(len(outer) - len(inner) + 1):
        window = outer[offset : offset + len(inner)]
        if all(inflection_close(x, y) for x, y in zip(window, inner, strict=True)):
            return True
    return False
