#!/usr/bin/env bash
# Makes the image's base root filesystem from Debian's own packages, without a container engine: a minimal
# Debian 13 (trixie) with OpenJDK 25's headless runtime (for its AOT cache) and the CA certificates, a user 185
# for the gateway, and nothing the gateway does not need at run time (no apt state, no docs, no .deb files).
# tools/image.sh and the image test build the image on it (docs/deployment.md "The image").
#
#   sudo tools/image-rootfs.sh DIR            # root is needed: debootstrap, chroot
#
# DIR is left complete or not at all: it is built beside it and moved into place at the end.
set -euo pipefail
DIR=${1:?usage: image-rootfs.sh DIR}
SUITE=${IMAGE_SUITE:-trixie}
MIRROR=${IMAGE_MIRROR:-http://deb.debian.org/debian}
if [ -f "$DIR/.complete" ]; then
    echo "image-rootfs: $DIR is already built ($(cat "$DIR/.complete"))"
    exit 0
fi
command -v debootstrap >/dev/null || { echo "image-rootfs: debootstrap is missing (apt-get install debootstrap)" >&2; exit 3; }
[ "$(id -u)" = 0 ] || { echo "image-rootfs: must run as root (debootstrap, chroot)" >&2; exit 3; }
BUILD="$DIR.building"
rm -rf "$BUILD"
mkdir -p "$(dirname "$DIR")"
echo "image-rootfs: debootstrap $SUITE (minbase, openjdk-25-jre-headless) into $BUILD"
debootstrap --variant=minbase --include=openjdk-25-jre-headless,ca-certificates "$SUITE" "$BUILD" "$MIRROR" > "$BUILD.log" 2>&1 \
    || { echo "image-rootfs: debootstrap failed, see $BUILD.log" >&2; exit 1; }
chroot "$BUILD" groupadd --system --gid 185 gateway
chroot "$BUILD" useradd --system --uid 185 --gid 185 --home-dir /deployments --no-create-home --shell /usr/sbin/nologin gateway
printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' > "$BUILD/etc/hosts"
# Run time needs none of this; the JDK's own legal notices stay (under /usr/lib/jvm).
rm -rf "$BUILD"/var/cache/apt/* "$BUILD"/var/lib/apt/lists/* "$BUILD"/usr/share/doc/* "$BUILD"/usr/share/man/* \
    "$BUILD"/usr/share/locale/* "$BUILD"/usr/share/info/* "$BUILD"/var/log/*.log "$BUILD"/var/cache/debconf/*-old
echo "$SUITE openjdk-25-jre-headless $(chroot "$BUILD" dpkg-query -W -f '${Version}' openjdk-25-jre-headless) $(date -u +%FT%TZ)" > "$BUILD/.complete"
rm -rf "$DIR"
mv "$BUILD" "$DIR"
rm -f "$BUILD.log"
echo "image-rootfs: $DIR ($(du -sh "$DIR" | cut -f1))"
