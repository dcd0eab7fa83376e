#!/bin/sh
# Bash completion: a bash with completion/whyline loaded, its function
# called as bash calls it (COMP_WORDS, COMP_CWORD), completes commands,
# each command's options (every option its --help describes), --format's
# values, session id prefixes from the database --db names, tree names
# from `whyline trees`, and .yaml files.

. "$top_srcdir/tests/cli/lib.sh"
wl_tmpdir completion

command -v bash >/dev/null 2>&1 || tap_skip_all "bash is missing"
script=$top_srcdir/completion/whyline

# complete WORD...: the candidates, sorted, one per line, for the line
# "whyline WORD..." with the cursor at the end of the last WORD (give ''
# to complete an empty word).
complete() {
	bash --norc --noprofile -c '
		. "$1"; shift
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
		_whyline
		printf "%s\n" "${COMPREPLY[@]}"' bash "$script" "$WHYLINE" "$@" |
	    sort
}

# words WORD...: the words given, one per line, sorted.
words() {
	printf '%s\n' "$@" | sort
}

tap_check "the script loads in bash and registers _whyline" \
    bash --norc --noprofile -c '. "$1" && complete -p whyline | grep -q _whyline' bash "$script"

# ---- commands and options ----
commands=$("$WHYLINE" --help | sed -n '/^Commands:/,/^$/p' | awk 'NF > 1 { print $1 }' | sort)
tap_is "an empty word: every command --help lists" "$(complete '')" "$commands"
tap_is "a prefix: the commands it starts" "$(complete r)" "$(words resume run)"
tap_is "options before the command" "$(complete --v)" "--version"
for cmd in $commands; do
	want=$("$WHYLINE" "$cmd" --help | grep -oE -- '^ +(-[a-zA-Z], )?--[a-z-]+' |
	    grep -oE -- '--[a-z-]+' | sort -u)
	got=$(complete "$cmd" -- | sort -u)
	missing=$(printf '%s\n' "$want" | while read -r o; do
		printf '%s\n' "$got" | grep -qx -- "$o" || printf '%s ' "$o"
	done)
	tap_is "$cmd: every option of its --help is completed" "$missing" ""
done
tap_is "brief --format: md, html, text, json" "$(complete brief --format '')" "$(words html json md text)"
tap_is "export --format: json, csv" "$(complete export --format '')" "$(words csv json)"
tap_is "run --pl: --plain" "$(complete run --pl)" "--plain"

# ---- session ids from the database ----
db=$tmp/whyline.db
tree=$top_srcdir/tests/data/trees/interview.yaml
answers=$top_srcdir/tests/data/answers/interview-valid.yaml
id1=$(wl_run --db "$db" run "$tree" --answers "$answers" 2>/dev/null)
id2=$(wl_run --db "$db" run "$tree" --answers "$answers" 2>/dev/null)
short1=$(printf '%.8s' "$id1")
short2=$(printf '%.8s' "$id2")
tap_is "brief --db DB '': each session's id prefix" \
    "$(complete --db "$db" brief '')" "$(words "$short1" "$short2")"
tap_is "show --db DB PREFIX: the sessions it starts" \
    "$(complete show --db "$db" "$(printf '%.7s' "$id1")")" "$short1"
WHYLINE_DB=$db
export WHYLINE_DB
tap_is "resume: ids from \$WHYLINE_DB too" \
    "$(complete resume '' | grep -c .)" 2
tap_is "export completes several sessions" "$(complete export "$short1" '' | grep -c .)" 2
tap_is "show takes one session: nothing after it" "$(complete show "$short1" '')" ""
tap_is "brief: a session after its options" "$(complete brief --format md '' | grep -c .)" 2

# ---- trees and files ----
mkdir -p "$tmp/trees" "$tmp/cwd/sub"
cp "$tree" "$tmp/trees/alpha-tree.yaml"
: >"$tmp/cwd/local.yaml"
: >"$tmp/cwd/other.yml"
: >"$tmp/cwd/notes.txt"
cd "$tmp/cwd" || exit 99
WHYLINE_PATH=$tmp/trees XDG_DATA_HOME=$tmp/none
export WHYLINE_PATH XDG_DATA_HOME
tap_is "run: tree names, .yaml files and folders, no other file" \
    "$(complete run '')" "$(words alpha-tree local.yaml other.yml sub)"
tap_is "check al: the tree name" "$(complete check al)" "alpha-tree"
tap_is "run --answers: any file" "$(complete run --answers n)" "notes.txt"
tap_is "new: nothing to complete for the id" "$(complete new '')" ""

tap_done
