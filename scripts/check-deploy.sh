#!/usr/bin/env bash
# Checks what deploy/ gives an operator, with the binary the tests built:
#  - the systemd unit with `systemd-analyze verify`, which must print nothing (it warns about
#    unknown keys and bad values without failing, so any output fails here);
#  - the example configuration file, read by the binary (every name known, every line well-formed);
#  - the Containerfile: every Debian package whose shared library the binary needs is installed in
#    its runtime stage. No container engine runs here, so the image itself is never built.
set -euo pipefail
BIN=$(realpath "${1:?usage: check-deploy.sh PATH-TO-kravkedja}")
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TMP=$(mktemp -d /tmp/kk-deploy.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
status=0

sed "s|/usr/local/bin/kravkedja|$BIN|g" "$ROOT/deploy/kravkedja.service" >"$TMP/kravkedja.service"
if out=$(systemd-analyze verify "$TMP/kravkedja.service" 2>&1) && [ -z "$out" ]; then
  echo "[deploy] ok   deploy/kravkedja.service: systemd-analyze verify is silent"
else
  echo "[deploy] FAIL deploy/kravkedja.service: systemd-analyze verify says:"; echo "$out"; status=1
fi

if out=$("$BIN" migrate --config "$ROOT/deploy/kravkedja.conf" --db "sqlite:$TMP/check.db" 2>&1); then
  echo "[deploy] ok   deploy/kravkedja.conf: read by kravkedja"
else
  echo "[deploy] FAIL deploy/kravkedja.conf:"; echo "$out"; status=1
fi

runtime=$(sed -n '/^FROM debian:12-slim/,$p' "$ROOT/deploy/Containerfile")
missing=()
libraries=$(ldconfig -p)
for lib in $(objdump -p "$BIN" | awk '/NEEDED/ {print $2}'); do
  path=$(awk -v l="$lib" '$1 == l && /x86-64|x86_64/ {print $NF; exit}' <<<"$libraries")
  [ -n "$path" ] || { echo "[deploy] FAIL $lib: not found by ldconfig"; status=1; continue; }
  pkg=$(dpkg -S "$(realpath "$path")" 2>/dev/null | head -1 | cut -d: -f1) || pkg=""
  [ -n "$pkg" ] || pkg=$(dpkg -S "$path" 2>/dev/null | head -1 | cut -d: -f1)
  case "$pkg" in libc6|libstdc++6|libgcc-s1) continue ;; esac  # in every Debian image
  grep -qw -- "$pkg" <<<"$runtime" || missing+=("$pkg ($lib)")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "[deploy] ok   deploy/Containerfile: the runtime stage installs every library package the binary needs"
else
  echo "[deploy] FAIL deploy/Containerfile: the runtime stage lacks ${missing[*]}"; status=1
fi
[ $status -eq 0 ] && echo "3 passed, 0 failed" || echo "deploy checks failed"
exit $status
