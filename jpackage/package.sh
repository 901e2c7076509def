#!/usr/bin/env bash
# Builds Loupe's installer for the OS this runs on, with a trimmed Java runtime (jlink) and only this OS's natives.
#   jpackage/package.sh [app-image|deb|rpm|dmg|pkg|msi|exe]     (default: deb on Linux, dmg on macOS, msi on Windows)
# Output: target/installer/. Needs JDK 17+ (jpackage), Maven; deb needs fakeroot + dpkg-dev, rpm needs rpm-build,
# msi needs the WiX Toolset 3 on the PATH.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

case "$(uname -s)" in
  Linux*) os=linux; default_type=deb ;;
  Darwin*) os=mac; default_type=dmg ;;
  MINGW*|MSYS*|CYGWIN*) os=windows; default_type=msi ;;
  *) echo "package.sh: unknown OS $(uname -s)" >&2; exit 2 ;;
esac
type=${1:-$default_type}
version=$(sed -n 's:.*<version>\([0-9][0-9.]*\)\(-SNAPSHOT\)\{0,1\}</version>.*:\1:p' pom.xml | head -1)

[ -n "${SKIP_BUILD:-}" ] || mvn -B -q -DskipTests package

input=target/jpackage/input
rm -rf target/jpackage target/installer
mkdir -p "$input/lib"
cp target/loupe.jar "$input/"
# JavaFX's jars without an OS classifier are empty placeholders: the -linux/-mac/-win ones hold the code and natives.
for jar in target/lib/*.jar; do
  case "$(basename "$jar")" in
    javafx-*-[0-9]*.jar) case "$(basename "$jar")" in *-linux.jar|*-mac*.jar|*-win.jar) cp "$jar" "$input/lib/" ;; esac ;;
    *) cp "$jar" "$input/lib/" ;;
  esac
done
# ONNX Runtime's published jar carries every OS's natives: keep this one's. `mvn package` already strips target/lib's
# copy (pom.xml, strip-onnxruntime-natives); stripping again is harmless and covers a target/lib from an older build.
case "$os-$(uname -m)" in
  linux-x86_64) ort=linux-x64 ;; linux-aarch64) ort=linux-aarch64 ;;
  mac-x86_64) ort=osx-x64 ;; mac-arm64) ort=osx-aarch64 ;; *) ort=win-x64 ;;
esac
for jar in "$input"/lib/onnxruntime-*.jar; do
  "$(command -v python3 || command -v python)" jpackage/strip-onnxruntime.py "$jar" "$ort"
done
cp -r sample-datasets "$input/"
rm -rf "$input"/sample-datasets/*/.loupe

modules=$(tr -d ' \n' < jpackage/modules.txt)
args=(--name Loupe --app-version "$version" --vendor "Loupe" --description "Image classifiers by transfer learning, offline"
      --input "$input" --main-jar loupe.jar --main-class dev.loupe.Launcher
      --java-options '-Dloupe.home=$APPDIR' --java-options '-Xmx4g'
      --add-modules "$modules" --jlink-options "--strip-debug --no-header-files --no-man-pages --compress=2"
      --dest target/installer)
case "$os" in
  linux) args+=(--icon icons/png/loupe-256.png) ;;
  mac) args+=(--icon icons/loupe.icns --mac-package-identifier dev.loupe.Loupe) ;;
  windows) args+=(--icon icons/loupe.ico) ;;
esac
if [ "$type" != app-image ]; then
  args+=(--license-file LICENSE --file-associations "jpackage/loupe-model.properties")
  case "$os" in
    linux) args+=(--linux-shortcut --linux-menu-group Graphics --linux-app-category graphics
                  --linux-package-deps "libgtk-3-0" --resource-dir jpackage/linux) ;;
    windows) args+=(--win-menu --win-shortcut --win-dir-chooser --win-per-user-install) ;;
  esac
fi

jpackage --type "$type" "${args[@]}"
echo "package.sh: built $(ls target/installer)"
du -sh target/installer/* | sed 's/^/package.sh: size /'
