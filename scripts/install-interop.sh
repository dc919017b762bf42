#!/bin/sh
# Installs the Debian tools of the third-party tests (tests/test_interop.py), as root or
# through sudo: raptor2-utils (rapper), libxml2-utils (xmllint) and a Java runtime for
# owlready2's HermiT. Another apt holding the lock is waited for, up to KG_APT_WAIT seconds
# (600).
set -e
if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
APT="apt-get -o DPkg::Lock::Timeout=${KG_APT_WAIT:-600}"
echo "installing rapper, xmllint and Java (Debian packages) for the third-party tests..."
$SUDO $APT update -qq
DEBIAN_FRONTEND=noninteractive $SUDO $APT install -y -qq \
    --no-install-recommends raptor2-utils libxml2-utils default-jre-headless >/dev/null
command -v rapper xmllint java
