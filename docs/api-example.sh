#!/usr/bin/env bash
# The API from a script, with a token: an information asset classified, a case that draws on
# it, the case's specification (the requirements and why each is there), and the tender
# appendix as DOCX. Needs curl and python3 (to read the JSON answers).
#
#   TOKEN=$(kravkedja token create anna) KK=http://127.0.0.1:8080 bash docs/api-example.sh
#
# It leaves specification.json and kravspecifikation.docx in the current directory.
set -euo pipefail
KK=${KK:-http://127.0.0.1:8080}
: "${TOKEN:?set TOKEN to an API token: kravkedja token create USER}"
api() {  # METHOD PATH [JSON BODY]: the answer's body; any error status stops the script
  curl --silent --show-error --fail-with-body -X "$1" -H "Authorization: Bearer $TOKEN" \
    -H "Content-Type: application/json" ${3:+--data "$3"} "$KK$2"
}
field() { python3 -c "import json, sys; print(json.load(sys.stdin)['$1'])"; }

# 1. The information the supplier will hold, classified: confidentiality 3, integrity 2, availability 2.
asset_id=$(api POST /api/v1/assets '{"name": "Trygghetslarmets brukarregister",
  "classification": {"confidentiality": 3, "integrity": 2, "availability": 2}}' | field id)

# 2. A procurement case for a cloud service, and the asset linked to it.
case_id=$(api POST /api/v1/cases '{"registry_number": "KS 2026/1", "title": "Trygghetslarm",
  "object_type": "service", "delivery_model": "cloud_saas"}' | field id)
api POST "/api/v1/cases/$case_id/assets" "{\"asset_id\": \"$asset_id\"}" > /dev/null

# 3. The specification the rules give from that: each requirement with its reasons.
api GET "/api/v1/cases/$case_id/specification" > specification.json
python3 -c "import json; s = json.load(open('specification.json')); print(len(s['entries']), 'requirements')"

# 4. The tender appendix as a Word document.
curl --silent --show-error --fail -H "Authorization: Bearer $TOKEN" \
  -o kravspecifikation.docx "$KK/api/v1/cases/$case_id/specification.docx"
echo "kravspecifikation.docx"
