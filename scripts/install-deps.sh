#!/usr/bin/env bash
# Installs every Debian package Kravkedja needs to build, run and test.
# Idempotent: packages already present are skipped; uses sudo when not root.
set -euo pipefail

packages=(
  # build
  g++ cmake ninja-build ccache pkg-config make
  # libraries (all header or shared libraries from Debian)
  libboost-dev libsqlite3-dev libpq-dev nlohmann-json3-dev libsodium-dev libssl-dev
  libfmt-dev libcli11-dev libspdlog-dev libyaml-cpp-dev libkainjow-mustache-dev
  # documents: DOCX/XLSX are zip files of XML; XLSX written with libxlsxwriter
  libzip-dev libpugixml-dev libxlsxwriter-dev
  # reminders by e-mail (SMTP)
  libcurl4-openssl-dev
  # the service's memory allocator (much faster than glibc's for its many small objects)
  libmimalloc-dev
  # tests; LibreOffice also turns the DOCX into PDF when it is installed; aiosmtpd is the mail
  # server the reminder e-mail is delivered to
  libgtest-dev postgresql libreoffice-writer-nogui libreoffice-calc-nogui python3-aiosmtpd
  # the audit chain test changes rows directly, with each engine's own client
  sqlite3
  # deploy/kravkedja.service is checked with systemd-analyze verify (the service need not run)
  systemd
  # the api test runs docs/api-example.sh with curl; make bench loads the service with wrk and measures nginx
  # serving the same bytes as the machine's limit
  curl wrk nginx-light
  # the micro-benchmarks of make bench
  libbenchmark-dev
  # the browser journeys: Debian's Chromium (never a downloaded browser), a font for its
  # screenshots, and libfaketime to let the service live a standstill or a quarter in seconds
  chromium fonts-dejavu-core faketime
  # fuzzing: clang 16 with libFuzzer and its sanitizer runtimes (clang 14 cannot compile GCC 12's ranges)
  clang-16 libfuzzer-16-dev libclang-rt-16-dev
)

# node runs the test suite's tools from npm (a real OpenID provider, playwright-core and axe-core
# for the browser journeys); Debian's nodejs and npm,
# unless a node with its own npm is installed already.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
  echo "Installing: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The npm packages of package-lock.json, exactly, when they are not in node_modules yet.
cd "$(dirname "$0")/.."
if ! cmp -s package-lock.json node_modules/.installed-lock.json 2>/dev/null; then
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.installed-lock.json
fi
