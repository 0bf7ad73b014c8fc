"""Certificate signing, QR codes and PDFs.

The QR code carries ``NR1.<payload>.<signature>`` (base64url): the payload is
compact JSON (code, name, course, date) and the signature is Ed25519, so an
offline verifier holding the public key (published at
``/<lang>/certificates/key/``) can check a printed certificate without us.

The private key comes from ``CERTIFICATE_SIGNING_KEY`` (base64 of the 32 raw
private-key bytes). When unset it is derived deterministically from
``SECRET_KEY`` (SHA-256 of a fixed label + SECRET_KEY), so a development or
small install still has a stable key; rotating SECRET_KEY then rotates it.

PDFs are rendered in the background when a certificate is issued
(``lessons.tasks.render_certificate_pdf``) and kept in the default storage under
``certificates/<code>/<digest>.pdf``. The digest is an HMAC (keyed by SECRET_KEY)
of everything printed on the page, so the path cannot be guessed from the code,
a changed name or layout simply misses and renders again, and revoking or
deleting the certificate removes the folder.
"""

import base64
import hashlib
import hmac
import io
import json
import logging
import os
from functools import lru_cache

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from content.pdf import register_fonts  # DejaVu Sans, shipped in content/fonts/

logger = logging.getLogger(__name__)

PREFIX = "NR1"
PDF_FORMAT = 1  # bump when the layout changes: every stored PDF misses and renders again
PDF_FOLDER = "certificates"


