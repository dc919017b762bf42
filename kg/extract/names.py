"""People's names as a reference book writes them: every word in the nominative, first name
before surname, no patronymic, and nothing but the name.

A person span of the NER often takes a word too many ("Вчера А. Третьяка", "Поп-звезда
Мадонна", "Шестидесятивосьмилетняя Руссефф") or a gloss in brackets ("Арлена Спектера
(Arlen Specter)"): the name is cut to its name words first. Each word is then put in the
nominative from the case the morphological tagger gives its token, keeping its gender
("Ирину Яровую" → "Ирина Яровая", "Арлена Спектера" → "Арлен Спектер"), with pymorphy's
analyses in that case, names and surnames first. Initials stay initials ("А. Третьяк").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.labels import match_case
from kg.lexicon import posts, words
from kg.nlp import Token, morph_parse

__all__ = [
    "PATRONYMIC",
    "PersonName",
    "name_role",
    "name_tokens",
    "name_words",
    "person_name",
]

PATRONYMIC = re.compile(r"(?:ович|евич|ьич|ич|овна|евна|ична|инична|оглы|кызы)$", re.IGNORECASE)
_INITIAL = re.compile(r"^[А-ЯЁ]$")  # a Latin I, V, X after a name is a numeral ("Николай I")
_OC_CASE = {"Gen": "gent", "Dat": "datv", "Acc": "accs", "Ins": "ablt", "Loc": "loct"}
_OC_GENDER = {"Masc": "masc", "Fem": "femn"}
_NAME_TAGS = ("Name", "Surn", "Patr")
_NOT_NAME_POS = {"ADJ", "ADV", "ADP", "CCONJ", "SCONJ", "DET", "PRON", "VERB", "NUM", "PART"}


def name_role(word: str) -> str | None:
    """`first`, `middle` or `last` when pymorphy knows the word as such a name part."""
    for p in morph_parse(word):
        for tag, role in (("Patr", "middle"), ("Name", "first"), ("Surn", "last")):
            if tag in p.tag:
                return role
    return None


def _is_name_like(token: Token) -> bool:
    """Whether a token can be a word of a person's name."""
    text = token.text
    if not text[:1].isupper() or not any(c.isalpha() for c in text):
        return False
    if _INITIAL.match(text):
        return True
    if token.lemma in posts() or token.lemma.split("-")[-1] in posts():
        return False  # "Император Акихито", "Поп-звезда Мадонна"
    if token.lemma in words("honorifics"):
        return False  # "Сэр Алекс Фергюсон"
    parses = morph_parse(text)
    if any(t in p.tag for p in parses for t in _NAME_TAGS):
        return True
    if parses and parses[0].tag.POS in ("ADJF", "PRTF"):
        return False  # "Шестидесятивосьмилетняя Руссефф"
    if parses and parses[0].tag.POS == "ADVB" and parses[0].is_known:
        return False  # "Вчера А. Третьяка"; a guessed adverb is a name ("генерала Ратко Младича")
    # a dictionary word that is not a name, capitalised to start a sentence
    known = any(p.is_known for p in parses)
    return not (known and token.pos in _NOT_NAME_POS | {"NOUN"})


def _opening_noun(token: Token) -> bool:
    """A dictionary noun that opens its sentence: its capital and the tagger's proper noun are
    no evidence of a name ("Прислуга Макафи", "Карьер Гандольфини"; "Пан Ги Мун" is three
    words and keeps them)."""
    parses = morph_parse(token.text)
    return (
        token.index == 0
        and bool(parses)
        and parses[0].is_known
        and parses[0].tag.POS == "NOUN"
        and not any(t in p.tag for p in parses for t in _NAME_TAGS)
    )


def name_tokens(tokens: list[Token]) -> list[Token]:
    """The tokens of a person span that are the name: a gloss in brackets cut off, words that
    are not names trimmed from either end (one word at least is kept)."""
    words: list[Token] = []
    for t in tokens:
        if t.text in ("(", "[", "«", '"'):
            break  # "Арлена Спектера (Arlen Specter)"
        if t.pos != "PUNCT" and any(c.isalpha() for c in t.text):
            words.append(t)
    while len(words) > 1 and not _is_name_like(words[0]):
        words.pop(0)
    if len(words) == 2 and _opening_noun(words[0]):
        words.pop(0)  # "Прислуга Макафи дала интервью"
    while len(words) > 1 and words[-1].pos == "ADJ" and not _is_name_like(words[-1]):
        words.pop()  # "Кронпринц Нарухито Верхняя"
    return words


