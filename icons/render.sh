#!/usr/bin/env sh
# Renders loupe.svg into every icon file Loupe needs, and copies the window-icon sizes into the app's resources.
# Needs: rsvg-convert (librsvg2-bin), convert (imagemagick), png2icns (icnsutils).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
res="$here/../src/main/resources/loupe/icons"
mkdir -p "$here/png" "$res"
for s in 16 24 32 48 64 128 256 512 1024; do
  rsvg-convert -w "$s" -h "$s" "$here/loupe.svg" -o "$here/png/loupe-$s.png"
done
# Windows: one .ico holding the sizes Explorer and the taskbar ask for.
convert "$here/png/loupe-16.png" "$here/png/loupe-24.png" "$here/png/loupe-32.png" "$here/png/loupe-48.png" \
        "$here/png/loupe-64.png" "$here/png/loupe-128.png" "$here/png/loupe-256.png" "$here/loupe.ico"
# macOS: png2icns accepts only the sizes the .icns format defines.
png2icns "$here/loupe.icns" "$here/png/loupe-16.png" "$here/png/loupe-32.png" "$here/png/loupe-48.png" \
         "$here/png/loupe-128.png" "$here/png/loupe-256.png" "$here/png/loupe-512.png" "$here/png/loupe-1024.png"
# Window icons, loaded from the class path so they are found inside the jar.
for s in 16 24 32 48 64 128 256; do
  cp "$here/png/loupe-$s.png" "$res/loupe-$s.png"
done
