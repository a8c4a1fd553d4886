#!/bin/sh
# What a user gets from `cmake --install` and from the .deb (README "Install as a package"):
#   check_install.sh install BUILD_DIR VERSION   cmake --install into a temporary prefix
#   check_install.sh deb BUILD_DIR VERSION       cpack -G DEB into a temporary folder
# Either way: exactly the expected files, a binary that runs from there (--version, --help in
# English and Chinese, a small headless run on its embedded loopback server), and metadata that
# names what was installed (desktop entry -> binary, icon, MIME type; metainfo -> desktop entry),
# and the Python recorder importable and recording from where it was installed.
set -eu
MODE=$1
BUILD=$2
VERSION=$3
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail() {
    echo "FAIL: $*" >&2
    exit 1
}

ICON_SIZES="16 22 24 32 48 64 128 256 512"
RECORDER_FILES="__init__.py __main__.py _core.py _http.py _sites.py _writer.py"
SRC=$(cd "$(dirname "$0")/../.." && pwd)
EXAMPLE_FILES=$(cd "$SRC/examples/python" && ls -- *.py examples.json)
# The file list the README promises, relative to the prefix (sorted as `sort` sorts).
expected() {
    {
        echo bin/coroscope
        echo share/applications/coroscope.desktop
        echo share/metainfo/coroscope.metainfo.xml
        echo share/mime/packages/coroscope.xml
        echo share/icons/hicolor/scalable/apps/coroscope.svg
        for s in $ICON_SIZES; do echo "share/icons/hicolor/${s}x${s}/apps/coroscope.png"; done
        # The Python recorder: beside Coroscope's data (with the sitecustomize.py that
        # `coroscope --record` loads) and where the system's python3 imports it from.
        for f in $RECORDER_FILES; do
            echo "share/coroscope/python/coroscope_record/$f"
            echo "lib/python3/dist-packages/coroscope_record/$f"
        done
        echo share/coroscope/python/sitecustomize.py
        for f in $EXAMPLE_FILES; do echo "share/coroscope/examples/python/$f"; done
    } | LC_ALL=C sort
}

case "$MODE" in
install)
    PREFIX="$TMP/prefix"
    cmake --install "$BUILD" --prefix "$PREFIX" >"$TMP/install.log" 2>&1 \
        || { cat "$TMP/install.log" >&2; fail "cmake --install failed"; }
    ;;
deb)
    # -B keeps the package and CPack's staging out of the build folder.
    (cd "$BUILD" && cpack -G DEB -B "$TMP/cpack") >"$TMP/cpack.log" 2>&1 \
        || { cat "$TMP/cpack.log" >&2; fail "cpack -G DEB failed"; }
    DEB=$(ls "$TMP"/cpack/coroscope_*.deb)
    [ "$(basename "$DEB")" = "coroscope_${VERSION}_$(dpkg --print-architecture).deb" ] \
        || fail "package named $(basename "$DEB")"
    field() { dpkg-deb -f "$DEB" "$1"; }
    [ "$(field Package)" = coroscope ] || fail "Package: $(field Package)"
    [ "$(field Version)" = "$VERSION" ] || fail "Version: $(field Version), project $VERSION"
    # dpkg-shlibdeps must have found the Qt and QCoro libraries the binary links.
    for lib in libqt6core6 libqt6widgets6 libqt6network6 libqcoro6network0; do
        field Depends | grep -q "$lib" || fail "Depends lacks $lib: $(field Depends)"
    done
    field Recommends | grep -q qt6-translations-l10n || fail "Recommends: $(field Recommends)"
    # Only regular files under /usr, owned by root.
    dpkg-deb -c "$DEB" | awk '$1 !~ /^d/' >"$TMP/listing"
    awk '$2 != "root/root" { print; bad = 1 } END { exit bad }' "$TMP/listing" \
        || fail "files not owned by root"
    awk '{ print $NF }' "$TMP/listing" | sed 's|^\./usr/||' | LC_ALL=C sort >"$TMP/debfiles"
    expected >"$TMP/expected"
    diff -u "$TMP/expected" "$TMP/debfiles" >&2 || fail "the .deb's files differ (- expected, + in the .deb)"
    dpkg-deb -x "$DEB" "$TMP/root"
    PREFIX="$TMP/root/usr"
    ;;
*)
    fail "usage: check_install.sh install|deb BUILD_DIR VERSION"
    ;;
esac

# Exactly these files: nothing missing, nothing stray (a test program, the icon renderer).
(cd "$PREFIX" && find . -type f -o -type l) | sed 's|^\./||' | LC_ALL=C sort >"$TMP/files"
expected >"$TMP/expected"
diff -u "$TMP/expected" "$TMP/files" >&2 || fail "installed files differ (- expected, + installed)"

