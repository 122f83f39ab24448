<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar" sourcelanguage="en">
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
</TS>