_OBLIQUE_ONLY = ("ой", "ей", "ом", "ем", "ым", "им", "ову", "еву", "ину")  # endings no name
# has in the nominative


def _case_gender(token: Token) -> tuple[str | None, str | None]:
    """The OpenCorpora case (None for the nominative) and gender of a name word: the tagger's,
    unless it reads as nominative a surname or first name pymorphy knows in other cases only
    ("Визит Дариги Назарбаевой" tagged nominative: Назарбаевой is genitive, feminine)."""
    oc = _OC_CASE.get(token.feats.get("Case") or "")
    gender = _OC_GENDER.get(token.feats.get("Gender") or "")
    if oc or not token.text.endswith(_OBLIQUE_ONLY):
        return oc, gender  # a foreign name in -е, -у, -и may be its nominative ("Исаму")
    named = [  # a surname pymorphy guesses, a first name it knows
        p for p in morph_parse(token.text) if "Surn" in p.tag or (p.is_known and "Name" in p.tag)
    ]
    if named and all("nomn" not in p.tag and "plur" not in p.tag for p in named):
        tag = named[0].tag
        return tag.case, tag.gender if tag.gender in ("masc", "femn") else gender
    return None, gender


def _nominative(token: Token, guess: bool = True, feats: tuple | None = None) -> str:
    """A name word in the nominative, in the gender its token has (a man's name pymorphy
    cannot decline read by its ending when `guess`), or in `feats` (case, gender) where
    given; each part of a double name declined apart ("Диаса-Канеля" → "Диас-Канель")."""
    word = token.text
    if _INITIAL.match(word):
        return word + "."
    oc, gender = feats or _case_gender(token)
    if not oc:
        return word
    parts = word.split("-")
    if len(parts) > 1 and all(p[:1].isupper() for p in parts):
        return "-".join(_word_nominative(p, oc, gender, guess) for p in parts)
    return _word_nominative(word, oc, gender, guess)


def _word_nominative(word: str, oc: str, gender: str | None, guess: bool) -> str:
    """One word of a name in the nominative, from its case and gender in OpenCorpora tags."""
    if gender == "femn" and word[-1:].lower() not in _SOFT_OR_VOWEL:
        return word  # a woman's name ending in a consonant does not decline ("Элис Манро")
    parses = [
        p
        for p in morph_parse(word)
        if oc in p.tag and p.tag.POS in ("NOUN", "ADJF") and "plur" not in p.tag
    ]  # one person's name is singular: "Ким" is no genitive plural of "Кима"
    if gender == "masc":  # a man's name pymorphy only guesses does not decline as a woman's
        # ("посла Тоёхиса Кодзуки" is no "Кодзука")
        parses = [p for p in parses if p.is_known or "femn" not in p.tag]
    parses.sort(
        key=lambda p: (
            not _stressed_adjective(p, gender),  # "Ирины Яровой" is Яровая, not Ярова
            "Fixd" in p.tag,  # a declinable reading first: the ending is the case's
            not any(t in p.tag for t in _NAME_TAGS),
            gender is not None and gender not in p.tag,
        )
    )
    for p in parses:
        form = p.inflect({"Nom"})
        if form is not None:
            # a guessed paradigm adds no ё the word has not ("Спектера" is Спектер)
            keep = p.is_known or "ё" in word.lower()
            nominative = form.word if keep else form.word.replace("ё", "е")
            return match_case(nominative, word)
    if gender == "masc" and guess:
        return _masculine_stem(word, oc)
    return word


# the endings of a man's foreign name declined as a hard or a soft noun, by case ("Питта",
# "Питту", "Питтом"; "Скрипаля", "Скрипалю", "Скрипалем"; "Зумы" of Зума), and what the
# nominative ends in
_SOFT_OR_VOWEL = set("аеёиоуыэюяйь")
_MASCULINE_ENDINGS = {
    "gent": (("а", ""), ("я", "ь"), ("ы", "а")),  # "Джейкоба Зумы" declines as a woman's
    "accs": (("а", ""), ("я", "ь"), ("у", "а"), ("ю", "я")),  # "освободил Небензю": Небензя
    "datv": (("у", ""), ("ю", "ь"), ("е", "")),  # "при Ким Чен Ыне", tagged dative
    "ablt": (("ом", ""), ("ем", "ь")),
    "loct": (("е", ""),),
}


