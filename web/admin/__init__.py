"""The admin (master data, imports, mergers) for the domain's and the engine's models."""

from . import domain, engine, reports, units  # noqa: F401  (registration happens on import)
