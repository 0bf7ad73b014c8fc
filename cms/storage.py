"""Production static files: whitenoise's compressed (gzip + Brotli) manifest
storage with fingerprinted names, minus source-map rewriting.

Vendored libraries (Leaflet) end with ``//# sourceMappingURL=…`` comments for
maps we do not ship; Django's manifest storage would fail collectstatic on
them. Browsers only fetch maps with developer tools open, so skip them."""

from django.contrib.staticfiles.storage import HashedFilesMixin
from whitenoise.storage import CompressedManifestStaticFilesStorage


def _without_source_maps(patterns):
    return tuple((ext, tuple(p for p in group if "sourceMappingURL" not in str(p))) for ext, group in patterns)


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    patterns = _without_source_maps(HashedFilesMixin.patterns)
