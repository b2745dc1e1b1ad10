#!/bin/sh
# setup.sh - prepare the host for the roamscope live-test lab (idempotent).
#
# Installs the Debian packages the lab needs, and fetches Debian's own
# kernel (the package that linux-image-amd64 depends on) plus wireless-regdb
# into a cache dir. The host kernel on the CI machines has no cfg80211 /
# mac80211 and cannot load modules, so the lab boots that Debian kernel
# under qemu (TCG) and uses mac80211_hwsim inside the guest.
#
# Env:
#   LAB_CACHE   cache dir (default /var/cache/roamscope-lab)
#   LAB_NO_APT  set to 1 to skip apt-get install (packages already present)
#
# Output (stdout, last line): path of the unpacked kernel tree, i.e.
#   $LAB_CACHE/kernel/<version>  containing vmlinuz, lib/modules/<version>/...
set -eu

LAB_CACHE=${LAB_CACHE:-/var/cache/roamscope-lab}
export DEBIAN_FRONTEND=noninteractive

log() { echo "setup: $*" >&2; }

need_root() {
    if [ "$(id -u)" != 0 ]; then
        log "must run as root (apt-get, depmod into cache)"; exit 1
    fi
}

# Packages: qemu to boot, busybox-static + daemons + tools to fill the
# initramfs, tcpdump/tshark to capture and inspect, cpio to pack,
# kmod for depmod, python3 for truth.py, tmux+ncurses-term for the TUI test.
PKGS="qemu-system-x86 busybox-static hostapd wpasupplicant iw tcpdump iproute2
      tmux ncurses-base ncurses-term jq cpio gzip kmod python3 tshark"

missing_pkgs() {
    for p in $PKGS; do
        dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed' || echo "$p"
    done
}

# The bzImage is xz-compressed; decompressing it inside a TCG guest costs
# ~10 s per boot. The kernel has CONFIG_PVH, so qemu can boot the plain ELF
# vmlinux directly: cut it out of the bzImage once, here.
extract_vmlinux() {
    python3 - "$1" "$2" <<'PY'
import lzma, sys
d = open(sys.argv[1], 'rb').read()
i = d.find(b'\xfd7zXZ\x00')
out = lzma.LZMADecompressor().decompress(d[i:]) if i >= 0 else b''
if out[:4] != b'\x7fELF':
    sys.exit('no xz-compressed ELF in ' + sys.argv[1])
open(sys.argv[2], 'wb').write(out)
PY
}

need_root
mkdir -p "$LAB_CACHE"

if [ "${LAB_NO_APT:-0}" != 1 ]; then
    miss=$(missing_pkgs | tr '\n' ' ')
    if [ -n "$miss" ]; then
        log "installing: $miss"
        apt-get update -qq >&2
        # tshark asks whether non-root may capture; preseed "no".
        echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections
        # shellcheck disable=SC2086  # word splitting of the package list is wanted
        apt-get install -y -qq --no-install-recommends $miss >&2
    fi
fi

# Which kernel package? linux-image-amd64 is a metapackage depending on
# linux-image-<ver>-amd64 (possibly -unsigned). Ask apt.
kpkg=$(apt-cache depends linux-image-amd64 2>/dev/null \
        | sed -n 's/^ *Depends: \(linux-image-[0-9][^ ]*\)$/\1/p' | head -n1)
if [ -z "$kpkg" ]; then
    apt-get update -qq >&2
    kpkg=$(apt-cache depends linux-image-amd64 \
        | sed -n 's/^ *Depends: \(linux-image-[0-9][^ ]*\)$/\1/p' | head -n1)
fi
[ -n "$kpkg" ] || { log "cannot resolve linux-image-amd64"; exit 1; }
kver=${kpkg#linux-image-}
kver=${kver%-unsigned}
kdir="$LAB_CACHE/kernel/$kver"

if [ ! -f "$kdir/.done" ]; then
    log "fetching $kpkg (kernel $kver)"
    dl="$LAB_CACHE/debs"
    mkdir -p "$dl"
    # apt-get download writes into the cwd; let the _apt sandbox user write it
    chown _apt "$dl" 2>/dev/null || true
    (cd "$dl" && apt-get download -qq "$kpkg" wireless-regdb >&2)
    rm -rf "$kdir.tmp"
    mkdir -p "$kdir.tmp"
    for d in "$dl"/linux-image-*"$kver"*.deb "$dl"/wireless-regdb_*.deb; do
        dpkg-deb -x "$d" "$kdir.tmp"
    done
    # The .deb ships no modules.dep; generate it for the unpacked tree.
    depmod -b "$kdir.tmp" "$kver"
    ln -sf "boot/vmlinuz-$kver" "$kdir.tmp/vmlinuz"
    extract_vmlinux "$kdir.tmp/boot/vmlinuz-$kver" "$kdir.tmp/vmlinux"
    touch "$kdir.tmp/.done"
    rm -rf "$kdir"
    mv "$kdir.tmp" "$kdir"
    rm -f "$dl"/*.deb   # the unpacked tree is the cache; the debs are not needed
else
    log "kernel $kver already cached in $kdir"
fi
# caches made before vmlinux extraction existed
[ -f "$kdir/vmlinux" ] || extract_vmlinux "$kdir/boot/vmlinuz-$kver" "$kdir/vmlinux" || true
# Drop kernels of older Debian point releases (the cache holds one).
for d in "$LAB_CACHE"/kernel/*; do
    [ "$d" = "$kdir" ] || [ ! -d "$d" ] || rm -rf "$d"
done
# A stable name for other scripts.
ln -sfn "kernel/$kver" "$LAB_CACHE/current"
echo "$kdir"
