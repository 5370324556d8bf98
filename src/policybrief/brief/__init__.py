"""The brief and its annex as documents (rules write_brief_source, write_annex_source,
check_brief_numbers): the contexts the templates are filled from, the templates, and the ledger
that traces every number the brief prints to its row."""