BIN="$PREFIX/bin/coroscope"
[ -x "$BIN" ] || fail "bin/coroscope is not executable"
export QT_QPA_PLATFORM=offscreen
OUT=$("$BIN" --version) || fail "--version exited $?"
[ "$OUT" = "coroscope $VERSION" ] || fail "--version says \"$OUT\", project $VERSION"
OUT=$("$BIN" --help) || fail "--help exited $?"
echo "$OUT" | grep -q -- "--headless" || fail "--help does not list --headless"
# Translations are built into the binary, not installed beside it.
OUT=$("$BIN" --language zh_CN --help) || fail "--language zh_CN --help exited $?"
echo "$OUT" | grep -q "用法" || fail "--language zh_CN --help is not in Chinese: $(echo "$OUT" | head -1)"
# A real run from the prefix: its embedded server on loopback, its default workload (/delay/1).
OUT=$(timeout 60 "$BIN" --headless --tasks 2 | tail -n 1) || fail "--headless exited $?"
echo "$OUT" | grep -q '"ok":2,' || fail "--headless --tasks 2: $OUT"

# PNG icons: a PNG signature and the size their folder names (IHDR width and height).
for s in $ICON_SIZES; do
    png="$PREFIX/share/icons/hicolor/${s}x${s}/apps/coroscope.png"
    sig=$(od -An -tx1 -N8 "$png" | tr -d ' \n')
    [ "$sig" = 89504e470d0a1a0a ] || fail "$png is not a PNG"
    w=$(od -An -tu1 -j16 -N4 "$png" | awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4 }')
    h=$(od -An -tu1 -j20 -N4 "$png" | awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4 }')
    [ "$w" = "$s" ] && [ "$h" = "$s" ] || fail "$png is ${w}x${h}"
done

# The desktop entry names what was installed.
DESKTOP="$PREFIX/share/applications/coroscope.desktop"
key() { sed -n "s/^$1=//p" "$DESKTOP" | head -n 1; }
[ "$(key Exec | cut -d' ' -f1)" = coroscope ] || fail "Exec=$(key Exec)"
[ "$(key Icon)" = coroscope ] || fail "Icon=$(key Icon)"
MIME=$(sed -n 's/.*<mime-type type="\([^"]*\)".*/\1/p' "$PREFIX/share/mime/packages/coroscope.xml")
[ -n "$MIME" ] || fail "the MIME definition declares no type"
[ "$(key MimeType)" = "$MIME;" ] || fail "MimeType=$(key MimeType), the MIME file declares $MIME"
if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$DESKTOP" || fail "desktop-file-validate"
fi
META="$PREFIX/share/metainfo/coroscope.metainfo.xml"
grep -q '<launchable type="desktop-id">coroscope.desktop</launchable>' "$META" \
    || fail "the metainfo does not launch coroscope.desktop"
grep -q "<binary>coroscope</binary>" "$META" || fail "the metainfo does not provide the binary"
grep -q "<mediatype>$MIME</mediatype>" "$META" || fail "the metainfo does not provide $MIME"
grep -q "<release version=\"$VERSION\"" "$META" || fail "the metainfo has no release $VERSION"
# The recorder imports with the system's python3 from where it was installed, and records a
# program through the installed sitecustomize.py as `coroscope --record` runs it. -B: no
# __pycache__ left in the prefix.
PY=/usr/bin/python3
if [ -x "$PY" ]; then
    OUT=$(PYTHONPATH="$PREFIX/lib/python3/dist-packages" "$PY" -B -c \
        'import coroscope_record, os; print(os.path.dirname(coroscope_record.__file__))') \
        || fail "the installed recorder does not import"
    [ "$OUT" = "$PREFIX/lib/python3/dist-packages/coroscope_record" ] || fail "imported from $OUT"
    PYTHONDONTWRITEBYTECODE=1 PYTHONPATH="$PREFIX/share/coroscope/python" \
        COROSCOPE_RECORD="file:$TMP/rec.csrec" "$PY" -c \
        'import asyncio; asyncio.run(asyncio.sleep(0))' || fail "a recorded program failed"
    head -n 1 "$TMP/rec.csrec" | grep -q "^CSREC	1	" || fail "the recording has no csrec header"
    tail -n 1 "$TMP/rec.csrec" | grep -q "^E	[0-9]*	exit	0$" || fail "the recording has no end"
    grep -q "^T	" "$TMP/rec.csrec" || fail "the recording has no task"
fi
echo "PASS: $MODE ($(wc -l <"$TMP/files") files)"
