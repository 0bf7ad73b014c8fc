"""Shapes of the heritage pages' API fields that are not plain model fields."""

from ninja import Schema


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
