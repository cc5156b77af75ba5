#!/usr/bin/env bash
# Checks that an edited and rebuilt Swift LF never reuses its stale votes: copies
# examples/custom-lfs-package (a user's package applying the LFSourceFingerprints build plugin)
# to a temporary folder, its wslabel dependency made an absolute path to this checkout, writes
# a tiny task over a few comments made here (no ../shared/data needed), builds, applies with a
# vote cache, edits the logic of one Swift LF (long_comment) with sed, rebuilds, applies again,
# and checks that
#   (a) the log says long_comment ran again as edited,
#   (b) its votes changed (and the other Swift LFs' did not),
#   (c) the LF-file LFs came from the cache (the target's other Swift LFs re-run too: the
#       fingerprint covers the whole target, as the plugin documents).
# Exits non-zero on any failure. The build shares examples/custom-lfs-package/.build (what
# scripts/check-example-package.sh builds) so only the package's own target is compiled again;
# set SCRATCH_PATH to build elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
bash scripts/ensure-dependencies.sh

fail() {
  echo "check-swift-lf-fingerprints: $*" >&2
  exit 1
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The copy keeps the example's folder name: a root package's identity is its folder's name, and
# the shared build folder keys its outputs by it.
package="$work/custom-lfs-package"
mkdir -p "$package"
cp -R examples/custom-lfs-package/Package.swift examples/custom-lfs-package/Sources examples/custom-lfs-package/lfs "$package/"
if [ -f examples/custom-lfs-package/Package.resolved ]; then cp examples/custom-lfs-package/Package.resolved "$package/"; fi
sed -i "s|.package(name: \"wslabel\", path: \"../..\")|.package(name: \"wslabel\", path: \"$repo\")|" "$package/Package.swift"
grep -qF "path: \"$repo\"" "$package/Package.swift" || fail "could not point the copy's Package.swift at $repo"
grep -qF '.plugin(name: "LFSourceFingerprints", package: "wslabel")' "$package/Package.swift" \
  || fail "examples/custom-lfs-package/Package.swift does not apply the LFSourceFingerprints plugin"

# Eight comments: long_comment (more than 30 words → SPAM) fires on none of them; after the edit
# (more than 3 words) on most.
cat > "$work/comments.jsonl" <<'EOF'
{"id": "c1", "CONTENT": "Check out my channel for more music videos every week", "AUTHOR": "Kobyoshi Ann"}
{"id": "c2", "CONTENT": "I love this song so much", "AUTHOR": "Maria Lopez"}
{"id": "c3", "CONTENT": "subscribe please", "AUTHOR": "Tom"}
{"id": "c4", "CONTENT": "Visit www.example.com for free gift cards today!!! Limited offer!!!", "AUTHOR": "Promo Bot"}
{"id": "c5", "CONTENT": "Beautiful voice and a great dance", "AUTHOR": "Lena Park"}
{"id": "c6", "CONTENT": "WOW THIS IS THE BEST VIDEO EVER MADE ON THIS SITE", "AUTHOR": "Sam"}
{"id": "c7", "CONTENT": "nice", "AUTHOR": "Ivy"}
{"id": "c8", "CONTENT": "Kobyoshi here, my new video is up, go watch it now", "AUTHOR": "Kobyoshi"}
EOF
cat > "$work/wslabel.yaml" <<EOF
labels: [HAM, SPAM]
data:
  id: id
  text: CONTENT
  splits:
    train: comments.jsonl
labeling_functions:
  swift: [spam_heuristics]
  files: [custom-lfs-package/lfs]
output:
  cache: votes.sqlite
EOF

scratch=${SCRATCH_PATH:-$repo/examples/custom-lfs-package/.build}
build() {
  swift build --package-path "$package" --scratch-path "$scratch" >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; fail "the copy of the example package does not build"; }
}
build
bin="$(swift build --package-path "$package" --scratch-path "$scratch" --show-bin-path)/my-wslabel"

# Runs `apply` into out-$1 and prints the log's "ran" line (the line after "applied …",
# without its "my-wslabel: " prefix: the example's tool logs under its own name).
apply() {
  (cd "$work" && "$bin" apply --config wslabel.yaml --output-dir "out-$1" 2>"log-$1") || { cat "$work/log-$1" >&2; fail "apply $1 failed"; }
  local ran
  ran=$(grep -A1 '^my-wslabel: applied ' "$work/log-$1" | tail -1 | sed 's/^my-wslabel: //')
  [ -n "$ran" ] || { cat "$work/log-$1" >&2; fail "apply $1 logged no 'applied' line"; }
  printf '%s\n' "$ran"
}

# The votes of LF $2 in out-$1/train.csv, one per line.
column() {
  awk -F, -v lf="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == lf) c = i; if (!c) exit 1; next } { print $c }' "$work/out-$1/train.csv" \
    || fail "no column $2 in out-$1/train.csv"
}

first=$(apply first)
[ "$first" = "  ran all 8 LFs (new)" ] || fail "first apply: expected every LF new, the log says: $first"
again=$(apply again)
[ "$again" = "  all 8 LFs from cache" ] || fail "an unchanged rebuild must reuse every vote; the log says: $again"

source_file="$package/Sources/my-wslabel/SpamHeuristics.swift"
sed -i 's/item.wordCount > 30 ? spam : nil/item.wordCount > 3 ? spam : nil/' "$source_file"
grep -qF 'item.wordCount > 3 ? spam : nil' "$source_file" || fail "the edit of long_comment did not apply: its code changed in the example"
build
edited=$(apply edited)

# (a) long_comment ran again, as edited.
case "$edited" in
  *"long_comment (edited)"*) ;;
  *) fail "(a) after the edit, long_comment should run as edited; the log says: $edited" ;;
esac
# (b) its votes changed; the other Swift LFs, re-run, vote as before.
[ "$(column first long_comment)" != "$(column edited long_comment)" ] || fail "(b) long_comment's votes did not change after the edit"
for lf in shouting excited_pitch short_emoji_reaction author_named_in_text; do
  [ "$(column first "$lf")" = "$(column edited "$lf")" ] || fail "(b) $lf's votes changed, but its code did not"
done
# (c) the LF-file LFs came from the cache.
case "$edited" in
  *"; 3 LFs from cache") ;;
  *) fail "(c) the three LF-file LFs should come from the cache; the log says: $edited" ;;
esac
for lf in keyword_self_promotion regex_link keyword_about_the_song; do
  case "$edited" in *"$lf "*) fail "(c) $lf ran again, but it did not change: $edited" ;; esac
done
echo "check-swift-lf-fingerprints: an edited Swift LF ran again with new votes; the unchanged LF-file LFs came from the cache"
