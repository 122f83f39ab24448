<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar" sourcelanguage="en">
<context>
    <name>ActionRegistry</name>
    <message>
        <source>&amp;File</source>
        <extracomment>the menus&apos; titles as the menu bar shows them (the names above, and the adjudication view&apos;s), translated there</extracomment>
        <translation>ملف</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>تحرير</translation>
    </message>
    <message>
        <source>&amp;Span</source>
        <translation>مقطع</translation>
    </message>
    <message>
        <source>&amp;Relations</source>
        <translation>العلاقات</translation>
    </message>
    <message>
        <source>&amp;Document</source>
        <translation>الوثيقة</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>عرض</translation>
    </message>
    <message>
        <source>&amp;Team</source>
        <translation>الفريق</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>مساعدة</translation>
    </message>
    <message>
        <source>&amp;Adjudication</source>
        <translation>التحكيم</translation>
    </message>
    <message>
        <source>&amp;Gold</source>
        <translation>النسخة الذهبية</translation>
    </message>
    <message>
        <source>&amp;New project…</source>
        <extracomment>the translation context *text* and *tip* were marked in (QT_TRANSLATE_NOOP where they are written) a text made from data (&quot;Tag ACTOR&quot;): its form as marked for translation (&quot;Tag {label}&quot;) and what fills its placeholders after translating (a label&apos;s name, a number); *text* is it in English</extracomment>
        <translation>مشروع جديد…</translation>
    </message>
    <message>
        <source>A new, empty project file (*.annotator), opened in a new window</source>
        <translation>ملف مشروع جديد فارغ (*.annotator)، يُفتح في نافذة جديدة</translation>
    </message>
    <message>
        <source>Open &amp;project…</source>
        <translation>فتح مشروع…</translation>
    </message>
    <message>
        <source>Open another project file in a new window (File ▸ Open Recent lists the last ones)</source>
        <translation>فتح ملف مشروع آخر في نافذة جديدة (ملف ◂ المفتوحة مؤخرًا تسرد آخرها)</translation>
    </message>
    <message>
        <source>&amp;Import files…</source>
        <translation>استيراد ملفات…</translation>
    </message>
    <message>
        <source>Import .txt, .jsonl and other tools&apos; files into this project (the same as annotator import)</source>
        <translation>استيراد ملفات ‎.txt و‎.jsonl وملفات الأدوات الأخرى إلى هذا المشروع (مثل الأمر annotator import)</translation>
    </message>
    <message>
        <source>Import &amp;folder…</source>
        <translation>استيراد مجلد…</translation>
    </message>
    <message>
        <source>Import every file of a known kind in a folder and its subfolders</source>
        <translation>استيراد كل ملف من نوع معروف في مجلد ومجلداته الفرعية</translation>
    </message>
    <message>
        <source>Import &amp;sample articles</source>
        <translation>استيراد مقالات نموذجية</translation>
    </message>
    <message>
        <source>Add the sample articles that come with the program</source>
        <translation>إضافة المقالات النموذجية المرفقة بالبرنامج</translation>
    </message>
    <message>
        <source>&amp;Export dataset…</source>
        <translation>تصدير مجموعة البيانات…</translation>
    </message>
    <message>
        <source>Export documents and spans for training and other tools (the same as annotator export)</source>
        <translation>تصدير الوثائق والمقاطع للتدريب وللأدوات الأخرى (مثل الأمر annotator export)</translation>
    </message>
    <message>
        <source>Sche&amp;ma…</source>
        <translation>مخطط الوسوم…</translation>
    </message>
    <message>
        <source>The project&apos;s labels, attributes, relations and links; load another schema from a file, or export it (the same as annotator schema)</source>
        <translation>وسوم المشروع وسماته وعلاقاته وروابطه؛ تحميل مخطط آخر من ملف أو تصديره (مثل الأمر annotator schema)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>إنهاء</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>تراجع</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>إعادة</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>التفضيلات…</translation>
    </message>
    <message>
        <source>Font, selecting by characters, suggestions, label colours (a colour-blind-safe palette, or your own), light or dark</source>
        <translation>الخط، والتحديد بالأحرف، والاقتراحات، وألوان الوسوم (لوحة ألوان آمنة لعمى الألوان أو ألوانك الخاصة)، والمظهر الفاتح أو الداكن</translation>
    </message>
    <message>
        <source>&amp;Find in this document…</source>
        <translation>بحث في الوثيقة…</translation>
    </message>
    <message>
        <source>Find as you type in the active pane, Arabic-aware (harakat ignored, alef forms alike); the matches are painted, the current one selected</source>
        <translation>البحث أثناء الكتابة في اللوحة النشطة، مع مراعاة العربية (تُتجاهل الحركات وتتساوى صور الألف)؛ تُلوَّن النتائج ويُحدَّد الحالي منها</translation>
    </message>
    <message>
        <source>Find &amp;next</source>
        <translation>النتيجة التالية</translation>
    </message>
    <message>
        <source>The next match in the active pane (Enter in the find bar)</source>
        <translation>النتيجة التالية في اللوحة النشطة (Enter في شريط البحث)</translation>
    </message>
    <message>
        <source>Find &amp;previous</source>
        <translation>النتيجة السابقة</translation>
    </message>
    <message>
        <source>The previous match in the active pane (Shift+Enter in the find bar)</source>
        <translation>النتيجة السابقة في اللوحة النشطة (Shift+Enter في شريط البحث)</translation>
    </message>
    <message>
        <source>&amp;Character precision</source>
        <translation>دقة الحرف</translation>
    </message>
    <message>
        <source>Tag exactly the selected characters (clitics such as و or ب) instead of whole words; holding Alt while selecting does the same once</source>
        <translation>وسم الأحرف المحددة بالضبط (اللواحق مثل و أو ب) بدل الكلمات الكاملة؛ والضغط على Alt أثناء التحديد يفعل ذلك مرة واحدة</translation>
    </message>
    <message>
        <source>&amp;Delete span</source>
        <translation>حذف المقطع</translation>
    </message>
    <message>
        <source>Start one word earlier</source>
        <translation>البداية قبل كلمة</translation>
    </message>
    <message>
        <source>Start one word later</source>
        <translation>البداية بعد كلمة</translation>
    </message>
    <message>
        <source>End one word earlier</source>
        <translation>النهاية قبل كلمة</translation>
    </message>
    <message>
        <source>End one word later</source>
        <translation>النهاية بعد كلمة</translation>
    </message>
    <message>
        <source>Start one character earlier</source>
        <translation>البداية قبل حرف</translation>
    </message>
    <message>
        <source>Start one character later</source>
        <translation>البداية بعد حرف</translation>
    </message>
    <message>
        <source>End one character earlier</source>
        <translation>النهاية قبل حرف</translation>
    </message>
    <message>
        <source>End one character later</source>
        <translation>النهاية بعد حرف</translation>
    </message>
    <message>
        <source>Next span</source>
        <translation>المقطع التالي</translation>
    </message>
    <message>
        <source>Tab in the text does the same</source>
        <translation>مفتاح Tab في النص يفعل الشيء نفسه</translation>
    </message>
    <message>
        <source>Previous span</source>
        <translation>المقطع السابق</translation>
    </message>
    <message>
        <source>Shift+Tab in the text does the same</source>
        <translation>Shift+Tab في النص يفعل الشيء نفسه</translation>
    </message>
    <message>
        <source>&amp;Accept suggestion or date proposal</source>
        <translation>قبول الاقتراح أو التاريخ المقترح</translation>
    </message>
    <message>
        <source>Accept the selected suggestion as your span; with a DATE span selected, store its proposed normalised value (Enter in the text)</source>
        <translation>قبول الاقتراح المحدد مقطعًا لك؛ ومع تحديد مقطع DATE، حفظ قيمته الموحَّدة المقترحة (Enter في النص)</translation>
    </message>
    <message>
        <source>Accept all suggestions in selection</source>
        <translation>قبول كل الاقتراحات في التحديد</translation>
    </message>
    <message>
        <source>Every suggestion inside the selected text becomes your span, as one step (Ctrl+Z takes them all back)</source>
        <translation>يصبح كل اقتراح داخل النص المحدد مقطعًا لك، في خطوة واحدة (Ctrl+Z يتراجع عنها كلها)</translation>
    </message>
    <message>
        <source>Edit &amp;attributes</source>
        <translation>تحرير السمات</translation>
    </message>
    <message>
        <source>Move the keyboard to the span inspector (Esc comes back to the text)</source>
        <translation>نقل لوحة المفاتيح إلى لوحة الخصائص (Esc يعود إلى النص)</translation>
    </message>
    <message>
        <source>Flag as &amp;unsure</source>
        <translation>تعليم بـ«غير متأكد»</translation>
    </message>
    <message>
        <source>Flag the selected span as unsure, or clear its flag (a ? beside it in the text)</source>
        <translation>تعليم المقطع المحدد بـ«غير متأكد» أو إزالة العلامة (علامة ؟ بجانبه في النص)</translation>
    </message>
    <message>
        <source>&amp;Comment on span…</source>
        <translation>ملاحظة على المقطع…</translation>
    </message>
    <message>
        <source>Move the keyboard to the selected span&apos;s comment in the inspector (Ctrl+Enter saves, Esc cancels)</source>
        <translation>نقل لوحة المفاتيح إلى ملاحظة المقطع المحدد في لوحة الخصائص (Ctrl+Enter يحفظ، Esc يلغي)</translation>
    </message>
    <message>
        <source>Create &amp;entity from span</source>
        <translation>إنشاء كيان من المقطع</translation>
    </message>
    <message>
        <source>A project-wide entity named after the selected actor span, with the span attached</source>
        <translation>كيان على مستوى المشروع يحمل اسم مقطع الفاعل المحدد، والمقطع مرتبط به</translation>
    </message>
    <message>
        <source>Tag other &amp;mentions in this document…</source>
        <translation>وسم الإشارات الأخرى في هذه الوثيقة…</translation>
    </message>
    <message>
        <source>Propose the untagged mentions of the span&apos;s entity here, to confirm</source>
        <translation>اقتراح إشارات كيان المقطع غير الموسومة هنا، لتأكيدها</translation>
    </message>
    <message>
        <source>Tag other mentions in the &amp;open documents…</source>
        <translation>وسم الإشارات الأخرى في الوثائق المفتوحة…</translation>
    </message>
    <message>
        <source>Propose the untagged mentions of the span&apos;s entity in every open document</source>
        <translation>اقتراح إشارات كيان المقطع غير الموسومة في كل وثيقة مفتوحة</translation>
    </message>
    <message>
        <source>Entities (rename, &amp;merge)…</source>
        <translation>الكيانات (إعادة تسمية، دمج)…</translation>
    </message>
    <message>
        <source>Every entity of the project with its mentions: rename one, merge duplicates into it</source>
        <translation>كل كيانات المشروع مع إشاراتها: إعادة تسمية كيان، ودمج المكررات فيه</translation>
    </message>
    <message>
        <source>&amp;Delete chosen relation</source>
        <translation>حذف العلاقة المختارة</translation>
    </message>
    <message>
        <source>Delete the relation chosen in the Relations panel (Delete there does the same)</source>
        <translation>حذف العلاقة المختارة في لوحة العلاقات الجانبية (Delete هناك يفعل الشيء نفسه)</translation>
    </message>
    <message>
        <source>&amp;Link with span in other pane…</source>
        <translation>ربط بمقطع في لوحة أخرى…</translation>
    </message>
    <message>
        <source>Link the span selected here with the span selected in another pane (SAME_CLAIM, CONTRADICTS, SUPPORTS, SAME_DATE)</source>
        <translation>ربط المقطع المحدد هنا بالمقطع المحدد في لوحة أخرى (SAME_CLAIM، CONTRADICTS، SUPPORTS، SAME_DATE)</translation>
    </message>
    <message>
        <source>Link with span in &amp;any document…</source>
        <translation>ربط بمقطع في أي وثيقة…</translation>
    </message>
    <message>
        <source>Link the selected span with a span of a document that need not be open: find the document, then choose the span</source>
        <translation>ربط المقطع المحدد بمقطع من وثيقة لا يلزم أن تكون مفتوحة: ابحث عن الوثيقة ثم اختر المقطع</translation>
    </message>
    <message>
        <source>Mark &amp;done and go to next</source>
        <translation>تعليمها منجزة والانتقال إلى التالية</translation>
    </message>
    <message>
        <source>&amp;Mark done</source>
        <translation>تعليمها منجزة</translation>
    </message>
    <message>
        <source>Mark &amp;in progress</source>
        <translation>تعليمها قيد العمل</translation>
    </message>
    <message>
        <source>&amp;Next document not done</source>
        <translation>الوثيقة التالية غير المنجزة</translation>
    </message>
    <message>
        <source>&amp;Find a document…</source>
        <translation>البحث عن وثيقة…</translation>
    </message>
    <message>
        <source>Open any document in the active pane: type part of its title, id or file name</source>
        <translation>فتح أي وثيقة في اللوحة النشطة: اكتب جزءًا من عنوانها أو معرّفها أو اسم ملفها</translation>
    </message>
    <message>
        <source>&amp;Search every document…</source>
        <translation>بحث في كل الوثائق…</translation>
    </message>
    <message>
        <source>Find words in every document (Arabic-aware); the hits as a concordance, tagged with a label&apos;s key</source>
        <translation>البحث عن كلمات في كل الوثائق (مع مراعاة العربية)؛ النتائج في سياقاتها، وتُوسم بمفتاح الوسم</translation>
    </message>
    <message>
        <source>&amp;Add pane</source>
        <translation>إضافة لوحة</translation>
    </message>
    <message>
        <source>&amp;Close pane</source>
        <translation>إغلاق اللوحة</translation>
    </message>
    <message>
        <source>&amp;Swap pane with next</source>
        <translation>تبديل اللوحة مع التالية</translation>
    </message>
    <message>
        <source>Focus ne&amp;xt pane</source>
        <translation>الانتقال إلى اللوحة التالية</translation>
    </message>
    <message>
        <source>Move the keyboard to the next pane&apos;s text (a link&apos;s two ends without the mouse)</source>
        <translation>نقل لوحة المفاتيح إلى نص اللوحة التالية (طرفا الرابط بلا فأرة)</translation>
    </message>
    <message>
        <source>Focus pre&amp;vious pane</source>
        <translation>الانتقال إلى اللوحة السابقة</translation>
    </message>
    <message>
        <source>Focus pane {n}</source>
        <translation>الانتقال إلى اللوحة {n}</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>تكبير</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>تصغير</translation>
    </message>
    <message>
        <source>&amp;Reset zoom</source>
        <translation>إعادة ضبط التكبير</translation>
    </message>
    <message>
        <source>&amp;Font…</source>
        <translation>الخط…</translation>
    </message>
    <message>
        <source>Show all relation &amp;arcs</source>
        <translation>إظهار كل أقواس العلاقات</translation>
    </message>
    <message>
        <source>Draw every relation whose two ends are on screen, not only the selected span&apos;s</source>
        <translation>رسم كل علاقة طرفاها ظاهران على الشاشة، لا علاقات المقطع المحدد وحده</translation>
    </message>
    <message>
        <source>&amp;Suggestions</source>
        <translation>الاقتراحات</translation>
    </message>
    <message>
        <source>Draw the recommenders&apos; suggestions in the panes (dashed outlines) and walk them with Tab</source>
        <translation>رسم اقتراحات مصادر الاقتراحات في اللوحات (بحدود متقطعة) والتنقل بينها بمفتاح Tab</translation>
    </message>
    <message>
        <source>&amp;Claim table</source>
        <translation>جدول الادعاءات</translation>
    </message>
    <message>
        <source>Every claim with its source, time, target and linked claims</source>
        <translation>كل ادعاء مع مصدره ووقته وهدفه والادعاءات المرتبطة به</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>اختصارات لوحة المفاتيح</translation>
    </message>
    <message>
        <source>&amp;Guidelines</source>
        <translation>إرشادات التوسيم</translation>
    </message>
    <message>
        <source>What each label means (the schema) and the project&apos;s own guidelines, at the selected span&apos;s label</source>
        <translation>معنى كل وسم (مخطط الوسوم) وإرشادات المشروع الخاصة، عند وسم المقطع المحدد</translation>
    </message>
    <message>
        <source>Tag {label}</source>
        <translation>وسم {label}</translation>
    </message>
    <message>
        <source>Add {relation} relation…</source>
        <translation>إضافة علاقة {relation}…</translation>
    </message>
    <message>
        <source>, </source>
        <extracomment>translation contexts tried after a spec&apos;s own: the classes of the objects that run actions, the window&apos;s</extracomment>
        <translation>، </translation>
    </message>
    <message>
        <source>Next / previous span (in the text)</source>
        <extracomment>the main window&apos;s keys that are not actions, for its F1 table</extracomment>
        <translation>المقطع التالي / السابق (في النص)</translation>
    </message>
    <message>
        <source>Tab / Shift+Tab (suggestions shown)</source>
        <translation>Tab / Shift+Tab (مع إظهار الاقتراحات)</translation>
    </message>
    <message>
        <source>Next / previous span or suggestion</source>
        <translation>المقطع أو الاقتراح التالي / السابق</translation>
    </message>
    <message>
        <source>Delete (a suggestion selected)</source>
        <translation>Delete (مع تحديد اقتراح)</translation>
    </message>
    <message>
        <source>Reject the suggestion (it does not come back)</source>
        <translation>رفض الاقتراح (لا يعود)</translation>
    </message>
    <message>
        <source>1–9 (a suggestion selected)</source>
        <translation>1–9 (مع تحديد اقتراح)</translation>
    </message>
    <message>
        <source>Accept the suggestion with that label</source>
        <translation>قبول الاقتراح بذلك الوسم</translation>
    </message>
    <message>
        <source>Edge keys (a suggestion selected)</source>
        <translation>مفاتيح الحدود (مع تحديد اقتراح)</translation>
    </message>
    <message>
        <source>Move its edges, then Enter accepts it</source>
        <translation>تحريك حدوده، ثم Enter يقبله</translation>
    </message>
    <message>
        <source>Up/Down, 1–9, Enter / Esc</source>
        <translation>↑/↓، 1–9، Enter / Esc</translation>
    </message>
    <message>
        <source>Pick the other end of a relation / cancel (after its key)</source>
        <translation>اختيار الطرف الآخر للعلاقة / الإلغاء (بعد مفتاحها)</translation>
    </message>
    <message>
        <source>Delete (in the Relations or Links panel)</source>
        <translation>Delete (في لوحة العلاقات أو الروابط الجانبية)</translation>
    </message>
    <message>
        <source>Delete the chosen relation or link</source>
        <translation>حذف العلاقة أو الرابط المختار</translation>
    </message>
    <message>
        <source>Esc (in the span inspector)</source>
        <translation>Esc (في لوحة الخصائص)</translation>
    </message>
    <message>
        <source>Back to the text</source>
        <translation>العودة إلى النص</translation>
    </message>
    <message>
        <source>Enter / Shift+Enter (in the find bar)</source>
        <translation>Enter / Shift+Enter (في شريط البحث)</translation>
    </message>
    <message>
        <source>Next / previous match</source>
        <translation>النتيجة التالية / السابقة</translation>
    </message>
    <message>
        <source>Esc (in the find bar)</source>
        <translation>Esc (في شريط البحث)</translation>
    </message>
    <message>
        <source>Close it: the matches go, the current one stays selected</source>
        <translation>إغلاقه: تزول النتائج ويبقى الحالي منها محددًا</translation>
    </message>
    <message>
        <source>Shift+arrows</source>
        <translation>Shift+الأسهم</translation>
    </message>
    <message>
        <source>Select text (add Alt for character precision)</source>
        <translation>تحديد النص (أضف Alt لدقة الحرف)</translation>
    </message>
