#!/usr/bin/env bash
# Builds the gateway's container image without a container engine, as a tar (docs/deployment.md "The image"):
# a Debian 13 root filesystem with OpenJDK 25 (tools/image-rootfs.sh, made once), the AOT cache trained by that
# JDK on the image's own paths, and Jib's layers on top (se.companydata.gateway.deploy.ContainerImage).
#
#   sudo tools/image.sh [REFERENCE]     # default company-data-gateway:<version>; -> target/image/company-data-gateway.tar
#   then e.g.: skopeo copy docker-archive:target/image/company-data-gateway.tar docker://registry.example.se/…:0.1.0
#
# Needs root (debootstrap, chroot) and Debian's package mirror (IMAGE_MIRROR) the first time.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)
REFERENCE=${1:-company-data-gateway:$VERSION}
ROOTFS=${IMAGE_ROOTFS:-${XDG_CACHE_HOME:-$HOME/.cache}/company-data-gateway/rootfs-trixie}
echo "image: packaging the gateway (./mvnw package -DskipTests)"
./mvnw -q -B package -DskipTests
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/image-classpath.txt
bash tools/image-rootfs.sh "$ROOTFS"
echo "image: training run and layers (a minute or two)"
java -cp "target/test-classes:target/classes:$(cat target/image-classpath.txt)" se.companydata.gateway.deploy.ContainerImage \
    "$ROOTFS" target/image/company-data-gateway.tar "$REFERENCE"
