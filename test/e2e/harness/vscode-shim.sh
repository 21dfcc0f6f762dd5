#!/bin/sh
# A stand-in "VS Code executable" for @vscode/test-electron's runTests({ vscodeExecutablePath }):
# turns the command line test-electron passes to VS Code into a run of the in-host suite inside
# code-server (harness/run-suite.ts). Only the first --extensionDevelopmentPath is used; flags such
# as --no-sandbox or --user-data-dir do not apply to code-server and are ignored.
HERE=$(cd "$(dirname "$0")" && pwd)
DEV=""; TESTS=""; FOLDER=""; TRUST=trusted
for a in "$@"; do
  case "$a" in
    --extensionDevelopmentPath=*) [ -n "$DEV" ] || DEV="${a#*=}" ;;
    --extensionTestsPath=*) TESTS="${a#*=}" ;;
    --*) ;;
    *) FOLDER="$a" ;;
  esac
done
[ -n "$DEV" ] && [ -n "$TESTS" ] || { echo "vscode-shim: need --extensionDevelopmentPath and --extensionTestsPath" >&2; exit 2; }
exec "$HERE/../../../node_modules/.bin/tsx" "$HERE/run-suite.ts" \
  --extension "$DEV" --tests "$TESTS" --workspace "${FOLDER:-$DEV}" --trust "$TRUST" --name test-electron
