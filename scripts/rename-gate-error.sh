#!/usr/bin/env bash
# Renames the base class of every error the user can fix, GateError, to
# UserError: the name said "gate" while a bad input, an unreadable file or a
# failed score command are errors of that kind too. One run over src/ and
# __tests__/ after the branches are merged (a rename in each branch would
# collide). It changes only the whole word GateError (code, comments and the
# class definition in src/errors.ts) and refuses to run twice. The error's
# `name`, `new.target.name`, follows the class.
#
#   bash scripts/rename-gate-error.sh && npm run typecheck
set -euo pipefail
cd "$(dirname "$0")/.."

if grep -rqw UserError src __tests__; then
  echo 'UserError is already a name in src/ or __tests__/: not renaming.' >&2
  exit 1
fi
files=$(grep -rlw GateError src __tests__ || true)
if [ -z "$files" ]; then
  echo 'No GateError in src/ or __tests__/: nothing to rename.' >&2
  exit 1
fi
# shellcheck disable=SC2086 # one file name a word: the paths have no blanks
sed -i 's/\bGateError\b/UserError/g' $files
echo "GateError -> UserError in $(echo "$files" | wc -l) files:"
echo "$files"
if grep -rnw GateError src __tests__; then
  echo 'GateError is still named above.' >&2
  exit 1
fi
