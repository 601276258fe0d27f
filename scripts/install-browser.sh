#!/usr/bin/env bash
# Install headless Chromium (Debian package `chromium`) and a CJK font for the browser tests.
#
# Idempotent: does nothing when /usr/bin/chromium and a CJK font are already present.
# Needs root (or sudo). Exits non-zero with a clear message when it cannot install.
# Called by `make browser-deps` (and so by `make test`).
set -euo pipefail

CHROMIUM=/usr/bin/chromium

have_cjk_font() {
    if command -v fc-list >/dev/null 2>&1; then
        fc-list :lang=zh family 2>/dev/null | grep -q . && return 0
    fi
    ls /usr/share/fonts/opentype/noto/NotoSansCJK* /usr/share/fonts/truetype/wqy/* >/dev/null 2>&1
}

if [ -x "$CHROMIUM" ] && have_cjk_font; then
    echo "install-browser: $CHROMIUM and a CJK font are present; nothing to do."
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-browser: ERROR: $CHROMIUM is missing and apt-get is not available." >&2
    echo "install-browser: install Chromium (Debian package 'chromium') and a CJK font" >&2
    echo "install-browser: (fonts-noto-cjk or fonts-wqy-zenhei) by hand; the browser tests need them." >&2
    exit 1
fi

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO=(sudo -n)
    else
        echo "install-browser: ERROR: $CHROMIUM is missing and this user is not root" >&2
        echo "install-browser: and cannot use sudo without a password. Run as root:" >&2
        echo "install-browser:   apt-get update && apt-get install -y --no-install-recommends chromium fonts-noto-cjk" >&2
        exit 1
    fi
fi

export DEBIAN_FRONTEND=noninteractive
echo "install-browser: installing chromium and fonts-noto-cjk with apt-get ..."
if ! "${SUDO[@]}" apt-get update -q; then
    echo "install-browser: ERROR: apt-get update failed (no network or no package sources?)." >&2
    exit 1
fi
if ! "${SUDO[@]}" apt-get install -y -q --no-install-recommends chromium fonts-noto-cjk; then
    echo "install-browser: ERROR: apt-get install chromium fonts-noto-cjk failed." >&2
    exit 1
fi

if [ ! -x "$CHROMIUM" ]; then
    echo "install-browser: ERROR: apt-get finished but $CHROMIUM is still missing." >&2
    exit 1
fi
echo "install-browser: OK: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
