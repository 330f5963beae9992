"""Renderers of reports, rule listings and lint results: text, JSON, SARIF, JUnit and GitHub annotations."""

from __future__ import annotations

from .formats import FORMATS, OutputFormat, render_report
from .reports import render_rules

__all__ = ["FORMATS", "OutputFormat", "render_report", "render_rules"]
