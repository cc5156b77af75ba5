#!/usr/bin/env bash
# Runs wslabel on the bundled example, examples/support-tickets: 440 hand-written customer-support
# tickets routed to BILLING, TECHNICAL or ACCOUNT by keyword, regex and Swift LFs. Installs the
# system libraries when missing, builds (release), applies the LFs (votes cached in SQLite),
# fits the label model, prints the run's summary with the per-LF table, and shows a few of the
# probabilistic labels written to examples/output/support-tickets/labels.jsonl.
# Extra arguments go to `wslabel fit` (e.g. --model mv for majority vote).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-dependencies.sh
swift build -c release --product wslabel
task=examples/support-tickets
out=examples/output/support-tickets
.build/release/wslabel fit --config "$task/wslabel.yaml" --save-model "$out/model.json" "$@"

# The first labels beside the tickets they label. Both files are JSON Lines with one record per
# line in a fixed key order (ours and wslabel's writer), so awk can pick the fields out.
echo
echo "First labels of $(wc -l < "$out/labels.jsonl") in $out/labels.jsonl:"
awk -v count=6 '
  function field(line, key,    value) {
    # The string value of "key" (JSON escapes \" and \n undone), or the number after it.
    if (match(line, "\"" key "\": ?\"([^\"\\\\]|\\\\.)*\"")) {
      value = substr(line, RSTART, RLENGTH)
      sub("^\"" key "\": ?\"", "", value)
      sub("\"$", "", value)
      gsub(/(\\n)+/, " ", value)
      gsub(/\\"/, "\"", value)
      return value
    }
    if (match(line, "\"" key "\": ?[0-9.e-]+")) {
      value = substr(line, RSTART, RLENGTH)
      sub("^\"" key "\": ?", "", value)
      return value
    }
    return ""
  }
  FNR == NR { if (FNR <= count) text[field($0, "id")] = field($0, "text"); next }
  FNR <= count {
    id = field($0, "id")
    ticket = text[id]
    if (length(ticket) > 70) ticket = substr(ticket, 1, 67) "..."
    printf "  %-6s %-10s %5.2f  %s\n", id, field($0, "label"), field($0, "confidence"), ticket
  }
' "$task/data/train.jsonl" "$out/labels.jsonl"
