"""Agreement reports as text: a table with bars per label, CSV, JSON.

The table is for a manager: for each label, how well the annotators agree (alpha
over everyone, then each pair's F1 and kappa), with a bar so the label that needs
better guidelines stands out. Plain text only (no markup), so it is safe to show
in a widget as well as in a terminal.
"""

from __future__ import annotations

import csv
import io
import json

from annotator.core.agreement import ALL, AgreementReport

_EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(value: float | None, width: int = 20) -> str:
    """A bar of unicode blocks for a value in [0, 1] (negative values show empty)."""
    if value is None:
        return " " * width
    v = min(max(value, 0.0), 1.0) * width
    full = int(v)
    part = round((v - full) * 8)
    if part == 8:
        full, part = full + 1, 0
    s = "█" * full + (_EIGHTHS[part] if part and full < width else "")
    return s.ljust(width)


def _num(value: float | None) -> str:
    return "   –  " if value is None else f"{value:6.3f}"


def render_table(report: AgreementReport, width: int = 20) -> str:
    labels = [*report.labels, ALL]
    lab_w = max(len(lab) for lab in [*labels, "label"])
    lines = [
        (f"Agreement over {report.documents} document(s), {report.tokens} word tokens; "
        f"annotators: {', '.join(report.annotators)}"),
        "",
        (f"All annotators together: Krippendorff's alpha (nominal, over tokens; "
        f"{report.alpha_documents} document(s) with two or more annotators)"),
        f"  {'label'.ljust(lab_w)}   alpha",
    ]
    for lab in labels:
        a = report.alpha.get(lab)
        lines.append(f"  {lab.ljust(lab_w)}  {_num(a)}  {bar(a, width)}")
    for p in report.pairs:
        lines += ["", f"{p.a} and {p.b}: {p.documents} document(s) both annotated, {p.tokens} tokens",
                  (f"  {'label'.ljust(lab_w)}  exact F1  {'':{width}}  overlap F1   kappa    "
                  f"  both  label≠ bound≠ only {p.a[:8]:>8} only {p.b[:8]:>8}")]
        for lab in labels:
            c = p.spans[lab]
            lines.append(
                f"  {lab.ljust(lab_w)}  {_num(c.exact_f1)}    {bar(c.exact_f1, width)}  {_num(c.overlap_f1)}    "
                f"{_num(p.kappa.get(lab))}  {c.both:6d} {c.label_differs:6d} {c.boundary_differs:6d} "
                f"{c.only_a:13d} {c.only_b:13d}")
        if p.attributes:
            lines.append("  attributes (spans both made):")
            for name, item in sorted(p.attributes.items()):
                lines.append(f"    {name}: {item.agreed}/{item.items} equal ({_num(item.agreement).strip()}), "
                             f"kappa {_num(item.kappa).strip()}  {bar(item.agreement, width)}")
        for title, table in (("relations", p.relations), ("links", p.links)):
            if table:
                lines.append(f"  {title} (ends both made):")
                for name, rc in sorted(table.items(), key=lambda kv: (kv[0] == ALL, kv[0])):
                    lines.append(f"    {name}: F1 {_num(rc.f1).strip()}, both {rc.both}, type differs "
                                 f"{rc.type_differs}, only {p.a} {rc.only_a}, only {p.b} {rc.only_b}")
    lines += ["", "How: " + report.notes]
    return "\n".join(lines) + "\n"


CSV_COLUMNS = ["scope", "a", "b", "label", "documents", "tokens", "exact_f1", "overlap_f1", "kappa", "alpha",
               "spans_a", "spans_b", "both", "label_differs", "boundary_differs", "only_a", "only_b"]


def render_csv(report: AgreementReport) -> str:
    """One row per (pair, label) with scope "pair", and one per label with scope "all" (alpha)."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(CSV_COLUMNS)

    def f(v: float | None) -> str:
        return "" if v is None else f"{v:.6f}"

    for p in report.pairs:
        for lab in [*report.labels, ALL]:
            c = p.spans[lab]
            w.writerow(["pair", p.a, p.b, lab, p.documents, p.tokens, f(c.exact_f1), f(c.overlap_f1),
                        f(p.kappa.get(lab)), "", c.a, c.b, c.both, c.label_differs, c.boundary_differs, c.only_a,
                        c.only_b])
    for lab in [*report.labels, ALL]:
        w.writerow(["all", "", "", lab, report.alpha_documents, report.alpha_tokens, "", "", "",
                    f(report.alpha.get(lab)), "", "", "", "", "", "", ""])
    return out.getvalue()


def render_json(report: AgreementReport) -> str:
    return json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n"
