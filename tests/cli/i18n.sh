#!/bin/sh
# Translations (SPEC section 6): `whyline pot` writes a POT file that
# gettext's own tools accept, `check --lang` names every string without a
# translation (or the missing catalog, once), the shipped French catalogs
# (the trees' and whyline's own) are complete, and an interview, /lang and the brief speak French with the
# build's catalogs: $WHYLINE_LOCALE, else locale/ in the build folder.

. "${top_srcdir:?}/tests/cli/lib.sh"
wl_tmpdir i18n

: "${WHYLINE_LOCALE:=$(dirname "$(dirname "$WHYLINE")")/locale}"
data=$top_srcdir/tests/data/i18n
five=$top_srcdir/interviews/five-whys.yaml
unset WHYLINE_LOCALEDIR

for tool in msgfmt msgen msginit msgmerge msgattrib xgettext; do
	command -v $tool >/dev/null 2>&1 || tap_skip_all "gettext's $tool is missing"
done

# Runs whyline from the source folder, so that references read
# tests/data/...; status in $status, output in $tmp/out and $tmp/err.
run_src() {
	(cd "$top_srcdir" && wl_run "$@") >"$tmp/out" 2>"$tmp/err"
	status=$?
}

# Compiles a PO file into DIR/LL/LC_MESSAGES/DOMAIN.mo.
compile() {
	mkdir -p "$2/$3/LC_MESSAGES" &&
	    msgfmt --check -o "$2/$3/LC_MESSAGES/$4.mo" "$1" 2>"$tmp/msgfmt.err"
}

# ---- 1. whyline pot ----

SOURCE_DATE_EPOCH=0
export SOURCE_DATE_EPOCH
run_src pot tests/data/i18n/strings.yaml
tap_is "pot exits 0" "$status" 0
tap_check "pot writes nothing on stderr" test ! -s "$tmp/err"
if cmp -s "$tmp/out" "$data/strings.pot"; then
	tap_ok "pot writes the expected POT file"
else
	tap_fail "pot writes the expected POT file"
	diff "$data/strings.pot" "$tmp/out" | tap_diag /dev/stdin
fi
cp "$tmp/out" "$tmp/strings.pot"
tap_is "a string used in three places has an entry for each, in its own context" \
    "$(grep -B1 '^msgid "Yes or no"$' "$tmp/strings.pot" | grep '^msgctxt' | tr '\n' '|')" \
    'msgctxt "section one: title"|msgctxt "question agree: help"|msgctxt "question pick: label of choice a"|'
tap_is "each with its own reference" \
    "$(grep -B2 '^msgctxt "question agree: help"' "$tmp/strings.pot" | grep '^#:')" \
    "#: tests/data/i18n/strings.yaml:20"
tap_check "each of its places says what the string is" \
    grep -q '^#\. question pick: label of choice a$' "$tmp/strings.pot"
tap_check "quotes are escaped" grep -qF 'msgid "Strings \"quoted\""' "$tmp/strings.pot"
tap_check "a backslash and line breaks are escaped, one line each" \
    grep -qxF '"and a second with a back\\slash.\n"' "$tmp/strings.pot"
tap_check "a tab is escaped" grep -qF 'msgid "Why do they agree?\tAsk it twice."' "$tmp/strings.pot"
tap_check "a long string is wrapped on continuation lines" \
    grep -qxF '"A long section title that goes on and on, so that the POT file has to wrap "' \
    "$tmp/strings.pot"
tap_check "the header names the tree and its version" \
    grep -qxF '"Project-Id-Version: strings 2.0\n"' "$tmp/strings.pot"
tap_check "the header says UTF-8" \
    grep -qxF '"Content-Type: text/plain; charset=UTF-8\n"' "$tmp/strings.pot"

msgen -o "$tmp/en.po" "$tmp/strings.pot" 2>"$tmp/msg.err"
tap_check "msgfmt --check accepts a catalog made with msgen" \
    compile "$tmp/en.po" "$tmp/loc-en" xx whyline-strings
msginit --no-translator -l fr -i "$tmp/strings.pot" -o "$tmp/fr.po" >/dev/null 2>&1
tap_check "msgfmt --check accepts a catalog made with msginit" \
    msgfmt --check -o "$tmp/fr.mo" "$tmp/fr.po"
wl_run check --lang xx --locale-dir "$tmp/loc-en" "$data/strings.yaml" >"$tmp/out" 2>"$tmp/err"
tap_is "a catalog of the whole POT leaves check --lang nothing to say" \
    "$(cat "$tmp/out" "$tmp/err")" ""
