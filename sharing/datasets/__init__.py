"""Open datasets: the registry (``registry``) and the datasets made of public pages
(``content``); statistics datasets join through ``register_provider``."""

from . import content  # noqa: F401  (registers the page datasets)
from .registry import UNITS_SLUG, Column, Dataset, all_datasets, get_dataset, register, register_provider

__all__ = ["UNITS_SLUG", "Column", "Dataset", "all_datasets", "get_dataset", "register", "register_provider"]
