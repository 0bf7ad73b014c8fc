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


def extract(root):
    """Map each msgid to the files that use it."""
    found = {}
    for path in iter_sources(root):
        text = path.read_text(encoding="utf-8", errors="ignore")
        for pattern in PATTERNS:
            for match in pattern.finditer(text):
                msgid = match.group(1).replace('\\"', '"').replace("\\'", "'")
                if msgid:
                    found.setdefault(msgid, set()).add(str(path.relative_to(root)))
    return found
