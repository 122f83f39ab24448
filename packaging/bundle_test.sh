#!/usr/bin/env bash
# make bundle-test: the one-folder bundle (make bundle) run as someone without Python would run it.
#
# Every step runs in a clean environment (env -i: only PATH without any venv, a new HOME and
# QT_QPA_PLATFORM=offscreen), from a working folder outside the checkout, so nothing can come
# from the checkout, a venv or the user's settings. Each step names itself; the first that fails
# stops the test with what it ran and what it printed.
set -uo pipefail

BUNDLE="$(cd "${1:-dist/annotator}" 2>/dev/null && pwd)" || { echo "FAIL: no bundle at ${1:-dist/annotator} (run make bundle)" >&2; exit 1; }
SAMPLES="$(cd "$(dirname "$0")/../resources/samples" && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
HOME_DIR="$WORK/home"
mkdir -p "$HOME_DIR"
DB="$WORK/project.sqlite"
cd "$WORK"

step=0
run() {  # run NAME COMMAND...: the command in the clean environment; its output is kept for a failure
    local name="$1"; shift
    step=$((step + 1))
    local start end
    start=$(date +%s.%N)
    if ! env -i PATH=/usr/bin:/bin HOME="$HOME_DIR" QT_QPA_PLATFORM=offscreen "$@" >"$WORK/out.txt" 2>&1; then
        echo "FAIL: step $step ($name): $*" >&2
        sed 's/^/    /' "$WORK/out.txt" >&2
        exit 1
    fi
    end=$(date +%s.%N)
    printf 'ok %d %-34s %5.2fs  %s\n' "$step" "$name" "$(awk "BEGIN { print $end - $start }")" "$(tail -n 1 "$WORK/out.txt")"
}
fail() { echo "FAIL: $*" >&2; exit 1; }

[ -x "$BUNDLE/annotator" ] || fail "$BUNDLE/annotator is missing or not executable"
[ -x "$BUNDLE/annotator-gui" ] || fail "$BUNDLE/annotator-gui is missing or not executable"
for part in annotator/_db/env.py annotator/_resources/schemas/default.toml annotator/_resources/fonts/NotoNaskhArabic-Regular.ttf \
            PySide6/Qt/plugins/platforms/libqoffscreen.so PySide6/Qt/plugins/platforms/libqxcb.so pycrfsuite \
            annotator/_resources/translations/annotator_ar.qm PySide6/Qt/translations/qtbase_ar.qm; do
    [ -e "$BUNDLE/_internal/$part" ] || fail "the bundle lacks _internal/$part"
done
for unwanted in PySide6/QtWebEngineCore.abi3.so PySide6/QtQml.abi3.so PySide6/QtQuick.abi3.so spacy tkinter; do
    [ ! -e "$BUNDLE/_internal/$unwanted" ] || fail "the bundle holds _internal/$unwanted, which it must not"
done

run "annotator --version" "$BUNDLE/annotator" --version
grep -q "annotator, version" "$WORK/out.txt" || fail "annotator --version printed: $(cat "$WORK/out.txt")"
run "import the samples" "$BUNDLE/annotator" import --db "$DB" "$SAMPLES"
grep -q "imported 4 document" "$WORK/out.txt" || fail "import did not report 4 documents: $(cat "$WORK/out.txt")"
# spans to export: the date recommender's suggestions, accepted in bulk as one annotator's
run "suggest apply --recommender dates" "$BUNDLE/annotator" suggest apply --db "$DB" --recommender dates
run "suggest accept" "$BUNDLE/annotator" suggest accept --db "$DB" --min-score 0 --as bundle-test
run "export --format conll" "$BUNDLE/annotator" export --db "$DB" --format conll --out "$WORK/conll" --source bundle-test
conll_lines=$(cat "$WORK"/conll/*.conll 2>/dev/null | wc -l)
[ "$conll_lines" -gt 100 ] || fail "the CoNLL export has $conll_lines lines: $(ls -R "$WORK/conll" 2>&1)"
grep -q "B-" "$WORK"/conll/*.conll || fail "the CoNLL export has no B- tag (the accepted dates are missing)"
[ -f "$WORK/conll/manifest.json" ] || fail "the CoNLL export has no manifest.json"
run "screenshot (offscreen)" "$BUNDLE/annotator" screenshot --db "$DB" --out "$WORK/shot.png"
[ -f "$WORK/shot.png" ] || fail "screenshot wrote no $WORK/shot.png"
size=$(stat -c %s "$WORK/shot.png")
[ "$size" -gt 20000 ] || fail "the screenshot is $size bytes: a blank or broken window"
[ "$(head -c 8 "$WORK/shot.png" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ] || fail "shot.png is not a PNG"
run "screenshot --lang ar (offscreen)" "$BUNDLE/annotator" screenshot --db "$DB" --lang ar --out "$WORK/shot-ar.png"
[ "$(stat -c %s "$WORK/shot-ar.png")" -gt 20000 ] || fail "the Arabic screenshot is blank or broken"
cmp -s "$WORK/shot.png" "$WORK/shot-ar.png" && fail "the Arabic screenshot is the English one: the translation was not loaded"
run "annotator-gui --version" "$BUNDLE/annotator-gui" --version
grep -q "annotator, version" "$WORK/out.txt" || fail "annotator-gui --version printed: $(cat "$WORK/out.txt")"
# The window on a real X server, when Xvfb and xdotool are installed: offscreen hides a missing
# xcb plugin or library, which this catches. Any window of annotator-gui's own process counts.
if command -v Xvfb >/dev/null && command -v xdotool >/dev/null; then
    step=$((step + 1))
    display=":$(( (RANDOM % 400) + 200 ))"
    Xvfb "$display" -screen 0 1400x900x24 -nolisten tcp >"$WORK/xvfb.txt" 2>&1 &
    xvfb_pid=$!
    sleep 1
    env -i PATH=/usr/bin:/bin HOME="$HOME_DIR" DISPLAY="$display" "$BUNDLE/annotator-gui" --db "$DB" >"$WORK/gui.txt" 2>&1 &
    gui_pid=$!
    window=""
    for _ in $(seq 1 60); do
        window=$(DISPLAY="$display" xdotool search --pid "$gui_pid" --onlyvisible 2>/dev/null | head -n 1)
        [ -n "$window" ] && break
        kill -0 "$gui_pid" 2>/dev/null || break
        sleep 0.5
    done
    title=$(DISPLAY="$display" xdotool getwindowname "$window" 2>/dev/null)
    kill "$gui_pid" 2>/dev/null; wait "$gui_pid" 2>/dev/null
    kill "$xvfb_pid" 2>/dev/null; wait "$xvfb_pid" 2>/dev/null
    if [ -z "$window" ]; then
        echo "FAIL: step $step (annotator-gui on Xvfb, xcb): no window appeared" >&2
        sed 's/^/    /' "$WORK/gui.txt" >&2
        exit 1
    fi
    printf 'ok %d %-34s        %s\n' "$step" "annotator-gui on Xvfb (xcb)" "a window: $title"
else
    echo "skipped: annotator-gui on Xvfb (install xvfb and xdotool to run it)"
fi
echo "bundle-test: all $step steps passed ($BUNDLE, $(du -sh "$BUNDLE" | cut -f1))"