def _b64e(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64d(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@lru_cache(maxsize=4)
def _private_key(configured, secret):
    if configured:
        raw = base64.b64decode(configured)
    else:
        raw = hashlib.sha256(b"nharong-certificate-key:" + secret.encode("utf-8")).digest()
    return Ed25519PrivateKey.from_private_bytes(raw)


def signing_key():
    configured = os.environ.get("CERTIFICATE_SIGNING_KEY") or getattr(settings, "CERTIFICATE_SIGNING_KEY", "")
    return _private_key(configured, settings.SECRET_KEY)


def public_key_bytes():
    return signing_key().public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def public_key_pem():
    return (
        signing_key()
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode("ascii")
    )


def issued_on(certificate):
    """The day of issue in Vietnam (``TIME_ZONE``), as the verification page shows it: the
    UTC date was the day before for certificates issued after 17:00 UTC."""
    return timezone.localdate(certificate.issued_at)


def issuer():
    """Who issues certificates (``CERTIFICATE_ISSUER``, the province's agency in production)."""
    return settings.CERTIFICATE_ISSUER


def certificate_payload(certificate):
    return {
        "c": certificate.code,
        "n": certificate.learner_name,
        "t": certificate.public_course_title,
        "d": issued_on(certificate).isoformat(),
        "i": issuer(),
    }


def sign(payload):
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    body_b64 = _b64e(body.encode("utf-8"))
    signature = signing_key().sign(f"{PREFIX}.{body_b64}".encode("ascii"))
    return f"{PREFIX}.{body_b64}.{_b64e(signature)}"


def verify(token, public_key=None):
    """The payload dict if ``token`` carries a valid signature, else None."""
    try:
        prefix, body_b64, sig_b64 = token.split(".")
        if prefix != PREFIX:
            return None
        key = public_key or Ed25519PublicKey.from_public_bytes(public_key_bytes())
        key.verify(_b64d(sig_b64), f"{PREFIX}.{body_b64}".encode("ascii"))
        return json.loads(_b64d(body_b64).decode("utf-8"))
    except (ValueError, InvalidSignature, UnicodeDecodeError, AttributeError):
        return None


def qr_text(certificate, verify_url):
    """What the QR code says: the verification address, with the signed token after ``#``
    (a fragment never reaches a server, and a phone camera still opens the page)."""
    return f"{verify_url}#{sign(certificate_payload(certificate))}"


def qr_svg(text):
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    out = io.BytesIO()
    image.save(out)
    return out.getvalue()


def qr_png(text):
    import qrcode

    out = io.BytesIO()
    qrcode.make(text, box_size=6, border=2).save(out)
    return out.getvalue()


def _emblem_and_signature(pdf, width, font, labels):
    """A dashed circle where the issuer's seal goes and a line for a signature: the PDF is
    printed and stamped at the commune, as Vietnamese certificates are."""
    pdf.saveState()
    pdf.setLineWidth(1)
    pdf.setStrokeColorRGB(0.45, 0.45, 0.45)
    pdf.setDash(4, 3)
    pdf.circle(width / 2 - 130, 195, 42)
    pdf.setFont(font, 9)
    pdf.setFillColorRGB(0.4, 0.4, 0.4)
    pdf.drawCentredString(width / 2 - 130, 192, labels["seal"])
    pdf.setDash()
    pdf.line(width / 2 - 40, 165, width / 2 + 170, 165)
    pdf.setFont(font, 11)
    pdf.drawCentredString(width / 2 + 65, 225, labels["signature"])
    signatory = settings.CERTIFICATE_SIGNATORY
    if signatory:
        pdf.drawCentredString(width / 2 + 65, 150, signatory)
    pdf.restoreState()


def certificate_pdf(certificate, verify_url, labels):
    """A one-page A4 landscape PDF. ``labels`` holds the translated texts."""
    from reportlab.graphics import renderPDF
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    regular, bold = register_fonts()
    out = io.BytesIO()
    width, height = landscape(A4)
    pdf = canvas.Canvas(out, pagesize=(width, height))
    pdf.setTitle(f"{labels['heading']} {certificate.code}")
    pdf.setStrokeColorRGB(0.54, 0.23, 0.07)
    pdf.setLineWidth(6)
    pdf.rect(30, 30, width - 60, height - 60)
    pdf.setFont(bold, 34)
    pdf.drawCentredString(width / 2, height - 120, labels["heading"])
    pdf.setFont(regular, 16)
    pdf.drawCentredString(width / 2, height - 170, labels["certifies"])
    pdf.setFont(bold, 28)
    pdf.drawCentredString(width / 2, height - 215, certificate.learner_name)
    pdf.setFont(regular, 16)
    pdf.drawCentredString(width / 2, height - 255, labels["completed"])
    pdf.setFont(bold, 20)
    pdf.drawCentredString(width / 2, height - 290, certificate.public_course_title)
    pdf.setFont(regular, 14)
    pdf.drawCentredString(width / 2, height - 325, f"{labels['issuer']}: {issuer()}")
    _emblem_and_signature(pdf, width, regular, labels)
    pdf.setFont(regular, 13)
    pdf.drawString(70, 110, f"{labels['code']}: {certificate.code}")
    pdf.drawString(70, 90, f"{labels['date']}: {issued_on(certificate).strftime('%d/%m/%Y')}")
    pdf.drawString(70, 70, f"{labels['verify']}: {verify_url}")
    widget = QrCodeWidget(qr_text(certificate, verify_url))
    x0, y0, x1, y1 = widget.getBounds()
    size = 130
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, pdf, width - 70 - size, 55)
    pdf.showPage()
    pdf.save()
    return out.getvalue()


# ---------------------------------------------------------------------------
# Stored PDFs
# ---------------------------------------------------------------------------


def pdf_labels():
    """The PDF's texts in the active language."""
    return {
        "heading": _("Certificate of completion"),
        "certifies": _("This certifies that"),
        "completed": _("has completed the course"),
        "code": _("Certificate code"),
        "date": _("Date"),
        "verify": _("Check it at"),
        "issuer": _("Issued by"),
        "seal": _("Seal"),
        "signature": _("On behalf of the issuer (signature, full name)"),
    }


def site_verify_url(certificate, language):
    """The verification address on the public site (WAGTAILADMIN_BASE_URL), for work
    done outside a request."""
    with translation.override(language):
        path = reverse("lessons:certificate", args=[certificate.code])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def pdf_storage_name(certificate, verify_url, labels):
    material = json.dumps(
        [PDF_FORMAT, certificate_payload(certificate), verify_url, labels],
        ensure_ascii=False,
        sort_keys=True,
    ).encode("utf-8")
    digest = hmac.new(settings.SECRET_KEY.encode("utf-8"), material, hashlib.sha256).hexdigest()
    return f"{PDF_FOLDER}/{certificate.code}/{digest[:40]}.pdf"


def _read_stored(name):
    try:
        if not default_storage.exists(name):
            return None
        with default_storage.open(name, "rb") as handle:
            data = handle.read()
        if not data.startswith(b"%PDF") or b"%EOF" not in data[-1024:]:
            # empty or cut short by an older fault (files are written whole now): draw it again
            logger.warning("Stored certificate PDF %s is incomplete; drawing it again", name)
            default_storage.delete(name)
            return None
        return data
    except Exception:  # any storage error (OSError, S3 client errors): draw it instead
        logger.warning("Stored certificate PDF %s is unreadable", name, exc_info=True)
        return None


def _store(name, data):
    try:
        saved = default_storage.save(name, ContentFile(data))
        if saved != name:  # stored meanwhile by another request or the worker: keep that one
            default_storage.delete(saved)
    except Exception:  # the caller still has the bytes to send
        logger.warning("Could not store certificate PDF %s", name, exc_info=True)


def pdf_bytes(certificate, verify_url, labels):
    """``(PDF bytes, "stored" | "rendered")``: the stored PDF, else drawn now and stored.
    A storage failure is logged, never raised: the PDF is drawn and sent anyway."""
    name = pdf_storage_name(certificate, verify_url, labels)
    data = _read_stored(name)
    if data is not None:
        return data, "stored"
    data = certificate_pdf(certificate, verify_url, labels)
    _store(name, data)
    return data, "rendered"


def delete_stored_pdfs(code):
    """Remove every stored PDF of certificate ``code`` (revoked or deleted)."""
    folder = f"{PDF_FOLDER}/{code}"
    try:
        _dirs, files = default_storage.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return 0
    for name in files:
        default_storage.delete(f"{folder}/{name}")
    return len(files)