</context>
<context>
    <name>AdjudicationRelationsLinks</name>
    <message>
        <source>Gold relations</source>
        <translation>العلاقات الذهبية</translation>
    </message>
    <message>
        <source>Gold links</source>
        <translation>الروابط الذهبية</translation>
    </message>
    <message>
        <source>(missing)</source>
        <translation>(مفقود)</translation>
    </message>
    <message>
        <source>{type} → {end}</source>
        <translation>علاقة {type} إلى {end}</translation>
    </message>
    <message>
        <source>{type} of ← {end}</source>
        <translation>علاقة {type} من {end}</translation>
    </message>
    <message>
        <source>link {number} {type} ↔ {title}</source>
        <translation>رابط {number} {type} ↔ {title}</translation>
    </message>
    <message>
        <source>Select a gold span first (click it in the gold pane), then {key} links it</source>
        <translation>حدِّد مقطعًا ذهبيًا أولًا (انقره في لوحة النسخة الذهبية)، ثم اربطه بـ{key}</translation>
    </message>
    <message>
        <source>No link type of the schema joins {label} spans</source>
        <translation>لا يربط أيُّ نوع من روابط المخطط مقاطعَ {label}</translation>
    </message>
    <message>
        <source>No other document has gold yet: adjudicate the other outlet&apos;s article first</source>
        <translation>لا نسخة ذهبية لأي وثيقة أخرى بعد: حكِّم مقال المصدر الآخر أولًا</translation>
    </message>
    <message>
        <source>No link added: choose a span in the list</source>
        <translation>لم يُضَف رابط: اختر مقطعًا من القائمة</translation>
    </message>
</context>
<context>
    <name>AdjudicationWindow</name>
    <message>
        <source>Adjudication</source>
        <translation>التحكيم</translation>
    </message>
    <message>
        <source>Adjudication is for adjudicators and managers, and {name} is an annotator here. A manager can change your role in Team ▸ Annotators and roles.</source>
        <translation>التحكيم للمحكِّمين والمديرين، والمستخدم {name} موسِّم في هذا المشروع. يستطيع المدير تغيير دورك من الفريق ▸ الموسِّمون والأدوار.</translation>
    </message>
    <message>
        <source>This document has work from {n} annotator: adjudication compares two or more versions.|This document has work from {n} annotators: adjudication compares two or more versions.</source>
        <translation>لا عمل لأي موسِّم على هذه الوثيقة: التحكيم يقارن نسختين أو أكثر.|على هذه الوثيقة عمل موسِّم واحد: التحكيم يقارن نسختين أو أكثر.|على هذه الوثيقة عمل موسِّمَين: التحكيم يقارن نسختين أو أكثر.|على هذه الوثيقة عمل {n} موسِّمين: التحكيم يقارن نسختين أو أكثر.|على هذه الوثيقة عمل {n} موسِّمًا: التحكيم يقارن نسختين أو أكثر.|على هذه الوثيقة عمل {n} موسِّم: التحكيم يقارن نسختين أو أكثر.</translation>
    </message>
    <message>
        <source>Gold: accept the date&apos;s proposed value</source>
        <extracomment>the inspector&apos;s keys: Enter in the gold pane, F2 anywhere in the view (marked in the view&apos;s context, which the action registry translates them in)</extracomment>
        <translation>النسخة الذهبية: قبول القيمة المقترحة للتاريخ</translation>
    </message>
    <message>
        <source>Gold: edit the span&apos;s attributes</source>
        <translation>النسخة الذهبية: تحرير سمات المقطع</translation>
    </message>
    <message>
        <source>Gold: flag the span as unsure</source>
        <translation>النسخة الذهبية: تعليم المقطع بـ«غير متأكد»</translation>
    </message>
    <message>
        <source>Flag the selected gold span as unsure, or clear its flag</source>
        <translation>تعليم المقطع الذهبي المحدَّد بـ«غير متأكد»، أو إزالة هذه العلامة</translation>
    </message>
    <message>
        <source>Gold: comment on the span</source>
        <translation>النسخة الذهبية: ملاحظة على المقطع</translation>
    </message>
    <message>
        <source>Move the keyboard to the gold span&apos;s comment (Ctrl+Enter saves, Esc cancels)</source>
        <translation>نقل لوحة المفاتيح إلى ملاحظة المقطع الذهبي (Ctrl+Enter للحفظ، وEsc للإلغاء)</translation>
    </message>
    <message>
        <source>Select a gold span first (click it in the gold pane)</source>
        <translation>حدِّد مقطعًا ذهبيًا أولًا (انقره في لوحة النسخة الذهبية)</translation>
    </message>
    <message>
        <source>Gold span</source>
        <translation>المقطع الذهبي</translation>
    </message>
    <message>
        <source>Gold: add {relation} relation…</source>
        <translation>النسخة الذهبية: إضافة علاقة {relation}…</translation>
    </message>
    <message>
        <source>Gold: &amp;link span to another document…</source>
        <translation>النسخة الذهبية: &amp;ربط المقطع بوثيقة أخرى…</translation>
    </message>
    <message>
        <source>&amp;Next disagreement</source>
        <translation>الخلاف ال&amp;تالي</translation>
    </message>
    <message>
        <source>&amp;Previous disagreement</source>
        <translation>الخلاف ال&amp;سابق</translation>
    </message>
    <message>
        <source>Accept all &amp;agreed</source>
        <translation>قبول كل ال&amp;متفق عليه</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>إ&amp;غلاق</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;تراجع</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>إ&amp;عادة</translation>
    </message>
    <message>
        <source>&amp;Delete gold span</source>
        <translation>&amp;حذف المقطع الذهبي</translation>
    </message>
    <message>
        <source>Gold span starts one word earlier</source>
        <translation>تقديم بداية المقطع الذهبي كلمةً</translation>
    </message>
    <message>
        <source>Gold span starts one word later</source>
        <translation>تأخير بداية المقطع الذهبي كلمةً</translation>
    </message>
    <message>
        <source>Gold span ends one word earlier</source>
        <translation>تقديم نهاية المقطع الذهبي كلمةً</translation>
    </message>
    <message>
        <source>Gold span ends one word later</source>
        <translation>تأخير نهاية المقطع الذهبي كلمةً</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>ا&amp;ختصارات لوحة المفاتيح</translation>
    </message>
    <message>
        <source>Up/Down, 1–9, Enter / Esc</source>
        <extracomment>the menus of the adjudication view, in menu-bar order keys of the adjudication view that are not actions, for its F1 table</extracomment>
        <translation>أعلى/أسفل، 1–9، Enter / Esc</translation>
    </message>
    <message>
        <source>Pick the other end of a gold relation / cancel (after its key)</source>
        <translation>اختيار الطرف الآخر لعلاقة ذهبية / إلغاء (بعد مفتاحها)</translation>
    </message>
    <message>
        <source>Delete (in the Gold relations or Gold links tab)</source>
        <translation>Delete (في تبويب العلاقات الذهبية أو الروابط الذهبية)</translation>
    </message>
    <message>
        <source>Delete the chosen gold relation or link</source>
        <translation>حذف العلاقة أو الرابط الذهبي المختار</translation>
    </message>
    <message>
        <source>Esc (in the Gold span inspector)</source>
        <translation>Esc (في لوحة خصائص المقطع الذهبي)</translation>
    </message>
    <message>
        <source>Back to the gold text</source>
        <translation>العودة إلى نص النسخة الذهبية</translation>
    </message>
    <message>
        <source>new</source>
        <extracomment>an annotator&apos;s progress on the document, as a version pane&apos;s title says it</extracomment>
        <translation>جديدة</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>قيد العمل</translation>
    </message>
    <message>
        <source>done</source>
        <translation>منجزة</translation>
    </message>
    <message>
        <source>Gold: {label}</source>
        <extracomment>the label keys in the Gold menu (&quot;Tag {label}&quot; becomes this; the registry fills in the label)</extracomment>
        <translation>النسخة الذهبية: {label}</translation>
    </message>
    <message>
        <source>Adjudicate — {title}</source>
        <translation>التحكيم — {title}</translation>
    </message>
    <message>
        <source>Reading and comparing the versions…</source>
        <translation>جارٍ قراءة النسخ ومقارنتها…</translation>
    </message>
    <message>
        <source>Disagreements</source>
        <translation>الخلافات</translation>
    </message>
    <message>
        <source>Agreement threshold</source>
        <translation>حدّ الاتفاق</translation>
    </message>
    <message>
        <source>Unanimous (every annotator)</source>
        <translation>إجماع (كل الموسِّمين)</translation>
    </message>
    <message>
        <source>Majority (more than half)</source>
        <translation>أغلبية (أكثر من النصف)</translation>
    </message>
    <message>
        <source>Accept all agreed</source>
        <translation>قبول كل المتفق عليه</translation>
    </message>
    <message>
        <source>Show only undecided</source>
        <translation>عرض غير المحسوم فقط</translation>
    </message>
    <message>
        <source>Agreed means:</source>
        <translation>المتفق عليه يعني:</translation>
    </message>
    <message>
        <source>Select a gold span to see where it came from</source>
        <translation>حدِّد مقطعًا ذهبيًا لترى مصدره</translation>
    </message>
    <message>
        <source>Accept annotator {number}&apos;s version</source>
        <translation>قبول نسخة الموسِّم {number}</translation>
    </message>
    <message>
        <source>{number} · {name}&apos;s version</source>
        <translation>{number} · نسخة {name}</translation>
    </message>
    <message>
        <source>The annotators changed while opening; showing the ones found</source>
        <translation>تغيَّر الموسِّمون أثناء الفتح؛ يُعرض الموجودون منهم</translation>
    </message>
    <message>
        <source>no work</source>
        <translation>لا عمل</translation>
    </message>
    <message>
        <source>{n} span · {work}|{n} spans · {work}</source>
        <translation>لا مقاطع · {work}|مقطع واحد · {work}|مقطعان · {work}|{n} مقاطع · {work}|{n} مقطعًا · {work}|{n} مقطع · {work}</translation>
    </message>
    <message>
        <source>{n} disagreement between {annotators} annotators (read and compared in {seconds} s)|{n} disagreements between {annotators} annotators (read and compared in {seconds} s)</source>
        <translation>لا خلافات بين {annotators} من الموسِّمين (القراءة والمقارنة في {seconds} ث)|خلاف واحد بين {annotators} من الموسِّمين (القراءة والمقارنة في {seconds} ث)|خلافان بين {annotators} من الموسِّمين (القراءة والمقارنة في {seconds} ث)|{n} خلافات بين {annotators} من الموسِّمين (القراءة والمقارنة في {seconds} ث)|{n} خلافًا بين {annotators} من الموسِّمين (القراءة والمقارنة في {seconds} ث)|{n} خلاف بين {annotators} من الموسِّمين (القراءة والمقارنة في {seconds} ث)</translation>
    </message>
    <message>
        <source>{n} disagreement · {decided} decided · {left} left|{n} disagreements · {decided} decided · {left} left</source>
        <translation>لا خلافات · المحسوم {decided} · المتبقي {left}|خلاف واحد · المحسوم {decided} · المتبقي {left}|خلافان · المحسوم {decided} · المتبقي {left}|{n} خلافات · المحسوم {decided} · المتبقي {left}|{n} خلافًا · المحسوم {decided} · المتبقي {left}|{n} خلاف · المحسوم {decided} · المتبقي {left}</translation>
    </message>
    <message>
        <source> · at {number}</source>
        <translation> · الحالي: {number}</translation>
    </message>
    <message>
        <source>{n} span|{n} spans</source>
        <translation>لا مقاطع|مقطع واحد|مقطعان|{n} مقاطع|{n} مقطعًا|{n} مقطع</translation>
    </message>
    <message>
        <source>No disagreements</source>
        <translation>لا خلافات</translation>
    </message>
    <message>
        <source>Every disagreement is decided</source>
        <translation>حُسمت الخلافات كلها</translation>
    </message>
    <message>
        <source>That was the last disagreement</source>
        <translation>كان ذلك آخر خلاف</translation>
    </message>
    <message>
        <source>This is the first disagreement</source>
        <translation>هذا أول خلاف</translation>
    </message>
    <message>
        <source>Choose a disagreement first</source>
        <translation>اختر خلافًا أولًا</translation>
    </message>
    <message>
        <source>There is no annotator {number} here</source>
        <translation>لا يوجد هنا موسِّم رقم {number}</translation>
    </message>
    <message>
        <source>Accepting everything agreed ({threshold})…</source>
        <translation>جارٍ قبول كل المتفق عليه ({threshold})…</translation>
    </message>
    <message>
        <source>Gold: {spans} added, {values} set, {relations}, {links} ({threshold})</source>
        <translation>النسخة الذهبية: أُضيف {spans}، وعُيِّن {values}، و{relations}، و{links} ({threshold})</translation>
    </message>
    <message>
        <source>{n} agreed span|{n} agreed spans</source>
        <translation>لا مقاطع متفق عليها|مقطع واحد متفق عليه|مقطعان متفق عليهما|{n} مقاطع متفق عليها|{n} مقطعًا متفقًا عليه|{n} مقطع متفق عليه</translation>
    </message>
    <message>
        <source>{n} value|{n} values</source>
        <translation>لا قيم|قيمة واحدة|قيمتان|{n} قيم|{n} قيمة|{n} قيمة</translation>
    </message>
    <message>
        <source>{n} relation|{n} relations</source>
        <translation>لا علاقات|علاقة واحدة|علاقتان|{n} علاقات|{n} علاقة|{n} علاقة</translation>
    </message>
    <message>
        <source>{n} link|{n} links</source>
        <translation>لا روابط|رابط واحد|رابطان|{n} روابط|{n} رابطًا|{n} رابط</translation>
    </message>
    <message>
        <source>Select some text, or click a gold span, first</source>
        <translation>حدِّد نصًا، أو انقر مقطعًا ذهبيًا، أولًا</translation>
    </message>
    <message>
        <source>Nothing to tag: the selection holds only spaces or marks</source>
        <translation>لا شيء لوسمه: التحديد لا يحوي إلا مسافات أو علامات</translation>
    </message>
    <message>
        <source>No gold span selected: click one in the gold pane</source>
        <translation>لم يُحدَّد مقطع ذهبي: انقر واحدًا في لوحة النسخة الذهبية</translation>
    </message>
    <message>
        <source>Gold {label} «{text}»: {provenance}</source>
        <translation>المقطع الذهبي {label} «{text}»: {provenance}</translation>
    </message>
    <message>
        <source>Could not open the versions: {error}</source>
        <translation>تعذَّر فتح النسخ: {error}</translation>
    </message>
</context>
<context>
    <name>AgreementModel</name>
    <message>
        <source>ALL</source>
        <translation>الكل</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>الوسم</translation>
    </message>
    <message>
        <source>Alpha (all annotators)</source>
        <translation>ألفا (كل الموسِّمين)</translation>
    </message>
    <message>
        <source>Only {name}</source>
        <translation>{name} فقط</translation>
    </message>
    <message>
        <source>Exact F1</source>
        <translation>F1 المطابقة التامة</translation>
    </message>
    <message>
        <source>Overlap F1</source>
        <translation>F1 التداخل</translation>
    </message>
    <message>
        <source>Kappa</source>
        <translation>كابا</translation>
    </message>
    <message>
        <source>Both</source>
        <translation>كلاهما</translation>
    </message>
    <message>
        <source>Label differs</source>
        <translation>اختلاف الوسم</translation>
    </message>
    <message>
        <source>Boundary differs</source>
        <translation>اختلاف الحدود</translation>
    </message>
    <message>
        <source>Recommender · label</source>
        <translation>مصدر الاقتراحات · الوسم</translation>
    </message>
    <message>
        <source>Exact P</source>
        <translation>الدقة (مطابقة تامة)</translation>
    </message>
    <message>
        <source>Exact R</source>
        <translation>الاستدعاء (مطابقة تامة)</translation>
    </message>
    <message>
        <source>Overlap P</source>
        <translation>الدقة (تداخل)</translation>
    </message>
    <message>
        <source>Overlap R</source>
        <translation>الاستدعاء (تداخل)</translation>
    </message>
    <message>
        <source>Gold</source>
        <translation>النسخة الذهبية</translation>
    </message>
    <message>
        <source>Suggested</source>
        <translation>المقترَح</translation>
    </message>
