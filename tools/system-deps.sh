#!/usr/bin/env bash
# Installs the Debian packages that the test suite needs, when they are missing.
set -euo pipefail
packages=()
# (browser and validator packages are added here as the tests need them)
packages+=(rsync lftp)  # make deploy and its tests
packages+=(chromium chromium-driver)  # browser tests (theme, search)
packages+=(default-jre-headless)  # the Nu Html Checker (vnu.jar)
packages+=(faketime)  # reproducible-build test: a second build a year later
packages+=(openssl)  # search tests: the certificate of the HTTPS stand-in for the published address
packages+=(nodejs)  # search tests: search.js run by Node for the one-folding test (npm needs it too)
missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
