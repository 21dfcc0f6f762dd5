#!/usr/bin/env bash
# Runs the TextMate grammar assertion files with vscode-tmgrammar-test; exits non-zero on failure.
#
#   test/grammar/cases/*.dockerfile             no shell grammar: heredoc bodies are plain embedded text
#   test/grammar/cases/with-shell/*.dockerfile  with a stand-in for source.shell, to check the embedding
#
# Assertion lines: `# ^^^ scope other.scope - excluded.scope` (one `-` at most per line; the runner's
# assertion parser backtracks for a very long time on a line it cannot parse, hence the timeout).
set -euo pipefail
cd "$(dirname "$0")/../.."

runner=node_modules/vscode-tmgrammar-test/dist/unit.js
bounded() { if command -v timeout >/dev/null; then timeout 300 "$@"; else "$@"; fi; }
config=test/grammar/tmgrammar.json
status=0

node syntaxes/build-grammar.mjs --check || status=1

# Without a shell grammar the runner warns `grammar not found for "source.shell"`: that is the case
# under test, so the warning is filtered out.
bounded node "$runner" --compact --config "$config" 'test/grammar/cases/*.dockerfile' \
  2> >(grep -v 'grammar not found for "source.shell"' >&2) || status=1

bounded node "$runner" --compact --config "$config" -g test/grammar/fixtures/shell-stub.tmLanguage.json \
  'test/grammar/cases/with-shell/*.dockerfile' || status=1

exit "$status"
