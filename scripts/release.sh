#!/usr/bin/env bash
# Builds the release artefact lianjian-<version>.tgz (and its SHA-256) in the repository root: the compiled
# server (dist/), the web app (web/dist), bin/, the reference data read at run time, package.json and the
# lockfile. On the server: unpack, `npm ci --omit=dev`, `node bin/lianjian.js start` (docs/deploy.md).
# Usage: scripts/release.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(realpath "${1:-.}")"
version="$(node -p "require('./package.json').version")"
name="lianjian-${version}"

# Always a full build, never an incremental one: the artefact must be exactly these sources.
rm -rf dist web/dist
npm run --silent build:server && npm run --silent build:web  # not build:demo: the release leaves the prebuilt demo city out

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/$name/web" "$stage/$name/scripts" "$stage/$name/docs"
cp -R package.json package-lock.json README.md bin dist reference "$stage/$name/"
cp -R web/dist "$stage/$name/web/dist"
# The prebuilt demo city is of its build day only and carries the demo's keys: a release installation seeds its demo.
rm -rf "$stage/$name/dist/demo"
# `npm start` in the release only checks that the built output is there (no sources, nothing to build).
cp scripts/ensure-build.mjs "$stage/$name/scripts/"
cp docs/deploy.md "$stage/$name/docs/"

commit="$(git rev-parse HEAD 2>/dev/null || echo unknown)"
dirty="$(git status --porcelain --untracked-files=no 2>/dev/null | grep -q . && echo '（含未提交的修改）' || true)"
cat >"$stage/$name/RELEASE.txt" <<EOF
联检 ${version}
源码提交：${commit}${dirty}
构建时间：$(date -u +%Y-%m-%dT%H:%M:%SZ)
构建环境：Node.js $(node -v)，$(uname -sm)
EOF

# Sorted names, fixed owner and the commit's time: the same sources give the same file list and metadata.
stamp="$(git log -1 --format=%ct 2>/dev/null || date +%s)"
tar -C "$stage" --sort=name --owner=0 --group=0 --numeric-owner --mtime="@${stamp}" -cf - "$name" |
  gzip -n -9 >"$out/$name.tgz"
(cd "$out" && sha256sum "$name.tgz" >"$name.tgz.sha256")
echo "已生成 $out/$name.tgz（$(du -h "$out/$name.tgz" | cut -f1)）"
cat "$out/$name.tgz.sha256"
