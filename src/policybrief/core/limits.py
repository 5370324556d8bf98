"""How much of a long table the documents list (config `limits`): the brief and the annex
summarise what a data file brings beyond these, the tables in data/processed/ stay complete,
and the render's time and memory stay bounded; and how large a document in seeds/ may be
(document_megabytes), which bounds the extraction's. The defaults are those of
the engine's schemas/config.schema.yaml (a test keeps them equal)."""

DEFAULT_LIMITS = {"brief_listed_values": 12, "figure_panels": 6, "annex_rows": 200, "document_megabytes": 5}


def limits_of(given=None) -> dict:
    return {**DEFAULT_LIMITS, **(given or {})}
