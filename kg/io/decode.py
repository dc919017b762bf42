"""Bytes to text: binary files told apart, UTF-8 (with or without BOM) preferred, Russian code
pages (cp1251, KOI8-R, ...) told apart by how Russian the decoded letters look."""

from __future__ import annotations

import codecs
import math
import re

__all__ = [
    "DecodeError",
    "CYRILLIC_CODE_PAGES",
    "MIN_CYRILLIC_SHARE",
    "binary_kind",
    "detect",
    "decode",
    "cyrillic_share",
]

# Single-byte code pages for Russian, in order of preference when two read the same.
CYRILLIC_CODE_PAGES = ("cp1251", "koi8_r", "cp866", "iso8859_5", "mac_cyrillic")

# Below this share of Cyrillic letters among all letters a text is not Russian.
MIN_CYRILLIC_SHARE = 0.5
_SAMPLE = 1 << 16  # bytes of a file the code pages are scored on

# File signatures: what a binary file is, named in the reason it is skipped.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"PK\x03\x04", "ZIP archive or office document"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Office document"),
    (b"\x7fELF", "executable"),
    (b"MZ\x90\x00", "Windows executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"\x00\x00\x01\x00", "icon"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"\x00asm", "WebAssembly"),
)

# Byte order marks and the codecs that read them (and drop them); UTF-32 LE's first.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# How often each letter comes in Russian text, per cent (the usual published counts).
_FREQUENCY = dict(
    zip(
        "оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъё",
        (10.97, 8.45, 8.01, 7.35, 6.70, 6.26, 5.47, 4.73, 4.54, 4.40, 3.49, 3.21, 2.98, 2.81)
        + (2.62, 2.01, 1.90, 1.74, 1.70, 1.65, 1.59, 1.44, 1.21, 0.97, 0.94, 0.73, 0.64, 0.48)
        + (0.36, 0.32, 0.26, 0.04, 0.04),
        strict=True,
    )
)
_LETTER_SCORE = {c: math.log(f / 100) for c, f in _FREQUENCY.items()}
_LETTER_SCORE |= {c.upper(): s for c, s in _LETTER_SCORE.items()}
# Non-ASCII signs a Russian text uses: quotes, dashes, the ellipsis, №, no-break space.
_TYPOGRAPHY = frozenset("«»„“”‘’—–‑…№\u00a0\u202f°•·§€")
_TYPOGRAPHY_SCORE = math.log(1e-2)
_STRANGE_SCORE = math.log(1e-6)  # box drawing, Latin-1 letters, controls: a wrong code page
_ODD_CASE_SCORE = math.log(1e-4)  # a word like "пРИВЕТ" or "ХУн": neither lower, Title nor UPPER
_WORD = re.compile(r"[а-яёА-ЯЁ]+")
# Russian text scores about -3.0 a non-ASCII sign (-3.4 at worst in the factRuEval texts), a
# Greek or Chinese text read through a Russian code page -4 and below. Under _FEW_SIGNS
# non-ASCII signs the mean says little, and the best code page is taken as it is.
_MIN_MEAN_SCORE = -3.8
_FEW_SIGNS = 20


class DecodeError(ValueError):
    """Bytes that are not text, or not text this reader can decode."""


def binary_kind(data: bytes) -> str | None:
    """What a binary file is by its signature ("PDF", "PNG image", ...), None for none known."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data[:4] == b"RIFF" and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return {b"WEBP": "WebP image", b"WAVE": "WAV audio", b"AVI ": "AVI video"}[data[8:12]]
    if data[4:8] == b"ftyp":
        return "MP4 media"
    return None


def _controls(text: str) -> int:
    """Control characters other than the usual line and page breaks and tabs."""
    return sum(1 for c in text if c < " " and c not in "\t\n\r\f\v") + text.count("\x7f")


def _looks_binary(text: str) -> bool:
    return "\x00" in text or _controls(text) * 100 > len(text)


def _score(text: str) -> float:
    """How much a decoded text looks like Russian: letter frequencies, odd signs, case."""
    total = 0.0
    for c in text:
        if c < "\x80":
            continue
        s = _LETTER_SCORE.get(c)
        if s is None:
            s = _TYPOGRAPHY_SCORE if c in _TYPOGRAPHY else _STRANGE_SCORE
        total += s
    for word in _WORD.findall(text):
        if not (word.islower() or word.isupper() or word.istitle()):
            total += _ODD_CASE_SCORE
    return total


def _best_code_page(data: bytes) -> tuple[str, bool] | None:
    """The Russian code page whose reading of `data` looks most Russian, and whether it looks
    Russian enough to take without asking charset-normalizer."""
    sample = data[:_SAMPLE]
    best: tuple[float, str, str] | None = None
    for encoding in CYRILLIC_CODE_PAGES:
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = _score(text)
        if best is None or score > best[0]:
            best = (score, encoding, text)
    if best is None:
        return None
    score, encoding, text = best
    signs = sum(1 for c in text if c >= "\x80")
    russian = cyrillic_share(text) >= MIN_CYRILLIC_SHARE and (
        signs < _FEW_SIGNS or score / signs >= _MIN_MEAN_SCORE
    )
    return encoding, russian


def _utf16_without_bom(data: bytes) -> str | None:
    """The UTF-16 byte order of Latin or Cyrillic text without a byte order mark (its zero
    bytes would look binary): nearly every high byte is 0x00 or 0x04."""
    if len(data) % 2:
        return None
    sample = data[:_SAMPLE]
    for encoding, high in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[::2])):
        if (high.count(0) + high.count(4)) * 10 < len(high) * 9:
            continue
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not _looks_binary(text):
            return encoding
    return None


def cyrillic_share(text: str) -> float:
    """The share of Cyrillic letters among all letters (0.0 when there are none)."""
    letters = cyrillic = 0
    for c in text:
        if c.isalpha():
            letters += 1
            if "\u0400" <= c <= "\u04ff":
                cyrillic += 1
    return cyrillic / letters if letters else 0.0


def _other_language(data: bytes) -> str | None:
    """charset-normalizer's encoding, for text that no Russian code page reads as Russian."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:_SAMPLE]).best()
    if best is None:
        return None
    try:
        data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    return best.encoding


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def detect(data: bytes) -> str:
    """The encoding of `data`: a byte order mark decides; else UTF-8 when the bytes are
    valid UTF-8 (UTF-16 when they hold zero bytes); else the Russian code page that reads
    most like Russian; else, when none does, what charset-normalizer finds. Raises
    DecodeError for binary data."""
    kind = binary_kind(data)
    if kind:
        raise DecodeError(f"not a text file ({kind})")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    if b"\x00" in data:
        encoding = _utf16_without_bom(data)
        if encoding is None:
            raise DecodeError("not a text file (binary data)")
        return encoding
    if _is_utf8(data):
        return "utf-8"
    found = _best_code_page(data)
    if found is not None and found[1]:
        return found[0]
    other = _other_language(data)
    if other is not None:
        return other
    if found is None:
        raise DecodeError("not a text file (no known encoding reads it)")
    return found[0]


def decode(data: bytes) -> str:
    """The text in `data`, in the encoding `detect` finds; raises DecodeError for binary data
    or bytes that encoding cannot read."""
    encoding = detect(data)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        name = encoding.upper().removesuffix("-SIG")
        raise DecodeError(f"not valid {name} text") from None
    if _looks_binary(text):
        raise DecodeError("not a text file (binary data)")
    return text
