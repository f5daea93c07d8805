#!/usr/bin/env bash
# The one test command, for newcomers and CI alike: install what the tests need, lint, and run
# every test, the browser ones included. Extra arguments go to pytest (e.g. -m "not browser").
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

step() { printf '\n==> %s\n' "$*"; }

step "pip install -r requirements-dev.txt"
PIP_ROOT_USER_ACTION=ignore python -m pip install --disable-pip-version-check -q \
  -r requirements-dev.txt

# The browser tests drive Debian's Chromium (Playwright's own download is not used) and need a
# CJK font, or the Chinese page renders as empty boxes; tests/load/test_replicas.py runs nginx.
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
if [ -x /usr/bin/chromium ] && installed fonts-noto-cjk && installed nginx; then
  step "chromium, fonts-noto-cjk and nginx already installed"
elif command -v apt-get >/dev/null; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  step "apt-get install chromium fonts-noto-cjk nginx"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update
  $SUDO apt-get install -y chromium fonts-noto-cjk nginx
else
  step "no apt-get: install Chromium at /usr/bin/chromium, a CJK font and nginx yourself"
fi

step "ruff check ."
python -m ruff check .

step "python -m pytest $*"
status=0
python -m pytest "$@" || status=$?
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests: that is a failure" >&2
  exit 1
fi
exit "$status"
