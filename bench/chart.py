#!/usr/bin/env python3
"""Draws docs/benchmarks.svg from the newest line of each bench/results/<figure>.jsonl.

One bar per target, as a share of that target (1.0 = exactly met; above the line is better),
so figures in req/s, ms, MB and ratios fit on one axis. Standard library only: no plotting
package to install. Run from the repository root: python3 bench/chart.py
"""
import json
import pathlib

RESULTS = pathlib.Path("bench/results")
OUT = pathlib.Path("docs/benchmarks.svg")

# (figure file, label, function of the JSON line giving the measured value, target, higher is better)
TARGETS = [
    ("feed-serving", "feed 200 / nginx", lambda r: r["ratio200"], 0.5, True),
    ("feed-serving", "feed 304 / nginx", lambda r: r["ratio304"], 0.5, True),
    ("publish-to-feed", "publish→feed p99 (ms)", lambda r: r["p99Ms"], 100, False),
    ("ingest-throughput", "ingest stories/s", lambda r: r["storiesPerSecond"], 2000, True),
    ("ingest-throughput", "ingest / producer", lambda r: r["ratio"], 0.25, True),
    ("newsletter", "emails/s", lambda r: r["emailsPerSecond"], 1000, True),
    ("newsletter", "emails / smtp-source", lambda r: r["ratio"], 0.3, True),
    ("newsletter", "notify peak RSS (MB)", lambda r: r["peakRssMb"], 512, False),
    ("cold-start", "cold start (s)", lambda r: r["stories100k"]["servingSeconds"], 15, False),
    ("social", "social posts/s", lambda r: r["postsPerSecond"], 500, True),
]


def newest(figure):
    path = RESULTS / (figure + ".jsonl")
    if not path.exists():
        return None
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return json.loads(lines[-1]) if lines else None


def main():
    bars = []
    for figure, label, value, target, higher in TARGETS:
        result = newest(figure)
        if result is None:
            continue
        measured = value(result)
        share = measured / target if higher else target / measured
        bars.append((label, measured, target, share))
    width, row, left, scale = 980, 34, 210, 400  # scale: pixels for a share of 1.0
    height = 60 + row * len(bars) + 30
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="13">',
           '<rect width="100%" height="100%" fill="#fff"/>',
           '<text x="10" y="22" font-size="15" font-weight="bold">Newswire benchmarks: each figure as a share of its target (line = target met)</text>']
    for i, (label, measured, target, share) in enumerate(bars):
        y = 50 + i * row
        length = min(share, 1.7) * scale
        colour = "#2e7d32" if share >= 1 else "#c62828"
        svg.append(f'<text x="{left - 8}" y="{y + 17}" text-anchor="end">{label}</text>')
        svg.append(f'<rect x="{left}" y="{y + 4}" width="{length:.1f}" height="{row - 10}" fill="{colour}"/>')
        svg.append(f'<text x="{left + length + 6:.1f}" y="{y + 17}">{measured:g} (target {target:g}; {share:.2f})</text>')
    x = left + scale
    svg.append(f'<line x1="{x}" y1="42" x2="{x}" y2="{height - 25}" stroke="#000" stroke-dasharray="4 3"/>')
    svg.append(f'<text x="{x}" y="{height - 8}" text-anchor="middle">target</text>')
    svg.append('</svg>')
    OUT.write_text("\n".join(svg) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(bars)} bars)")


if __name__ == "__main__":
    main()
