#!/usr/bin/env bash
# The YouTube spam task on the raw UCI comments: wslabel (EM and majority vote) and Snorkel's
# LabelModel on the same votes, scored on the Shakira comments.
#   bash benchmarks/youtube_task.sh
set -euo pipefail
cd "$(dirname "$0")/.."
task=examples/youtube-spam/wslabel.yaml
bash scripts/ensure-dependencies.sh
swift build -c release --product wslabel >&2
bin=.build/release/wslabel
votes=$(mktemp -d)
trap 'rm -rf "$votes"' EXIT
"$bin" apply --config "$task" --output-dir "$votes" --format npy >&2
echo "wslabel EM:"
"$bin" fit --config "$task" --json 2>/dev/null | python3 -c 'import json,sys; d=json.load(sys.stdin); t=d["splits"]["test"]; print(" accuracy %.4f  F1(SPAM) %.4f  variant %s" % (t["accuracy"], t["f1"], d["variant"]))'
echo "wslabel majority vote (seeded random ties, seeds 0-4):"
for seed in 0 1 2 3 4; do
  "$bin" fit --config "$task" --model mv --ties random --seed "$seed" --json 2>/dev/null | python3 -c 'import json,sys; d=json.load(sys.stdin); t=d["splits"]["test"]; print(" accuracy %.4f  F1(SPAM) %.4f" % (t["accuracy"], t["f1"]))'
done
bash benchmarks/peers/setup_venv.sh >&2
echo "Snorkel on the same votes:"
benchmarks/.venv/bin/python benchmarks/peers/snorkel_on_votes.py --votes "$votes" \
  --gold-csv ../shared/data/raw/youtube/Youtube05-Shakira.csv --gold-column CLASS \
  --dev-raw-dir ../shared/data/raw/youtube
