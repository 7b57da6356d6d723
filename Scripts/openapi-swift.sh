#!/bin/sh
# Regenerates Packages/TenetWeb/Sources/OpenAPIDocument.swift from docs/openapi.yaml (the copy the
# web plugin serves at /v1/openapi.yaml; TenetWebTests checks that the two are equal).
set -eu
cd "$(dirname "$0")/.."
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
