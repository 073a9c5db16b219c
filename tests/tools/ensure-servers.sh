#!/usr/bin/env bash
# Make sure Debian's nginx (with the brotli_static module), Apache httpd and Caddy are present for
# tests/servers, which start each of them on a free port with the configurations in deploy/.
# Their system services are not started: the tests run their own foreground processes.
set -euo pipefail
missing=()
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
[ -e /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] || missing+=(libnginx-mod-http-brotli-static)
[ -x /usr/sbin/apache2 ] || missing+=(apache2)
command -v caddy >/dev/null 2>&1 || missing+=(caddy)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing ${missing[*]} for the server configuration tests (their services stay stopped)..."
  # policy-rc.d exiting 101 tells the packages' scripts not to start the services.
  policy=/usr/sbin/policy-rc.d
  if [ -e "$policy" ]; then had_policy=1; else had_policy=0; fi
  if [ "$had_policy" = 0 ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"
    chmod 755 "$policy"
    trap 'rm -f "$policy"' EXIT
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  exit 0
fi
echo "The server configuration tests need: ${missing[*]}" >&2
echo "Install them, then run make test again:  sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
echo "(they start no service of their own during the tests; stop the ones the packages start if you like)" >&2
exit 1
