"""Find the UI strings of templates and Python code without GNU gettext.

Used by ``manage.py update_catalogues`` (adds new msgids to the .po files)
and by the test that every string has a Vietnamese translation.
"""

import re
from pathlib import Path

PATTERNS = [
    re.compile(r"""{%\s*(?:translate|trans)\s+"((?:[^"\\]|\\.)*)"(?:\s+[^%]*)?%}"""),
    re.compile(r"""{%\s*(?:translate|trans)\s+'((?:[^'\\]|\\.)*)'(?:\s+[^%]*)?%}"""),
    re.compile(r"""(?<![\w.])(?:_|gettext|gettext_lazy|pgettext_lazy)\(\s*"((?:[^"\\]|\\.)*)"\s*[,)]"""),
    re.compile(r"""(?<![\w.])(?:_|gettext|gettext_lazy)\(\s*'((?:[^'\\]|\\.)*)'\s*[,)]"""),
]
SKIP_DIRS = {".venv", "node_modules", "migrations", "tests", "staticfiles", "media", ".git"}


def iter_sources(root):
    root = Path(root)
    for path in root.rglob("*"):
        if path.suffix not in (".py", ".html", ".txt") or not path.is_file():
            continue
        if SKIP_DIRS & set(path.relative_to(root).parts):
            continue
        yield path


BLOCK = re.compile(
    r"{%\s*blocktrans(?:late)?(?P<options>[^%]*)%}(?P<body>.*?){%\s*endblocktrans(?:late)?\s*%}", re.S
)
VARIABLE = re.compile(r"{{\s*(\w+)\s*}}")


def block_msgids(text):
    """The msgids of ``{% blocktranslate %}`` blocks as Django builds them: ``{{ name }}``
    becomes ``%(name)s``, a literal ``%`` is doubled, ``trimmed`` joins the lines with one
    space. Plural blocks (``count``) are left to hand editing."""
    for match in BLOCK.finditer(text):
        options, body = match.group("options"), match.group("body")
        if re.search(r"\b(count|counter)\b", options) or "{% plural" in body:
            continue
        body = body.replace("%", "%%")
        body = VARIABLE.sub(lambda m: f"%({m.group(1)})s", body)
        if re.search(r"\btrimmed\b", options):
            body = " ".join(line.strip() for line in body.strip().splitlines() if line.strip())
        if body and "{%" not in body:
            yield body


def extract(root):
    """Map each msgid to the files that use it."""
    found = {}
    for path in iter_sources(root):
        text = path.read_text(encoding="utf-8", errors="ignore")
        msgids = [
            match.group(1).replace('\\"', '"').replace("\\'", "'")
            for pattern in PATTERNS
            for match in pattern.finditer(text)
        ]
        if path.suffix in (".html", ".txt"):
            msgids += list(block_msgids(text))
        for msgid in msgids:
            if msgid:
                found.setdefault(msgid, set()).add(str(path.relative_to(root)))
    return found
