"""The kernel's own /api/v1/ endpoints: the languages and the generic section pages."""

from ninja import Router, Schema

from ..locales import DEFAULT_LANGUAGE, FALLBACKS, LANGUAGE_INFO, language_codes
from ..models import SectionPage
from .pages import PageType, add_page_endpoints
from .params import check_params
from .responses import LONG_PUBLIC_CACHE, conditional
from .schemas import ErrorOut

router = Router(tags=["locales"])


class LocaleOut(Schema):
    code: str
    name_local: str
    name_vi: str
    name_en: str
    is_default: bool
    fallbacks: list[str]


@router.get(
    "/locales",
    response={200: list[LocaleOut], 304: None, 400: ErrorOut},
    summary="Languages the content is published in, with their fallback chain",
)
def locales(request):
    check_params(request, {"locale"})
    data = [
        {
            "code": code,
            "is_default": code == DEFAULT_LANGUAGE,
            "fallbacks": FALLBACKS[code][1:],
            **LANGUAGE_INFO[code],
        }
        for code in language_codes()
    ]
    return conditional(request, list[LocaleOut], data, cache_control=LONG_PUBLIC_CACHE)


SECTIONS = PageType(model=SectionPage, path="sections", tag="pages", name="SectionPage")
add_page_endpoints(router, SECTIONS)
