"""Open datasets: the registry (``registry``) and the datasets made of public pages
(``content``); statistics datasets join through ``register_provider``."""

from . import content, statistics  # noqa: F401  (register the page and statistics datasets)
from .registry import UNITS_SLUG, Column, Dataset, all_datasets, get_dataset, register, register_provider

__all__ = ["UNITS_SLUG", "Column", "Dataset", "all_datasets", "get_dataset", "register", "register_provider"]