</context>
<context>
    <name>AgreementWindow</name>
    <message>
        <source>gold</source>
        <extracomment>the scope that shows the suggestions&apos; scores against gold instead of agreement what the suggestions were scored against (the service says it in English), as shown</extracomment>
        <translation>النسخة الذهبية</translation>
    </message>
    <message>
        <source>gold and done sets</source>
        <translation>النسخة الذهبية والمجموعات المنجزة</translation>
    </message>
    <message>
        <source>done sets</source>
        <translation>المجموعات المنجزة</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>الاتفاق</translation>
    </message>
    <message>
        <source>Annotators</source>
        <translation>الموسِّمون</translation>
    </message>
    <message>
        <source>Computing agreement…</source>
        <translation>جارٍ حساب الاتفاق…</translation>
    </message>
    <message>
        <source>Export JSON…</source>
        <translation>تصدير JSON…</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>تصدير CSV…</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>العرض:</translation>
    </message>
    <message>
        <source>No agreement figures: {error}</source>
        <translation>لا أرقام للاتفاق: {error}</translation>
    </message>
    <message>
        <source>Suggestions against gold (precision, recall, F1)</source>
        <translation>الاقتراحات مقارنةً بالنسخة الذهبية (الدقة، الاستدعاء، F1)</translation>
    </message>
    <message>
        <source>No scores of suggestions: {error}</source>
        <translation>لا درجات للاقتراحات: {error}</translation>
    </message>
    <message>
        <source>Scoring suggestions against gold (cross-validating the project model)…</source>
        <translation>جارٍ تقييم الاقتراحات مقارنةً بالنسخة الذهبية (التحقق المتقاطع لنموذج المشروع)…</translation>
    </message>
    <message>
        <source>Suggestions against {reference} of {n} document, each recommender on documents it did not learn from (the project model by {folds}-fold cross-validation).|Suggestions against {reference} of {n} documents, each recommender on documents it did not learn from (the project model by {folds}-fold cross-validation).</source>
        <translation>الاقتراحات مقارنةً مع {reference}، بلا وثائق، وكل مصدر اقتراحات على وثائق لم يتعلم منها (نموذج المشروع بالتحقق المتقاطع على {folds} أجزاء).|الاقتراحات مقارنةً مع {reference} في وثيقة واحدة، وكل مصدر اقتراحات على وثائق لم يتعلم منها (نموذج المشروع بالتحقق المتقاطع على {folds} أجزاء).|الاقتراحات مقارنةً مع {reference} في وثيقتين، وكل مصدر اقتراحات على وثائق لم يتعلم منها (نموذج المشروع بالتحقق المتقاطع على {folds} أجزاء).|الاقتراحات مقارنةً مع {reference} في {n} وثائق، وكل مصدر اقتراحات على وثائق لم يتعلم منها (نموذج المشروع بالتحقق المتقاطع على {folds} أجزاء).|الاقتراحات مقارنةً مع {reference} في {n} وثيقة، وكل مصدر اقتراحات على وثائق لم يتعلم منها (نموذج المشروع بالتحقق المتقاطع على {folds} أجزاء).|الاقتراحات مقارنةً مع {reference} في {n} وثيقة، وكل مصدر اقتراحات على وثائق لم يتعلم منها (نموذج المشروع بالتحقق المتقاطع على {folds} أجزاء).</translation>
    </message>
    <message>
        <source>, </source>
        <translation>، </translation>
    </message>
    <message>
        <source>{n} doc {score}|{n} docs {score}</source>
        <translation>لا وثائق: {score}|وثيقة واحدة: {score}|وثيقتان: {score}|{n} وثائق: {score}|{n} وثيقة: {score}|{n} وثيقة: {score}</translation>
    </message>
    <message>
        <source>Learning curve of the project model (exact F1): {curve}. </source>
        <translation>منحنى تعلُّم نموذج المشروع (F1 المطابقة التامة): {curve}. </translation>
    </message>
    <message>
        <source>Tokens are the word tokens of annotator.core.tokens (spaces and punctuation are not units). A span covers every token it overlaps. For ALL, a token takes the label of the innermost (shortest) span covering it, else O (equal lengths: the label listed first in the schema); kappa (per pair) and alpha (nominal, all annotators) are computed over these token labels. For one label, a token is inside a span of that label or not, whatever else is nested in or around it. Span F1 exact needs the same start, end and label; overlap F1 needs an overlapping span of the same label. A document counts for a pair when both annotated it, for alpha when at least two did.</source>
        <translation>الوحدات هي كلمات النص كما يقسّمها البرنامج (المسافات وعلامات الترقيم ليست وحدات). يغطي المقطع كل كلمة يتقاطع معها. في «الكل» تأخذ الكلمة وسم أعمق مقطع (أقصرها) يغطيها، وإلا فـO (عند تساوي الطول: الوسم الأسبق في المخطط)؛ ويُحسب كابا (لكل زوج) وألفا (اسمي، لكل الموسِّمين) على وسوم الكلمات هذه. وفي الوسم الواحد تكون الكلمة داخل مقطع من ذلك الوسم أو خارجه، أيًّا كان ما يتداخل فيه أو حوله. يتطلب F1 المطابق البداية والنهاية والوسم نفسها؛ ويتطلب F1 المتداخل مقطعًا متقاطعًا بالوسم نفسه. تُحسب الوثيقة لزوج إذا وسمها كلاهما، ولألفا إذا وسمها اثنان على الأقل.</translation>
    </message>
    <message>
        <source>{documents}, {tokens}; annotators: {names}. Alpha over all labels: {alpha}</source>
        <translation>{documents}، {tokens}؛ الموسِّمون: {names}. ألفا على كل الوسوم: {alpha}</translation>
    </message>
    <message>
        <source>{n} document|{n} documents</source>
        <translation>لا وثائق|وثيقة واحدة|وثيقتان|{n} وثائق|{n} وثيقة|{n} وثيقة</translation>
    </message>
    <message>
        <source>{n} word token|{n} word tokens</source>
        <translation>لا كلمات|كلمة واحدة|كلمتان|{n} كلمات|{n} كلمة|{n} كلمة</translation>
    </message>
    <message>
        <source>How: {notes}</source>
        <translation>الطريقة: {notes}</translation>
    </message>
    <message>
        <source>All annotators together (Krippendorff&apos;s alpha)</source>
        <translation>كل الموسِّمين معًا (ألفا كريبندورف)</translation>
    </message>
    <message>
        <source>{a} and {b} (F1, kappa; {n} document)|{a} and {b} (F1, kappa; {n} documents)</source>
        <translation>{a} و {b} (F1، كابا؛ لا وثائق)|{a} و {b} (F1، كابا؛ وثيقة واحدة)|{a} و {b} (F1، كابا؛ وثيقتان)|{a} و {b} (F1، كابا؛ {n} وثائق)|{a} و {b} (F1، كابا؛ {n} وثيقة)|{a} و {b} (F1، كابا؛ {n} وثيقة)</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>حُفظ {path}</translation>
    </message>
    <message>
        <source>Export agreement as {format}</source>
        <translation>تصدير الاتفاق بصيغة {format}</translation>
    </message>
    <message>
        <source>Not saved: {error}</source>
        <translation>لم يُحفظ: {error}</translation>
    </message>
</context>
<context>
    <name>AnnotatorNameDialog</name>
    <message>
        <source>Who is annotating?</source>
        <translation>مَن يوسِّم؟</translation>
    </message>
    <message>
        <source>Your name (every change you make is recorded under it):</source>
        <translation>اسمك (يُسجَّل باسمك كل تغيير تجريه):</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <source>Assign documents</source>
        <translation>إسناد الوثائق</translation>
    </message>
    <message>
        <source>Filter by title or id</source>
        <translation>تصفية حسب العنوان أو المعرّف</translation>
    </message>
    <message>
        <source>Check all listed</source>
        <translation>تحديد كل المعروض</translation>
    </message>
    <message>
        <source>Uncheck all listed</source>
        <translation>إلغاء تحديد كل المعروض</translation>
    </message>
    <message>
        <source>New annotator&apos;s name</source>
        <translation>اسم الموسِّم الجديد</translation>
    </message>
    <message>
        <source>Add annotator</source>
        <translation>إضافة موسِّم</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>إسناد</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>الوثائق</translation>
    </message>
    <message>
        <source>Annotators (role · assigned · done)</source>
        <translation>الموسِّمون (الدور · المُسنَد · المنجز)</translation>
    </message>
    <message>
        <source>more than {n}</source>
        <translation>أكثر من {n}</translation>
    </message>
    <message>
        <source>{listed} listed · {checked} checked</source>
        <translation>المعروض {listed} · المحدَّد {checked}</translation>
    </message>
    <message>
        <source>{name} · {role} · {assigned} · {done}</source>
        <translation>{name} · {role} · {assigned} · {done}</translation>
    </message>
    <message>
        <source>Not added: {error}</source>
        <translation>لم تتم الإضافة: {error}</translation>
    </message>
    <message>
        <source>Added {name} as {role}</source>
        <translation>أُضيف {name} بدور {role}</translation>
    </message>
    <message>
        <source>Not assigned: {error}</source>
        <translation>لم يتم الإسناد: {error}</translation>
    </message>
    <message>
        <source>Assigned: {created} new, {existing} already there</source>
        <translation>أُسند: {created} جديد، و{existing} موجود من قبل</translation>
    </message>
</context>
<context>
    <name>ClaimTableModel</name>
    <message>
        <source>(proposed)</source>
        <translation>(مقترح)</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>الوثيقة</translation>
    </message>
    <message>
        <source>Claim</source>
        <translation>الادعاء</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>المصدر</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>الزمن</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>الهدف</translation>
    </message>
    <message>
        <source>Factuality</source>
        <translation>الواقعية</translation>
    </message>
    <message>
        <source>Check-worthy</source>
        <translation>جدير بالتحقق</translation>
    </message>
    <message>
        <source>Linked claims</source>
        <translation>الادعاءات المرتبطة</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>نعم</translation>
    </message>
    <message>
        <source>no</source>
        <translation>لا</translation>
    </message>
</context>
<context>
    <name>ClaimTableWindow</name>
    <message>
        <source>Claim table</source>
        <translation>جدول الادعاءات</translation>
    </message>
    <message>
        <source>Filter claims</source>
        <translation>تصفية الادعاءات</translation>
    </message>
    <message>
        <source>All columns</source>
        <translation>كل الأعمدة</translation>
    </message>
    <message>
        <source>Only linked</source>
        <translation>المرتبطة فقط</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>تحديث</translation>
    </message>
    <message>
        <source>{shown} of {n} claim|{shown} of {n} claims</source>
        <translation>لا ادعاءات|{shown} من ادعاء واحد|{shown} من ادعاءين|{shown} من {n} ادعاءات|{shown} من {n} ادعاءً|{shown} من {n} ادعاء</translation>
    </message>
</context>
<context>
    <name>CommentEdit</name>
    <message>
        <source>Comment</source>
        <translation>ملاحظة</translation>
    </message>
    <message>
        <source>Comment (Ctrl+Alt+C; Ctrl+Enter saves, Esc cancels)</source>
        <translation>ملاحظة (Ctrl+Alt+C؛ Ctrl+Enter للحفظ، Esc للإلغاء)</translation>
    </message>
</context>
<context>
    <name>Controller</name>
    <message>
        <source>Saved: marked new</source>
        <extracomment>the status bar&apos;s word when a document&apos;s status is stored, by status</extracomment>
        <translation>حُفظ: عُلِّمت جديدة</translation>
    </message>
    <message>
        <source>Saved: marked in progress</source>
        <translation>حُفظ: عُلِّمت قيد العمل</translation>
    </message>
    <message>
        <source>Saved: marked done</source>
        <translation>حُفظ: عُلِّمت منجزة</translation>
    </message>
    <message>
        <source>{name} is the first person in this project: its manager</source>
        <extracomment>Code points whose spans are read before a document is first painted: more than a pane shows at once (about 2,500 at the default size in a 700 x 800 pane). A pane that shows more reads what it paints, still before painting it. document id, list of (before, after) span pairs; either side may be None document id whose status changed a short plain-text message for the status bar the window&apos;s user joined the project or changed role (the status bar says who they are) document id whose spans have all been read (it opened with its first screen&apos;s only) every Changed report after a step ran (do, undo, redo): relations, links, entities too after each step (do, undo, redo) and its Changed reports: the service command and whether it was undone document id -&gt; the status stored with its last edit (until the window reads it)</extracomment>
        <translation>{name} أول شخص في هذا المشروع: فهو مديره</translation>
    </message>
    <message>
        <source>Saved: tagged {label}</source>
        <translation>حُفظ: وُسم {label}</translation>
    </message>
    <message>
        <source>{n} relation|{n} relations</source>
        <translation>لا علاقات|علاقة واحدة|علاقتين|{n} علاقات|{n} علاقة|{n} علاقة</translation>
    </message>
    <message>
        <source>{n} link|{n} links</source>
        <translation>لا روابط|رابط واحد|رابطين|{n} روابط|{n} رابطًا|{n} رابط</translation>
    </message>
    <message>
        <source>Not relabelled: a {label} cannot be in its {relations} and {links}; delete those first (Relations panel, Links panel)</source>
        <translation>لم يُغيَّر الوسم: لا يمكن أن يكون {label} في {relations} و{links} الخاصة به؛ احذفها أولًا (لوحة العلاقات، لوحة الروابط)</translation>
    </message>
    <message>
        <source>Saved: relabelled {label}</source>
        <translation>حُفظ: غُيِّر الوسم إلى {label}</translation>
    </message>
    <message>
        <source>Saved: span deleted</source>
        <translation>حُفظ: حُذف المقطع</translation>
    </message>
    <message>
        <source>Saved: span deleted, and with it its {n} relation or link (Ctrl+Z restores it)|Saved: span deleted, and with it its {n} relations and links (Ctrl+Z restores them)</source>
        <translation>حُفظ: حُذف المقطع|حُفظ: حُذف المقطع ومعه علاقة أو رابط واحد (Ctrl+Z يستعيده)|حُفظ: حُذف المقطع ومعه علاقتان أو رابطان (Ctrl+Z يستعيدهما)|حُفظ: حُذف المقطع ومعه {n} علاقات وروابط (Ctrl+Z يستعيدها)|حُفظ: حُذف المقطع ومعه {n} علاقة ورابطًا (Ctrl+Z يستعيدها)|حُفظ: حُذف المقطع ومعه {n} علاقة ورابط (Ctrl+Z يستعيدها)</translation>
    </message>
    <message>
        <source>Saved: span edge moved</source>
        <translation>حُفظ: حُرِّك حدّ المقطع</translation>
    </message>
    <message>
        <source>{step} «{excerpt}»</source>
        <translation>{step} «{excerpt}»</translation>
    </message>
    <message>
        <source>{step} in {document}</source>
        <translation>{step} في {document}</translation>
    </message>
</context>
<context>
    <name>DisagreementModel</name>
    <message>
        <source>label</source>
        <extracomment>an attribute value as shown: (label, attribute name, value) -&gt; text (an entity&apos;s name for its id) what a disagreement is about, as the Kind column says it</extracomment>
        <translation>وسم</translation>
    </message>
    <message>
        <source>boundary</source>
        <translation>حدود</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>ناقص</translation>
    </message>
    <message>
        <source>attribute</source>
        <translation>سمة</translation>
    </message>
    <message>
        <source>relation</source>
        <translation>علاقة</translation>
    </message>
    <message>
        <source>link</source>
        <translation>رابط</translation>
    </message>
    <message>
        <source>{type} → {end}</source>
        <translation>{type} ← {end}</translation>
    </message>
    <message>
        <source>{type} {head}→{tail}</source>
        <translation>{type} {head}←{tail}</translation>
    </message>
    <message>
        <source>unsure</source>
        <translation>غير متأكد</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>النوع</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>الموضع</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>النص</translation>
    </message>
    <message>
        <source>Notes</source>
        <extracomment>one flag per disagreement: decided (the row is tinted) (annotator, span id) -&gt; (comment, unsure) of the annotators&apos; spans that carry a note the disagreement indices listed, in order, while only undecided ones are shown (else None)</extracomment>
        <translation>الملاحظات</translation>
    </message>
    <message>
        <source>Gold</source>
        <translation>النسخة الذهبية</translation>
    </message>
</context>
<context>
    <name>DocumentDock</name>
    <message>
        <source>Documents</source>
        <translation>الوثائق</translation>
    </message>
    <message>
        <source>Which documents</source>
        <translation>أي الوثائق</translation>
    </message>
    <message>
        <source>All documents</source>
        <translation>كل الوثائق</translation>
    </message>
    <message>
        <source>Assigned to me</source>
        <translation>المسندة إليّ</translation>
    </message>
    <message>
        <source>Assigned to me: only the documents a manager assigned to you (your queue and the ones you finished)</source>
        <translation>المسندة إليّ: الوثائق التي أسندها إليك مدير فقط (قائمة عملك وما أنجزته منها)</translation>
    </message>
    <message>
        <source>Filter documents</source>
        <translation>تصفية الوثائق</translation>
    </message>
    <message>
        <source>Part of a title, id or file name (harakat, tatweel and the forms of alef do not matter)</source>
        <translation>جزء من عنوان أو معرّف أو اسم ملف (لا عبرة بالحركات والتطويل وصور الألف)</translation>
    </message>
    <message>
        <source>All</source>
        <translation>الكل</translation>
    </message>
</context>
<context>
    <name>DocumentEditor</name>
    <message>
        <source>? unsure</source>
        <extracomment>a selection made exactly (a find bar&apos;s match): tagged as it is, not grown to whole words the find bar&apos;s matches, painted by every highlighter this editor makes painted over the text after the edge bars: objects with ``paint(visible_blocks)`` (see overlay.py) the &quot;?&quot; / &quot;✎&quot; chips of the spans that carry a note (overlay.NoteBadges) what the last span change repainted (the changed paragraphs on screen), for tests extra plain-text lines for a span&apos;s tool tip (its relations and links), if set the pane&apos;s suggestions (suggestions_view.PaneSuggestions), when the window shows them</extracomment>
        <translation>؟ غير متأكد</translation>
    </message>
</context>
<context>
    <name>DocumentFinder</name>
    <message>
        <source>Find a document</source>
        <extracomment>keys the text field passes on to the list (the text keeps the focus while one moves in the list)</extracomment>
        <translation>البحث عن وثيقة</translation>
    </message>
    <message>
        <source>Part of a title, id or file name</source>
        <translation>جزء من عنوان أو معرّف أو اسم ملف</translation>
    </message>
    <message>
        <source>{n}+ documents match</source>
        <translation>{n} وثيقة مطابقة على الأقل</translation>
    </message>
    <message>
        <source>{n}+ documents</source>
        <translation>{n} وثيقة على الأقل</translation>
    </message>
    <message>
        <source>{n} document match|{n} documents match</source>
        <translation>لا وثائق مطابقة|وثيقة واحدة مطابقة|وثيقتان مطابقتان|{n} وثائق مطابقة|{n} وثيقة مطابقة|{n} وثيقة مطابقة</translation>
    </message>
    <message>
        <source>{n} document|{n} documents</source>
        <translation>لا وثائق|وثيقة واحدة|وثيقتان|{n} وثائق|{n} وثيقة|{n} وثيقة</translation>
    </message>
</context>
<context>
    <name>DocumentListModel</name>
    <message>
        <source>new</source>
        <extracomment>a status as the lists and the panes show it (the stored value stays ``in_progress``)</extracomment>
        <translation>جديدة</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>قيد العمل</translation>
    </message>
    <message>
        <source>done</source>
        <translation>منجزة</translation>
    </message>
    <message>
        <source>{n} s</source>
        <translation>{n} ث</translation>
    </message>
    <message>
        <source>{n} min</source>
        <translation>{n} د</translation>
    </message>
    <message>
        <source>{hours} h {minutes}</source>
        <translation>{hours} س {minutes}</translation>
    </message>
    <message>
        <source>Title</source>
        <extracomment>the list&apos;s columns and the order each sorts by</extracomment>
        <translation>العنوان</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>المصدر</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Spans</source>
        <translation>المقاطع</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>الوقت</translation>
    </message>
</context>
<context>
    <name>DocumentPane</name>
    <message>
        <source>Document</source>
        <extracomment>how few characters of the title the pane&apos;s chooser may show when the pane is narrow the chooser&apos;s last item (in English): it opens the document finder (every document, searchable)</extracomment>
        <translation>الوثيقة</translation>
    </message>
    <message>
        <source>Swap with the next pane</source>
        <translation>تبديل مع اللوحة التالية</translation>
    </message>
    <message>
        <source>Swap pane</source>
        <translation>تبديل اللوحة</translation>
    </message>
    <message>
        <source>Close this pane</source>
        <translation>إغلاق هذه اللوحة</translation>
    </message>
    <message>
        <source>Close pane</source>
        <translation>إغلاق اللوحة</translation>
    </message>
    <message>
        <source>Find a document…</source>
        <translation>البحث عن وثيقة…</translation>
    </message>
    <message>
        <source>Search every document by part of its title, id or file name (Ctrl+P)</source>
        <translation>ابحث في كل الوثائق بجزء من العنوان أو المعرّف أو اسم الملف (Ctrl+P)</translation>
    </message>
