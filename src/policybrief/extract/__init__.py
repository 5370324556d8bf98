"""Extraction (rules extract_*, merge_tables): facts and cited statements by the catalogue, lists by
the documents' structure, every numeric mention; then one table per kind across documents, with
the plug-in data files of data/supplementary/ applied."""
