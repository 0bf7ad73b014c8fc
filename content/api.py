"""API v1 endpoints of the shared kernel."""

from ninja import Router, Schema

from .locales import LANGUAGE_INFO, language_codes

router = Router(tags=["locales"])


class LocaleOut(Schema):
    code: str
    name_local: str
    name_vi: str
    name_en: str
    is_default: bool
    fallbacks: list[str]


@router.get("/locales", response=list[LocaleOut], summary="Languages the content is published in")
def locales(request):
    from .locales import DEFAULT_LANGUAGE, FALLBACKS

    return [
        LocaleOut(code=code, is_default=code == DEFAULT_LANGUAGE, fallbacks=FALLBACKS[code][1:],
                  **LANGUAGE_INFO[code])
        for code in language_codes()
    ]
