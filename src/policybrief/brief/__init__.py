"""The brief and its annex as documents (rules write_brief_source, write_annex_source,
check_brief_numbers): the contexts the templates are filled from (context), the templates
(templates), the marks the brief's template leaves on the numbers it makes itself (marks), the
PDF's running header (running_header), and the ledger that traces every number the brief
prints to its row (ledger). How a value is written is core.numbers."""
