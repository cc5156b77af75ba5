#!/usr/bin/env bash
# Checks that the package instructions in README.md resolve as written: takes the Package.swift
# the README shows (the swift block after the check-package-instructions marker), points its
# wslabel URL at a local Git clone of this checkout named wslabel (so the identity is the one
# the README names), and runs `swift package resolve` in a temporary package. Then does the same
# with the README's path form (`.package(name: "wslabel", path: …)`) against the checkout. No
# build: resolution is what a wrong URL form, version rule or package identity breaks. wslabel's
# own dependencies resolve as for any build here. Exits non-zero when either fails.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
readme="$root/README.md"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The swift block following the marker line, without its fences.
manifest="$(awk '/check-package-instructions.sh resolves/ { marked = 1; next }
                 marked && /^```swift/ { inside = 1; next }
                 inside && /^```/ { exit }
                 inside { print }' "$readme")"
if [ -z "$manifest" ] || ! grep -q '\.package(url:' <<<"$manifest"; then
  echo "check-package-instructions: no manifest with a .package(url: …) line after the marker in README.md" >&2
  exit 1
fi
pathLine="$(grep -o '\.package(name: "wslabel", path: "[^"]*")' "$readme" | head -1 || true)"
if [ -z "$pathLine" ]; then
  echo "check-package-instructions: README.md gives no .package(name: \"wslabel\", path: …) line" >&2
  exit 1
fi

# A clone of the checkout's committed HEAD with a main branch, in a folder named as the README's
# URL ends, so the identity the URL gives is the one `package:` names.
repository="$(grep -o '\.package(url: "[^"]*"' <<<"$manifest" | head -1 | sed 's/^\.package(url: "//; s/"$//')"
name="$(basename "$repository" .git)"
git clone --quiet --no-hardlinks "$root" "$work/$name"
git -C "$work/$name" checkout --quiet -B main "$(git -C "$root" rev-parse HEAD)"

resolve() {  # folder, manifest text
  mkdir -p "$1/Sources/my-wslabel"
  printf '%s\n' "$2" > "$1/Package.swift"
  echo 'import WSLabelCLI' > "$1/Sources/my-wslabel/main.swift"
  if ! (cd "$1" && swift package resolve >"$1.log" 2>&1); then
    echo "check-package-instructions: the README's package instructions do not resolve ($3):" >&2
    cat "$1.log" >&2
    exit 1
  fi
}
resolve "$work/by-url" "${manifest//"$repository"/file://$work/$name}" "URL form, $repository → the checkout"
# The path form in place of the URL line, the checkout as its path whatever its folder is called.
urlLine="$(grep -o '\.package(url: "[^)]*)' <<<"$manifest" | head -1)"
pathHere="$(sed "s|path: \"[^\"]*\"|path: \"$root\"|" <<<"$pathLine")"
resolve "$work/by-path" "${manifest//"$urlLine"/$pathHere}" "path form, $pathHere"
echo "check-package-instructions: the README's Package.swift resolves by URL (branch main) and by path"
