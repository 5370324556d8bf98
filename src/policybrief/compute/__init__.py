"""Indicators (checkpoint compute_indicators): computed from the facts as the edition declares them
(config/indicators.yaml), each row naming its formula and inputs."""
