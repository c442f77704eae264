#!/usr/bin/env bash
# Lints docs/api/openapi.yaml with @redocly/cli (npm ci in tests/web installs
# it); any error or warning fails. Prints TAP; skips when it is not installed.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
redocly=$root/tests/web/node_modules/.bin/redocly
if [ ! -x "$redocly" ] || ! command -v node >/dev/null; then
	echo "1..0 # SKIP @redocly/cli is not installed (npm ci --prefix tests/web)"
	exit 0
fi
echo "1..1"
out=$(cd "$root/docs/api" && timeout 300 "$redocly" lint --format stylish \
	--config redocly.yaml openapi.yaml 2>&1)
status=$?
if [ $status -eq 0 ] && ! grep -qE '^ +[0-9]+:[0-9]+ +(warning|error)' <<<"$out"; then
	echo "ok 1 - redocly lint: docs/api/openapi.yaml is valid OpenAPI without warnings"
else
	echo "not ok 1 - redocly lint: docs/api/openapi.yaml"
	sed 's/^/# /' <<<"$out" | grep -v '║' | head -40
	exit 1
fi
