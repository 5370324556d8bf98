"""What every stage uses: the table registry and CSV tables, errors that speak to a user, YAML
inputs and their schemas, the configuration, numbers and periods as the brief writes them, the
documents inventory, and the guards of a build (lock, freshness, project files)."""