# A translation that names a placeholder its string does not, or leaves
# one out or open, shows wrong in the call: check --lang says so.
sed -e 's/^msgstr "Why {{rung}}?"$/msgstr "Pourquoi {{zz}} ?"/' \
    -e 's/^msgstr "Strings \\"quoted\\""$/msgstr "Cha\\"ines {{ouvert"/' "$tmp/en.po" >"$tmp/bad.po"
compile "$tmp/bad.po" "$tmp/loc-bad" xx whyline-strings
wl_run check --lang xx --locale-dir "$tmp/loc-bad" "$data/strings.yaml" >"$tmp/out" 2>"$tmp/err"
tap_check "check --lang: a translation naming another placeholder" grep -qF \
    'strings.yaml:45:14: warning: the xx translation of "Why {{rung}}?" names {{zz}}, which the string does not' "$tmp/err"
tap_check "check --lang: a translation leaving a placeholder out" grep -qF \
    'strings.yaml:45:14: warning: the xx translation of "Why {{rung}}?" leaves out {{rung}}' "$tmp/err"
tap_check "check --lang: a translation leaving a '{{' open" grep -qF \
    "the xx translation of \"Strings \\\"quoted\\\"\" leaves a '{{' open" "$tmp/err"
tap_is "check --lang: those are all it says" "$(wc -l <"$tmp/err")" 3
for tree in "$top_srcdir"/interviews/*.yaml; do
	wl_run pot "$tree" >"$tmp/tree.pot" 2>/dev/null && msgen -o "$tmp/tree.po" "$tmp/tree.pot" &&
	    msgfmt --check -o /dev/null "$tmp/tree.po" 2>/dev/null
	tap_is "the POT of interviews/${tree##*/} makes a valid catalog" "$?" 0
done

run_src pot tests/data/broken/unknown-key.yaml
tap_is "pot of a tree with an error exits 1" "$status" 1
tap_check "and says where the error is" \
    grep -qE '^tests/data/broken/unknown-key\.yaml:[0-9]+:[0-9]+: error: ' "$tmp/err"
tap_check "and writes no POT" test ! -s "$tmp/out"
run_src pot tests/data/i18n/strings.yaml interviews/five-whys.yaml
tap_is "pot of trees with two domains is a usage error" "$status" 2
run_src pot
tap_is "pot without a tree is a usage error" "$status" 2
unset SOURCE_DATE_EPOCH

# The same words in two questions, translated apart through their msgctxt;
# a string whose catalog entry has no context is still found (catalogs made
# before contexts keep working).
cat >"$tmp/ctx.yaml" <<'TREE'
whyline: 1
id: ctx
title: Context
sections:
  - title: Same words
    questions:
      - {id: size, type: choice, ask: Which size?, choices: [{value: l, label: Large}]}
      - {id: budget, type: choice, ask: Which budget?, choices: [{value: l, label: Large}]}
TREE
cat >"$tmp/ctx.po" <<'PO'
msgid ""
msgstr "Content-Type: text/plain; charset=UTF-8\n"

msgctxt "question size: label of choice l"
msgid "Large"
msgstr "Grande"

msgctxt "question budget: label of choice l"
msgid "Large"
msgstr "Important"

msgid "Which size?"
msgstr "Quelle taille ?"
PO
compile "$tmp/ctx.po" "$tmp/loc-ctx" xx whyline-ctx
printf '1\n1\n' | WHYLINE_DB=$tmp/ctx.db wl_run run --plain --lang xx \
    --locale-dir "$tmp/loc-ctx" "$tmp/ctx.yaml" >/dev/null 2>"$tmp/err"
tap_check "the same words in two questions are translated apart (msgctxt)" \
    sh -c 'grep -q "Grande" "$1" && grep -q "Important" "$1"' sh "$tmp/err"
tap_check "an entry without a context is still found" grep -q "Quelle taille ?" "$tmp/err"
wl_run pot "$tmp/ctx.yaml" >"$tmp/ctx.pot" 2>/dev/null
tap_is "pot gives each place its own entry" "$(grep -c '^msgid "Large"$' "$tmp/ctx.pot")" 2

# ---- 2. whyline check --lang ----

run_src check --lang fr --locale-dir "$WHYLINE_LOCALE" interviews/five-whys.yaml \
    interviews/discovery-call.yaml interviews/client-preferences.yaml
tap_is "check --lang fr on the shipped trees exits 0" "$status" 0
tap_is "the shipped French catalogs are complete" "$(cat "$tmp/out" "$tmp/err")" ""
(cd "$top_srcdir" && WHYLINE_LOCALEDIR=$WHYLINE_LOCALE wl_run check --lang fr \
    interviews/five-whys.yaml) >"$tmp/out" 2>&1
