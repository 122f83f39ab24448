#!/usr/bin/env bash
# make deb-test: the Debian package (make deb) checked without installing it on this machine:
# its metadata, that every file a desktop needs is where the desktop looks, and the program run
# from the unpacked tree in a clean environment (env -i), in English and in Arabic.
set -uo pipefail
DEB="${1:-$(ls -t dist/annotator_*.deb 2>/dev/null | head -n 1)}"
[ -f "$DEB" ] || { echo "FAIL: no .deb (run make deb)" >&2; exit 1; }
fail() { echo "FAIL: $*" >&2; exit 1; }
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
dpkg-deb --info "$DEB" > "$WORK/info.txt" || fail "dpkg-deb cannot read $DEB"
grep -q "^ Package: annotator" "$WORK/info.txt" || fail "no Package: annotator in $(cat "$WORK/info.txt")"
dpkg-deb --contents "$DEB" > "$WORK/contents.txt"
for path in ./opt/annotator/annotator ./opt/annotator/annotator-gui ./usr/bin/annotator ./usr/bin/annotator-gui \
            ./usr/share/applications/annotator.desktop ./usr/share/metainfo/io.github.annotator.metainfo.xml \
            ./usr/share/mime/packages/annotator.xml ./usr/share/icons/hicolor/scalable/apps/annotator.svg \
            ./usr/share/icons/hicolor/48x48/apps/annotator.png \
            ./opt/annotator/_internal/annotator/_resources/translations/annotator_ar.qm; do
    grep -q " $path\( ->.*\)\?$" "$WORK/contents.txt" || fail "the package lacks $path"
done
awk '$2 != "root/root" {print; bad=1} END {exit bad}' "$WORK/contents.txt" >/dev/null || fail "files not owned by root"
dpkg-deb -x "$DEB" "$WORK/root"
if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$WORK/root/usr/share/applications/annotator.desktop" || fail "desktop-file-validate"
fi
mkdir -p "$WORK/home"
env -i PATH=/usr/bin:/bin HOME="$WORK/home" "$WORK/root/opt/annotator/annotator" --version > "$WORK/v.txt" 2>&1 \
    || fail "the unpacked annotator --version: $(cat "$WORK/v.txt")"
env -i PATH=/usr/bin:/bin HOME="$WORK/home" "$WORK/root/opt/annotator/annotator" import --db "$WORK/p.sqlite" \
    "$(cd "$(dirname "$0")/../resources/samples" && pwd)" > "$WORK/i.txt" 2>&1 || fail "import: $(cat "$WORK/i.txt")"
env -i PATH=/usr/bin:/bin HOME="$WORK/home" QT_QPA_PLATFORM=offscreen "$WORK/root/opt/annotator/annotator" \
    screenshot --db "$WORK/p.sqlite" --lang ar --out "$WORK/ar.png" > "$WORK/s.txt" 2>&1 || fail "screenshot --lang ar: $(cat "$WORK/s.txt")"
[ "$(stat -c %s "$WORK/ar.png")" -gt 20000 ] || fail "the Arabic screenshot is blank"
echo "deb-test: $(basename "$DEB") ($(du -h "$DEB" | cut -f1)): metadata, desktop files and the unpacked program ok"
