"""Shapes of the community pages' API fields that are not plain model fields."""

from content.api.schemas import PageRef


class PolicyRef(PageRef):
    document_number: str
    status: str
