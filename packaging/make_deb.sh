#!/usr/bin/env bash
# make deb: a Debian package of the one-folder bundle (make bundle), for people who install
# programs with apt or dpkg. The bundle goes to /opt/annotator; /usr/bin gets the two commands,
# and the desktop entry, the MIME type of project files, the AppStream metadata and the icons go
# where the desktop looks for them (dpkg's triggers of desktop-file-utils, shared-mime-info and
# the icon cache update their databases on install: no maintainer scripts).
#
#   packaging/make_deb.sh [BUNDLE] [OUT_DIR]   (defaults: dist/annotator, dist)
#   sudo apt install ./dist/annotator_VERSION_amd64.deb
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
BUNDLE="$(cd "${1:-$ROOT/dist/annotator}" 2>/dev/null && pwd)" || { echo "no bundle at ${1:-dist/annotator} (run make bundle)" >&2; exit 1; }
OUT="${2:-$ROOT/dist}"
VERSION="$("$BUNDLE/annotator" --version | awk '{print $NF}')"
ARCH="$(dpkg --print-architecture)"
STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
PKG="$STAGE/annotator"

mkdir -p "$PKG/DEBIAN" "$PKG/opt" "$PKG/usr/bin" "$PKG/usr/share/applications" "$PKG/usr/share/metainfo" \
         "$PKG/usr/share/mime/packages" "$PKG/usr/share/icons/hicolor/scalable/apps" "$PKG/usr/share/doc/annotator"
cp -a "$BUNDLE" "$PKG/opt/annotator"
ln -s /opt/annotator/annotator "$PKG/usr/bin/annotator"
ln -s /opt/annotator/annotator-gui "$PKG/usr/bin/annotator-gui"
install -m 644 "$HERE/annotator.desktop" "$PKG/usr/share/applications/annotator.desktop"
install -m 644 "$HERE/io.github.annotator.metainfo.xml" "$PKG/usr/share/metainfo/io.github.annotator.metainfo.xml"
install -m 644 "$HERE/annotator-mime.xml" "$PKG/usr/share/mime/packages/annotator.xml"
install -m 644 "$ROOT/resources/icons/annotator.svg" "$PKG/usr/share/icons/hicolor/scalable/apps/annotator.svg"
for png in "$ROOT"/resources/icons/annotator-*.png; do
    size="$(basename "$png" .png)"; size="${size#annotator-}"
    install -D -m 644 "$png" "$PKG/usr/share/icons/hicolor/${size}x${size}/apps/annotator.png"
done
printf 'annotator %s, a one-folder build (PyInstaller) in /opt/annotator.\nLicence: MIT.\n' "$VERSION" \
    > "$PKG/usr/share/doc/annotator/copyright"

# the system libraries the bundled Qt loads (xcb's plugin, fontconfig, GL); the rest is in the bundle
cat > "$PKG/DEBIAN/control" <<CONTROL
Package: annotator
Version: $VERSION
Architecture: $ARCH
Maintainer: annotator developers <annotator@users.noreply.github.com>
Section: science
Priority: optional
Installed-Size: $(du -sk "$PKG" | cut -f1)
Depends: libc6, libfontconfig1, libfreetype6, libgl1, libegl1, libglib2.0-0, libdbus-1-3, libxkbcommon0,
 libxkbcommon-x11-0, libxcb-cursor0, libxcb-icccm4, libxcb-image0, libxcb-keysyms1, libxcb-randr0,
 libxcb-render-util0, libxcb-shape0, libxcb-xkb1, libxcb1, libx11-6
Homepage: https://github.com/annotator/annotator
Description: gold-standard annotation of right-to-left news text, side by side
 Annotators open Arabic (and other right-to-left) news articles side by side
 and tag claims, actors and dates; adjudicators resolve their versions into
 gold and read agreement figures; dataset builders export JSONL, CoNLL, brat
 and spaCy training sets. The interface is in Arabic or English.
CONTROL
mkdir -p "$OUT"
DEB="$OUT/annotator_${VERSION}_${ARCH}.deb"
dpkg-deb --root-owner-group --build "$PKG" "$DEB" >/dev/null
echo "wrote $DEB ($(du -h "$DEB" | cut -f1))"