</context>
<context>
    <name>EntitiesWindow</name>
    <message>
        <source>Entities</source>
        <translation>الكيانات</translation>
    </message>
    <message>
        <source>Filter entities by name, type or alias</source>
        <extracomment>an annotator working blind sees the number of their own mentions only (not others&apos; work)</extracomment>
        <translation>تصفية الكيانات بالاسم أو النوع أو الاسم البديل</translation>
    </message>
    <message>
        <source>Other names, separated by commas</source>
        <translation>أسماء أخرى، تفصل بينها فواصل</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>حفظ</translation>
    </message>
    <message>
        <source>Merge selected into current…</source>
        <translation>دمج المحدَّد في الحالي…</translation>
    </message>
    <message>
        <source>Every mention of the other selected entities (every annotator&apos;s and gold) then refers to the current one; their names become its aliases</source>
        <translation>تشير بعدها كل إشارات الكيانات المحددة الأخرى (لكل الموسِّمين وفي النسخة الذهبية) إلى الكيان الحالي؛ وتصبح أسماؤها أسماءً بديلة له</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>النوع</translation>
    </message>
    <message>
        <source>Aliases</source>
        <translation>الأسماء البديلة</translation>
    </message>
    <message>
        <source>Refused: {reason}</source>
        <translation>رُفِض: {reason}</translation>
    </message>
    <message>
        <source>Not saved yet: waiting for the database</source>
        <translation>لم يُحفَظ بعد: في انتظار قاعدة البيانات</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>رُفِض</translation>
    </message>
    <message>
        <source>Saved: entity &apos;{name}&apos;</source>
        <translation>حُفِظ: الكيان «{name}»</translation>
    </message>
    <message>
        <source>Select the entity to keep (it becomes current), then Ctrl+click the ones that are the same</source>
        <translation>اختر الكيان الذي ستبقيه (فيصبح الحالي)، ثم انقر مع Ctrl على الكيانات المماثلة له</translation>
    </message>
    <message>
        <source>, </source>
        <translation>، </translation>
    </message>
    <message>
        <source>{n} of your mentions, and everyone else&apos;s,|{n} of your mentions, and everyone else&apos;s,</source>
        <translation>إشارات الآخرين جميعًا|إشارتك الواحدة وإشارات الآخرين جميعًا|إشارتاك وإشارات الآخرين جميعًا|إشاراتك الـ{n} وإشارات الآخرين جميعًا|إشاراتك الـ{n} وإشارات الآخرين جميعًا|إشاراتك الـ{n} وإشارات الآخرين جميعًا</translation>
    </message>
    <message>
        <source>{n} mention in the project|{n} mentions in the project</source>
        <translation>لا إشارات في المشروع|إشارة واحدة في المشروع|إشارتان في المشروع|{n} إشارات في المشروع|{n} إشارة في المشروع|{n} إشارة في المشروع</translation>
    </message>
    <message>
        <source>Merge entities</source>
        <translation>دمج الكيانات</translation>
    </message>
    <message>
        <source>Merge {names} into {keep}? {whose} will refer to {keep}, and the merged names become its aliases. {undo} undoes it.</source>
        <translation>دمج {names} في {keep}؟ ستشير {whose} إلى {keep}، وتصبح الأسماء المدموجة أسماءً بديلة له. يتراجع {undo} عن ذلك.</translation>
    </message>
    <message>
        <source>Saved: {n} entity merged into &apos;{name}&apos;|Saved: {n} entities merged into &apos;{name}&apos;</source>
        <translation>حُفِظ: لم يُدمَج أي كيان في «{name}»|حُفِظ: دُمِج كيان واحد في «{name}»|حُفِظ: دُمِج كيانان في «{name}»|حُفِظ: دُمِجت {n} كيانات في «{name}»|حُفِظ: دُمِج {n} كيانًا في «{name}»|حُفِظ: دُمِج {n} كيان في «{name}»</translation>
    </message>
</context>
<context>
    <name>EntityListModel</name>
    <message>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>النوع</translation>
    </message>
    <message>
        <source>Aliases</source>
        <translation>الأسماء البديلة</translation>
    </message>
    <message>
        <source>Mentions</source>
        <translation>الإشارات</translation>
    </message>
    <message>
        <source>My mentions</source>
        <extracomment>the last column&apos;s title for an annotator working blind</extracomment>
        <translation>إشاراتي</translation>
    </message>
    <message>
        <source>id {id}</source>
        <translation>المعرّف {id}</translation>
    </message>
</context>
<context>
    <name>EntityTool</name>
    <message>
        <source>Select an actor span first (click it or press Tab)</source>
        <extracomment>asks the annotator to confirm proposals (replaced in tests that do not drive the dialog)</extracomment>
        <translation>حدّد مقطع فاعل أولًا (انقره أو اضغط Tab)</translation>
    </message>
    <message>
        <source>A {label} span has no entity; entities are for actor spans</source>
        <translation>مقطع {label} لا كيان له؛ الكيانات لمقاطع الفاعلين</translation>
    </message>
    <message>
        <source>This span is attached to an entity already; clear its entity in the inspector first</source>
        <translation>هذا المقطع مرتبط بكيان أصلًا؛ امسح كيانه في لوحة الخصائص أولًا</translation>
    </message>
    <message>
        <source>Saved: entity {name} created and the span attached to it</source>
        <translation>حُفِظ: أُنشئ الكيان {name} ورُبط المقطع به</translation>
    </message>
    <message>
        <source>Attach this span to an entity first (type its name in the inspector, or Ctrl+Shift+E)</source>
        <translation>اربط هذا المقطع بكيان أولًا (اكتب اسمه في لوحة الخصائص، أو Ctrl+Shift+E)</translation>
    </message>
    <message>
        <source>No untagged mention of {name} in the open documents</source>
        <translation>لا إشارات غير موسومة إلى {name} في الوثائق المفتوحة</translation>
    </message>
    <message>
        <source>No untagged mention of {name} in this document</source>
        <translation>لا إشارات غير موسومة إلى {name} في هذه الوثيقة</translation>
    </message>
    <message>
        <source>No mention tagged</source>
        <translation>لم تُوسم أي إشارة</translation>
    </message>
    <message>
        <source>Saved: tagged {n} mention of {name}|Saved: tagged {n} mentions of {name}</source>
        <translation>حُفِظ: لم تُوسم أي إشارة إلى {name}|حُفِظ: وُسمت إشارة واحدة إلى {name}|حُفِظ: وُسمت إشارتان إلى {name}|حُفِظ: وُسمت {n} إشارات إلى {name}|حُفِظ: وُسمت {n} إشارة إلى {name}|حُفِظ: وُسمت {n} إشارة إلى {name}</translation>
    </message>
    <message>
        <source>Tag {n} mention of {name}|Tag {n} mentions of {name}</source>
        <translation>وسم لا إشارات إلى {name}|وسم إشارة واحدة إلى {name}|وسم إشارتين إلى {name}|وسم {n} إشارات إلى {name}|وسم {n} إشارة إلى {name}|وسم {n} إشارة إلى {name}</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>train</source>
        <extracomment>The split the dialog proposes (the command line has no default split).</extracomment>
        <translation>تدريب</translation>
    </message>
    <message>
        <source>dev</source>
        <translation>تطوير</translation>
    </message>
    <message>
        <source>test</source>
        <translation>اختبار</translation>
    </message>
    <message>
        <source>New</source>
        <translation>جديدة</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>قيد العمل</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>منجزة</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>أي حالة</translation>
    </message>
    <message>
        <source>The canonical JSONL as a dataset: &lt;split&gt;.jsonl per split, and the project file.</source>
        <translation>صيغة JSONL المعيارية مجموعةَ بيانات: ملف ‎.jsonl‎ لكل قسم باسمه، وملف المشروع.</translation>
    </message>
    <message>
        <source>CoNLL token-per-line files with IOB2 (default) or BIOES tags.</source>
        <translation>ملفات CoNLL بوحدة نصية في كل سطر، بوسوم IOB2 (الافتراضي) أو BIOES.</translation>
    </message>
    <message>
        <source>brat stand-off: &lt;doc&gt;.txt and &lt;doc&gt;.ann per document, annotation.conf.</source>
        <translation>صيغة brat المنفصلة: ملفا ‎.txt‎ و‎.ann‎ لكل وثيقة باسمها، وملف ‎annotation.conf‎.</translation>
    </message>
    <message>
        <source>spaCy: one &lt;split&gt;.spacy DocBin per split ({command}).</source>
        <translation>spaCy: ملف DocBin واحد ‎.spacy‎ لكل قسم باسمه (‎{command}‎).</translation>
    </message>
    <message>
        <source>Hugging Face token classification: &lt;split&gt;.jsonl, labels.txt, dataset_info.json and a README.md dataset card.</source>
        <translation>تصنيف الوحدات النصية لـ Hugging Face: ملف ‎.jsonl‎ لكل قسم باسمه، و‎labels.txt‎ و‎dataset_info.json‎ وبطاقة وصف للبيانات ‎README.md‎.</translation>
    </message>
    <message>
        <source>doccano sequence-labelling JSONL, read and written.</source>
        <translation>صيغة JSONL لتوسيم التسلسلات في doccano، قراءةً وكتابةً.</translation>
    </message>
    <message>
        <source>Label Studio JSON (the &quot;JSON&quot; export: a list of tasks), read and written.</source>
        <translation>صيغة JSON لـ Label Studio (تصدير &quot;JSON&quot;: قائمة مهام)، قراءةً وكتابةً.</translation>
    </message>
    <message>
        <source>outermost</source>
        <translation>الخارجية</translation>
    </message>
    <message>
        <source>innermost</source>
        <translation>الداخلية</translation>
    </message>
    <message>
        <source>per-label</source>
        <translation>لكل وسم</translation>
    </message>
    <message>
        <source>, </source>
        <translation>، </translation>
    </message>
    <message>
        <source>none</source>
        <translation>لا شيء</translation>
    </message>
    <message>
        <source>Exported {format} to {path}</source>
        <translation>صُدِّر بصيغة ⁨{format}⁩ إلى ⁨{path}⁩</translation>
    </message>
    <message>
        <source>Documents: {count}</source>
        <translation>الوثائق: {count}</translation>
    </message>
    <message>
        <source>Spans written: {count}</source>
        <translation>المقاطع المكتوبة: {count}</translation>
    </message>
    <message>
        <source>Dropped: {n} span the format cannot hold|Dropped: {n} spans the format cannot hold</source>
        <translation>المُسقَط: لا مقاطع لا تحتملها الصيغة|المُسقَط: مقطع واحد لا تحتمله الصيغة|المُسقَط: مقطعان لا تحتملهما الصيغة|المُسقَط: {n} مقاطع لا تحتملها الصيغة|المُسقَط: {n} مقطعًا لا تحتملها الصيغة|المُسقَط: {n} مقطع لا تحتملها الصيغة</translation>
    </message>
    <message>
        <source>Dropped: none</source>
        <translation>المُسقَط: لا شيء</translation>
    </message>
    <message>
        <source>Not exported{who}: {count} {what}</source>
        <translation>لم يُصدَّر{who}: {count} ⁨{what}⁩</translation>
    </message>
    <message>
        <source>Note{who}: {note}</source>
        <translation>ملاحظة{who}: {note}</translation>
    </message>
    <message>
        <source>Warning: {warning}</source>
        <translation>تحذير: {warning}</translation>
    </message>
    <message>
        <source>Agreement: {note}</source>
        <translation>الاتفاق: {note}</translation>
    </message>
    <message>
        <source>Manifest: {path}</source>
        <translation>ملف البيان: ⁨{path}⁩</translation>
    </message>
    <message>
        <source>{n} document|{n} documents</source>
        <translation>لا وثائق|وثيقة واحدة|وثيقتان|{n} وثائق|{n} وثيقة|{n} وثيقة</translation>
    </message>
    <message>
        <source>{n} span|{n} spans</source>
        <translation>لا مقاطع|مقطع واحد|مقطعان|{n} مقاطع|{n} مقطعًا|{n} مقطع</translation>
    </message>
    <message>
        <source>Wrote {documents} and {spans} of {annotator} to {path}</source>
        <translation>كُتبت {documents} و{spans} للموسِّم ⁨{annotator}⁩ في ⁨{path}⁩</translation>
    </message>
    <message>
        <source>Wrote {documents} and {spans} to {path}</source>
        <translation>كُتبت {documents} و{spans} في ⁨{path}⁩</translation>
    </message>
    <message>
        <source>Not exported: {n} link with one end outside the export|Not exported: {n} links with one end outside the export</source>
        <translation>لم يُصدَّر: لا روابط أحد طرفيها خارج التصدير|لم يُصدَّر: رابط واحد أحد طرفيه خارج التصدير|لم يُصدَّر: رابطان أحد طرفي كل منهما خارج التصدير|لم يُصدَّر: {n} روابط أحد طرفي كل منها خارج التصدير|لم يُصدَّر: {n} رابطًا أحد طرفي كل منها خارج التصدير|لم يُصدَّر: {n} رابط أحد طرفي كل منها خارج التصدير</translation>
    </message>
    <message>
        <source>Export dataset</source>
        <translation>تصدير مجموعة البيانات</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>الصيغة:</translation>
    </message>
    <message>
        <source>Automatic: gold if adjudicated, else the only annotator with spans</source>
        <translation>تلقائي: النسخة الذهبية إن حُكِّمت، وإلا الموسِّم الوحيد الذي له مقاطع</translation>
    </message>
    <message>
        <source>Gold (adjudicated)</source>
        <translation>النسخة الذهبية (المحكَّمة)</translation>
    </message>
    <message>
        <source>Annotator: {name}</source>
        <translation>الموسِّم: ⁨{name}⁩</translation>
    </message>
    <message>
        <source>All: gold and every annotator, each in its own folder</source>
        <translation>الكل: النسخة الذهبية وكل موسِّم، كلٌّ في مجلده</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>المصدر:</translation>
    </message>
    <message>
        <source>All documents</source>
        <translation>كل الوثائق</translation>
    </message>
    <message>
        <source>{choice} ({count}): {documents}</source>
        <translation>⁨{choice}⁩ ({count}): {documents}</translation>
    </message>
    <message>
        <source>whose set is</source>
        <translation>وحالة مجموعتها</translation>
    </message>
    <message>
        <source>Documents:</source>
        <translation>الوثائق:</translation>
    </message>
    <message>
        <source>Split into train / dev / test (unticked: no split)</source>
        <translation>التقسيم إلى تدريب / تطوير / اختبار (دون تأشير: بلا تقسيم)</translation>
    </message>
    <message>
        <source>{split} ratio</source>
        <translation>نسبة {split}</translation>
    </message>
    <message>
        <source>Ratios:</source>
        <translation>النسب:</translation>
    </message>
    <message>
        <source>document (a document stays in one split)</source>
        <translation>الوثيقة (تبقى الوثيقة في قسم واحد)</translation>
    </message>
    <message>
        <source>source (an outlet stays in one split)</source>
        <translation>المصدر (يبقى المصدر الإعلامي في قسم واحد)</translation>
    </message>
    <message>
        <source>Group by:</source>
        <translation>التجميع حسب:</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>البذرة:</translation>
    </message>
    <message>
        <source>Tags (conll and hf only)</source>
        <translation>الوسوم (لـ conll وhf فقط)</translation>
    </message>
    <message>
        <source>Which spans a tag sequence holds when spans nest; per-label writes one file per label. What a file cannot hold is counted, never dropped silently.</source>
        <translation>أيّ المقاطع يحملها تسلسل الوسوم حين تتداخل المقاطع؛ «لكل وسم» يكتب ملفًا لكل وسم. ما لا يحتمله الملف يُعَدّ، ولا يُسقَط أبدًا دون إشعار.</translation>
    </message>
    <message>
        <source>Scheme:</source>
        <translation>نظام الوسوم:</translation>
    </message>
    <message>
        <source>Nested spans:</source>
        <translation>المقاطع المتداخلة:</translation>
    </message>
    <message>
        <source>A new folder (jsonl without a split: also a file.jsonl)</source>
        <translation>مجلد جديد (jsonl بلا تقسيم: أو ملف ‎.jsonl‎)</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>اختيار…</translation>
    </message>
    <message>
        <source>Output:</source>
        <translation>المُخرَج:</translation>
    </message>
    <message>
        <source>Replace the output if it exists</source>
        <translation>استبدال المُخرَج إن كان موجودًا</translation>
    </message>
    <message>
        <source>%v / %m documents</source>
        <translation>%v / %m من الوثائق</translation>
    </message>
    <message>
        <source>The summary of the manifest appears here when the export is done.</source>
        <translation>يظهر هنا ملخص ملف البيان حين ينتهي التصدير.</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>تصدير</translation>
    </message>
    <message>
        <source>Cancel export</source>
        <translation>إلغاء التصدير</translation>
    </message>
    <message>
        <source>Stops between two documents; nothing is written</source>
        <translation>يتوقف بين وثيقتين؛ ولا يُكتب شيء</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
    <message>
        <source>The ratios add up to 1.</source>
        <translation>مجموع النسب ١.</translation>
    </message>
    <message>
        <source>Split: the ratios add up to {total}, not 1</source>
        <translation>التقسيم: مجموع النسب {total} لا ١</translation>
    </message>
    <message>
        <source>Split: {error}</source>
        <translation>التقسيم: ⁨{error}⁩</translation>
    </message>
    <message>
        <source>Export to a new folder, or to a .jsonl file</source>
        <translation>التصدير إلى مجلد جديد أو إلى ملف ‎.jsonl‎</translation>
    </message>
    <message>
        <source>Folder (*);;JSONL file (*.jsonl)</source>
        <translation>مجلد (*);;ملف JSONL (*.jsonl)</translation>
    </message>
    <message>
        <source>Export to a new folder</source>
        <translation>التصدير إلى مجلد جديد</translation>
    </message>
    <message>
        <source>Folder (*)</source>
        <translation>مجلد (*)</translation>
    </message>
    <message>
        <source>Choose the output: a new folder (or a .jsonl file for jsonl without a split).</source>
        <translation>اختر المُخرَج: مجلدًا جديدًا (أو ملف ‎.jsonl‎ لصيغة jsonl بلا تقسيم).</translation>
    </message>
    <message>
        <source>A split, a status filter and the source All write a folder: give a folder name as the output (not a .jsonl file).</source>
        <translation>التقسيم وتصفية الحالة والمصدر «الكل» تكتب مجلدًا: اجعل المُخرَج اسم مجلد (لا ملف ‎.jsonl‎).</translation>
    </message>
    <message>
        <source>{path} already exists: choose another name, or tick “Replace the output if it exists”.</source>
        <translation>⁨{path}⁩ موجود من قبل: اختر اسمًا آخر، أو أشِّر على «استبدال المُخرَج إن كان موجودًا».</translation>
    </message>
    <message>
        <source>Selecting the documents…</source>
        <translation>جارٍ اختيار الوثائق…</translation>
    </message>
    <message>
        <source>Cancelling after the current document…</source>
        <translation>يُلغى بعد الوثيقة الحالية…</translation>
    </message>
    <message>
        <source>Exporting: {done} of {n} document…|Exporting: {done} of {n} documents…</source>
        <translation>جارٍ التصدير: {done} من لا وثائق…|جارٍ التصدير: {done} من وثيقة واحدة…|جارٍ التصدير: {done} من وثيقتين…|جارٍ التصدير: {done} من {n} وثائق…|جارٍ التصدير: {done} من {n} وثيقة…|جارٍ التصدير: {done} من {n} وثيقة…</translation>
    </message>
    <message>
        <source>Done: written to {path}</source>
        <translation>تم: كُتب في ⁨{path}⁩</translation>
    </message>
    <message>
        <source>Export cancelled: nothing was written.</source>
        <translation>أُلغي التصدير: لم يُكتب شيء.</translation>
    </message>
    <message>
        <source>Not exported: {error}</source>
        <translation>لم يُصدَّر: ⁨{error}⁩</translation>
    </message>
    <message>
        <source>Open in the panes</source>
        <translation>المفتوحة في اللوحات</translation>
    </message>
    <message>
        <source>Selected in the document list</source>
        <translation>المحددة في قائمة الوثائق</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find in this document</source>
        <extracomment>how long one slice of a running search may take before events are handled again a selection longer than this (or over several lines) does not become the query on Ctrl+F</extracomment>
        <translation>البحث في هذه الوثيقة</translation>
    </message>
    <message>
        <source>Previous match</source>
        <translation>التطابق السابق</translation>
    </message>
    <message>
        <source>Previous match ({keys})</source>
        <translation>التطابق السابق ({keys})</translation>
    </message>
    <message>
        <source>Next match</source>
        <translation>التطابق التالي</translation>
    </message>
    <message>
        <source>Next match ({keys})</source>
        <translation>التطابق التالي ({keys})</translation>
    </message>
    <message>
        <source>Find options</source>
        <translation>خيارات البحث</translation>
    </message>
    <message>
        <source>&amp;Arabic-aware: harakat and tatweel ignored, أ إ آ ٱ = ا, ى = ي, ة = ه, ٠١٢ = 012, any case</source>
        <translation>مراعاة العربية: تُهمَل الحركات والتطويل، أ إ آ ٱ = ا، ى = ي، ة = ه، ٠١٢ = 012، وأي حالة للأحرف</translation>
    </message>
    <message>
        <source>&amp;Whole words only</source>
        <translation>كلمات كاملة فقط</translation>
    </message>
    <message>
        <source>&amp;Clitics: with whole words, also after و ف ب ك ل and ال («الاتفاق» finds «والاتفاق»)</source>
        <translation>السوابق: مع الكلمات الكاملة، بعد و ف ب ك ل وال أيضًا («الاتفاق» تجد «والاتفاق»)</translation>
    </message>
    <message>
        <source>&amp;Regular expression</source>
        <translation>تعبير نمطي</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
    <message>
        <source>Close ({keys})</source>
        <translation>إغلاق ({keys})</translation>
    </message>
    <message>
        <source>Arabic-aware</source>
        <translation>مراعاة العربية</translation>
    </message>
    <message>
        <source>Exact characters</source>
        <translation>المحارف كما هي</translation>
    </message>
    <message>
        <source>anywhere</source>
        <translation>في أي موضع</translation>
    </message>
    <message>
        <source>whole words</source>
        <translation>كلمات كاملة</translation>
    </message>
    <message>
        <source>regular expression</source>
        <translation>تعبير نمطي</translation>
    </message>
    <message>
        <source>with clitics</source>
        <translation>مع السوابق</translation>
    </message>
    <message>
        <source>ab</source>
        <translation>كلمة</translation>
    </message>
    <message>
        <source>Options: {names}</source>
        <translation>الخيارات: {names}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>، </translation>
    </message>
    <message>
        <source>Searching</source>
        <translation>جارٍ البحث</translation>
    </message>
    <message>
        <source>No match</source>
        <translation>لا تطابق</translation>
    </message>
    <message>
        <source>{n} match|{n} matches</source>
        <translation>لا تطابقات|تطابق واحد|تطابقان|{n} تطابقات|{n} تطابقًا|{n} تطابق</translation>
    </message>
    <message>
        <source>{current} of {total}</source>
        <translation>{current} من {total}</translation>
    </message>
    <message>
        <source>Not a regular expression: {reason}</source>
        <translation>ليس تعبيرًا نمطيًا: {reason}</translation>
    </message>
