#!/usr/bin/env bash
# Make sure Debian's Chromium and a Japanese font are present for the browser tests.
set -euo pipefail
missing=()
# KB_CHROMIUM may point at another Chromium build (e.g. on a CI runner that is not root).
if [ -n "${KB_CHROMIUM:-}" ]; then [ -x "$KB_CHROMIUM" ] || { echo "KB_CHROMIUM=$KB_CHROMIUM is not executable" >&2; exit 1; }
else [ -x /usr/bin/chromium ] || missing+=(chromium); fi
fc-list 2>/dev/null | grep -qi "IPAGothic\|IPAPGothic" || missing+=(fonts-ipafont-gothic)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing ${missing[*]} for the browser tests..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
echo "The browser tests need: ${missing[*]}" >&2
echo "Install them, then run make test again:  sudo apt-get install -y ${missing[*]}" >&2
exit 1
