#!/usr/bin/env bash
# Installs the Debian packages the browser tests and PDF rendering need (Chromium, CJK fonts,
# poppler for rendering PDFs to PNG) when they are missing. Needs root and apt; prints what it does.
set -euo pipefail
missing=()
for pkg in chromium fonts-noto-cjk fonts-wqy-microhei poppler-utils; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "安装系统依赖：${missing[*]}"
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "缺少 ${missing[*]}，且无法自动安装（需要 root 与 apt-get）。请手动安装后重试。" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "系统依赖已安装"
