"""Every page of the demo site carries schema.org JSON-LD that a JSON-LD processor expands
and the schema.org vocabulary accepts (``tests.validators.schemaorg``), in the language the
page's ``<html lang>`` names."""

import json
import re

import pytest

from . import schemaorg

pytestmark = [pytest.mark.validators]

SCRIPT = re.compile(rb'<script type="application/ld\+json">(.*?)</script>', re.S)
HTML_LANG = re.compile(rb'<html lang="([^"]+)"')
WITHOUT = {"not found", "learner log-in", "learner sign-up", "consultation form", "quiz result", "certificate"}
WITHOUT |= {"learner dashboard", "search form"}  # private or form pages: nothing to describe
WITHOUT |= {"offline page", "saved for offline"}  # the service worker's own pages, never indexed


def test_every_page_type_has_valid_jsonld(rendered):
    problems, checked = [], 0
    for name, (path, _status, body) in sorted(rendered.items()):
        documents = schemaorg.flatten_documents(json.loads(block) for block in SCRIPT.findall(body))
        if not documents:
            if name not in WITHOUT:
                problems.append(f"{name} ({path}): no JSON-LD")
            continue
        checked += 1
        problems += schemaorg.problems(documents, f"{name} ({path})")
        lang = HTML_LANG.search(body).group(1).decode()
        for document in documents:
            if "inLanguage" in document and document["inLanguage"] != lang:
                problems.append(f"{name} ({path}): inLanguage {document['inLanguage']} under <html lang={lang}>")
            if document.get("@type") == "Event" and not ("startDate" in document or "eventSchedule" in document):
                problems.append(f"{name} ({path}): an Event without a date")
    assert not problems, "\n".join(problems)
    assert checked >= 52
