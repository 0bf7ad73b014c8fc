"""Certificates: codes, signed QR payloads, the public key, PDF with Vietnamese text."""

import base64
import datetime
import io
import re

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.conf import settings
from django.utils import timezone

from lessons.learners import certificates as signing
from lessons.learners.events import record_site_event
from lessons.learners.progress import grade_quiz
from lessons.learners.records import CODE_ALPHABET, new_certificate_code
from lessons.models import Certificate

from .conftest import QUIZ_ID, RIGHT

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """The PDF view stores what it draws: keep it out of the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def certificate(course, learner):
    _course, lessons = course
    for lesson in lessons:
        record_site_event(learner, lesson, "lesson_completed")
    grade_quiz(learner, lessons[-1], QUIZ_ID, RIGHT)
    return Certificate.objects.get(learner=learner)


def test_codes_use_an_unambiguous_alphabet():
    for _ in range(200):
        code = new_certificate_code()
        assert re.fullmatch(r"NR-[A-Z0-9]{4}-[A-Z0-9]{4}", code)
        assert not set(code[3:].replace("-", "")) - set(CODE_ALPHABET)
    assert not set("0O1IL5S8B") & set(CODE_ALPHABET)


def test_the_qr_payload_verifies_with_the_published_key_and_tampering_fails(client, certificate):
    key = client.get("/vi/certificates/key/").json()
    public_key = Ed25519PublicKey.from_public_bytes(base64.b64decode(key["public_key_base64"]))
    page = client.get(f"/vi/certificates/{certificate.code}/").content.decode()
    token = re.search(r"(NR1\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+)", page).group(1)
    payload = signing.verify(token, public_key)
    assert payload == {
        "c": certificate.code,
        "n": "Đinh Thị Hoa",
        "t": certificate.course_title,
        "d": timezone.localdate(certificate.issued_at).isoformat(),
        "i": settings.CERTIFICATE_ISSUER,
    }
    prefix, body, sig = token.split(".")
    forged = signing._b64e(signing._b64d(body).replace(b"Hoa", "Hòa".encode()))
    assert signing.verify(f"{prefix}.{forged}.{sig}", public_key) is None
    assert signing.verify(f"{prefix}.{body}.{sig[:-4]}AAAA", public_key) is None
    assert signing.verify("garbage") is None


def test_the_signing_key_comes_from_the_environment_when_set(monkeypatch, certificate):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

    derived = signing.public_key_bytes()
    raw = Ed25519PrivateKey.generate().private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    monkeypatch.setenv("CERTIFICATE_SIGNING_KEY", base64.b64encode(raw).decode())
    assert signing.public_key_bytes() != derived
    token = signing.sign({"c": certificate.code})
    assert signing.verify(token) == {"c": certificate.code}
    monkeypatch.delenv("CERTIFICATE_SIGNING_KEY")
    assert signing.public_key_bytes() == derived  # deterministic from SECRET_KEY
    assert signing.verify(token) is None


def test_the_qr_code_and_printable_page(client, certificate):
    r = client.get(f"/vi/certificates/{certificate.code}/qr.svg")
    assert r.status_code == 200 and r["Content-Type"] == "image/svg+xml"
    assert b"<svg" in r.content
    r = client.get(f"/vi/certificates/{certificate.code}/print/")
    assert r.status_code == 200 and "Đinh Thị Hoa" in r.content.decode()


def test_the_pdf_embeds_a_font_with_vietnamese_glyphs(client, certificate):
    from reportlab.pdfbase import pdfmetrics

    r = client.get(f"/vi/certificates/{certificate.code}/pdf/")
    assert r.status_code == 200 and r.content.startswith(b"%PDF")
    regular, bold = signing.register_fonts()
    assert regular == "NRSans"  # the shipped DejaVu Sans, not Helvetica
    face = pdfmetrics.getFont(regular).face
    for char in "ĐịọơưẫễổờừỹăâêôĂÂÊÔƠƯ":
        assert ord(char) in face.charToGlyph, char
    assert b"NRSans" in r.content or b"DejaVu" in r.content


def test_the_certificate_is_issued_once(course, learner, certificate):
    _course, lessons = course
    grade_quiz(learner, lessons[-1], QUIZ_ID, RIGHT)
    assert Certificate.objects.filter(learner=learner).count() == 1


def test_pdf_text_extracts_with_diacritics(certificate):
    data = signing.certificate_pdf(
        certificate,
        "http://x/vi/certificates/c/",
        {
            "heading": "Giấy chứng nhận hoàn thành",
            "certifies": "Chứng nhận",
            "completed": "đã học",
            "code": "Mã",
            "date": "Ngày",
            "verify": "Kiểm tra",
            "issuer": "Đơn vị cấp",
            "seal": "Dấu",
            "signature": "Đại diện đơn vị cấp",
        },
    )
    assert io.BytesIO(data).getvalue().startswith(b"%PDF")
    assert len(data) > 2000


def test_dates_are_vietnamese_days_in_vietnamese_form_with_issuer_seal_and_signature(
    client, certificate, settings
):
    """Issued at 20:00 UTC on 2 December is 3 December in Vietnam: the PDF, the printable
    page, the check page and the signed QR payload all say 03/12/2026 (issue 18)."""
    from pypdf import PdfReader

    settings.CERTIFICATE_ISSUER = "Ban Dân tộc (mẫu)"
    settings.CERTIFICATE_SIGNATORY = "Nguyễn Văn A"
    Certificate.objects.filter(pk=certificate.pk).update(
        issued_at=datetime.datetime(2026, 12, 2, 20, 0, tzinfo=datetime.UTC)
    )
    certificate.refresh_from_db()
    text = "".join(
        page.extract_text()
        for page in PdfReader(io.BytesIO(client.get(f"/vi/certificates/{certificate.code}/pdf/").content)).pages
    )
    assert "03/12/2026" in text and "02/12/2026" not in text and "2026-12" not in text
    assert "Đơn vị cấp: Ban Dân tộc (mẫu)" in text and "Nguyễn Văn A" in text
    assert "Dấu" in text and "Đại diện đơn vị cấp (ký, ghi rõ họ tên)" in text
    check = client.get(f"/vi/certificates/{certificate.code}/").content.decode()
    printable = client.get(f"/vi/certificates/{certificate.code}/print/").content.decode()
    for html in (check, printable):
        assert "03/12/2026" in html and "Ban Dân tộc (mẫu)" in html
    assert "Nguyễn Văn A" in printable
    assert signing.certificate_payload(certificate)["d"] == "2026-12-03"


def test_the_pdf_is_stored_once_and_a_storage_failure_never_breaks_it(client, certificate, monkeypatch):
    from django.core.cache import cache
    from django.core.files.storage import default_storage

    url = f"/vi/certificates/{certificate.code}/pdf/"
    first = client.get(url)
    assert first.status_code == 200 and first["X-Certificate-Pdf"] == "rendered"
    cache.clear()
    second = client.get(url)
    assert second["X-Certificate-Pdf"] == "stored" and second.content == first.content

    errors = [OSError("disk full"), RuntimeError("S3 unreachable")]  # S3's errors are no OSError

    def broken(*args, **kwargs):
        raise errors[0]

    for method in ("exists", "save"):
        monkeypatch.setattr(default_storage, method, broken)
    while errors:
        cache.clear()
        third = client.get(url)
        assert third.status_code == 200 and third.content.startswith(b"%PDF")
        assert third["X-Certificate-Pdf"] == "rendered"
        errors.pop(0)
