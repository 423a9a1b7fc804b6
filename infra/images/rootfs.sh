#!/usr/bin/env bash
# The operating system part of the container images, built without a container registry or a Docker engine:
# a jlinked Java runtime from the build's own JDK, the few shared libraries it needs from this Debian's packages
# (apt-get download + dpkg-deb -x), a non-root user and nothing else (no shell, no package manager).
# Jib adds this folder to a scratch image as its first layer; the portal's jars and classes go on top.
#
#   infra/images/rootfs.sh <output folder>     (the portal's `images` profile calls it: target/image-rootfs)
#
# Needs: a JDK 21+ (JAVA_HOME, or the java on PATH), apt-get and dpkg-deb (Debian/Ubuntu, amd64), network to the
# Debian mirror configured for apt. Takes about 30 s; skipped when the folder is newer than this script.
set -euo pipefail

out=${1:?usage: rootfs.sh <output folder>}
script=$(readlink -f "$0")
if [[ -f "$out/.complete" && "$out/.complete" -nt "$script" ]]; then
  echo "rootfs: $out is up to date"
  exit 0
fi
java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
feature=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$java_home/release" 2>/dev/null || true)
if [[ ! -x "$java_home/bin/jlink" || "${feature:-0}" -lt 21 ]]; then
  echo "rootfs: $java_home is not a JDK 21+ (set JAVA_HOME, e.g. /usr/lib/jvm/temurin-25-jdk-amd64)" >&2
  exit 1
fi
[[ "$(dpkg --print-architecture 2>/dev/null)" == amd64 ]] || { echo "rootfs: needs a Debian amd64 machine" >&2; exit 1; }

rm -rf "$out"
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# 1. Java: the modules `jdeps --print-module-deps --ignore-missing-deps` finds on the portal's class path (java.base,
# java.compiler, java.desktop, java.instrument, java.net.http, java.prefs, java.scripting, java.security.jgss,
# java.sql.rowset, jdk.jfr, jdk.management, jdk.net, jdk.unsupported and what they require), plus those only found
# by name at run time: locale data (French dates and numbers), charsets, the cryptoki/EC providers, DNS for JNDI,
# zipfs, JFR's management beans, XML signatures, SASL, RMI (JMX). java.desktop is for PDFBox/openhtmltopdf (AWT
# geometry and colour, ImageIO), run headless: the X11 and sound libraries are left out, so are the debug symbols,
# headers and man pages.
modules=java.base,java.compiler,java.datatransfer,java.desktop,java.instrument,java.logging,java.management
modules+=,java.naming,java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl
modules+=,java.sql,java.sql.rowset,java.transaction.xa,java.xml,java.xml.crypto,jdk.charsets,jdk.crypto.cryptoki
modules+=,jdk.crypto.ec,jdk.jfr,jdk.localedata,jdk.management,jdk.management.jfr,jdk.naming.dns,jdk.net
modules+=,jdk.unsupported,jdk.zipfs
"$java_home/bin/jlink" --add-modules "$modules" --output "$out/opt/java" \
  --strip-debug --no-header-files --no-man-pages --compress=zip-6 \
  --exclude-files='**/libawt_xawt.so,**/libjsound.so,**/libsplashscreen.so'

# 2. C libraries from Debian packages of this release: glibc (the runtime bundles zlib, freetype and libstdc++),
# libgcc_s (glibc loads it to unwind exiting threads), the C.UTF-8 locale (file names and console in UTF-8).
# Certificates: the runtime's own lib/security/cacerts (Mozilla's roots); no system trust store is needed.
download() { (cd "$work" && apt-get download -q "$@" 2>&1 | grep -v '^W: Download is performed unsandboxed' || true); }
downloaded() { ls "$work"/libc6_*.deb "$work"/libc-bin_*.deb "$work"/libgcc-s1_*.deb >/dev/null 2>&1; }
download libc6 libc-bin libgcc-s1
if ! downloaded && [[ $(id -u) -eq 0 ]]; then
  # A fresh machine may have no package lists yet (or stale ones naming versions the mirror dropped).
  apt-get update -qq
  download libc6 libc-bin libgcc-s1
fi
downloaded || { echo "rootfs: apt-get download failed (run apt-get update)" >&2; exit 1; }
for deb in "$work"/*.deb; do
  dpkg-deb -x "$deb" "$work/x"
done
# libgcc-s1's licence is its source package's (a link to e.g. gcc-12-base): fetched for that file only.
gcc_base=$(readlink "$work/x/usr/share/doc/libgcc-s1")
download "$gcc_base"
dpkg-deb -x "$work/$gcc_base"_*.deb "$work/x"
rm "$work/$gcc_base"_*.deb
lib=lib/x86_64-linux-gnu
mkdir -p "$out/$lib" "$out/lib64" "$out/usr/lib/locale" "$out/usr/share/doc"
for so in ld-linux-x86-64.so.2 libc.so.6 libm.so.6 libdl.so.2 libpthread.so.0 librt.so.1 libresolv.so.2 \
          libnss_files.so.2 libnss_dns.so.2 libgcc_s.so.1; do
  cp -L "$work/x/$lib/$so" "$out/$lib/$so"
done
# The programs' interpreter path (PT_INTERP); a copy, not a link: Jib copies files, not links.
cp -L "$work/x/$lib/ld-linux-x86-64.so.2" "$out/lib64/ld-linux-x86-64.so.2"
cp -r "$work/x/usr/lib/locale/C.utf8" "$out/usr/lib/locale/"
for deb in "$work"/*.deb; do
  pkg=$(dpkg-deb -f "$deb" Package)
  mkdir -p "$out/usr/share/doc/$pkg"
  cp -L "$work/x/usr/share/doc/$pkg/copyright" "$out/usr/share/doc/$pkg/"
  echo "$pkg $(dpkg-deb -f "$deb" Version)" >> "$out/usr/share/doc/debian-packages.txt"
done

# 3. Users: root, and the one the processes run as (uid/gid 10001, no shell, a home it cannot write).
mkdir -p "$out/etc" "$out/tmp" "$out/home/guichet"
cat > "$out/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/usr/sbin/nologin
guichet:x:10001:10001:Guichet Bioproduction:/home/guichet:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
PASSWD
cat > "$out/etc/group" <<'GROUP'
root:x:0:
guichet:x:10001:
nogroup:x:65534:
GROUP
# Names: /etc/hosts first, then DNS (the container runtime provides hosts and resolv.conf).
echo 'hosts: files dns' > "$out/etc/nsswitch.conf"

"$java_home/bin/java" -version 2>&1 | head -n 1 > "$out/opt/java/JDK-SOURCE"
touch "$out/.complete"
echo "rootfs: $(du -sh "$out" | cut -f1) in $out"
