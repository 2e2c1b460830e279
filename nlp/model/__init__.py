"""Trained models of the analyzer: small, linear, shipped as data, and explained by their strongest features."""
