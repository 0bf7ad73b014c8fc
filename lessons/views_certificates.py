"""Public certificate pages: verification, printable page, PDF, QR code, public key."""

import base64

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from content.baseurl import absolute
from content.cachetags import depends_on

from .learners import certificates as signing
from .learners.records import CODE_ALPHABET, Certificate

CERTIFICATE_TAG = "model:lessons.certificate"


def _certificate(code):
    depends_on(CERTIFICATE_TAG)  # issuing or revoking one bumps only this tag (content.cache)
    code = (code or "").upper()
    if len(code) != 12 or any(c not in CODE_ALPHABET + "-NR" for c in code):
        raise Http404
    certificate = Certificate.objects.filter(code=code, revoked_at__isnull=True).first()
    if certificate is None:
        raise Http404
    return certificate


def _verify_url(request, certificate):
    return absolute(reverse("lessons:certificate", args=[certificate.code]))


@require_GET
def verify(request, code):
    certificate = _certificate(code)
    url = _verify_url(request, certificate)
    response = render(
        request,
        "lessons/certificate.html",
        {
            "certificate": certificate,
            "verify_url": url,
            "issuer": signing.issuer(),
            "token": signing.sign(signing.certificate_payload(certificate)),
        },
    )
    response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def printable(request, code):
    certificate = _certificate(code)
    response = render(
        request,
        "lessons/certificate_print.html",
        {
            "certificate": certificate,
            "verify_url": _verify_url(request, certificate),
            "issuer": signing.issuer(),
            "signatory": settings.CERTIFICATE_SIGNATORY,
        },
    )
    response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def pdf(request, code):
    """The PDF built in the background when the certificate was issued; if it is not
    there yet (worker behind, another language or host) it is rendered now and stored.
    A one-page PDF takes well under a second to draw, so a learner on 3G gets the file
    in this one round trip instead of a "come back later" that costs another."""
    certificate = _certificate(code)
    url = _verify_url(request, certificate)
    data, source = signing.pdf_bytes(certificate, url, signing.pdf_labels())
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{certificate.code}.pdf"'
    response["X-Robots-Tag"] = "noindex"
    response["X-Certificate-Pdf"] = source
    return response


@require_GET
def qr(request, code):
    certificate = _certificate(code)
    text = signing.qr_text(certificate, _verify_url(request, certificate))
    return HttpResponse(signing.qr_svg(text), content_type="image/svg+xml")


@require_GET
@cache_control(max_age=3600, public=True)
def public_key(request):
    """The Ed25519 public key that verifies certificate QR codes offline."""
    raw = signing.public_key_bytes()
    return JsonResponse(
        {
            "algorithm": "Ed25519",
            "format": "NR1.<base64url JSON payload>.<base64url signature over 'NR1.<payload>'>",
            "public_key_base64": base64.b64encode(raw).decode("ascii"),
            "public_key_pem": signing.public_key_pem(),
        }
    )
