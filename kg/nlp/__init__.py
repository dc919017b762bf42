"""Natural-language processing with natasha: an article's text into sentences of tokens
(lemmas, morphology, dependencies) and named-entity spans with normal forms."""

from kg.nlp.morph import morph_parse, morph_vocab
from kg.nlp.pipeline import MAX_SENTENCE_TOKENS, Pipeline, load_pipeline, parse
from kg.nlp.records import NerSpan, Parsed, Sentence, Token

__all__ = [
    "Token",
    "Sentence",
    "NerSpan",
    "MAX_SENTENCE_TOKENS",
    "Parsed",
    "Pipeline",
    "load_pipeline",
    "morph_vocab",
    "morph_parse",
    "parse",
]
