#!/usr/bin/env bash
# The large-data generator at a tiny scale (one organisation of 333 cases) into a fresh SQLite
# database: it must finish, and every audit chain it wrote must verify. The benchmark runs it at
# full scale (300 organisations, 100,000 cases), outside `make test`.
set -euo pipefail
GEN=${1:?usage: check-generator.sh kravkedja_gen kravkedja}
KK=${2:?usage: check-generator.sh kravkedja_gen kravkedja}
TMP=$(mktemp -d /tmp/kk-gen.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
if ! "$GEN" --db "sqlite:$TMP/gen.db" --scale 0.001 >"$TMP/gen.log" 2>&1; then
  echo "[generator] FAIL kravkedja_gen:"; cat "$TMP/gen.log"; exit 1
fi
echo "[generator] ok   $(tail -n 1 "$TMP/gen.log")"
if out=$("$KK" audit verify --db "sqlite:$TMP/gen.db" 2>&1); then
  echo "[generator] ok   $out"
  echo "2 passed, 0 failed"
else
  echo "[generator] FAIL kravkedja audit verify on the generated data:"; echo "$out"; exit 1
fi
