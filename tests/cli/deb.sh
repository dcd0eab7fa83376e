#!/bin/sh
# The Debian package: built once from a `git archive` copy of the sources
# (what is not committed yet included) with dpkg-buildpackage -us -uc -b and
# DEB_BUILD_OPTIONS=nocheck (the package's own build does not run the tests
# again), lintian finds no error or warning in it, and unpacked with
# dpkg -x into a scratch root it holds the program, the manual pages, the
# completion, the trees, the schema and the catalogs. Heavy: the sanitizer
# build and distcheck skip it with WHYLINE_SKIP_DEB=1.

. "$top_srcdir/tests/cli/lib.sh"
wl_tmpdir deb

[ -z "${WHYLINE_SKIP_DEB:-}" ] ||
    tap_skip_all "WHYLINE_SKIP_DEB is set (the sanitizer build and distcheck build the package no more)"
# A tarball's sources (distcheck unpacks one inside the checkout) are not
# the checkout's top.
[ "$(git -C "$top_srcdir" rev-parse --show-toplevel 2>/dev/null)" = "$(cd "$top_srcdir" && pwd -P)" ] ||
    tap_skip_all "the sources are not a git checkout: no git archive to build from"
for tool in dpkg-buildpackage dh lintian fakeroot; do
	command -v "$tool" >/dev/null 2>&1 ||
	    tap_skip_all "$tool is missing (scripts/setup installs dpkg-dev, debhelper, lintian and fakeroot)"
done

# The sources as they are in the checkout, new files and changes not
# committed yet included (through a private copy of git's index; .gitignore
# keeps build folders out).
mkdir -p "$tmp/build/whyline"
cp "$(git -C "$top_srcdir" rev-parse --path-format=absolute --git-path index)" "$tmp/index"
tree=$(cd "$top_srcdir" && GIT_INDEX_FILE=$tmp/index git add -A >/dev/null 2>&1 &&
    GIT_INDEX_FILE=$tmp/index git write-tree)
git -C "$top_srcdir" archive "${tree:-HEAD}" | tar -x -C "$tmp/build/whyline"
tap_check "git archive gives a copy with debian/" test -f "$tmp/build/whyline/debian/control"

(cd "$tmp/build/whyline" &&
    DEB_BUILD_OPTIONS="nocheck parallel=2" timeout 1200 dpkg-buildpackage -us -uc -b) \
    >"$tmp/build.log" 2>&1
status=$?
tap_is "dpkg-buildpackage -us -uc -b: exit 0" "$status" 0 || tail -n 30 "$tmp/build.log" | tap_diag /dev/stdin
deb=$(ls "$tmp"/build/whyline_*_*.deb 2>/dev/null | head -n 1)
tap_check "a .deb is built" test -n "$deb"
[ -n "$deb" ] || tap_done

timeout 600 lintian "$tmp"/build/whyline_*.changes >"$tmp/lintian" 2>&1
tap_is "lintian: no error and no warning" "$(grep -E '^[EW]: ' "$tmp/lintian")" ""

# The libraries whyline loads with dlopen are not in its ELF NEEDED list,
# so dpkg-shlibdeps cannot find them: the control file names them.
deps=$(dpkg-deb -f "$deb" Depends)
tap_check "the package depends on libstemmer0d (loaded with dlopen)" \
    sh -c 'printf "%s\n" "$1" | tr "," "\n" | grep -q "^ *libstemmer0d\b"' sh "$deps"
tap_is "it recommends libpq5 (loaded with dlopen by the team commands)" \
    "$(dpkg-deb -f "$deb" Recommends)" "libpq5"

root=$tmp/root
dpkg -x "$deb" "$root"
for f in usr/bin/whyline \
    usr/share/man/man1/whyline.1.gz usr/share/man/man5/whyline-tree.5.gz \
    usr/share/bash-completion/completions/whyline \
    usr/share/whyline/interviews/five-whys.yaml \
    usr/share/whyline/interviews/discovery-call.yaml \
    usr/share/whyline/interviews/client-preferences.yaml \
    usr/share/whyline/tree.schema.json \
    usr/share/locale/fr/LC_MESSAGES/whyline.mo \
    usr/share/locale/fr/LC_MESSAGES/whyline-five-whys.mo \
    usr/share/doc/whyline/README usr/share/doc/whyline/copyright; do
	tap_check "the package holds /$f" test -s "$root/$f"
done
"$root/usr/bin/whyline" --version >"$tmp/out" 2>&1
tap_check "the packaged whyline runs" grep -q '^whyline [0-9]' "$tmp/out"
"$root/usr/bin/whyline" --help >"$tmp/out" 2>&1
tap_check "its --help points at the installed README" \
    grep -qF '/usr/share/doc/whyline/README' "$tmp/out"
tap_check "it looks for trees in /usr/share/whyline/interviews" \
    grep -qF '/usr/share/whyline/interviews' "$root/usr/bin/whyline"
zcat "$root/usr/share/man/man1/whyline.1.gz" >"$tmp/whyline.1"
tap_check "its manual names the installed trees" grep -qF '/usr/share/whyline/interviews' "$tmp/whyline.1"
tap_check "its manual renders without a warning" sh -c '[ -z "$(groff -ww -z -man "$1" 2>&1)" ]' sh "$tmp/whyline.1"

tap_done
