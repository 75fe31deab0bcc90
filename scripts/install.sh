#!/usr/bin/env bash
# Installs what frontdesk needs on Debian 12 with Node 20: Debian packages (speech engines, and the
# real SIP peers and browser the tests use), npm dependencies, and the compiled build.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"

# Runtime: PocketSphinx (recognition), flite (synthesis), sox (audio tools).
# Tests and benchmarks: sipp, baresip, kamailio, tshark, espeak-ng, chromium.
PACKAGES=(
  libpocketsphinx3 libsphinxbase3 pocketsphinx pocketsphinx-en-us libflite1 flite sox
  sip-tester baresip kamailio tshark espeak-ng chromium openssl
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

npm ci --no-audit --no-fund
npm run build
