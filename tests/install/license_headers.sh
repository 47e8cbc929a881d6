#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Every source file of the project names its license in its first lines (an SPDX line), and the
# license's text is there: what a class or a packager reads before handing the program on.
# license_headers.sh SOURCE_DIR
set -euo pipefail
root=$1
tag='SPDX-License-Identifier: GPL-3.0-or-later'
[ -s "$root/LICENSE" ] || { echo "FAIL: no LICENSE at the top of $root" >&2; exit 1; }
grep -q 'GNU GENERAL PUBLIC LICENSE' "$root/LICENSE" && grep -q 'Version 3' "$root/LICENSE" \
  || { echo "FAIL: LICENSE is not the GPL v3's text" >&2; exit 1; }
missing=()
checked=0
while IFS= read -r -d '' f; do
  checked=$((checked + 1))
  head -n 3 "$f" | grep -qF "$tag" || missing+=("${f#"$root"/}")
done < <(find "$root" \( -path "$root/.git" -o -path "$root/build*" -o -path "$root/tests/fuzz/corpus" \
           -o -path "$root/tests/fuzz/regressions" \) -prune -o -type f \
           \( -name '*.cpp' -o -name '*.h' -o -name '*.py' -o -name '*.cmake' -o -name '*.sh' \
              -o -name CMakeLists.txt -o -perm -u=x \) -print0)
if [ ${#missing[@]} -gt 0 ]; then
  echo "FAIL: ${#missing[@]} of $checked source files have no '$tag' in their first 3 lines:" >&2
  printf '  %s\n' "${missing[@]}" >&2
  exit 1
fi
echo "$checked source files name their license"
