#!/bin/sh
# Regenerates the parts of the web API's OpenAPI document that are copies:
# 1. the Event schema in docs/openapi.yaml, between `# BEGIN event.schema.json` and
#    `# END event.schema.json`, from docs/schema/event.schema.json (JSON is YAML; its `$defs`
#    references are rewritten to point inside the component), so that POST /v1/events is
#    described by the same rules the ingest plugin applies;
# 2. Packages/TenetWeb/Sources/OpenAPIDocument.swift from docs/openapi.yaml (the copy the web
#    plugin serves at /v1/openapi.yaml; TenetWebTests checks that the copies are equal).
set -eu
cd "$(dirname "$0")/.."
python3 - <<'PYTHON'
import json

path = "docs/openapi.yaml"
text = open(path, encoding="utf-8").read()
begin, end = "      # BEGIN event.schema.json\n", "      # END event.schema.json\n"
schema = json.load(open("docs/schema/event.schema.json", encoding="utf-8"))
schema.pop("$schema", None)
body = json.dumps(schema, indent=2, ensure_ascii=False).replace('"#/$defs/', '"#/components/schemas/Event/$defs/')
block = "".join("      " + line + "\n" for line in body.split("\n"))
head, rest = text.split(begin, 1)
_, tail = rest.split(end, 1)
open(path, "w", encoding="utf-8").write(head + begin + block + end + tail)
PYTHON
out=Packages/TenetWeb/Sources/OpenAPIDocument.swift
{
  echo '/// The OpenAPI 3.1 document of the web API, served at `GET /v1/openapi.yaml`: a copy of'
  echo '/// docs/openapi.yaml, so that it ships inside the executable (a test checks that they are equal;'
  echo '/// regenerate with `Scripts/openapi-swift.sh` after editing the YAML).'
  echo 'public enum OpenAPIDocument {'
  echo '    /// The document'"'"'s text.'
  echo '    public static let text = #"""'
  cat docs/openapi.yaml
  echo '"""#'
  echo '}'
} > "$out"
