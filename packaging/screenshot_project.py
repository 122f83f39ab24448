"""Build the project that the README screenshot shows.

The sample articles with nested claim, actor and date spans, the claims' SOURCE
and TIME relations, an entity, normalised dates and cross-document links
(two outlets contradicting each other on the opening date and on the number of
lorries). Uses the services only (no Qt). Then render it:

    .venv/bin/python packaging/screenshot_project.py /tmp/shot.sqlite
    QT_QPA_PLATFORM=offscreen .venv/bin/annotator --db /tmp/shot.sqlite screenshot --as alice \\
        --docs 01-alrased 02-baridalsahil --select <the span id printed> --out packaging/screenshot.png
"""

from __future__ import annotations

import sys
from pathlib import Path

from annotator.core.dates import normalise_date
from annotator.resources import samples_dir
from annotator.services.attributes import SetAttributes
from annotator.services.entities import CreateEntity
from annotator.services.imports.documents import import_paths
from annotator.services.links import AddLink
from annotator.services.project import Project
from annotator.services.relations import AddRelation
from annotator.services.spans import AddSpan

WHO = "alice"
A, B = "01-alrased", "02-baridalsahil"


def main(db: Path) -> str:
    if db.exists():
        db.unlink()
    project = Project.open(db)
    try:
        import_paths(project, sorted(samples_dir().glob("*.txt")), annotator=None, skip_bad=True)
        texts = {d: project.document(d).text for d in (A, B)}

        def span(doc: str, label: str, words: str, after: str = "") -> str:
            text = texts[doc]
            start = text.index(words, text.index(after) if after else 0)
            cmd = AddSpan(doc, WHO, start, start + len(words), label)
            cmd.do(project)
            if label == "DATE":
                proposal = normalise_date(words)
                if proposal is not None:
                    SetAttributes.from_proposal(doc, WHO, cmd.span_id, proposal).do(project)
            return cmd.span_id

        def relate(doc: str, kind: str, head: str, tail: str) -> None:
            AddRelation(doc, WHO, kind, head, tail).do(project)

        span(A, "ACTOR", "حكومتا سبردان وتلوان")
        signed_a = span(A, "DATE", "يوم الخميس 10 أيلول/سبتمبر 2026")
        minister = span(A, "ACTOR", "وزير الداخلية السبرداني كمال السعدوني")
        CreateEntity(WHO, type="person", document_id=A, span_id=minister, name="كمال السعدوني").do(project)
        opening_a = span(A, "CLAIM", "المعبر سيستقبل أولى الشاحنات في الأول من تشرين الأول/أكتوبر المقبل")
        date_a = span(A, "DATE", "الأول من تشرين الأول/أكتوبر المقبل")
        relate(A, "SOURCE", opening_a, minister)
        relate(A, "TIME", opening_a, date_a)
        again = span(A, "ACTOR", "السعدوني", after="وأعلن")
        lorries_a = span(A, "CLAIM", "طاقة المعبر ستبلغ 400 شاحنة يوميًا في المرحلة الأولى")
        relate(A, "SOURCE", lorries_a, again)

        spokesman = span(B, "ACTOR", "المتحدث باسم الحكومة التلوانية سامر عويدات")
        span(B, "DATE", "اليوم الجمعة")
        opening_b = span(B, "CLAIM", "معبر «قوس الملح» مع سبردان سيُعاد فتحه في منتصف أكتوبر/تشرين الأول 2026")
        date_b = span(B, "DATE", "منتصف أكتوبر/تشرين الأول 2026")
        relate(B, "SOURCE", opening_b, spokesman)
        relate(B, "TIME", opening_b, date_b)
        lorries_b = span(B, "CLAIM", "طاقة المعبر «لن تتجاوز 250 شاحنة يوميًا في الأسابيع الأولى»")
        relate(B, "SOURCE", lorries_b, span(B, "ACTOR", "عويدات", after="وقال"))
        signed_b = span(B, "DATE", "يوم الخميس 10 سبتمبر")

        AddLink(WHO, "CONTRADICTS", A, opening_a, B, opening_b).do(project)
        AddLink(WHO, "CONTRADICTS", A, lorries_a, B, lorries_b).do(project)
        AddLink(WHO, "SAME_DATE", A, signed_a, B, signed_b).do(project)
        return opening_a
    finally:
        project.close()


if __name__ == "__main__":
    print(main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/annotator-screenshot.sqlite")))
