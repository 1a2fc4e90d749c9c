#!/usr/bin/env bash
# Proves the release artefact works as docs/deploy.md says: in an empty directory, unpack it, install the
# production packages only (`npm ci --omit=dev`), then start it on a fresh embedded PGlite directory (demo city)
# and on a new PostgreSQL database (`db migrate` first, as on a server), and check each answers.
# Usage: scripts/check-release.sh [lianjian-<version>.tgz]   (without an argument it builds one first)
# PostgreSQL: LIANJIAN_CHECK_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres) is used to create and
# drop a database of its own; LIANJIAN_CHECK_PG=skip leaves that leg out.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
pid=""
pg_db=""
admin_url="${LIANJIAN_CHECK_PG_URL:-postgres://postgres@127.0.0.1:5432/postgres}"

elapsed() { echo "$(($(date +%s%N) / 1000000 - $1))"; }
now() { echo "$(($(date +%s%N) / 1000000))"; }
step() { printf '%6.1f s  %s\n' "$(echo "$2" | awk '{print $1 / 1000}')" "$1"; }
fail() {
  echo "失败：$1" >&2
  [ -f "$work/server.log" ] && sed 's/^/  | /' "$work/server.log" >&2
  exit 1
}
# Runs SQL on the admin database with the pg package the release itself installed.
admin_sql() {
  (cd "$release" && ADMIN_URL="$admin_url" SQL="$1" node -e "
    const c = new (require('pg').Client)({ connectionString: process.env.ADMIN_URL });
    c.connect().then(() => c.query(process.env.SQL)).then(() => c.end()).catch((e) => { console.error(e.message); process.exit(1); });")
}
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; fi
  if [ -n "$pg_db" ]; then admin_sql "DROP DATABASE IF EXISTS $pg_db" || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

# Starts the release with the given environment, waits for the banner, checks health, the web app and the
# demo city's departments through the API, then stops it as systemd would (SIGTERM).
start_and_check() {
  local label="$1"
  shift
  local port t
  port="$(free_port)"
  t="$(now)"
  : >"$work/server.log"
  # exec: $! is then node itself, which the SIGTERM below must reach. The demo city without its generated
  # activity (a minute of draws and inspections that prove nothing about the release).
  (cd "$release" && exec env "$@" PORT="$port" LIANJIAN_LOG_LEVEL=warn LIANJIAN_DEMO_ACTIVITY=false \
    node bin/lianjian.js start >"$work/server.log" 2>&1) &
  pid=$!
  for _ in $(seq 1 600); do
    grep -q '接口文档' "$work/server.log" && break
    kill -0 "$pid" 2>/dev/null || fail "$label：平台未能启动"
    sleep 0.5
  done
  grep -q '接口文档' "$work/server.log" || fail "$label：300 秒内未启动"
  step "$label：启动（空库时迁移并载入演示城市）" "$(elapsed "$t")"
  local base="http://127.0.0.1:$port"
  curl -fsS "$base/api/health" | grep -q '"status":"ok"' || fail "$label：/api/health"
  curl -fsS "$base/" | grep -q '<div id="app"' || fail "$label：网页 /"
  curl -fsS -c "$work/cookies" -H 'content-type: application/json' \
    -d '{"username":"admin","password":"Lianjian@2026"}' "$base/api/auth/login" >/dev/null || fail "$label：登录"
  # The published demo password must be changed at first login before anything else answers.
  [ "$(curl -sS -o /dev/null -w '%{http_code}' -b "$work/cookies" "$base/api/departments")" = 403 ] ||
    fail "$label：演示账号首次登录未要求修改密码"
  curl -fsS -b "$work/cookies" -H 'content-type: application/json' -H 'x-lianjian-request: 1' \
    -d '{"oldPassword":"Lianjian@2026","newPassword":"Fabu#Jiancha2027"}' "$base/api/auth/password" >/dev/null ||
    fail "$label：修改密码"
  local departments
  departments="$(curl -fsS -b "$work/cookies" "$base/api/departments" | node -e "
    let s=''; process.stdin.on('data', (d) => (s += d)).on('end', () => console.log(JSON.parse(s).items.length));")"
  [ "$departments" -gt 1 ] || fail "$label：演示城市未载入（部门数 $departments）"
  echo "  $label：/api/health 正常，网页可访问，admin 登录并按要求修改密码，演示城市部门 $departments 个"
  t="$(now)"
  kill -TERM "$pid"
  wait "$pid" || fail "$label：停止时退出码非零"
  pid=""
  step "$label：停止" "$(elapsed "$t")"
}

total="$(now)"
if [ $# -ge 1 ]; then
  artefact="$(realpath "$1")"
else
  t="$(now)"
  mkdir -p "$work/out"
  bash "$repo/scripts/release.sh" "$work/out" >"$work/release.log" 2>&1 || { cat "$work/release.log" >&2; exit 1; }
  artefact="$(ls "$work"/out/lianjian-*.tgz)"
  step "构建发布包 $(basename "$artefact")" "$(elapsed "$t")"
fi
echo "发布包：$(basename "$artefact")（$(du -h "$artefact" | cut -f1)）"

t="$(now)"
mkdir -p "$work/install"
tar -xzf "$artefact" -C "$work/install"
release="$(ls -d "$work"/install/lianjian-*)"
[ ! -e "$release/src" ] || fail "发布包中不应含有 src/"
step "解包" "$(elapsed "$t")"

t="$(now)"
# From the local npm cache when it has every package (an offline server fed from a mirror or a copied cache),
# otherwise from the registry.
if (cd "$release" && npm ci --omit=dev --offline --no-audit --no-fund >"$work/npm.log" 2>&1); then
  how="--offline"
else
  (cd "$release" && npm ci --omit=dev --no-audit --no-fund >"$work/npm.log" 2>&1) || { cat "$work/npm.log" >&2; exit 1; }
  how="联网"
fi
[ ! -e "$release/node_modules/tsx" ] || fail "生产安装不应含有 tsx"
# docs/deploy.md promises one artefact for x86_64, ARM64 and LoongArch: no addon compiled for one processor.
native="$(find "$release/node_modules" -name '*.node' | wc -l)"
step "npm ci --omit=dev（$how，$(du -sh "$release/node_modules" | cut -f1)，本地模块 $native 个）" "$(elapsed "$t")"

t="$(now)"
(cd "$release" && node bin/lianjian.js --help >/dev/null) || fail "lianjian --help"
step "lianjian --help" "$(elapsed "$t")"

start_and_check "PGlite" DATABASE_URL= LIANJIAN_DATA_DIR="$work/data"

if [ "${LIANJIAN_CHECK_PG:-}" != "skip" ]; then
  pg_db="lianjian_release_check_$$"
  admin_sql "CREATE DATABASE $pg_db ENCODING 'UTF8' TEMPLATE template0" || fail "无法在 $admin_url 创建数据库"
  pg_url="${admin_url%/*}/$pg_db"
  t="$(now)"
  (cd "$release" && DATABASE_URL="$pg_url" node bin/lianjian.js db migrate >"$work/server.log" 2>&1) || fail "db migrate"
  step "PostgreSQL：lianjian db migrate" "$(elapsed "$t")"
  start_and_check "PostgreSQL" DATABASE_URL="$pg_url"
fi
step "合计" "$(elapsed "$total")"
echo "发布包检查通过"