tap_is "\$WHYLINE_LOCALEDIR does what --locale-dir does" "$(cat "$tmp/out")" ""

compile "$data/strings.fr.po" "$tmp/loc" fr whyline-strings
cat >"$tmp/exp" <<'EOF'
tests/data/i18n/strings.yaml:24:20: warning: no fr translation for "Why do they agree? Ask it twice."
tests/data/i18n/strings.yaml:27:14: warning: no fr translation for "Which one?"
tests/data/i18n/strings.yaml:31:13: warning: no fr translation for "plain"
tests/data/i18n/strings.yaml:33:12: warning: no fr translation for "A long section title that goes on and on, so that the POT fi..."
tests/data/i18n/strings.yaml:41:23: warning: no fr translation for "Mid"
tests/data/i18n/strings.yaml:45:14: warning: no fr translation for "Why {{rung}}?"
tests/data/i18n/strings.yaml:46:15: warning: no fr translation for "Root goal"
tests/data/i18n/strings.yaml:48:14: warning: no fr translation for "By when?"
tests/data/i18n/strings.yaml:54:10: warning: no fr translation for "They do not agree."
EOF
run_src check --lang fr --locale-dir "$tmp/loc" tests/data/i18n/strings.yaml
tap_is "check --lang with a partial catalog exits 0 (warnings)" "$status" 0
tap_is "it warns about each string without a translation, empty or fuzzy ones too" \
    "$(cat "$tmp/err")" "$(cat "$tmp/exp")"
tap_check "and writes nothing on stdout" test ! -s "$tmp/out"
(cd "$top_srcdir" && LC_ALL=C wl_run check --lang fr --locale-dir "$tmp/loc" \
    tests/data/i18n/strings.yaml) >/dev/null 2>"$tmp/err"
tap_is "the same in the C locale" "$(cat "$tmp/err")" "$(cat "$tmp/exp")"

mkdir -p "$tmp/beside"
cp "$data/strings.yaml" "$tmp/beside/strings.yaml"
compile "$data/strings.fr.po" "$tmp/beside/locale" fr whyline-strings
wl_run check --lang fr "$tmp/beside/strings.yaml" >/dev/null 2>"$tmp/err"
tap_is "a catalog in locale/ beside the tree is found" \
    "$(grep -c ': warning: no fr translation for ' "$tmp/err")" 9
compile "$tmp/en.po" "$tmp/full" fr whyline-strings
wl_run check --lang fr --locale-dir "$tmp/full" "$tmp/beside/strings.yaml" >/dev/null 2>"$tmp/err"
tap_is "--locale-dir comes before the folder beside the tree" "$(cat "$tmp/err")" ""

wl_run check --lang de --locale-dir "$tmp/loc" "$data/strings.yaml" >"$tmp/out" 2>"$tmp/err"
tap_is "without any catalog for the language, check still exits 0" "$?" 0
tap_is "it says so once, not once per string" "$(wc -l <"$tmp/err" | tr -d ' ')" 1
tap_check "naming the domain and the folders it looked in" grep -qF \
    "warning: no de catalog for the domain whyline-strings: none of $tmp/loc, $data/locale," "$tmp/err"
wl_run check --lang en "$data/strings.yaml" >"$tmp/out" 2>&1
tap_is "nothing to translate into the language the tree is written in" "$(cat "$tmp/out")" ""

# ---- 3. an interview in French ----

export WHYLINE_DB="$tmp/fr.db"
printf '%s\n' 'Des publications Instagram' 'oui' 'Nous avons essayé seuls' '' \
    'Plus de réservations' '/goal' >"$tmp/in"
wl_run run --lang fr --locale-dir "$WHYLINE_LOCALE" --client Lumen "$five" \
    <"$tmp/in" >"$tmp/out" 2>"$tmp/err"
tap_is "a piped interview in French exits 0" "$?" 0
tap_check "whyline's own messages are French" grep -qF "Tapez /help pour les commandes" "$tmp/err"
tap_check "the tree's section titles are French" grep -qxF "== La demande ==" "$tmp/err"
tap_check "the tree's questions are French" \
    grep -qF "[1/13] Qu'a demandé le client, avec ses propres mots" "$tmp/err"
tap_check "the yes/no hint is oui/non" grep -qxF "  (oui/non)" "$tmp/err"
tap_check "\"oui\" is accepted as yes: its follow-up is asked" \
    grep -qF "Que s'est-il passé quand il a essayé" "$tmp/err"
tap_check "the ladder asks why in French" \
    grep -qF "[3/13, pourquoi 1/5] Pourquoi " "$tmp/err"
tap_check "its rung is read back in French" \
    grep -qF "Reformulez l'objectif devant le client" "$tmp/err"
