#!/bin/sh
# Installs the Debian tools of the third-party tests (tests/test_interop.py), as root or
# through sudo: raptor2-utils (rapper), libxml2-utils (xmllint) and a Java runtime for
# owlready2's HermiT.
set -e
if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
echo "installing rapper, xmllint and Java (Debian packages) for the third-party tests..."
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
    --no-install-recommends raptor2-utils libxml2-utils default-jre-headless >/dev/null
command -v rapper xmllint java