def _masculine_stem(word: str, case: str) -> str:
    """A man's name pymorphy has no reading of in its case ("Брэда Питта", "Арлена", "Сергея
    Скрипаля"), in the nominative by the ending of a declined noun; unchanged otherwise."""
    for ending, nominative in _MASCULINE_ENDINGS.get(case, ()):
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) >= 2 and stem[-1].lower() not in "аеёиоуыэюяйь":
            return stem + nominative
    return word


def _stressed_adjective(p, gender: str | None) -> bool:
    """A woman's surname read as a dictionary adjective with a stressed ending, as Russian
    surnames in -ой are (Яровой, Луговой, Толстой: "Ирины Яровой" is Яровая); one in -ый is
    read as a surname in -ов ("Анны Лавровой" is Лаврова)."""
    return (
        gender == "femn"
        and p.tag.POS == "ADJF"
        and p.is_known
        and "femn" in p.tag
        and p.normal_form.endswith("ой")
    )


def _ordered(words: list[str]) -> tuple[list[str], str | None]:
    """First name, then surname, and the patronymic apart: "Середюк Илья Владимирович" →
    "Илья Середюк", "Владимир Вольфович Жириновский" → "Владимир Жириновский", "Бориса
    Николаевича" → "Борис" with the patronymic "Николаевич"."""
    if len(words) == 3 and _patronymic(words[2]) and name_role(words[1]) == "first":
        return [words[1], words[0]], words[2]  # surname first, as in lists and documents
    if len(words) == 2 and _only_patronymic(words[1]) and name_role(words[0]) == "first":
        return [words[0]], words[1]  # "Виктор Янукович" is a surname: its -ович is no patronymic
    if len(words) >= 3:
        middle = [k for k in range(1, len(words) - 1) if _patronymic(words[k])]
        if middle:
            return [w for k, w in enumerate(words) if k not in middle], words[middle[0]]
    return words, None


def _patronymic(word: str) -> bool:
    return name_role(word) == "middle" or bool(PATRONYMIC.search(word))


def _only_patronymic(word: str) -> bool:
    """Whether pymorphy knows a word as a patronymic and not as a surname (one it only guesses
    to be a patronymic by its ending is a surname: "Аркадий Дворкович")."""
    parses = morph_parse(word)
    tags = {t for p in parses for t in ("Patr", "Surn") if t in p.tag}
    return tags == {"Patr"} and any(p.is_known for p in parses if "Patr" in p.tag)


@dataclass(frozen=True)
class PersonName:
    """A person's name as a span of the text gives it."""

    tokens: list[Token]  # the tokens of the name within the span
    name: str  # first name and surname (or what of them the text gives), nominative
    patronymic: str | None  # nominative, when written
    nominative: bool  # every word written in the nominative


def _known_gender(token: Token) -> str | None:
    """The gender of a first name pymorphy knows, in the case the tagger gives it: "Юлию" is
    Юлия (the accusative), not Юлий (the dative), where the tagger reads an accusative."""
    oc = _OC_CASE.get(token.feats.get("Case") or "", "nomn")
    genders = {
        p.tag.gender
        for p in morph_parse(token.text)
        if p.is_known and "Name" in p.tag and oc in p.tag and "sing" in p.tag
    } & {"masc", "femn"}
    return genders.pop() if len(genders) == 1 else None


def name_words(tokens: list[Token]) -> tuple[list[str], str | None]:
    """The words of a name in the nominative, in reference-book order, and its patronymic."""
    if not tokens:
        return [], None
    # a first name is read by its ending only beside a surname that shows its case: in "посла
    # Тоёхиса Кодзуки" the surname is not declined, so neither is the first name
    feats = _case_gender(tokens[-1])
    gender = _known_gender(tokens[0]) if len(tokens) > 1 else None
    if gender and feats[1] != gender:  # "Юлию Савичеву", the surname tagged masculine
        feats = (feats[0], gender)
    last = _nominative(tokens[-1], feats=feats)
    guess = last != tokens[-1].text
    # a surname the tagger read in the wrong case gives its case to the first name
    told = _OC_CASE.get(tokens[-1].feats.get("Case") or "")
    fixed = feats if feats[0] != told else None
    return _ordered([_nominative(t, guess, fixed) for t in tokens[:-1]] + [last])


def person_name(tokens: list[Token]) -> PersonName:
    """The name a person span gives ("" when it holds no name word)."""
    kept = name_tokens(tokens)
    words, patronymic = name_words(kept)
    written = all(t.feats.get("Case") in (None, "Nom") for t in kept)
    return PersonName(kept, " ".join(words), patronymic, written)
