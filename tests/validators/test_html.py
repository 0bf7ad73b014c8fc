"""Every page type is valid HTML for the Nu Html Checker (vnu-jar, the W3C validator),
run once over all the pages, not once per page. ``make test`` installs vnu-jar with npm
(tests/validators/package.json); Java runs it."""

import json
import shutil
import subprocess

import pytest

from .conftest import NODE_MODULES

pytestmark = [pytest.mark.validators]

VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"


def run_vnu(files):
    """The checker's messages for ``files`` (one Java process)."""
    if shutil.which("java") is None:
        pytest.skip("Java is not installed (apt-get install default-jre-headless)")
    if not VNU.exists():
        pytest.skip(f"vnu-jar is not installed ({VNU}): make validators-install")
    done = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--stdout", "--exit-zero-always", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    return json.loads(done.stdout)["messages"]


def test_every_page_type_is_valid_html(rendered, tmp_path):
    files = {}
    for number, (name, (path, status, body)) in enumerate(sorted(rendered.items())):
        expected = 404 if name == "not found" else 200
        assert status == expected, (name, path, status)
        files[name] = tmp_path / f"page-{number:03}.html"
        files[name].write_bytes(body)
    names = {file.as_uri(): name for name, file in files.items()}
    messages = run_vnu(files.values())
    errors = []
    for m in messages:
        if m["type"] not in ("error", "non-document-error"):
            continue
        name = names.get(m.get("url"), m.get("url"))
        path = rendered[name][0] if name in rendered else ""
        extract = m.get("extract", "").strip()[:120]
        errors.append(f"{name} ({path}) line {m.get('lastLine')}: {m['message']} [{extract}]")
    assert not errors, f"{len(errors)} HTML errors in {len(files)} pages:\n" + "\n".join(errors)
    assert len(files) >= 50  # every page type was really checked
