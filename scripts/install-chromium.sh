#!/bin/sh
# Installs Debian's chromium for the browser tests (as root, or through sudo). Another apt
# holding the lock (a second checkout's tests, unattended upgrades) is waited for, up to
# KG_APT_WAIT seconds (600).
set -e
if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
APT="apt-get -o DPkg::Lock::Timeout=${KG_APT_WAIT:-600}"
echo "installing chromium (Debian package) for the browser tests..."
$SUDO $APT update -qq
DEBIAN_FRONTEND=noninteractive $SUDO $APT install -y -qq --no-install-recommends chromium >/dev/null
command -v chromium
