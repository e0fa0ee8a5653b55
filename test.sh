#!/usr/bin/env bash
# The test command: brings what the tests read, then runs every test.
#   ./test.sh                 all tests but those marked Slow
#   ./test.sh <dotnet test options>   passed on, e.g. --filter "FullyQualifiedName~Onnx"
# Some tests read Debian packages: the Fashion-MNIST IDX files (dataset-fashion-mnist), the ONNX
# operator conformance data (libonnx-testdata) and a headless browser (chromium). Those missing are
# installed first (as root, or through sudo); nothing else is needed beyond the .NET 10 SDK.
set -euo pipefail
cd "$(dirname "$0")"

need=()
[ -d /usr/share/datasets/fashion-mnist ] || need+=(dataset-fashion-mnist)
[ -d /usr/share/libonnx-testdata ] || need+=(libonnx-testdata)
[ -x /usr/bin/chromium ] || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing what the tests read: ${need[*]}"
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

exec dotnet test NeuroChip.sln -c Release "$@"