</context>
<context>
    <name>GoldBook</name>
    <message>
        <source>unanimous</source>
        <extracomment>the thresholds of &quot;accept agreed&quot; (stored in English: &quot;unanimous&quot;, &quot;majority&quot;), as shown</extracomment>
        <translation>بالإجماع</translation>
    </message>
    <message>
        <source>majority</source>
        <translation>بالأغلبية</translation>
    </message>
    <message>
        <source>No provenance recorded</source>
        <translation>لم يُسجَّل مصدر هذا العنصر</translation>
    </message>
    <message>
        <source>nobody (added by hand)</source>
        <translation>لا أحد (أُضيف يدويًا)</translation>
    </message>
    <message>
        <source>accepted ({name}&apos;s version)</source>
        <translation>قُبل (نسخة {name})</translation>
    </message>
    <message>
        <source>accepted as agreed ({threshold})</source>
        <translation>قُبل متفقًا عليه ({threshold})</translation>
    </message>
    <message>
        <source>edited by hand</source>
        <translation>عُدِّل يدويًا</translation>
    </message>
    <message>
        <source>Proposed by {who} · {how} by {by} at {at}</source>
        <translation>اقترحه {who} · {how} على يد {by} في {at}</translation>
    </message>
    <message>
        <source> · attributes edited by {by} at {at}</source>
        <translation> · عدَّل {by} السمات في {at}</translation>
    </message>
    <message>
        <source> · {n} earlier decision| · {n} earlier decisions</source>
        <translation> · لا قرارات سابقة| · قرار سابق واحد| · قراران سابقان| · {n} قرارات سابقة| · {n} قرارًا سابقًا| · {n} قرار سابق</translation>
    </message>
    <message>
        <source>✓ accepted {names}</source>
        <translation>✓ قُبلت نسخة {names}</translation>
    </message>
    <message>
        <source>✓ agreed ({threshold}): {names}</source>
        <translation>✓ متفق عليه ({threshold}): {names}</translation>
    </message>
    <message>
        <source>✓ kept nothing</source>
        <translation>✓ لم يُحتفظ بشيء</translation>
    </message>
    <message>
        <source>✓ edited by hand</source>
        <translation>✓ عُدِّل يدويًا</translation>
    </message>
    <message>
        <source>undecided</source>
        <translation>لم يُحسم</translation>
    </message>
    <message>
        <source>Saved: {what}</source>
        <extracomment>list of (before, after) gold span pairs; either side may be None so many gold spans changed at once that the pane gets a new index (after accept agreed) gold relations or links changed (the gold pane&apos;s badges and arcs, the gold lists) disagreement key -&gt; the accepts of a version standing on it (the change log&apos;s, then this session&apos;s) what the last change touched (for the decided flags): gold span ranges (None: too many to list), and whether gold links changed</extracomment>
        <translation>حُفظ: {what}</translation>
    </message>
    <message>
        <source>Gold undid: {what}</source>
        <translation>تراجع في النسخة الذهبية: {what}</translation>
    </message>
    <message>
        <source>Gold saved: {what}</source>
        <translation>حُفظ في النسخة الذهبية: {what}</translation>
    </message>
</context>
<context>
    <name>GoldDiffDialog</name>
    <message>
        <source>label</source>
        <extracomment>what a correction is about (``core.adjudication.Kind``&apos;s values), as the summary names them</extracomment>
        <translation>الوسم</translation>
    </message>
    <message>
        <source>boundary</source>
        <translation>الحدود</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>مفقود</translation>
    </message>
    <message>
        <source>attribute</source>
        <translation>السمة</translation>
    </message>
    <message>
        <source>relation</source>
        <translation>العلاقة</translation>
    </message>
    <message>
        <source>link</source>
        <translation>الرابط</translation>
    </message>
    <message>
        <source>How gold differs from my work</source>
        <translation>الفرق بين النسخة الذهبية وعملي</translation>
    </message>
    <message>
        <source>, </source>
        <translation>، </translation>
    </message>
    <message>
        <source>{n} {kind}</source>
        <translation>{kind}: {n}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>لا شيء</translation>
    </message>
    <message>
        <source>your {n} span|your {n} spans</source>
        <translation>ليس لك أي مقطع|لك مقطع واحد|لك مقطعان|لك {n} مقاطع|لك {n} مقطعًا|لك {n} مقطع</translation>
    </message>
    <message>
        <source>Document {doc}: {yours}, gold {gold}, {agreed} identical. Corrections: {corrections} ({counts}).</source>
        <translation>الوثيقة {doc}: {yours}، وفي النسخة الذهبية {gold}، والمتطابق منها {agreed}. التصحيحات: {corrections} ({counts}).</translation>
    </message>
    <message>
        <source>Gold</source>
        <translation>النسخة الذهبية</translation>
    </message>
</context>
<context>
    <name>GuidelinesDock</name>
    <message>
        <source>Guidelines</source>
        <translation>إرشادات التوسيم</translation>
    </message>
    <message>
        <source>Load from file…</source>
        <translation>تحميل من ملف…</translation>
    </message>
    <message>
        <source>Replace the project&apos;s guidelines with a Markdown file (managers; the change log keeps the old ones)</source>
        <translation>استبدال إرشادات المشروع بملف Markdown (للمديرين؛ يحفظ سجل التغييرات الإرشادات القديمة)</translation>
    </message>
    <message>
        <source>Guidelines (Markdown)</source>
        <translation>إرشادات التوسيم (Markdown)</translation>
    </message>
    <message>
        <source>Markdown (*.md *.markdown *.txt);;All files (*)</source>
        <translation>Markdown (*.md *.markdown *.txt);;كل الملفات (*)</translation>
    </message>
    <message>
        <source>Guidelines loaded from {file}</source>
        <translation>حُمِّلت الإرشادات من {file}</translation>
    </message>
</context>
<context>
    <name>GuidelinesView</name>
    <message>
        <source>choice</source>
        <extracomment>the attribute kinds of the schema as the dock names them</extracomment>
        <translation>اختيار</translation>
    </message>
    <message>
        <source>boolean</source>
        <translation>نعم/لا</translation>
    </message>
    <message>
        <source>entity</source>
        <translation>كيان</translation>
    </message>
    <message>
        <source>text</source>
        <translation>نص</translation>
    </message>
    <message>
        <source>pattern</source>
        <translation>نمط</translation>
    </message>
    <message>
        <source>{line}: {description}</source>
        <translation>{line}: {description}</translation>
    </message>
    <message>
        <source>{label} — key {key}</source>
        <translation>{label} — المفتاح {key}</translation>
    </message>
    <message>
        <source>• {name}, {kind}{values}</source>
        <translation>• {name}، {kind}{values}</translation>
    </message>
    <message>
        <source>Relations (in one document)</source>
        <translation>العلاقات (داخل الوثيقة الواحدة)</translation>
    </message>
    <message>
        <source>{head} → {tail}</source>
        <translation>{head} ← {tail}</translation>
    </message>
    <message>
        <source>• {name} (key {key}), {ends}</source>
        <translation>• {name} (المفتاح {key})، {ends}</translation>
    </message>
    <message>
        <source>Links (across documents)</source>
        <translation>الروابط (بين الوثائق)</translation>
    </message>
    <message>
        <source>• {name}, {labels}</source>
        <translation>• {name}، {labels}</translation>
    </message>
    <message>
        <source>The project&apos;s guidelines</source>
        <translation>إرشادات التوسيم في المشروع</translation>
    </message>
    <message>
        <source>None yet. A manager adds them with annotator guidelines set FILE (Markdown), or Load from file below.</source>
        <translation>لا إرشادات بعد. يضيفها المدير بالأمر annotator guidelines set FILE (ملف Markdown)، أو بزر «تحميل من ملف» أدناه.</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>cannot open the project: {error}</source>
        <extracomment>the progress bar counts in thousandths (bytes may pass what an int of Qt holds)</extracomment>
        <translation>تعذّر فتح المشروع: ⁨{error}⁩</translation>
    </message>
    <message>
        <source>Nothing was imported: {error}</source>
        <translation>لم يُستورد شيء: ⁨{error}⁩</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>استيراد</translation>
    </message>
    <message>
        <source>{n} file|{n} files</source>
        <translation>لا ملفات|ملف واحد|ملفان|{n} ملفات|{n} ملفًا|{n} ملف</translation>
    </message>
    <message>
        <source>Importing {what}</source>
        <translation>جارٍ الاستيراد: ⁨{what}⁩</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>جارٍ البدء…</translation>
    </message>
    <message>
        <source>Cancel import</source>
        <translation>إلغاء الاستيراد</translation>
    </message>
    <message>
        <source>Stops the import; the project stays as it was</source>
        <translation>يوقف الاستيراد؛ ويبقى المشروع كما كان</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>جارٍ الإلغاء…</translation>
    </message>
    <message>
        <source> · writing the last documents</source>
        <translation> · جارٍ كتابة آخر الوثائق</translation>
    </message>
    <message>
        <source>Imported {what}</source>
        <translation>اكتمل الاستيراد: ⁨{what}⁩</translation>
    </message>
    <message>
        <source>Not imported: {what}</source>
        <translation>لم يُستورد: ⁨{what}⁩</translation>
    </message>
    <message>
        <source>Nothing was imported</source>
        <translation>لم يُستورد شيء</translation>
    </message>
    <message>
        <source>Cancelled: {what}</source>
        <translation>أُلغي: ⁨{what}⁩</translation>
    </message>
    <message>
        <source>Import cancelled: nothing was imported.</source>
        <translation>أُلغي الاستيراد: لم يُستورد شيء.</translation>
    </message>
    <message>
        <source>{seconds} s</source>
        <translation>{seconds} ث</translation>
    </message>
    <message>
        <source>{minutes} min {seconds} s</source>
        <translation>{minutes} د {seconds} ث</translation>
    </message>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} س {minutes} د</translation>
    </message>
    <message>
        <source>MB</source>
        <translation>م.ب</translation>
    </message>
    <message>
        <source>kB</source>
        <translation>ك.ب</translation>
    </message>
    <message>
        <source>bytes</source>
        <translation>بايت</translation>
    </message>
    <message>
        <source>reading</source>
        <translation>قراءة</translation>
    </message>
    <message>
        <source>writing</source>
        <translation>كتابة</translation>
    </message>
    <message>
        <source>importing</source>
        <translation>استيراد</translation>
    </message>
    <message>
        <source>files</source>
        <translation>ملفات</translation>
    </message>
    <message>
        <source>documents</source>
        <translation>وثائق</translation>
    </message>
    <message>
        <source>{phase} {amount} {unit}</source>
        <translation>{phase} {amount} {unit}</translation>
    </message>
    <message>
        <source>{amount} {unit}/s</source>
        <translation>{amount} {unit}/ث</translation>
    </message>
    <message>
        <source>{amount}/s</source>
        <translation>{amount}/ث</translation>
    </message>
    <message>
        <source>{time} left</source>
        <translation>بقي {time}</translation>
    </message>
    <message>
        <source>{n} document|{n} documents</source>
        <translation>لا وثائق|وثيقة واحدة|وثيقتان|{n} وثائق|{n} وثيقة|{n} وثيقة</translation>
    </message>
    <message>
        <source>{n} span|{n} spans</source>
        <translation>لا مقاطع|مقطع واحد|مقطعان|{n} مقاطع|{n} مقطعًا|{n} مقطع</translation>
    </message>
    <message>
        <source>{n} relation|{n} relations</source>
        <translation>لا علاقات|علاقة واحدة|علاقتان|{n} علاقات|{n} علاقة|{n} علاقة</translation>
    </message>
    <message>
        <source>{n} entity|{n} entities</source>
        <translation>لا كيانات|كيان واحد|كيانان|{n} كيانات|{n} كيانًا|{n} كيان</translation>
    </message>
    <message>
        <source>{n} link|{n} links</source>
        <translation>لا روابط|رابط واحد|رابطان|{n} روابط|{n} رابطًا|{n} رابط</translation>
    </message>
    <message>
        <source>Imported {documents} with {spans}{extras}</source>
        <translation>استُورد: {documents}، {spans}{extras}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>، </translation>
    </message>
    <message>
        <source>Articles and annotations ({patterns});;All files (*)</source>
        <translation>المقالات والتوسيمات ({patterns});;كل الملفات (*)</translation>
    </message>
    <message>
        <source>Import folder</source>
        <translation>استيراد مجلد</translation>
    </message>
    <message>
        <source>Import files</source>
        <translation>استيراد ملفات</translation>
    </message>
</context>
<context>
    <name>InspectorDock</name>
    <message>
        <source>Span inspector</source>
        <translation>لوحة الخصائص</translation>
    </message>
    <message>
        <source>No span selected</source>
        <extracomment>the label whose spans show the date normaliser&apos;s proposal: the schema&apos;s date role, when it has a ``value`` attribute to store the proposal in</extracomment>
        <translation>لا مقطع محدد</translation>
    </message>
    <message>
        <source>Unsure (Ctrl+U)</source>
        <translation>غير متأكد (Ctrl+U)</translation>
    </message>
    <message>
        <source>Accept proposal</source>
        <translation>قبول المقترَح</translation>
    </message>
    <message>
        <source>Proposed</source>
        <translation>المقترَح</translation>
    </message>
    <message>
        <source>Type an entity&apos;s name…</source>
        <translation>اكتب اسم كيان…</translation>
    </message>
    <message>
        <source>Create entity from span</source>
        <translation>إنشاء كيان من المقطع</translation>
    </message>
    <message>
        <source>Tag mentions here…</source>
        <translation>وسم الإشارات هنا…</translation>
    </message>
    <message>
        <source>Tag in open documents…</source>
        <translation>وسم في الوثائق المفتوحة…</translation>
    </message>
    <message>
        <source>{action} ({keys})</source>
        <translation>{action} ({keys})</translation>
    </message>
    <message>
        <source>No span selected: click a span or press Tab in a pane</source>
        <translation>لا مقطع محدد: انقر مقطعًا أو اضغط Tab في لوحة</translation>
    </message>
    <message>
        <source>{label}  ·  {start}–{end}</source>
        <translation>مقطع {label}  ·  من {start} إلى {end}</translation>
    </message>
    <message>
        <source>published {date}</source>
        <translation>تاريخ النشر {date}</translation>
    </message>
    <message>
        <source>no publication date in the document</source>
        <translation>لا تاريخ نشر في الوثيقة</translation>
    </message>
    <message>
        <source>none ({where}); type the value</source>
        <translation>لا شيء ({where})؛ اكتب القيمة</translation>
    </message>
    <message>
        <source>, mod {mod}</source>
        <translation>، mod {mod}</translation>
    </message>
    <message>
        <source> — relative to {where}</source>
        <translation> — نسبةً إلى {where}</translation>
    </message>
    <message>
        <source>Or press Enter in the text</source>
        <translation>أو اضغط Enter في النص</translation>
    </message>
    <message>
        <source>Select a span first (click it or press Tab)</source>
        <translation>حدّد مقطعًا أولًا (انقره أو اضغط Tab)</translation>
    </message>
    <message>
        <source>Saved: flagged as unsure</source>
        <translation>حُفِظ: عُلِّم بأنه غير متأكد</translation>
    </message>
    <message>
        <source>Saved: the unsure flag cleared</source>
        <translation>حُفِظ: أُزيلت علامة عدم التأكد</translation>
    </message>
    <message>
        <source>Saved: comment</source>
        <translation>حُفِظت الملاحظة</translation>
    </message>
    <message>
        <source>Saved: comment removed</source>
        <translation>حُفِظ: حُذفت الملاحظة</translation>
    </message>
    <message>
        <source>Saved: {name} removed</source>
        <translation>حُفِظ: أُزيلت {name}</translation>
    </message>
    <message>
        <source>Saved: {name} = {value}</source>
        <translation>حُفِظ: {name} = {value}</translation>
    </message>
    <message>
        <source>Set {name}</source>
        <translation>تعيين {name}</translation>
    </message>
    <message>
        <source>Refused: there is no entity named {name}. Pick a name from the list, or create one from the span (Ctrl+Shift+E).</source>
        <translation>رُفض: لا كيان باسم {name}. اختر اسمًا من القائمة، أو أنشئ كيانًا من المقطع (Ctrl+Shift+E).</translation>
    </message>
    <message>
        <source>Saved: attached to {name}</source>
        <translation>حُفِظ: رُبط بالكيان {name}</translation>
    </message>
    <message>
        <source>Saved: detached from its entity</source>
        <translation>حُفِظ: فُصل عن كيانه</translation>
    </message>
    <message>
        <source>Select a {label} span: Enter then accepts its proposed value</source>
        <translation>حدّد مقطع {label}: عندها يقبل Enter قيمته المقترحة</translation>
    </message>
    <message>
        <source>date</source>
        <translation>تاريخ</translation>
    </message>
    <message>
        <source>No proposal for this date: type its value in the inspector</source>
        <translation>لا اقتراح لهذا التاريخ: اكتب قيمته في لوحة الخصائص</translation>
    </message>
    <message>
        <source>The value is already {value}</source>
        <translation>القيمة {value} أصلًا</translation>
    </message>
    <message>
        <source>Saved: date value {value}</source>
        <translation>حُفِظ: قيمة التاريخ {value}</translation>
    </message>
    <message>
        <source>Refused: {error}</source>
        <translation>رُفض: {error}</translation>
    </message>
    <message>
        <source>Not saved yet: waiting for the database</source>
        <translation>لم يُحفظ بعد: بانتظار قاعدة البيانات</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>رُفض</translation>
    </message>
