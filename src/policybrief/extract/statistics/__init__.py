"""Official statistics as downloaded (Eurostat SDMX-CSV, TSV bulk files, spreadsheets).

layouts   reads a downloaded file, whatever its layout, into observations: one row per value
          with its dimensions' codes (and labels), period, value, flag and confidentiality
mapping   the YAML beside a file: which slice becomes which indicator, and the plug-in rows it gives
profile   what a file holds (dataset, dimensions with codes and labels, periods), and the mapping
          proposed for a file that has none (policybrief.suggest.mappings); the flags' vocabulary
          is policybrief.core.flags
"""
