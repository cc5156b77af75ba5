#!/usr/bin/env bash
# Create the Python venv used by benchmarks/peers/peers.py (Snorkel, crowd-kit, FlyingSquid).
#
#   bash benchmarks/peers/setup_venv.sh            # create / complete benchmarks/.venv
#   FORCE=1 bash benchmarks/peers/setup_venv.sh    # delete and rebuild it
#   VENV=/some/dir bash benchmarks/peers/setup_venv.sh
#
# Idempotent: when the venv already imports every peer at the pinned versions, it does nothing.
# Only PyPI (plus any local wheel directory already configured for pip, see TORCH below) is used.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VENV="${VENV:-$(cd "$HERE/.." && pwd)/.venv}"
PY="${PYTHON:-$(command -v python3 || true)}"

log() { printf '[setup_venv] %s\n' "$*" >&2; }
die() { printf '[setup_venv] ERROR: %s\n' "$*" >&2; exit 1; }

[ -n "$PY" ] || die "python3 not found on PATH (set PYTHON=/path/to/python3)"
"$PY" -c 'import sys; assert sys.version_info >= (3, 11), sys.version' 2>/dev/null \
  || die "$PY is $("$PY" --version 2>&1); snorkel 0.10.0 needs Python >= 3.11"

# ---- pinned versions (all verified together on Python 3.11.7, x86_64 Linux) ----------------------
# pgmpy 0.1.25 satisfies flyingsquid's need for an old pgmpy (<0.1.27: still has MarkovModel) and,
# unlike 0.1.26, does not pull xgboost (+ its CUDA NCCL wheel) and google-generativeai.
# flyingsquid only exists on PyPI as the pre-release 0.0.0a0, so it must be pinned exactly.
PINS=(
  "snorkel==0.10.0"
  "crowd-kit==1.4.2"
  "flyingsquid==0.0.0a0"
  "pgmpy==0.1.25"
  "numpy==2.4.6"
  "scipy==1.17.1"
  "pandas==3.1.1"
  "scikit-learn==1.9.1"
  # HyperLM (Wu et al., ICLR 2023): a pretrained, gold-free hyper label model, checkpoint inside.
  "hyperlm==0.0.5"
)
# torch: snorkel, pgmpy and crowd-kit import it. PyPI's Linux torch wheels pull ~3 GB of CUDA
# wheels. If pip is configured with a find-links directory holding a CPU-only wheel for this Python
# (this machine image has /opt/wheels/torch-2.13.0+cpu-...whl), pin that exact version; otherwise
# fall back to TORCH_SPEC (default: the PyPI torch, CUDA deps and all).
TORCH_SPEC="${TORCH_SPEC:-}"

# Check: every import works and versions match the pins.
check_venv() {
  [ -x "$VENV/bin/python" ] || return 1
  "$VENV/bin/python" - "${PINS[@]}" <<'EOF' >/dev/null 2>&1
import sys, importlib.metadata as md
for spec in sys.argv[1:]:
    name, ver = spec.split("==")
    if md.version(name) != ver:
        sys.exit(1)
import torch, snorkel.labeling.model, crowdkit.aggregation, flyingsquid.label_model  # noqa
EOF
}

if [ "${FORCE:-0}" = "1" ] && [ -d "$VENV" ]; then
  log "FORCE=1: removing $VENV"
  rm -rf "$VENV"
fi

if check_venv; then
  log "venv $VENV already complete; nothing to do (FORCE=1 to rebuild)"
  exit 0
fi

START=$(date +%s)
if [ ! -x "$VENV/bin/python" ]; then
  log "creating venv at $VENV with $PY ($("$PY" --version 2>&1))"
  "$PY" -m venv "$VENV"
fi
VPIP=("$VENV/bin/python" -m pip)
"${VPIP[@]}" --version >/dev/null || die "pip is missing in $VENV"

if [ -z "$TORCH_SPEC" ]; then
  # Look for a local CPU wheel in the find-links directories pip is configured with.
  LINKS="${PIP_FIND_LINKS:-} $("${VPIP[@]}" config get global.find-links 2>/dev/null || true)"
  for d in $LINKS; do
    [ -d "$d" ] || continue
    w=$(ls "$d"/torch-*+cpu-cp311-cp311-*linux*_x86_64.whl 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -n "$w" ]; then
      v=$(basename "$w" | cut -d- -f2)
      TORCH_SPEC="torch==$v"
      log "using local CPU-only torch wheel $w"
      break
    fi
  done
fi
if [ -z "$TORCH_SPEC" ]; then
  TORCH_SPEC="torch"
  log "no local CPU torch wheel found: installing torch from PyPI (may download large CUDA wheels)"
fi

log "pip install $TORCH_SPEC ${PINS[*]}"
"${VPIP[@]}" install --quiet "$TORCH_SPEC" "${PINS[@]}" \
  || die "pip install failed (see messages above)"

check_venv || {
  "$VENV/bin/python" -c 'import torch, snorkel.labeling.model, crowdkit.aggregation, flyingsquid.label_model' || true
  die "venv built but imports/version check failed"
}
"$VENV/bin/python" - <<'EOF' >&2
import importlib.metadata as md
print("[setup_venv] installed:", ", ".join(
    f"{n}=={md.version(n)}" for n in
    ["torch", "snorkel", "crowd-kit", "flyingsquid", "pgmpy", "numpy", "scipy", "pandas", "scikit-learn"]))
EOF
log "done in $(( $(date +%s) - START )) s"