</context>
<context>
    <name>LabelBar</name>
    <message>
        <source>Labels</source>
        <translation>الوسوم</translation>
    </message>
    <message>
        <source>Tag {label}</source>
        <translation>وسم {label}</translation>
    </message>
    <message>
        <source>Character precision</source>
        <translation>دقة الحروف</translation>
    </message>
</context>
<context>
    <name>LinkListModel</name>
    <message>
        <source>Type</source>
        <translation>النوع</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>الوثيقة</translation>
    </message>
    <message>
        <source>Span</source>
        <translation>المقطع</translation>
    </message>
    <message>
        <source>Linked document</source>
        <translation>الوثيقة المرتبطة</translation>
    </message>
    <message>
        <source>Linked span</source>
        <translation>المقطع المرتبط</translation>
    </message>
</context>
<context>
    <name>LinkTargetDialog</name>
    <message>
        <source>Link gold span to another document</source>
        <translation>ربط مقطع ذهبي بوثيقة أخرى</translation>
    </message>
    <message>
        <source>Link span to another document</source>
        <translation>ربط مقطع بوثيقة أخرى</translation>
    </message>
    <message>
        <source>Filter the spans by their words</source>
        <translation>صفِّ المقاطع بكلماتها</translation>
    </message>
    <message>
        <source>This span is the link&apos;s source</source>
        <translation>هذا المقطع هو مصدر الرابط</translation>
    </message>
    <message>
        <source>Gold span:</source>
        <translation>المقطع الذهبي:</translation>
    </message>
    <message>
        <source>Span:</source>
        <translation>المقطع:</translation>
    </message>
    <message>
        <source>Link type:</source>
        <translation>نوع الرابط:</translation>
    </message>
    <message>
        <source>Document:</source>
        <translation>الوثيقة:</translation>
    </message>
</context>
<context>
    <name>LinkTool</name>
    <message>
        <source>Select a span in one pane and a span in another, then link them (Ctrl+L)</source>
        <extracomment>asks for the link type (replaced in tests that do not drive the dialog) asks for another document (the finder) and for the span there (the dialog, run modally)</extracomment>
        <translation>حدّد مقطعًا في لوحة ومقطعًا في أخرى، ثم اربطهما (Ctrl+L)</translation>
    </message>
    <message>
        <source>Now select the span to link to in another pane (showing another document), then Ctrl+L</source>
        <translation>حدّد الآن المقطع المراد الربط به في لوحة أخرى (تعرض وثيقة أخرى)، ثم Ctrl+L</translation>
    </message>
    <message>
        <source>A {a} and a {b} cannot be linked (actors are linked through their entity)</source>
        <translation>لا يمكن ربط مقطع {a} بمقطع {b} (الفاعلون يُربطون عبر كياناتهم)</translation>
    </message>
    <message>
        <source>{name}: this span → the other</source>
        <translation>رابط {name}: هذا المقطع ← الآخر</translation>
    </message>
    <message>
        <source>{name}: the other span → this</source>
        <translation>رابط {name}: المقطع الآخر ← هذا</translation>
    </message>
    <message>
        <source>No link added</source>
        <translation>لم يُضف أي رابط</translation>
    </message>
    <message>
        <source>Saved: linked as {name}</source>
        <translation>حُفِظ: رابط من نوع {name}</translation>
    </message>
    <message>
        <source>Saved: linked as {name} (link {number}, marked in both panes)</source>
        <translation>حُفِظ: رابط من نوع {name} (الرابط {number}، معلَّم في اللوحتين)</translation>
    </message>
    <message>
        <source>Select the span to link first, then Ctrl+Shift+L finds the other end in any document</source>
        <translation>حدّد المقطع المراد ربطه أولًا، ثم يجد Ctrl+Shift+L الطرف الآخر في أي وثيقة</translation>
    </message>
    <message>
        <source>No link type of the schema joins {label} spans</source>
        <translation>لا نوع رابط في المخطط يصل مقاطع {label}</translation>
    </message>
    <message>
        <source>A link joins two documents: choose another document than this one</source>
        <translation>الرابط يصل وثيقتين: اختر وثيقة غير هذه</translation>
    </message>
    <message>
        <source>Saved: linked as {name} with a span of {title} (link {number})</source>
        <translation>حُفِظ: رابط من نوع {name} مع مقطع من {title} (الرابط {number})</translation>
    </message>
    <message>
        <source>Saved: link deleted</source>
        <translation>حُفِظ: حُذف الرابط</translation>
    </message>
    <message>
        <source>That span is not there any more</source>
        <translation>ذلك المقطع لم يعد موجودًا</translation>
    </message>
    <message>
        <source>Link {number} {type} ↔ {title}: {partner}</source>
        <translation>الرابط {number} {type} ↔ {title}: {partner}</translation>
    </message>
</context>
<context>
    <name>LinkTypeChooser</name>
    <message>
        <source>Link type</source>
        <extracomment>(link type, source is the active pane&apos;s span) for each choice offered a document title longer than this is cut in the link dialog&apos;s document box</extracomment>
        <translation>نوع الرابط</translation>
    </message>
    <message>
        <source>{number}. {text}</source>
        <translation>‏{number}. {text}</translation>
    </message>
    <message>
        <source>Link the two selected spans as:</source>
        <translation>اربط المقطعين المحددين بوصفهما:</translation>
    </message>
</context>
<context>
    <name>LinksDock</name>
    <message>
        <source>Links</source>
        <translation>الروابط</translation>
    </message>
    <message>
        <source>Filter links</source>
        <translation>تصفية الروابط</translation>
    </message>
    <message>
        <source>Go to span</source>
        <translation>الانتقال إلى المقطع</translation>
    </message>
    <message>
        <source>Go to linked span</source>
        <translation>الانتقال إلى المقطع المرتبط</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Annotator: {name}</source>
        <extracomment>the Search dock&apos;s height when it first opens (pixels; a third of the window if that is more) how long after an edit the span list and the document list catch up (milliseconds). A tag repaints its paragraph at once; the lists (whose rows all move when one is inserted) follow in one update per burst of edits, so their repaint is not part of every tag&apos;s latency. the widest the status bar&apos;s selected-span label gets, in average characters documents opened in this window, latest first (the panes&apos; choosers offer them)</extracomment>
        <translation>الموسِّم: {name}</translation>
    </message>
    <message>
        <source>Every change is saved as you make it</source>
        <translation>يُحفظ كل تغيير فور إجرائه</translation>
    </message>
    <message>
        <source>Every document is done</source>
        <extracomment>how many documents a pane&apos;s chooser offers besides those open and opened lately</extracomment>
        <translation>كل الوثائق منجزة</translation>
    </message>
    <message>
        <source>Four panes at most</source>
        <translation>أربع لوحات على الأكثر</translation>
    </message>
    <message>
        <source>There is no pane {n}</source>
        <translation>لا توجد لوحة {n}</translation>
    </message>
    <message>
        <source>Text font</source>
        <translation>خط النص</translation>
    </message>
    <message>
        <source>Text font: {family} {size} pt</source>
        <translation>خط النص: {family} {size} نقطة</translation>
    </message>
    <message>
        <source>Imported {n} document|Imported {n} documents</source>
        <translation>لم تُستورد أي وثيقة|استُوردت وثيقة واحدة|استُوردت وثيقتان|استُوردت {n} وثائق|استُوردت {n} وثيقة|استُوردت {n} وثيقة</translation>
    </message>
    <message>
        <source>manager</source>
        <translation>مدير</translation>
    </message>
    <message>
        <source>annotator</source>
        <translation>موسِّم</translation>
    </message>
    <message>
        <source>adjudicator</source>
        <translation>محكِّم</translation>
    </message>
    <message>
        <source>Connected as {name} ({role})</source>
        <translation>متصل باسم {name} ({role})</translation>
    </message>
    <message>
        <source>Connected as {name}</source>
        <translation>متصل باسم {name}</translation>
    </message>
    <message>
        <source>Annotator: {name} ({role})</source>
        <translation>الموسِّم: {name} ({role})</translation>
    </message>
    <message>
        <source>{n} change is waiting for the database, which another program has locked, and is not saved yet:|{n} changes are waiting for the database, which another program has locked, and are not saved yet:</source>
        <translation>لا تغييرات تنتظر قاعدة البيانات:|تغيير واحد ينتظر قاعدة البيانات التي أقفلها برنامج آخر، ولم يُحفظ بعد:|تغييران ينتظران قاعدة البيانات التي أقفلها برنامج آخر، ولم يُحفظا بعد:|{n} تغييرات تنتظر قاعدة البيانات التي أقفلها برنامج آخر، ولم تُحفظ بعد:|{n} تغييرًا تنتظر قاعدة البيانات التي أقفلها برنامج آخر، ولم تُحفظ بعد:|{n} تغيير تنتظر قاعدة البيانات التي أقفلها برنامج آخر، ولم تُحفظ بعد:</translation>
    </message>
    <message>
        <source>Not saved yet</source>
        <translation>لم يُحفظ بعد</translation>
    </message>
    <message>
        <source>{waiting}
{listed}

Close anyway and lose them?</source>
        <translation>{waiting}
{listed}

الإغلاق على أي حال وفقدانها؟</translation>
    </message>
</context>
<context>
    <name>MentionsDialog</name>
    <message>
        <source>Tag mentions of {name}</source>
        <translation>وسم إشارات {name}</translation>
    </message>
    <message>
        <source>{n} document|{n} documents</source>
        <translation>لا وثائق|وثيقة واحدة|وثيقتين|{n} وثائق|{n} وثيقة|{n} وثيقة</translation>
    </message>
    <message>
        <source>{n} untagged mention of {name} in {documents}.|{n} untagged mentions of {name} in {documents}.</source>
        <translation>لا إشارات غير موسومة إلى {name} في {documents}.|إشارة واحدة غير موسومة إلى {name} في {documents}.|إشارتان غير موسومتين إلى {name} في {documents}.|{n} إشارات غير موسومة إلى {name} في {documents}.|{n} إشارة غير موسومة إلى {name} في {documents}.|{n} إشارة غير موسومة إلى {name} في {documents}.</translation>
    </message>
    <message>
        <source>{n} untagged mention of {name} in {title}.|{n} untagged mentions of {name} in {title}.</source>
        <translation>لا إشارات غير موسومة إلى {name} في {title}.|إشارة واحدة غير موسومة إلى {name} في {title}.|إشارتان غير موسومتين إلى {name} في {title}.|{n} إشارات غير موسومة إلى {name} في {title}.|{n} إشارة غير موسومة إلى {name} في {title}.|{n} إشارة غير موسومة إلى {name} في {title}.</translation>
    </message>
    <message>
        <source>{n} untagged mention of {name}.|{n} untagged mentions of {name}.</source>
        <translation>لا إشارات غير موسومة إلى {name}.|إشارة واحدة غير موسومة إلى {name}.|إشارتان غير موسومتين إلى {name}.|{n} إشارات غير موسومة إلى {name}.|{n} إشارة غير موسومة إلى {name}.|{n} إشارة غير موسومة إلى {name}.</translation>
    </message>
    <message>
        <source>Uncheck any that are not this entity, then tag the rest (one step; Ctrl+Z undoes it).</source>
        <translation>ألغِ تحديد ما لا يخص هذا الكيان، ويُوسم الباقي بخطوة واحدة (Ctrl+Z يتراجع عنها).</translation>
    </message>
    <message>
        <source>Mention in context</source>
        <translation>الإشارة في سياقها</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>الوثيقة</translation>
    </message>
    <message>
        <source>Tag checked</source>
        <translation>وسم المحدَّد</translation>
    </message>
</context>
<context>
    <name>ModelTrainer</name>
    <message>
        <source>&amp;Train the suggestion model now</source>
        <extracomment>the choices of View ▸ Retrain the suggestion model (0: never by itself)</extracomment>
        <translation>&amp;درِّب نموذج الاقتراحات الآن</translation>
    </message>
    <message>
        <source>Train the project&apos;s model on gold and documents marked done, in the background</source>
        <translation>تدريب نموذج المشروع على النسخ الذهبية والوثائق المنجزة، في الخلفية</translation>
    </message>
    <message>
        <source>&amp;Retrain the suggestion model</source>
        <translation>إعادة ت&amp;دريب نموذج الاقتراحات</translation>
    </message>
    <message>
        <source>Never by itself</source>
        <translation>لا تلقائيًا أبدًا</translation>
    </message>
    <message>
        <source>After every document done|After every {n} documents done</source>
        <translation>بعد كل {n} وثيقة منجزة|بعد كل وثيقة منجزة|بعد كل وثيقتين منجزتين|بعد كل {n} وثائق منجزة|بعد كل {n} وثيقة منجزة|بعد كل {n} وثيقة منجزة</translation>
    </message>
    <message>
        <source>The suggestion model is retrained only when asked</source>
        <translation>لا يُعاد تدريب نموذج الاقتراحات إلا عند الطلب</translation>
    </message>
    <message>
        <source>The suggestion model is retrained after every document marked done|The suggestion model is retrained after every {n} documents marked done</source>
        <translation>يُعاد تدريب نموذج الاقتراحات بعد كل {n} وثيقة تُعلَّم منجزة|يُعاد تدريب نموذج الاقتراحات بعد كل وثيقة تُعلَّم منجزة|يُعاد تدريب نموذج الاقتراحات بعد كل وثيقتين تُعلَّمان منجزتين|يُعاد تدريب نموذج الاقتراحات بعد كل {n} وثائق تُعلَّم منجزة|يُعاد تدريب نموذج الاقتراحات بعد كل {n} وثيقة تُعلَّم منجزة|يُعاد تدريب نموذج الاقتراحات بعد كل {n} وثيقة تُعلَّم منجزة</translation>
    </message>
    <message>
        <source>The suggestion model is already being trained</source>
        <translation>نموذج الاقتراحات قيد التدريب بالفعل</translation>
    </message>
    <message>
        <source>Training the suggestion model in the background…</source>
        <translation>جارٍ تدريب نموذج الاقتراحات في الخلفية…</translation>
    </message>
    <message>
        <source>Suggestion model: {result}</source>
        <translation>نموذج الاقتراحات: {result}</translation>
    </message>
    <message>
        <source>The suggestion model was not trained: {error}</source>
        <translation>لم يُدرَّب نموذج الاقتراحات: {error}</translation>
    </message>
</context>
<context>
    <name>PaneSuggestions</name>
    <message>
        <source>Enter accepts, Delete rejects, a label key relabels</source>
        <extracomment>the outline&apos;s width (pixels), and the selected suggestion&apos;s how much of a suggestion&apos;s text the status bar shows what the status bar&apos;s message about a selected suggestion ends with (the keys; translated where shown)</extracomment>
        <translation>Enter للقبول، Delete للرفض، ومفتاح وسم لتغيير الوسم</translation>
    </message>
    <message>
        <source>the recommenders failed (the log says why)</source>
        <extracomment>why no suggestions are shown when a recommender failed for another reason than the services give</extracomment>
        <translation>أخفقت مصادر الاقتراحات (السجل يذكر السبب)</translation>
    </message>
    <message>
        <source>dates</source>
        <extracomment>the built-in recommenders as the status bar names them (a stored suggestion&apos;s recommender is data: as it is)</extracomment>
        <translation>التواريخ</translation>
    </message>
    <message>
        <source>entities</source>
        <translation>الكيانات</translation>
    </message>
    <message>
        <source>project</source>
        <translation>نموذج المشروع</translation>
    </message>
    <message>
        <source>Suggestions not shown: {reason}</source>
        <extracomment>from this many characters on, the part a pane shows is asked for first the selected suggestion changed (or none is selected now) the suggestions of the document shown have been computed and are drawn the document the suggestions are of (None: none shown, or not computed yet) every suggestion the document opened with, in reading order; :attr:`hidden` those not shown now keys of the suggestions decided in this window (an undo takes its decision back) the selected suggestion&apos;s edges as moved by the edge keys (None: its own) the suggestions of the shown document have been computed (for the recommenders now chosen) what the last paint drew, for tests and automation: (suggestion, viewport rectangles, selected) ranges whose spans or decisions changed while the recommenders ran (looked at again on their answer)</extracomment>
        <translation>لم تُعرض الاقتراحات: {reason}</translation>
    </message>
    <message>
        <source>{score}, edges moved</source>
        <translation>{score}، مع تحريك الحدود</translation>
    </message>
    <message>
        <source>Suggestion {label} «{text}» from {recommender} ({score}): {keys}</source>
        <translation>اقتراح {label} «{text}» من {recommender} ({score}): {keys}</translation>
    </message>
    <message>
        <source>Not accepted: it overlaps your {label} span «{text}»</source>
        <translation>لم يُقبل: يتداخل مع مقطعك {label} «{text}»</translation>
    </message>
    <message>
        <source>Saved: suggestion accepted as {label} ({key} takes it back)</source>
        <translation>حُفِظ: قُبل الاقتراح بوسم {label} ({key} للتراجع)</translation>
    </message>
    <message>
        <source>Saved: suggestion accepted as {label} (edited) ({key} takes it back)</source>
        <translation>حُفِظ: قُبل الاقتراح بوسم {label} (معدَّلًا) ({key} للتراجع)</translation>
    </message>
    <message>
        <source>Saved: {label} suggestion rejected ({key} brings it back)</source>
        <translation>حُفِظ: رُفض اقتراح {label} ({key} لاستعادته)</translation>
    </message>
    <message>
        <source>A span cannot be shorter than one character</source>
        <translation>لا يمكن أن يقل المقطع عن حرف واحد</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>The schema&apos;s colours</source>
        <translation>ألوان المخطط</translation>
    </message>
    <message>
        <source>Colour-blind-safe (Okabe–Ito)</source>
        <translation>آمنة لعمى الألوان (Okabe–Ito)</translation>
    </message>
    <message>
        <source>Follow the desktop</source>
        <translation>كما في سطح المكتب</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>فاتح</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>داكن</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>التفضيلات</translation>
    </message>
    <message>
        <source> pt</source>
        <translation> نقطة</translation>
    </message>
    <message>
        <source>Select by characters (not whole words)</source>
        <translation>التحديد بالحروف (لا بالكلمات الكاملة)</translation>
    </message>
    <message>
        <source>Show suggestions in the panes</source>
        <translation>إظهار الاقتراحات في اللوحات</translation>
    </message>
    <message>
        <source>Only when asked</source>
        <translation>عند الطلب فقط</translation>
    </message>
    <message>
        <source>After every document done|After every {n} documents done</source>
        <translation>بعد كل وثيقة منجزة|بعد كل وثيقة منجزة|بعد كل وثيقتين منجزتين|بعد كل {n} وثائق منجزة|بعد كل {n} وثيقة منجزة|بعد كل {n} وثيقة منجزة</translation>
    </message>
    <message>
        <source>The desktop&apos;s language</source>
        <translation>لغة سطح المكتب</translation>
    </message>
    <message>
        <source>Label colours</source>
        <translation>ألوان الوسوم</translation>
    </message>
    <message>
        <source>Palette</source>
        <translation>لوحة الألوان</translation>
    </message>
    <message>
        <source>{label} colour</source>
        <translation>لون {label}</translation>
    </message>
    <message>
        <source>Use the palette&apos;s colours</source>
        <translation>استخدام ألوان اللوحة</translation>
    </message>
    <message>
        <source>Colour scheme</source>
        <translation>نمط الألوان</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>النص</translation>
    </message>
    <message>
        <source>Font</source>
        <translation>الخط</translation>
    </message>
    <message>
        <source>Language of the interface</source>
        <translation>لغة الواجهة</translation>
    </message>
    <message>
        <source>Suggestions</source>
        <translation>الاقتراحات</translation>
    </message>
    <message>
        <source>Retrain the model</source>
        <translation>إعادة تدريب النموذج</translation>
    </message>
    <message>
        <source>  (your own)</source>
        <translation>  (من اختيارك)</translation>
    </message>
    <message>
        <source>Colour of {label}</source>
        <translation>لون {label}</translation>
    </message>
