"""Editions (rules compare_editions, publish_edition): what changed since the last kept edition,
the edition's record and manifest, and publishing all or nothing."""
