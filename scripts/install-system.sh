#!/usr/bin/env bash
# Debian packages frontwatch needs: PostgreSQL + PostGIS (ledger at scale, tests on both backends),
# Chromium (browser tests), Node.js + npm (Leaflet and base-map data). Quick when all are present.
set -euo pipefail
needed=(postgresql postgis chromium nodejs npm)
missing=()
for package in "${needed[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
# node/npm may come from elsewhere on the image; only install them when the commands are absent.
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
  filtered=()
  for package in "${missing[@]:-}"; do
    [[ "$package" == nodejs || "$package" == npm || -z "$package" ]] || filtered+=("$package")
  done
  missing=("${filtered[@]:-}")
fi
if [[ -n "${missing[*]:-}" ]]; then
  if [[ $(id -u) -ne 0 ]]; then
    echo "frontwatch needs these Debian packages (run as root): ${missing[*]}" >&2
    exit 1
  fi
  echo "installing Debian packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
