"""Telling a text file saved as UTF-16 or UTF-32 (Windows' "Unicode" text, Excel's "Unicode Text")
from a binary one: both hold NUL bytes, but only one is a document to save again as UTF-8."""

import codecs
import shlex

# (encoding, byte order, codec, byte-order mark, which bytes of each four are NUL in mostly-Latin
# text), UTF-32 first: its little-endian mark begins with UTF-16's.
_WIDE = (("UTF-32", "little-endian", "utf-32-le", codecs.BOM_UTF32_LE, (False, True, True, True)),
         ("UTF-32", "big-endian", "utf-32-be", codecs.BOM_UTF32_BE, (True, True, True, False)),
         ("UTF-16", "little-endian", "utf-16-le", codecs.BOM_UTF16_LE, (False, True, False, True)),
         ("UTF-16", "big-endian", "utf-16-be", codecs.BOM_UTF16_BE, (True, False, True, False)))
_SAMPLE = 4096


def wide_unicode(data: bytes) -> str | None:
    """'UTF-16 (little-endian, with a byte-order mark)' when the bytes are text in UTF-16 or
    UTF-32, with or without a byte-order mark; None otherwise (UTF-8, another code page, binary)."""
    for encoding, order, _, mark, _ in _WIDE:
        if data.startswith(mark):
            return f"{encoding} ({order}, with a byte-order mark)"
    sample = data[:_SAMPLE]
    if b"\x00" not in sample or len(sample) < 4:
        return None
    nul_share = [sample[i::4].count(0) / len(sample[i::4]) for i in range(4)]
    for encoding, order, codec, _, nul in _WIDE:
        if all((share > 0.5) == expected for share, expected in zip(nul_share, nul)):
            try:  # not final: the sample may end inside a character
                text = codecs.getincrementaldecoder(codec)().decode(sample, final=False)
            except UnicodeDecodeError:
                return None
            return None if "\x00" in text else f"{encoding} ({order}, without a byte-order mark)"
    return None


def conversion(encoding: str, path) -> str:
    """The command that rewrites a file in `encoding` (wide_unicode's words) as UTF-8."""
    name = encoding.split()[0] + ("" if "with a byte-order mark" in encoding else
                                  "LE" if "little-endian" in encoding else "BE")
    file = shlex.quote(str(path))
    return f"iconv -f {name} -t UTF-8 {file} > {file}.utf8 && mv {file}.utf8 {file}"
