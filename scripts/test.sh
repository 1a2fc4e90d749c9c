#!/usr/bin/env bash
# Every test: typecheck, module tests on PGlite and on PostgreSQL, browser tests in Chromium.
# The PostgreSQL leg runs when a server answers at LIANJIAN_TEST_PG_URL (default 127.0.0.1:5432);
# with LIANJIAN_TEST_PG=required (CI) its absence is a failure.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-system-deps.sh
export LIANJIAN_TEST_PG_URL="${LIANJIAN_TEST_PG_URL:-postgres://postgres@127.0.0.1:5432/postgres}"

echo "== 类型检查 =="
npm run --silent typecheck
echo "== 构建服务端与网页 =="
npm run --silent build

echo "== 模块测试：嵌入式 PGlite =="
npx vitest run

if node -e "const c=new (require('pg').Client)({connectionString:process.env.LIANJIAN_TEST_PG_URL});c.connect().then(()=>c.end()).catch(()=>process.exit(1))"; then
  echo "== 模块测试：PostgreSQL（${LIANJIAN_TEST_PG_URL}） =="
  LIANJIAN_TEST_DB=postgres npx vitest run
elif [ "${LIANJIAN_TEST_PG:-}" = "required" ]; then
  echo "PostgreSQL 不可用（${LIANJIAN_TEST_PG_URL}），而 LIANJIAN_TEST_PG=required" >&2
  exit 1
else
  echo "!! 未运行 PostgreSQL 测试：${LIANJIAN_TEST_PG_URL} 无法连接"
fi

echo "== 浏览器测试：Chromium =="
npx vitest run --config vitest.browser.config.ts
