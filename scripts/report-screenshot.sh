#!/usr/bin/env bash
# The screenshot of the HTML LF report that the README shows: `wslabel report` on the YouTube
# spam task (examples/youtube-spam, raw comments in ../shared/data), rendered by headless Chromium.
#   bash scripts/report-screenshot.sh [OUTPUT.png]      # default docs/report-youtube.png
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-docs/report-youtube.png}"
bash scripts/ensure-dependencies.sh tests
swift build -c release --product wslabel >&2
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
.build/release/wslabel report --config examples/youtube-spam/wslabel.yaml --title "YouTube spam task: LF report" --output "$work/report.html"
browser="$(command -v chromium || command -v chromium-browser)"
# The page is 1,280 pixels wide; the height takes the whole report of the task's 28 LFs.
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --user-data-dir="$work/profile" \
    --screenshot="$out" --window-size=1280,4800 "file://$work/report.html" 2>/dev/null
echo "wrote $out" >&2