</context>
<context>
    <name>ProjectErrorBox</name>
    <message>
        <source>Projects (*.sqlite *.db)</source>
        <translation>المشاريع (*.sqlite *.db)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>كل الملفات (*)</translation>
    </message>
    <message>
        <source>{program}: the project could not be opened</source>
        <translation>⁨{program}⁩: تعذّر فتح المشروع</translation>
    </message>
    <message>
        <source>The project could not be opened:

{error}

Choose another project (or type a new file name to start one), or quit.</source>
        <translation>تعذّر فتح المشروع:

⁨{error}⁩

اختر مشروعًا آخر (أو اكتب اسم ملف جديد لبدء مشروع)، أو اخرج.</translation>
    </message>
    <message>
        <source>Choose another project…</source>
        <translation>اختيار مشروع آخر…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>خروج</translation>
    </message>
    <message>
        <source>Open or start a project</source>
        <translation>فتح مشروع أو بدء مشروع</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>فتح</translation>
    </message>
</context>
<context>
    <name>ProjectFiles</name>
    <message>
        <source>annotator projects (*.annotator *.sqlite *.db);;All files (*)</source>
        <translation>مشاريع annotator (*.annotator *.sqlite *.db);;كل الملفات (*)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>المشاريع ال&amp;أخيرة</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>(لا شيء بعد)</translation>
    </message>
    <message>
        <source>&amp;Clear the list</source>
        <translation>&amp;مسح القائمة</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>مشروع جديد</translation>
    </message>
    <message>
        <source>{path} exists already: open it with File ▸ Open Project…, or choose another name.</source>
        <translation>⁨{path}⁩ موجود من قبل: افتحه من ملف ▸ فتح مشروع…، أو اختر اسمًا آخر.</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>فتح مشروع</translation>
    </message>
    <message>
        <source>The project cannot be opened: {error}</source>
        <translation>تعذّر فتح المشروع: ⁨{error}⁩</translation>
    </message>
</context>
<context>
    <name>RelationListModel</name>
    <message>
        <source>Type</source>
        <translation>النوع</translation>
    </message>
    <message>
        <source>Head</source>
        <translation>الرأس</translation>
    </message>
    <message>
        <source>Tail</source>
        <translation>الذيل</translation>
    </message>
    <message>
        <source>(missing)</source>
        <translation>(مفقود)</translation>
    </message>
    <message>
        <source>→ {tail}</source>
        <translation>← {tail}</translation>
    </message>
</context>
<context>
    <name>RelationTool</name>
    <message>
        <source> or </source>
        <translation> أو </translation>
    </message>
    <message>
        <source>Saved: {type} relation added</source>
        <extracomment>add(document id, relation type, head span id, tail span id) -&gt; stored? delete(document id, relation id) -&gt; deleted?</extracomment>
        <translation>حُفِظ: أُضيفت علاقة {type}</translation>
    </message>
    <message>
        <source>Saved: relation deleted</source>
        <translation>حُفِظ: حُذفت العلاقة</translation>
    </message>
    <message>
        <source>Select a {labels} first (click it or press Tab), then press {key} for its {name}</source>
        <translation>حدّد {labels} أولًا (انقره أو اضغط Tab)، ثم اضغط {key} لتحديد {name} له</translation>
    </message>
    <message>
        <source>{name} goes from {heads} to {tails}; this span is {label}</source>
        <translation>علاقة {name} تصل من {heads} إلى {tails}؛ وهذا المقطع {label}</translation>
    </message>
    <message>
        <source>No {labels} left to be the {name} of this {label}: tag one first</source>
        <translation>لا يوجد {labels} متبقٍّ ليكون {name} لهذا المقطع {label}: وسِّم واحدًا أولًا</translation>
    </message>
    <message>
        <source>{name} of this {label}: pick the {labels} (Enter, 1–9, or click it; Esc cancels)</source>
        <translation>علاقة {name} لهذا المقطع {label}: اختر {labels} (Enter أو 1–9 أو انقره؛ Esc للإلغاء)</translation>
    </message>
    <message>
        <source>This {label} is the {name} of: pick the {labels} (Enter, 1–9, or click it; Esc cancels)</source>
        <translation>هذا المقطع {label} هو {name} لـ: اختر {labels} (Enter أو 1–9 أو انقره؛ Esc للإلغاء)</translation>
    </message>
    <message>
        <source>No relation added</source>
        <translation>لم تُضف أي علاقة</translation>
    </message>
    <message>
        <source>Not a span that can be the other end of {name}</source>
        <translation>ليس مقطعًا يصلح طرفًا آخر لعلاقة {name}</translation>
    </message>
</context>
<context>
    <name>RelationsDock</name>
    <message>
        <source>Relations</source>
        <translation>العلاقات</translation>
    </message>
    <message>
        <source>Delete relation</source>
        <translation>حذف العلاقة</translation>
    </message>
    <message>
        <source>Delete the chosen relation (Delete in the list); {undo} brings it back</source>
        <translation>حذف العلاقة المختارة (مفتاح Delete في القائمة)؛ {undo} يعيدها</translation>
    </message>
</context>
<context>
    <name>RelationsLinksEntitiesUi</name>
    <message>
        <source>(missing)</source>
        <extracomment>the panes: which is active, what they show the span list, which the Relations and Links panels sit beside as tabs</extracomment>
        <translation>(مفقود)</translation>
    </message>
    <message>
        <source>{type} → {text}</source>
        <translation>علاقة {type} ← {text}</translation>
    </message>
    <message>
        <source>{type} of ← {text}</source>
        <translation>هو {type} لـ → {text}</translation>
    </message>
    <message>
        <source>Choose a relation in the Relations panel first</source>
        <translation>اختر علاقة في لوحة العلاقات أولًا</translation>
    </message>
    <message>
        <source>Select a span first (click it or press Tab)</source>
        <translation>حدّد مقطعًا أولًا (انقره أو اضغط Tab)</translation>
    </message>
    <message>
        <source>Every relation on screen is drawn</source>
        <translation>تُرسم كل العلاقات الظاهرة على الشاشة</translation>
    </message>
    <message>
        <source>Only the selected span&apos;s relations are drawn</source>
        <translation>تُرسم علاقات المقطع المحدد فقط</translation>
    </message>
</context>
<context>
    <name>SampleArticles</name>
    <message>
        <source>Sample articles</source>
        <translation>مقالات نموذجية</translation>
    </message>
    <message>
        <source>The samples could not be imported:
{error}</source>
        <translation>تعذّر استيراد المقالات النموذجية:
⁨{error}⁩</translation>
    </message>
    <message>
        <source>No new sample articles: they are already in this project.</source>
        <translation>لا مقالات نموذجية جديدة: فهي موجودة في هذا المشروع.</translation>
    </message>
    <message>
        <source>An empty project</source>
        <translation>مشروع فارغ</translation>
    </message>
    <message>
        <source>This project has no documents yet.

Import the sample articles that come with the program to try it out? (You can import your own with `{command}`.)</source>
        <translation>لا وثائق في هذا المشروع بعد.

هل تستورد المقالات النموذجية المرفقة بالبرنامج لتجربته؟ (يمكنك استيراد مقالاتك بالأمر ‎`⁨{command}⁩`.)</translation>
    </message>
</context>
<context>
    <name>SchemaDialog</name>
    <message>
        <source>Schema files (*.toml);;All files (*)</source>
        <translation>ملفات المخطط (*.toml);;كل الملفات (*)</translation>
    </message>
    <message>
        <source>e.g. {example}</source>
        <translation>مثال: ⁨{example}⁩</translation>
    </message>
    <message>
        <source>Schema {name} (version {version})</source>
        <translation>المخطط ⁨{name}⁩ (الإصدار {version})</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>الوسوم</translation>
    </message>
    <message>
        <source>  {name}  key {key}  colour {colour}</source>
        <translation>  ⁨{name}⁩  المفتاح {key}  اللون ⁨{colour}⁩</translation>
    </message>
    <message>
        <source>  role {role}</source>
        <translation>  الدور ⁨{role}⁩</translation>
    </message>
    <message>
        <source>one of: {values}</source>
        <translation>واحدة من: ⁨{values}⁩</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>صح أو خطأ</translation>
    </message>
    <message>
        <source>an entity of the project</source>
        <translation>كيان من كيانات المشروع</translation>
    </message>
    <message>
        <source>a value matching a pattern</source>
        <translation>قيمة تطابق نمطًا</translation>
    </message>
    <message>
        <source>free text, at most {count} characters</source>
        <translation>نص حر، {count} حرف على الأكثر</translation>
    </message>
    <message>
        <source>    attribute {name} ({kind}): {what}</source>
        <translation>    السمة ⁨{name}⁩ (⁨{kind}⁩): {what}</translation>
    </message>
    <message>
        <source>Relations (inside a document)</source>
        <translation>العلاقات (داخل الوثيقة)</translation>
    </message>
    <message>
        <source>  none</source>
        <translation>  لا شيء</translation>
    </message>
    <message>
        <source> or </source>
        <translation> أو </translation>
    </message>
    <message>
        <source>  {name}  key {key}  {heads} -&gt; {tails}  colour {colour}</source>
        <translation>  ⁨{name}⁩  المفتاح {key}  ⁧{heads}⁩ -&gt; ⁧{tails}⁩  اللون ⁨{colour}⁩</translation>
    </message>
    <message>
        <source>Links (between documents)</source>
        <translation>الروابط (بين الوثائق)</translation>
    </message>
    <message>
        <source>  {name}  {labels} {arrow} {labels}  colour {colour}</source>
        <translation>  ⁨{name}⁩  ⁧{labels}⁩ {arrow} ⁧{labels}⁩  اللون ⁨{colour}⁩</translation>
    </message>
    <message>
        <source>  key {key}</source>
        <translation>  المفتاح {key}</translation>
    </message>
    <message>
        <source>Schema</source>
        <translation>مخطط الوسوم</translation>
    </message>
    <message>
        <source>&amp;Load from file…</source>
        <translation>&amp;تحميل من ملف…</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>ت&amp;صدير…</translation>
    </message>
    <message>
        <source>{name}, version {version}: {labels}, {relations}, {links}</source>
        <translation>⁨{name}⁩، الإصدار {version}: {labels}، {relations}، {links}</translation>
    </message>
    <message>
        <source>{n} label|{n} labels</source>
        <translation>لا وسوم|وسم واحد|وسمان|{n} وسوم|{n} وسمًا|{n} وسم</translation>
    </message>
    <message>
        <source>{n} relation|{n} relations</source>
        <translation>لا علاقات|علاقة واحدة|علاقتان|{n} علاقات|{n} علاقة|{n} علاقة</translation>
    </message>
    <message>
        <source>{n} link type|{n} link types</source>
        <translation>لا أنواع روابط|نوع روابط واحد|نوعا روابط|{n} أنواع روابط|{n} نوع روابط|{n} نوع روابط</translation>
    </message>
    <message>
        <source>Load a schema</source>
        <translation>تحميل مخطط</translation>
    </message>
    <message>
        <source>Schema not loaded</source>
        <translation>لم يُحمَّل المخطط</translation>
    </message>
    <message>
        <source>The project&apos;s schema is already {file}: nothing to change.</source>
        <translation>مخطط المشروع هو ⁨{file}⁩ أصلًا: لا شيء يتغيّر.</translation>
    </message>
    <message>
        <source>Schema not changed</source>
        <translation>لم يتغيّر المخطط</translation>
    </message>
    <message>
        <source>The file removes names that the data uses:

{refusals}

Nothing was changed. To rename or delete that data with the change, use the command line:
{command}</source>
        <translation>يحذف الملف أسماءً تستخدمها البيانات:

{refusals}

لم يتغيّر شيء. لإعادة تسمية تلك البيانات أو حذفها مع التغيير، استخدم سطر الأوامر:
⁨{command}⁩</translation>
    </message>
    <message>
        <source>Change the schema?</source>
        <translation>تغيير المخطط؟</translation>
    </message>
    <message>
        <source>{file}: {name}, version {version}

{changes}

The change is stored at once and logged ({command} reverses it); the window then reopens with the new labels, keys and colours.</source>
        <translation>⁨{file}⁩: ⁨{name}⁩، الإصدار {version}

{changes}

يُحفَظ التغيير فورًا ويُسجَّل (يتراجع عنه الأمر ⁨{command}⁩)؛ ثم تُفتح النافذة من جديد بالوسوم والمفاتيح والألوان الجديدة.</translation>
    </message>
    <message>
        <source>Export the schema</source>
        <translation>تصدير المخطط</translation>
    </message>
    <message>
        <source>Schema not exported</source>
        <translation>لم يُصدَّر المخطط</translation>
    </message>
    <message>
        <source>Exported to {path}</source>
        <translation>صُدِّر إلى ⁨{path}⁩</translation>
    </message>
</context>
<context>
    <name>SearchDock</name>
    <message>
        <source>Anywhere in words</source>
        <extracomment>milliseconds of no typing before the query is searched documents with hits read per page (&quot;More results&quot; reads the next)</extracomment>
        <translation>في أي موضع من الكلمات</translation>
    </message>
    <message>
        <source>Whole words</source>
        <translation>كلمات كاملة</translation>
    </message>
    <message>
        <source>Regular expression</source>
        <translation>تعبير نمطي</translation>
    </message>
    <message>
        <source>{n} hit|{n} hits</source>
        <translation>لا نتائج|نتيجة واحدة|نتيجتان|{n} نتائج|{n} نتيجة|{n} نتيجة</translation>
    </message>
    <message>
        <source>The search failed (the log says why)</source>
        <translation>فشل البحث (السجل يذكر السبب)</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>بحث</translation>
    </message>
    <message>
        <source>Search every document (harakat, alef forms, digits do not matter)</source>
        <extracomment>a search is running (the summary says &quot;Searching…&quot;): compare this, not the summary&apos;s text</extracomment>
        <translation>البحث في كل الوثائق (لا عبرة بالحركات وصور الألف والأرقام)</translation>
    </message>
    <message>
        <source>Arabic-aware</source>
        <translation>مراعاة العربية</translation>
    </message>
    <message>
        <source>Ignore harakat and tatweel; أ إ آ ٱ match ا, ى matches ي, ة matches ه, Arabic-Indic digits match 0-9, letter case does not matter</source>
        <translation>تجاهل الحركات والتطويل؛ أ إ آ ٱ تطابق ا، وى تطابق ي، وة تطابق ه، والأرقام الهندية تطابق 0-9، ولا عبرة بحالة الأحرف اللاتينية</translation>
    </message>
    <message>
        <source>After و ف ب ك ل ال</source>
        <translation>بعد و ف ب ك ل ال</translation>
    </message>
    <message>
        <source>Whole words: also after the proclitics, so الاتفاق finds والاتفاق and بالاتفاق (the hit is the word without them)</source>
        <translation>الكلمات الكاملة: بعد السوابق أيضًا، فكلمة «الاتفاق» تجد «والاتفاق» و«بالاتفاق» (والنتيجة هي الكلمة من دونها)</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>عوامل التصفية</translation>
    </message>
    <message>
        <source>Anywhere in the text</source>
        <translation>في أي موضع من النص</translation>
    </message>
    <message>
        <source>Inside {label} spans</source>
        <translation>داخل مقاطع {label}</translation>
    </message>
    <message>
        <source>Outside all spans</source>
        <translation>خارج كل المقاطع</translation>
    </message>
    <message>
        <source>Whose spans and status the filters look at (an annotator working blind: their own, and gold on the documents they have done)</source>
        <translation>مقاطع من وحالة من تنظر فيها عوامل التصفية (الموسِّم الذي يعمل معزولًا: مقاطعه، والنسخة الذهبية في الوثائق التي أنجزها)</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>مقاطعي</translation>
    </message>
    <message>
        <source>Gold</source>
        <translation>النسخة الذهبية</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>أي حالة</translation>
    </message>
    <message>
        <source>as in the documents&apos; meta</source>
        <translation>كما في بيانات الوثائق الوصفية</translation>
    </message>
    <message>
        <source>Where:</source>
        <translation>أين:</translation>
    </message>
    <message>
        <source>Whose:</source>
        <translation>لمن:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>الحالة:</translation>
    </message>
    <message>
        <source>Outlet:</source>
        <translation>المصدر:</translation>
    </message>
    <message>
        <source>to</source>
        <translation>إلى</translation>
    </message>
    <message>
        <source>Published:</source>
        <translation>تاريخ النشر:</translation>
    </message>
    <message>
        <source>More results</source>
        <translation>مزيد من النتائج</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>جارٍ البحث…</translation>
    </message>
    <message>
        <source>{title}, characters {start}–{end}</source>
        <translation>{title}، المحارف {start}–{end}</translation>
    </message>
    <message>
        <source>No match</source>
        <translation>لا تطابق</translation>
    </message>
    <message>
        <source>No match yet: More results looks further</source>
        <translation>لا تطابق بعد: «مزيد من النتائج» يبحث أبعد</translation>
    </message>
    <message>
        <source>{hits} in {documents}</source>
        <translation>{hits} في {documents}</translation>
    </message>
    <message>
        <source>{n} document|{n} documents</source>
        <translation>لا وثائق|وثيقة واحدة|وثيقتين|{n} وثائق|{n} وثيقة|{n} وثيقة</translation>
    </message>
    <message>
        <source>{n}+ hits</source>
        <translation>{n} نتيجة أو أكثر</translation>
    </message>
    <message>
        <source>{n}+ documents</source>
        <translation>{n} وثيقة أو أكثر</translation>
    </message>
    <message>
        <source>Select hits in the search results first, then press a label&apos;s key</source>
        <translation>اختر نتائج من نتائج البحث أولًا، ثم اضغط مفتاح وسم</translation>
    </message>
    <message>
        <source> ({skipped} already tagged {label})</source>
        <translation> ({skipped} موسومة {label} من قبل)</translation>
    </message>
    <message>
        <source>Saved: tagged {tagged} × {label} in {n} document|Saved: tagged {tagged} × {label} in {n} documents</source>
        <translation>حُفِظ: وُسِم {tagged} × {label} في لا وثائق|حُفِظ: وُسِم {tagged} × {label} في وثيقة واحدة|حُفِظ: وُسِم {tagged} × {label} في وثيقتين|حُفِظ: وُسِم {tagged} × {label} في {n} وثائق|حُفِظ: وُسِم {tagged} × {label} في {n} وثيقة|حُفِظ: وُسِم {tagged} × {label} في {n} وثيقة</translation>
    </message>
    <message>
        <source>Tag {n} search hit as {label}|Tag {n} search hits as {label}</source>
        <translation>وسم لا نتائج بحث بـ{label}|وسم نتيجة بحث واحدة بـ{label}|وسم نتيجتي بحث بـ{label}|وسم {n} نتائج بحث بـ{label}|وسم {n} نتيجة بحث بـ{label}|وسم {n} نتيجة بحث بـ{label}</translation>
    </message>
</context>
<context>
    <name>ShortcutDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>اختصارات لوحة المفاتيح</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>المفاتيح</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>الإجراء</translation>
    </message>
