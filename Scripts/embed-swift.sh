#!/bin/sh
# Regenerates the Swift copies of the files the web plugin serves, so that they ship inside the
# executable (no file is read at run time); TenetWebTests checks that each copy equals its file.
# First, the Event schema inside docs/openapi.yaml (between `# BEGIN event.schema.json` and
# `# END event.schema.json`) is made again from docs/schema/event.schema.json (JSON is YAML; its
# `$defs` references are rewritten to point inside the component), so that POST /v1/events is
# described by the very rules the ingest plugin applies.
#   docs/openapi.yaml           -> Packages/TenetWeb/Sources/OpenAPIDocument.swift (GET /v1/openapi.yaml)
#   Packages/TenetWeb/Assets/*  -> Packages/TenetWeb/Sources/DashboardFiles.swift  (GET /, /assets/NAME)
# Run it after editing any of them. A file is embedded as a Swift raw string literal (##"""…"""##),
# so it must not contain the characters "## or \## (the script refuses it).
set -eu
cd "$(dirname "$0")/.."

# literal FILE: FILE's text as a Swift raw multi-line string literal.
literal() {
  if grep -q -e '"##' -e '\\##' "$1"; then
    echo "embed-swift: $1 contains \"## or \\##, which would end the Swift literal early" >&2
    exit 1
  fi
  echo '##"""'
  cat "$1"
  echo '"""##'
}

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
  echo '/// regenerate with `Scripts/embed-swift.sh` after editing the YAML).'
  echo 'public enum OpenAPIDocument {'
  echo '    /// The document'"'"'s text.'
  printf '    public static let text = '
  literal docs/openapi.yaml
  echo '}'
} > "$out.tmp"
mv "$out.tmp" "$out"

out=Packages/TenetWeb/Sources/DashboardFiles.swift
{
  echo '/// The dashboard'"'"'s files (Packages/TenetWeb/Assets), served by ``DashboardAssets``: copies made'
  echo '/// by `Scripts/embed-swift.sh`, so that they ship inside the executable (a test checks that they'
  echo '/// equal the files; regenerate after editing one).'
  echo 'public enum DashboardFiles {'
  echo '    /// Each file'"'"'s text, by name.'
  echo '    public static let texts: [String: String] = ['
  for file in Packages/TenetWeb/Assets/*; do
    printf '        "%s": ' "$(basename "$file")"
    literal "$file"
    echo ','
  done
  echo '    ]'
  echo '}'
} > "$out.tmp"
mv "$out.tmp" "$out"
