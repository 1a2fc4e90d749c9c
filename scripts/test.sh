#!/usr/bin/env bash
# Every test: lint (boundaries, format, unused exports, import cycles, table ownership), typecheck, module tests on PGlite and on PostgreSQL, browser tests in Chromium.
# The PostgreSQL leg runs when a server answers at LIANJIAN_TEST_PG_URL (default 127.0.0.1:5432);
# with LIANJIAN_TEST_PG=required (CI) its absence is a failure.
# Independent steps run side by side to save time (lint, typecheck and build; the PGlite and PostgreSQL module legs):
# each one's output is printed as one block when it ends, and the script fails if any of them failed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-system-deps.sh
export LIANJIAN_TEST_PG_URL="${LIANJIAN_TEST_PG_URL:-postgres://postgres@127.0.0.1:5432/postgres}"

logs="$(mktemp -d)"
jobs_pids=()
# Interrupted or failed early: stop the steps still running (each is a process group of its own), remove the logs.
stop_jobs() {
  local p
  for p in "${jobs_pids[@]}"; do kill -TERM -- "-$p" 2>/dev/null || true; done
  rm -rf "$logs"
}
trap stop_jobs EXIT
trap 'exit 130' INT TERM

# together "TITLE|COMMAND" …: starts every command in the background (output to its own file), prints each one's
# output under its title as it ends, with its time, and fails once all have ended if any of them failed.
together() {
  local -A title=() log=() began=()
  local spec name pid failed=0
  jobs_pids=()
  for spec in "$@"; do
    name="${spec%%|*}"
    local file="$logs/${#jobs_pids[@]}.log"
    setsid bash -c "${spec#*|}" >"$file" 2>&1 &
    pid=$!
    jobs_pids+=("$pid")
    title[$pid]="$name"
    log[$pid]="$file"
    began[$pid]="$(date +%s)"
  done
  local remaining=${#jobs_pids[@]}
  while [ "$remaining" -gt 0 ]; do
    local status=0
    # wait -p (bash ≥ 5.1) names the job that ended.
    wait -n -p pid || status=$?
    remaining=$((remaining - 1))
    echo "== ${title[$pid]}（用时 $(($(date +%s) - began[$pid])) 秒）$([ "$status" -eq 0 ] || echo "：失败，退出码 $status") =="
    cat "${log[$pid]}"
    [ "$status" -eq 0 ] || failed=1
  done
  jobs_pids=()
  return "$failed"
}

together \
  "代码检查（ESLint、Prettier、knip、架构）|npm run --silent lint" \
  "类型检查|npm run --silent typecheck" \
  "构建服务端与网页|npm run --silent build"

# The tests that start the platform as a process (server, CLI) run the bundle just built instead of compiling
# the TypeScript through tsx at every start (test/support/cli-entry.ts).
export LIANJIAN_TEST_BUILT=1

module_legs=("模块测试：嵌入式 PGlite|npx vitest run")
if node -e "const c=new (require('pg').Client)({connectionString:process.env.LIANJIAN_TEST_PG_URL});c.connect().then(()=>c.end()).catch(()=>process.exit(1))"; then
  module_legs+=("模块测试：PostgreSQL（${LIANJIAN_TEST_PG_URL}）|LIANJIAN_TEST_DB=postgres npx vitest run")
elif [ "${LIANJIAN_TEST_PG:-}" = "required" ]; then
  echo "PostgreSQL 不可用（${LIANJIAN_TEST_PG_URL}），而 LIANJIAN_TEST_PG=required" >&2
  exit 1
else
  echo "!! 未运行 PostgreSQL 测试：${LIANJIAN_TEST_PG_URL} 无法连接"
fi
together "${module_legs[@]}"

echo "== 浏览器测试：Chromium =="
npx vitest run --config vitest.browser.config.ts
