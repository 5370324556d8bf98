"""Suggestions (rule suggest_catalogue): a proposed catalogue entry for each substantive number no
fact takes yet, and `policybrief accept` to add one to the catalogue."""