</context>
<context>
    <name>SpanDock</name>
    <message>
        <source>Spans</source>
        <translation>المقاطع</translation>
    </message>
    <message>
        <source>Filter spans</source>
        <extracomment>the Flagged filter: the rows whose Note column starts with &quot;?&quot; (list_models.note_mark)</extracomment>
        <translation>تصفية المقاطع</translation>
    </message>
    <message>
        <source>All labels</source>
        <translation>كل الوسوم</translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation>المعلَّمة</translation>
    </message>
    <message>
        <source>Only the spans flagged as unsure ({keys})</source>
        <translation>المقاطع المعلَّمة بـ«غير متأكد» فقط ({keys})</translation>
    </message>
</context>
<context>
    <name>SpanListModel</name>
    <message>
        <source>Label</source>
        <extracomment>pages kept (a view scrolled through every page reads them again, not the memory) milliseconds without a new filter before the full count is read the documents assigned to the annotator (set by the team part of the window) the count is exact (False while the first page is shown and the rest not counted yet) which listing a count belongs to (a count for an older filter is dropped)</extracomment>
        <translation>الوسم</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>النص</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>الوثيقة</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>الموضع</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>ملاحظة</translation>
    </message>
    <message>
        <source>Unsure</source>
        <translation>غير متأكد</translation>
    </message>
</context>
<context>
    <name>SpanPicker</name>
    <message>
        <source>inside</source>
        <translation>داخله</translation>
    </message>
    <message>
        <source>overlapping</source>
        <translation>متداخل معه</translation>
    </message>
    <message>
        <source>before</source>
        <translation>قبله</translation>
    </message>
    <message>
        <source>after</source>
        <translation>بعده</translation>
    </message>
    <message>
        <source>{number}. </source>
        <translation>‏{number}. </translation>
    </message>
    <message>
        <source>{label}: {text}  ({where})</source>
        <translation>‏{label}: {text}  ({where})</translation>
    </message>
</context>
<context>
    <name>StepRunner</name>
    <message>
        <source>Waiting for the database (locked by another program)…</source>
        <extracomment>what the status bar says first while a step waits (translated where it is shown)</extracomment>
        <translation>في انتظار قاعدة البيانات (أقفلها برنامج آخر)…</translation>
    </message>
    <message>
        <source>the last step</source>
        <translation>الخطوة الأخيرة</translation>
    </message>
    <message>
        <source>undo of {step}</source>
        <translation>التراجع عن {step}</translation>
    </message>
    <message>
        <source>redo of {step}</source>
        <translation>إعادة {step}</translation>
    </message>
    <message>
        <source>{waiting} {step} will be saved after the step before it</source>
        <extracomment>True while a step waits for the database (the window shows it is waiting) a plain-text status message (&quot;Waiting for the database…&quot;, &quot;Not saved: …&quot;) a step was not stored: (what, why); the window has been told (status bar and message box) how long one attempt waits for the lock (ms): the window is busy at most this long at a time pause between attempts (ms): the window handles input and repaints meanwhile after this many seconds of waiting a step fails visibly</extracomment>
        <translation>{waiting} {step} ستُحفظ بعد الخطوة التي قبلها</translation>
    </message>
    <message>
        <source>the database stayed locked by another program for {seconds} s ({error})</source>
        <translation>بقيت قاعدة البيانات مقفلة من برنامج آخر مدة {seconds} ث ({error})</translation>
    </message>
    <message>
        <source>Saved: undid {step}</source>
        <translation>حُفظ: تراجعتَ عن {step}</translation>
    </message>
    <message>
        <source>Saved: redid {step}</source>
        <translation>حُفظ: أعدتَ {step}</translation>
    </message>
    <message>
        <source>Saved: {step}</source>
        <translation>حُفظ: {step}</translation>
    </message>
    <message>
        <source>{waiting} {step} is not saved yet ({seconds} s)</source>
        <translation>{waiting} {step} لم تُحفظ بعد ({seconds} ث)</translation>
    </message>
    <message>
        <source>Not saved: {step}: {error}. It is not in the project and not on the undo stack.</source>
        <translation>لم يُحفظ: {step}: {error}. ليس في المشروع ولا في سجل التراجع.</translation>
    </message>
    <message>
        <source>Not undone: {step}: {error}. The project is as before and the step stays where it was on the undo stack; {keys} tries again.</source>
        <translation>لم يُتراجع عنه: {step}: {error}. المشروع كما كان، والخطوة باقية في مكانها في سجل التراجع؛ {keys} يحاول مجددًا.</translation>
    </message>
    <message>
        <source>Not redone: {step}: {error}. The project is as before and the step stays where it was on the undo stack; {keys} tries again.</source>
        <translation>لم تُعَد: {step}: {error}. المشروع كما كان، والخطوة باقية في مكانها في سجل التراجع؛ {keys} يحاول مجددًا.</translation>
    </message>
    <message>
        <source>Also not saved, because they came after it: {steps}.</source>
        <translation>ولم يُحفظ أيضًا ما جاء بعدها: {steps}.</translation>
    </message>
    <message>
        <source>; </source>
        <translation>؛ </translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>لم يُحفظ</translation>
    </message>
</context>
<context>
    <name>Steps</name>
    <message>
        <source>Tag {label}</source>
        <translation>وسم {label}</translation>
    </message>
    <message>
        <source>Tag {count} × {label}</source>
        <translation>وسم {count} × {label}</translation>
    </message>
    <message>
        <source>Relabel {label}</source>
        <translation>تغيير الوسم إلى {label}</translation>
    </message>
    <message>
        <source>Move edge</source>
        <translation>تحريك طرف المقطع</translation>
    </message>
    <message>
        <source>Edit span</source>
        <translation>تعديل المقطع</translation>
    </message>
    <message>
        <source>Set date value {value}</source>
        <translation>تعيين قيمة التاريخ {value}</translation>
    </message>
    <message>
        <source>Set attributes</source>
        <translation>تعيين السمات</translation>
    </message>
    <message>
        <source>Delete span</source>
        <translation>حذف المقطع</translation>
    </message>
    <message>
        <source>Delete span with {n} relation or link|Delete span with {n} relations and links</source>
        <translation>حذف المقطع|حذف المقطع مع علاقة أو رابط واحد|حذف المقطع مع علاقتين أو رابطين|حذف المقطع مع {n} علاقات وروابط|حذف المقطع مع {n} علاقة ورابطًا|حذف المقطع مع {n} علاقة ورابط</translation>
    </message>
    <message>
        <source>Mark {status}</source>
        <translation>تعليم الوثيقة: {status}</translation>
    </message>
    <message>
        <source>Flag span as unsure</source>
        <translation>تعليم المقطع بأنه غير متأكد منه</translation>
    </message>
    <message>
        <source>Clear the unsure flag</source>
        <translation>إزالة علامة عدم التأكد</translation>
    </message>
    <message>
        <source>Comment on span</source>
        <translation>ملاحظة على المقطع</translation>
    </message>
    <message>
        <source>Remove comment</source>
        <translation>حذف الملاحظة</translation>
    </message>
    <message>
        <source>{step} (gold)</source>
        <translation>{step} (النسخة الذهبية)</translation>
    </message>
    <message>
        <source>Accept suggestion</source>
        <translation>قبول الاقتراح</translation>
    </message>
    <message>
        <source>Accept {n} suggestion|Accept {n} suggestions</source>
        <translation>قبول الاقتراحات|قبول اقتراح واحد|قبول اقتراحين|قبول {n} اقتراحات|قبول {n} اقتراحًا|قبول {n} اقتراح</translation>
    </message>
    <message>
        <source>Reject suggestion</source>
        <translation>رفض الاقتراح</translation>
    </message>
    <message>
        <source>Reject {n} suggestion|Reject {n} suggestions</source>
        <translation>رفض الاقتراحات|رفض اقتراح واحد|رفض اقتراحين|رفض {n} اقتراحات|رفض {n} اقتراحًا|رفض {n} اقتراح</translation>
    </message>
    <message>
        <source>Add {type} relation</source>
        <translation>إضافة علاقة {type}</translation>
    </message>
    <message>
        <source>Delete relation</source>
        <translation>حذف العلاقة</translation>
    </message>
    <message>
        <source>Link {type}</source>
        <translation>ربط {type}</translation>
    </message>
    <message>
        <source>Delete link</source>
        <translation>حذف الرابط</translation>
    </message>
    <message>
        <source>Create entity</source>
        <translation>إنشاء كيان</translation>
    </message>
    <message>
        <source>Edit entity</source>
        <translation>تعديل الكيان</translation>
    </message>
    <message>
        <source>Attach to entity</source>
        <translation>ربط بالكيان</translation>
    </message>
    <message>
        <source>Detach from entity</source>
        <translation>فصل عن الكيان</translation>
    </message>
    <message>
        <source>Tag {n} mention|Tag {n} mentions</source>
        <translation>وسم الإشارات|وسم إشارة واحدة|وسم إشارتين|وسم {n} إشارات|وسم {n} إشارة|وسم {n} إشارة</translation>
    </message>
    <message>
        <source>Merge entities</source>
        <translation>دمج الكيانات</translation>
    </message>
    <message>
        <source>Accept {name}&apos;s version</source>
        <translation>قبول نسخة {name}</translation>
    </message>
    <message>
        <source>Add {label} to gold</source>
        <translation>إضافة {label} إلى النسخة الذهبية</translation>
    </message>
    <message>
        <source>Edit gold span</source>
        <translation>تعديل مقطع النسخة الذهبية</translation>
    </message>
    <message>
        <source>Delete gold span</source>
        <translation>حذف مقطع النسخة الذهبية</translation>
    </message>
    <message>
        <source>Add {type} to gold</source>
        <translation>إضافة {type} إلى النسخة الذهبية</translation>
    </message>
    <message>
        <source>Delete gold relation</source>
        <translation>حذف علاقة من النسخة الذهبية</translation>
    </message>
    <message>
        <source>Add {type} link to gold</source>
        <translation>إضافة رابط {type} إلى النسخة الذهبية</translation>
    </message>
    <message>
        <source>Delete gold link</source>
        <translation>حذف رابط من النسخة الذهبية</translation>
    </message>
</context>
<context>
    <name>SuggestionsUi</name>
    <message>
        <source>&amp;Dates</source>
        <extracomment>View ▸ Suggestions from: the recommenders as the menu names them (translated there), in its order</extracomment>
        <translation>ال&amp;تواريخ</translation>
    </message>
    <message>
        <source>Known &amp;entities</source>
        <translation>ال&amp;كيانات المعروفة</translation>
    </message>
    <message>
        <source>&amp;Project model</source>
        <translation>&amp;نموذج المشروع</translation>
    </message>
    <message>
        <source>&amp;Stored</source>
        <translation>ال&amp;مخزَّنة</translation>
    </message>
    <message>
        <source>{accepted}, {skipped} ({key} takes them all back)</source>
        <translation>{accepted}، و{skipped} ({key} للتراجع عنها كلها)</translation>
    </message>
    <message>
        <source>Saved: {n} suggestion accepted|Saved: {n} suggestions accepted</source>
        <translation>حُفِظ: لم يُقبل أي اقتراح|حُفِظ: قُبل اقتراح واحد|حُفِظ: قُبل اقتراحان|حُفِظ: قُبلت {n} اقتراحات|حُفِظ: قُبل {n} اقتراحًا|حُفِظ: قُبل {n} اقتراح</translation>
    </message>
    <message>
        <source>{n} left out (they overlap a span of their label)</source>
        <translation>استُبعد {n} (تتداخل مع مقطع من وسمها)</translation>
    </message>
    <message>
        <source>{accepted} ({key} takes them all back)</source>
        <translation>{accepted} ({key} للتراجع عنها كلها)</translation>
    </message>
    <message>
        <source>Suggestions &amp;from</source>
        <translation>مصادر الا&amp;قتراحات</translation>
    </message>
    <message>
        <source>Suggestion {label}: {text}</source>
        <translation>اقتراح {label}: {text}</translation>
    </message>
    <message>
        <source>Suggestions are hidden: View ▸ Suggestions shows them</source>
        <translation>الاقتراحات مخفية: عرض ▸ الاقتراحات يُظهرها</translation>
    </message>
    <message>
        <source>Select the text whose suggestions to accept first ({key}: the whole document)</source>
        <translation>حدِّد أولًا النص الذي تريد قبول اقتراحاته ({key}: الوثيقة كلها)</translation>
    </message>
    <message>
        <source>No suggestions inside the selection</source>
        <translation>لا اقتراحات داخل التحديد</translation>
    </message>
    <message>
        <source>No suggestions inside the selection yet (still being found)</source>
        <translation>لا اقتراحات داخل التحديد بعد (ما زال البحث عنها جاريًا)</translation>
    </message>
    <message>
        <source>Suggestions are shown: Tab walks them with the spans</source>
        <translation>الاقتراحات معروضة: Tab يتنقل بينها وبين المقاطع</translation>
    </message>
    <message>
        <source>Suggestions are hidden</source>
        <translation>الاقتراحات مخفية</translation>
    </message>
</context>
<context>
    <name>Tagger</name>
    <message>
        <source>Select some text (or click a span) first</source>
        <translation>حدّد نصًا (أو انقر مقطعًا) أولًا</translation>
    </message>
    <message>
        <source>That span is already {label}</source>
        <translation>ذلك المقطع موسوم {label} أصلًا</translation>
    </message>
    <message>
        <source>Nothing to tag: the selection holds only spaces or marks</source>
        <translation>لا شيء للوسم: التحديد لا يحوي إلا مسافات أو علامات</translation>
    </message>
    <message>
        <source>That text is already tagged {label}</source>
        <translation>ذلك النص موسوم {label} أصلًا</translation>
    </message>
    <message>
        <source>No span selected: click a span or press Tab first</source>
        <translation>لا مقطع محدد: انقر مقطعًا أو اضغط Tab أولًا</translation>
    </message>
    <message>
        <source>A span cannot be shorter than one character</source>
        <translation>لا يمكن أن يكون المقطع أقصر من حرف واحد</translation>
    </message>
    <message>
        <source>No more spans or suggestions in this document</source>
        <translation>لا مزيد من المقاطع أو الاقتراحات في هذه الوثيقة</translation>
    </message>
    <message>
        <source>No more spans in this document</source>
        <translation>لا مزيد من المقاطع في هذه الوثيقة</translation>
    </message>
    <message>
        <source>Character precision: tag exactly the selected characters</source>
        <translation>دقة الحروف: يُوسم ما حُدِّد من حروف بالضبط</translation>
    </message>
    <message>
        <source>Word mode: selections snap to whole words</source>
        <translation>وضع الكلمات: يمتد التحديد إلى كلمات كاملة</translation>
    </message>
</context>
<context>
    <name>TeamUi</name>
    <message>
        <source>Next &amp;assigned document</source>
        <translation>الوثيقة ال&amp;مُسنَدة التالية</translation>
    </message>
    <message>
        <source>The next document assigned to you that is not done (your queue)</source>
        <translation>الوثيقة التالية المُسنَدة إليك غير المنجزة (قائمة عملك)</translation>
    </message>
    <message>
        <source>How &amp;gold differs from my work…</source>
        <translation>الفرق بين النسخة ال&amp;ذهبية وعملي…</translation>
    </message>
    <message>
        <source>For a document you marked done: where the adjudicated gold differs from your annotations</source>
        <translation>لوثيقة أنجزتها: أين تختلف النسخة الذهبية المحكَّمة عن توسيمك</translation>
    </message>
    <message>
        <source>A&amp;djudicate document…</source>
        <translation>&amp;تحكيم الوثيقة…</translation>
    </message>
    <message>
        <source>Compare every annotator&apos;s version of the active document and build its gold (adjudicators and managers)</source>
        <translation>مقارنة نسخ كل الموسِّمين للوثيقة النشطة وبناء نسختها الذهبية (للمحكِّمين والمديرين)</translation>
    </message>
    <message>
        <source>A&amp;greement…</source>
        <translation>الا&amp;تفاق…</translation>
    </message>
    <message>
        <source>Agreement between annotators, per label and overall, per pair and for all</source>
        <translation>الاتفاق بين الموسِّمين، لكل وسم وإجمالًا، لكل زوج وللجميع</translation>
    </message>
    <message>
        <source>A&amp;ssign documents…</source>
        <translation>إ&amp;سناد الوثائق…</translation>
    </message>
    <message>
        <source>Assign documents to annotators, add annotators and roles (managers)</source>
        <translation>إسناد الوثائق إلى الموسِّمين، وإضافة موسِّمين وأدوار (للمديرين)</translation>
    </message>
    <message>
        <source>annotator</source>
        <extracomment>the team&apos;s roles as the interface names them (the stored value stays English)</extracomment>
        <translation>موسِّم</translation>
    </message>
    <message>
        <source>adjudicator</source>
        <translation>محكِّم</translation>
    </message>
    <message>
        <source>manager</source>
        <translation>مدير</translation>
    </message>
    <message>
        <source>Blind: only your annotations are shown</source>
        <extracomment>the status bar&apos;s blind label in English (tests compare it; shown translated)</extracomment>
        <translation>توسيم معمًّى: لا يُعرض إلا توسيمك</translation>
    </message>
    <message>
        <source>Role: {role}</source>
        <translation>الدور: {role}</translation>
    </message>
    <message>
        <source>Others&apos; annotations of these documents are hidden while you annotate; the gold of a document becomes visible to you (Team ▸ How gold differs from my work) once you mark it done.</source>
        <translation>توسيم الآخرين لهذه الوثائق مخفي عنك ما دمت توسِّم؛ وتظهر لك النسخة الذهبية لوثيقة (الفريق ▸ الفرق بين النسخة الذهبية وعملي) متى علَّمتها منجزة.</translation>
    </message>
    <message>
        <source>Adjudicators and managers may see everyone&apos;s work (Team ▸ Adjudicate document).</source>
        <translation>للمحكِّمين والمديرين أن يروا عمل الجميع (الفريق ▸ تحكيم الوثيقة).</translation>
    </message>
    <message>
        <source>&amp;Team</source>
        <translation>ال&amp;فريق</translation>
    </message>
    <message>
        <source>Your queue is empty: nothing assigned to you is waiting</source>
        <translation>قائمة عملك فارغة: لا شيء مُسنَد إليك ينتظر</translation>
    </message>
    <message>
        <source>Open a document first</source>
        <translation>افتح وثيقة أولًا</translation>
    </message>
    <message>
        <source>How gold differs from my work</source>
        <translation>الفرق بين النسخة الذهبية وعملي</translation>
    </message>
    <message>
        <source>Open the document to adjudicate first</source>
        <translation>افتح أولًا الوثيقة المراد تحكيمها</translation>
    </message>
    <message>
        <source>Assigning documents is for managers, and {name} is not in the team list.</source>
        <translation>إسناد الوثائق للمديرين، أما {name} فليس في قائمة الفريق.</translation>
    </message>
    <message>
        <source>Assigning documents is for managers, and {name} is an {role}.</source>
        <translation>إسناد الوثائق للمديرين، أما {name} فدوره {role}.</translation>
    </message>
    <message>
        <source>Assign documents</source>
        <translation>إسناد الوثائق</translation>
    </message>
</context>
<context>
    <name>VersionPane</name>
    <message>
        <source>{name}&apos;s version</source>
        <translation>نسخة {name}</translation>
    </message>
    <message>
        <source>Gold</source>
        <translation>النسخة الذهبية</translation>
    </message>
    <message>
        <source>loading…</source>
        <translation>جارٍ التحميل…</translation>
    </message>
    <message>
        <source>Gold (editable)</source>
        <translation>النسخة الذهبية (قابلة للتعديل)</translation>
    </message>
</context>
</TS>
