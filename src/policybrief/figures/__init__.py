"""Figures (rules draw_figures, draw_periods_figure): each figure the edition lists, drawn with
matplotlib, with its data, caption and alt text."""
