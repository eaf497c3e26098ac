"""Forecasting: where each issue is likely to land, with honest uncertainty."""
