"""Documents as published: a PDF or a saved web page read into the text that provenance points
into, with a page map (policybrief.extract.published.read)."""
