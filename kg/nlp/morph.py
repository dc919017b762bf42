"""pymorphy2's analyses of single words, through natasha (which patches pymorphy2 for Python
3.11: natasha is imported first)."""

from __future__ import annotations

import warnings
from functools import lru_cache

__all__ = ["UNNAMED_LETTER", "morph_vocab", "morph_parse"]

# pymorphy2 asks unicodedata for the name of every letter of a word, and some letters have
# none (Tangut, Khitan): a ValueError, after which the word is taken as it is written.
UNNAMED_LETTER = ValueError


@lru_cache(maxsize=1)
def morph_vocab():
    """natasha's MorphVocab (pymorphy2, patched for Python 3.11 by importing natasha first)."""
    from natasha import MorphVocab

    with warnings.catch_warnings():  # pymorphy2 finds its dictionaries through pkg_resources,
        warnings.filterwarnings("ignore", "pkg_resources is deprecated", UserWarning)
        return MorphVocab()  # which setuptools 80 says is deprecated: nothing a user can do


@lru_cache(maxsize=50_000)
def morph_parse(word: str) -> tuple:
    """pymorphy2's analyses of a word (through natasha, which patches it for Python 3.11);
    none for a word pymorphy2 cannot read."""
    try:
        return tuple(morph_vocab().parse(word))
    except UNNAMED_LETTER:
        return ()
