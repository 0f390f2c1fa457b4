#!/usr/bin/env bash
# rootfs.sh DEST: the root file system of a production image, taken from the (Debian or Ubuntu)
# build image it runs in: the shared libraries a jlink'ed JRE links against (libc, libgcc, libstdc++,
# zlib), the CA bundle, a minimal /etc, the service user jessy (10001) and its data directory
# /var/lib/jessy. No shell, no package manager. Used by the rootfs stage of docker/Dockerfile.
set -euo pipefail
dest=$1
mkdir -p "$dest"
# The merged-/usr symlinks (/lib -> usr/lib, ...), so the dynamic loader's path resolves.
for link in /bin /sbin /lib /lib64; do
  if [[ -L $link ]]; then cp -a "$link" "$dest/"; fi
done
# Files of the packages, by canonical path so nothing is copied twice through those symlinks.
for pkg in libc6 libgcc-s1 libstdc++6 zlib1g; do
  dpkg-query -L "$pkg" | while IFS= read -r f; do
    if [[ -d $f || ! (-f $f || -L $f) ]]; then continue; fi
    # No docs, and no iconv modules (gconv): the JVM does its own charset conversion.
    case $f in /usr/share/* | */gconv/*) continue ;; esac
    dir=$(readlink -f "${f%/*}")
    echo "${dir#/}/${f##*/}"
  done
done | sort -u | tar -C / --no-recursion -cf - -T - | tar -C "$dest" -xf -
tar -C / -chf - etc/ssl/certs/ca-certificates.crt | tar -C "$dest" -xf -
mkdir -p "$dest/tmp" "$dest/var/lib/jessy"
chmod 1777 "$dest/tmp"
cat >"$dest/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
jessy:x:10001:10001:jessy:/var/lib/jessy:/sbin/nologin
PASSWD
cat >"$dest/etc/group" <<'GROUP'
root:x:0:
nogroup:x:65534:
jessy:x:10001:
GROUP
echo 'hosts: files dns' >"$dest/etc/nsswitch.conf"
chown 10001:10001 "$dest/var/lib/jessy"
chmod 750 "$dest/var/lib/jessy"
