#!/bin/sh
# TypeScript types of the changrenzhi service, generated from its OpenAPI document, and the
# example client (check.ts) type-checked against them. Needs Node.js 18+ and the npm registry;
# not part of CI. Run from anywhere:
#
#   docs/clients/typescript/generate.sh [OPENAPI]   # default: schema/openapi.json of this checkout
#
# (OPENAPI may also be a live server's http://HOST:PORT/openapi.json.)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
spec=${1:-"$here/../../../schema/openapi.json"}
cd "$here"
[ -f package.json ] || printf '{"private": true, "type": "module"}\n' > package.json
npm install --no-audit --no-fund --silent openapi-typescript@7 openapi-fetch@0.13 typescript@5 tsx@4 @types/node@20
# fields with a default (lang, format) stay optional in requests
npx openapi-typescript "$spec" -o changrenzhi.d.ts --default-non-nullable false
npx tsc --noEmit --strict --target es2022 --module nodenext --moduleResolution nodenext \
    --allowImportingTsExtensions --skipLibCheck --types node check.ts
echo "wrote $here/changrenzhi.d.ts; check.ts type-checks against it"
