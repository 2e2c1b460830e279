"""The trend picture: the top places over time as a line chart (matplotlib, Agg backend, PNG).

Only published numbers are drawn: a suppressed bucket is a gap in its line, a bucket without items is a zero.
"""

from __future__ import annotations

import math
from collections import defaultdict
from pathlib import Path

from lantern.exports.trends import TrendRow, TrendSpec
from lantern.exports.writers import atomic_path

#: Image size in pixels (width, height) and the number of places drawn.
SIZE = (1200, 600)
DPI = 100
TOP = 8


def top_places(rows: list[TrendRow], top: int = TOP) -> list[tuple[str, str]]:
    """The places with the most published items over the whole export (ties broken by name)."""
    totals: dict[tuple[str, str], int] = defaultdict(int)
    for row in rows:
        totals[(row.place.key, row.place.country)] += row.counts["items"] or 0
    ranked = sorted(totals.items(), key=lambda item: (-item[1], item[0]))
    return [ident for ident, total in ranked[:top] if total > 0]


def series(rows: list[TrendRow], ident: tuple[str, str], starts: list) -> list[float]:  # type: ignore[type-arg]
    """Items of one place per bucket start: NaN where suppressed (a gap), 0 where the bucket had no items."""
    values = {row.bucket.start: row.counts["items"] for row in rows if (row.place.key, row.place.country) == ident}
    return [
        math.nan if start in values and values[start] is None else float(values.get(start) or 0) for start in starts
    ]


def plot_trends(rows: list[TrendRow], spec: TrendSpec, path: Path, top: int = TOP) -> None:
    """Draw the top places' items per bucket to a PNG file at ``path``."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    starts = sorted({row.bucket.start for row in rows})
    figure, axes = plt.subplots(figsize=(SIZE[0] / DPI, SIZE[1] / DPI), dpi=DPI)
    try:
        for ident in top_places(rows, top):
            label = ident[0] if spec.by == "country" else f"{ident[0]} ({ident[1]})"
            values = series(rows, ident, starts)
            axes.plot(starts, values, marker="o", markersize=3, linewidth=1.5, label=label)  # type: ignore[arg-type]
        axes.set_title(_title(spec))
        axes.set_xlabel(f"{spec.interval} starting ({spec.timezone})")
        axes.set_ylabel("items")
        axes.set_ylim(bottom=0)
        axes.grid(True, alpha=0.3)
        if axes.get_legend_handles_labels()[0]:
            axes.legend(title=spec.by, loc="upper left", fontsize="small")
        else:
            axes.text(0.5, 0.5, "no published counts", ha="center", va="center", transform=axes.transAxes)
        figure.text(0.01, 0.01, f"Gaps: counts below {spec.min_count} suppressed.", fontsize="small", alpha=0.7)
        figure.autofmt_xdate()
        with atomic_path(path) as temporary:
            figure.savefig(temporary, format="png", dpi=DPI)
    finally:
        plt.close(figure)


def _title(spec: TrendSpec) -> str:
    level = f", level {spec.level} or higher" if spec.level else ""
    return f"Top {spec.by} mentions per {spec.interval}{level}"
