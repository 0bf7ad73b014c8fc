"""The registry of open datasets: what each one is (DCAT metadata in vi and en),
the typed columns of its table (a Frictionless Table Schema) and how its rows are
made. The catalogue, the CSV, the datapackage and the human pages all read a
``Dataset`` from here; none keeps its own list.

Rows come only from public content (``content.public``) or approved figures:
personal data (learners, consultation requests) has no dataset at all.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from django.conf import settings

CC_BY_4 = "https://creativecommons.org/licenses/by/4.0/"
UNITS_SLUG = "administrative-units"


@dataclass(frozen=True)
class Column:
    """One column of a table: a Frictionless field (name, type, titles, constraints)."""

    name: str
    type: str  # string, integer, number, boolean, date, datetime, year
    title_en: str
    title_vi: str
    required: bool = False
    unit_code: bool = False  # an official administrative-unit code (foreign key to the units dataset)
    enum: tuple = ()

    def descriptor(self):
        out = {"name": self.name, "type": self.type, "title": self.title_en, "description": self.title_vi}
        constraints = {}
        if self.required:
            constraints["required"] = True
        if self.enum:
            constraints["enum"] = list(self.enum)
        if constraints:
            out["constraints"] = constraints
        return out


@dataclass
class Dataset:
    slug: str
    title_vi: str
    title_en: str
    description_vi: str
    description_en: str
    columns: tuple
    rows: Callable[[], Iterable[dict]]  # one dict per row, keys = column names
    modified: Callable[[], datetime | None]
    primary_key: tuple = ("id",)
    keywords: tuple = ()
    licence: str = CC_BY_4
    spatial: Callable[[], list[str]] = field(default=lambda: [])  # unit codes covered
    temporal: Callable[[], tuple[date | None, date | None]] = field(default=lambda: (None, None))
    sample: bool = False  # figures are samples (labelled wherever they appear)
    theme: str = ""  # EU data theme (DCAT-AP): EDUC, HEAL, JUST, ECON, GOVE, SOCI
    page_models: tuple = ()  # page types whose publishing changes it (dataset.updated)

    @property
    def publisher(self):
        return getattr(settings, "SHARING_PUBLISHER", "Nhà Rông")

    @property
    def contact_email(self):
        return getattr(settings, "SHARING_CONTACT_EMAIL", "dulieu@nharong.vn")

    def title(self, language):
        return self.title_en if language == "en" else self.title_vi

    def description(self, language):
        return self.description_en if language == "en" else self.description_vi

    @property
    def unit_columns(self):
        return [c.name for c in self.columns if c.unit_code]

    def column_names(self):
        return [c.name for c in self.columns]


_REGISTRY: dict[str, Dataset] = {}
_PROVIDERS: list[Callable[[], Iterable[Dataset]]] = []


def register(dataset):
    _REGISTRY[dataset.slug] = dataset
    return dataset


def register_provider(provider):
    """A callable giving datasets that are known only at run time (statistics data sets)."""
    _PROVIDERS.append(provider)
    return provider


def all_datasets():
    found = dict(_REGISTRY)
    for provider in _PROVIDERS:
        for dataset in provider():
            found.setdefault(dataset.slug, dataset)
    for slug, licence in _licences().items():  # an editor's licence (admin) over CC BY 4.0
        if slug in found:
            found[slug] = replace(found[slug], licence=licence)
    return sorted(found.values(), key=lambda d: (d.slug != UNITS_SLUG, d.slug))


def _licences():
    from ..models import DatasetLicence

    return dict(DatasetLicence.objects.values_list("slug", "licence_url"))


def get_dataset(slug):
    for dataset in all_datasets():
        if dataset.slug == slug:
            return dataset
    return None