tap_check "the pause is said in French" \
    grep -qF "chaque réponse est enregistrée. Reprenez avec" "$tmp/err"
wl_run export >"$tmp/export.json" 2>/dev/null
tap_check "the session records its language" grep -qF '"language": "fr"' "$tmp/export.json"
tap_check "\"oui\" is stored as yes" grep -qF '"request_tried": "yes"' "$tmp/export.json"

LC_ALL=C wl_run run --lang fr --locale-dir "$WHYLINE_LOCALE" "$five" \
    <"$tmp/in" >/dev/null 2>"$tmp/err"
tap_check "French works in the C locale too" grep -qF "Tapez /help pour les commandes" "$tmp/err"

printf '%s\n' 'Plus de réservations' | wl_run resume --locale-dir "$WHYLINE_LOCALE" \
    >/dev/null 2>"$tmp/err"
tap_check "resume says so in French, with the tree's title in French" \
    grep -q "^Reprise de .*Les cinq pourquoi" "$tmp/err"
WHYLINE_LOCALEDIR=$WHYLINE_LOCALE wl_run --lang fr --help >"$tmp/out" 2>&1
tap_check "--lang before the command translates --help" grep -q "^Usage.*whyline COMMANDE" "$tmp/out"

# The brief of the French session: the latest one is the C locale's, so
# name the first by the prefix of its id.
sid=$(sed -n 's/^ *"id": "\([0-9a-f-]*\)",$/\1/p' "$tmp/export.json" | head -n 1)
wl_run brief "$sid" --locale-dir "$WHYLINE_LOCALE" >"$tmp/brief.md" 2>"$tmp/err"
tap_is "the brief of a French session renders" "$?" 0
tap_check "with the tree's title in French" grep -qxF "# Les cinq pourquoi : Lumen" "$tmp/brief.md"
tap_check "with whyline's headings in French" grep -qxF "## Synthèse" "$tmp/brief.md"
tap_check "with the tree's section titles in French" grep -qxF "## La demande" "$tmp/brief.md"
wl_run brief "$sid" --lang en --locale-dir "$WHYLINE_LOCALE" >"$tmp/brief-en.md" 2>/dev/null
tap_check "--lang en renders it in English" grep -qxF "## Summary" "$tmp/brief-en.md"

# ---- 4. /lang in the middle of an interview ----

export WHYLINE_DB="$tmp/lang.db"
printf '%s\n' 'Instagram posts' '/lang fr' 'o' >"$tmp/in"
wl_run run --locale-dir "$WHYLINE_LOCALE" "$five" <"$tmp/in" >/dev/null 2>"$tmp/err"
tap_is "an interview switched with /lang exits 0" "$?" 0
tap_check "it starts in English" grep -qF "[2/13] Have they tried this before?" "$tmp/err"
tap_check "/lang fr asks the same question again in French" \
    grep -qF "[2/13] Le client a-t-il déjà essayé" "$tmp/err"
tap_check "\"o\" is yes in French: its follow-up is asked" \
    grep -qF "Que s'est-il passé quand il a essayé" "$tmp/err"
wl_run export >"$tmp/export.json" 2>/dev/null
tap_check "the session's language becomes fr" grep -qF '"language": "fr"' "$tmp/export.json"
tap_check "the switch is stored as an event" \
    sh -c "grep -A1 '\"kind\": \"lang\",' '$tmp/export.json' | grep -qF '\"detail\": \"fr\"'"

# ---- 5. whyline's own French catalog translates every message ----

grep -v '^#' "$top_srcdir/po/POTFILES.in" >"$tmp/potfiles"
(cd "$top_srcdir" && xgettext --keyword=_ --keyword=N_ --from-code=UTF-8 \
    -f "$tmp/potfiles" -o "$tmp/now.pot") 2>"$tmp/err" &&
    msgmerge -q -o "$tmp/merged.po" "$top_srcdir/po/fr.po" "$tmp/now.pot" 2>>"$tmp/err"
tap_is "the messages of the sources can be extracted and merged" "$?" 0
msgattrib --untranslated --no-obsolete "$tmp/merged.po" >"$tmp/untranslated" 2>/dev/null
msgattrib --only-fuzzy --no-obsolete "$tmp/merged.po" >>"$tmp/untranslated" 2>/dev/null
if grep -q '^msgid "[^"]' "$tmp/untranslated"; then
	tap_fail "po/fr.po translates every message of the sources"
	grep '^msgid "[^"]' "$tmp/untranslated" | tap_diag /dev/stdin
else
	tap_ok "po/fr.po translates every message of the sources"
fi

tap_done
