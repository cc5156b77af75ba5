#!/usr/bin/env bash
# Installs what the Spark integration needs when it is missing: the Debian Java runtime
# (openjdk-17-jre-headless) and PySpark from PyPI in integrations/spark/.venv. Prints the venv's
# spark-submit. Safe to run again.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
pyspark_version="${PYSPARK_VERSION:-3.5.3}"
if ! command -v java >/dev/null 2>&1; then
  echo "wslabel spark: installing openjdk-17-jre-headless" >&2
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless >/dev/null
fi
if ! "$here/.venv/bin/python" -c "import pyspark, sys; sys.exit(pyspark.__version__ != '$pyspark_version')" 2>/dev/null; then
  echo "wslabel spark: installing pyspark $pyspark_version into $here/.venv" >&2
  python3 -m venv "$here/.venv" 2>/dev/null || { apt-get install -y -qq python3-venv >/dev/null && python3 -m venv "$here/.venv"; }
  "$here/.venv/bin/pip" install --quiet "pyspark==$pyspark_version"
fi
echo "$here/.venv/bin/spark-submit"
