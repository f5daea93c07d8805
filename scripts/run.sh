#!/usr/bin/env bash
# Install the app's requirements and start it on http://localhost:8501 (arguments go to
# `streamlit run`, e.g. --server.port 8080).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

echo "==> pip install -r requirements.txt"
PIP_ROOT_USER_ACTION=ignore python -m pip install --disable-pip-version-check -q \
  -r requirements.txt

echo "==> streamlit run app.py $*"
exec python -m streamlit run app.py --browser.gatherUsageStats false "$@"
