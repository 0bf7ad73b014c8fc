"""Shapes of the heritage pages' API fields that are not plain model fields."""

from typing import Literal

from ninja import Schema

from content.api.schemas import UnitRef


class GroupRef(Schema):
    code: str
    title: str


class PopulationOut(Schema):
    figure: int
    year: int
    scope: str
    note: str
    source_title: str
    source_url: str


class CertificationOut(Schema):
    kind: str
    label: str
    stars: int | None
    year: int | None
    detail: str


class CoordinatesOut(Schema):
    """Where a place's marker stands: its own coordinates (``exact``), or, when no source
    gives them, the centre of the commune it lies in today (``commune_centre``, with that
    commune): an approximation a reader must be told about."""

    lat: float
    lon: float
    precision: Literal["exact", "commune_centre"]
    commune: UnitRef | None


class WindowOut(Schema):
    """A festival held on no fixed date but within known months: the window, in words
    and as data. Months are lunar or solar as ``calendar`` says; the day is chosen locally."""

    text: str
    calendar: Literal["lunar", "solar"]
    start_month: int
    end_month: int
    every_years: int
    cycle_year: int | None
    date_chosen_by: str
