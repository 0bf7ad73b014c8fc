"""Every page type passes axe-core (WCAG 2.0, 2.1 and 2.2, levels A and AA) in Debian's
chromium at phone size (360 × 800), with no violation at all. axe-core comes from npm
(tests/validators/package.json) and is injected into each page by Playwright."""

import json

import pytest

from .conftest import NODE_MODULES

pytestmark = [pytest.mark.validators, pytest.mark.browser]

AXE = NODE_MODULES / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_violations(tab):
    tab.add_script_tag(path=str(AXE))
    result = tab.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", TAGS
    )
    return result["violations"]


def describe(name, path, violation):
    nodes = "; ".join(
        " ".join(node["target"][0] if isinstance(node["target"][0], str) else json.dumps(node["target"]))
        for node in violation["nodes"][:3]
    )
    summary = violation["nodes"][0].get("failureSummary", "").replace("\n", " ")[:200]
    return f"{name} ({path}): {violation['id']} ×{len(violation['nodes'])} [{nodes}] {summary}"


def test_every_page_type_passes_axe_at_phone_size(browser, demo):
    if not AXE.exists():
        pytest.skip(f"axe-core is not installed ({AXE}): make validators-install")
    problems, checked = [], 0
    for pages, session in ((demo.pages, None), (demo.learner_pages, demo.session)):
        context = browser.new_context(viewport={"width": 360, "height": 800}, locale="vi-VN", bypass_csp=True)
        if session:
            context.add_cookies([{"name": "sessionid", "value": session, "url": demo.url("/")}])
        try:
            tab = context.new_page()
            tab.set_default_timeout(30_000)
            for name, path in sorted(pages.items()):
                tab.goto(demo.url(path), wait_until="load")
                problems += [describe(name, path, v) for v in axe_violations(tab)]
                checked += 1
        finally:
            context.close()
    assert not problems, f"{len(problems)} axe violations in {checked} pages:\n" + "\n".join(problems)
    assert checked >= 50
