#!/bin/bash
# mkinitramfs.sh - build the lab's initramfs from the host's own binaries.
#
# Usage: mkinitramfs.sh [-o OUT.cpio]
#   ROAMSCOPE_BIN=/path/to/roamscope mkinitramfs.sh -o OUT   (adds /bin/roamscope)
#
# Two layers, concatenated (the kernel unpacks concatenated cpio archives):
#   base    : busybox, hostapd, wpa_supplicant, iw, tcpdump, ip, tmux, date,
#             their libraries, kernel modules, regulatory.db, /init.
#             Cached in $LAB_CACHE/initramfs/ under a key made of the package
#             versions, the kernel version and this script + guest/init, so
#             it is rebuilt only when one of those changes (~10 s to build).
#   overlay : roamscope + its libraries (rebuilt every time; it is small and
#             changes with every build of the C code).
#
# Env: LAB_CACHE (default /var/cache/roamscope-lab), ROAMSCOPE_BIN, KVER.
# Prints the path of the final initramfs on stdout.
set -euo pipefail

LAB_CACHE=${LAB_CACHE:-/var/cache/roamscope-lab}
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=""
while [ $# -gt 0 ]; do
    case $1 in
        -o) OUT=$2; shift 2 ;;
        -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
        *) echo "mkinitramfs: unknown arg $1" >&2; exit 2 ;;
    esac
done
OUT=${OUT:-$LAB_CACHE/initramfs.cpio}

log() { echo "mkinitramfs: $*" >&2; }

KROOT=$(readlink -f "$LAB_CACHE/current" 2>/dev/null || true)
if [ -z "$KROOT" ] || [ ! -f "$KROOT/.done" ]; then
    log "no kernel in $LAB_CACHE (run setup.sh first)"; exit 1
fi
KVER=${KVER:-$(basename "$KROOT")}
MODDIR="$KROOT/lib/modules/$KVER"

# Binaries taken from the host (Debian 12 packages installed by setup.sh).
BINS="/usr/sbin/hostapd /usr/sbin/hostapd_cli /usr/sbin/wpa_supplicant
      /usr/sbin/wpa_cli /usr/sbin/iw /usr/bin/tcpdump /usr/sbin/ip /usr/bin/tmux
      /usr/bin/date"
# Modules wanted (their dependencies are added from modules.dep).
# Crypto templates: there is no modprobe to autoload them when mac80211
# asks for ccm(aes), gcm(aes), cmac(aes)... so they are loaded up front.
MODS="ctr ccm gcm ghash-generic cmac seqiv ecb cfg80211 mac80211 bridge veth
      virtio_pci 9pnet_virtio 9p virtio_rng"
HWSIM=mac80211_hwsim

pkgver() { dpkg-query -W -f='${Package}=${Version} ' "$@" 2>/dev/null || true; }
key=$( { pkgver busybox-static hostapd wpasupplicant iw tcpdump iproute2 tmux \
               coreutils libc6 libssl3 libnl-3-200 libpcap0.8 ncurses-base ncurses-term
         echo "$KVER"; cat "$0" "$HERE/guest/init"; } | sha256sum | cut -c1-16)
# Not compressed: gunzip of 34 MB inside a TCG guest costs ~2 s per boot,
# while qemu loads the plain file in no time.
BASE="$LAB_CACHE/initramfs/base-$KVER-$key.cpio"

# --- helpers -----------------------------------------------------------
# Copy a file into $ROOT at the same path, with directory symlinks resolved
# (Debian 12 is merged-/usr: /lib -> usr/lib) and the file itself
# dereferenced, so the initramfs has the name the loader asks for.
copy_file() {
    local src=$1 dir
    dir=$(readlink -f "$(dirname "$src")")
    mkdir -p "$ROOT$dir"
    rm -f "$ROOT$dir/$(basename "$src")"
    cp -L "$src" "$ROOT$dir/$(basename "$src")"
}
# Copy a dynamic binary and every library ldd lists for it.
copy_with_libs() {
    local bin=$1 lib
    copy_file "$bin"
    for lib in $(ldd "$bin" 2>/dev/null | awk '/=> \//{print $3} /^\t\//{print $1}'); do
        [ -e "$ROOT$(readlink -f "$(dirname "$lib")")/$(basename "$lib")" ] || copy_file "$lib"
    done
}
# Module name -> path relative to $MODDIR (names use _ and - interchangeably).
mod_path() {
    local n=${1//-/_} line
    line=$(awk -F: -v n="$n" '{ f=$1; sub(/.*\//,"",f); sub(/\.ko(\.[a-z]+)?$/,"",f);
            gsub(/-/,"_",f); if (f==n) { print $1; exit } }' "$MODDIR/modules.dep")
    [ -n "$line" ] || { log "module $1 not found (builtin?)"; return 1; }
    echo "$line"
}
mod_deps() { awk -F': *' -v p="$1" '$1==p { print $2 }' "$MODDIR/modules.dep"; }
declare -A SEEN=()
ORDER=()
# Depth-first: dependencies of a module are listed in modules.dep with the
# one to load first at the end (as modprobe does), so walk them reversed.
add_mod() {
    local p=$1 deps=() i
    [ -n "${SEEN[$p]:-}" ] && return 0
    SEEN[$p]=1
    read -r -a deps <<< "$(mod_deps "$p")"
    for (( i=${#deps[@]}-1; i>=0; i-- )); do add_mod "${deps[$i]}"; done
    ORDER+=("$p")
}

build_base() {
    ROOT=$(mktemp -d "${TMPDIR:-/tmp}/lab-initramfs.XXXXXX")
    trap 'rm -rf "$ROOT"' EXIT
    log "building base initramfs ($KVER, key $key)"
    # merged-/usr layout like the host, so ldd's paths work as they are
    mkdir -p "$ROOT"/usr/{bin,sbin,lib,lib64} "$ROOT"/{etc,proc,sys,dev,tmp,run,out,root,var}
    ln -s usr/bin "$ROOT/bin"; ln -s usr/sbin "$ROOT/sbin"
    ln -s usr/lib "$ROOT/lib"; ln -s usr/lib64 "$ROOT/lib64"
    ln -s ../run "$ROOT/var/run"

    # busybox applets as symlinks (real binaries copied later replace them)
    cp /bin/busybox "$ROOT/usr/bin/busybox"
    local a
    for a in $(/bin/busybox --list-full); do
        case $a in bin/*|sbin/*) a=usr/$a ;; esac
        [ -e "$ROOT/$a" ] || ln -s /usr/bin/busybox "$ROOT/$a"
    done

    local b
    for b in $BINS; do
        [ -x "$b" ] || { log "missing $b (run setup.sh)"; exit 1; }
        copy_with_libs "$b"
    done
    # hostapd/wpa_supplicant 2.10 load OpenSSL's legacy provider (MD4 etc.)
    if [ -d /usr/lib/x86_64-linux-gnu/ossl-modules ]; then
        mkdir -p "$ROOT/usr/lib/x86_64-linux-gnu/ossl-modules"
        cp /usr/lib/x86_64-linux-gnu/ossl-modules/*.so "$ROOT/usr/lib/x86_64-linux-gnu/ossl-modules/"
    fi
    # tmux refuses to start without a UTF-8 locale; C.utf8 is 400 KB.
    if [ -d /usr/lib/locale/C.utf8 ]; then
        mkdir -p "$ROOT/usr/lib/locale"; cp -r /usr/lib/locale/C.utf8 "$ROOT/usr/lib/locale/"
    fi
    # terminfo for the TUI test (tmux panes are screen/tmux, plus xterm/linux/vt100)
    local t f
    for t in tmux tmux-256color screen screen-256color xterm xterm-256color linux vt100 vt220 dumb; do
        for f in /lib/terminfo/${t:0:1}/$t /usr/share/terminfo/${t:0:1}/$t; do
            [ -e "$f" ] && copy_file "$f"
        done
    done
    # tcpdump looks up its "tcpdump" user; tmux and others want passwd/group.
    printf 'root:x:0:0:root:/root:/bin/sh\ntcpdump:x:0:0::/:/bin/false\n' > "$ROOT/etc/passwd"
    printf 'root:x:0:\ntty:x:5:\ntcpdump:x:0:\n' > "$ROOT/etc/group"
    echo "127.0.0.1 localhost lab" > "$ROOT/etc/hosts"
    : > "$ROOT/etc/fstab"

    # kernel modules in load order
    local m p
    for m in $MODS $HWSIM; do
        p=$(mod_path "$m") || continue
        add_mod "$p"
    done
    mkdir -p "$ROOT/lib/modules"
    : > "$ROOT/etc/lab-modules"
    for p in "${ORDER[@]}"; do
        local name; name=$(basename "$p"); name=${name%.xz}; name=${name%.zst}
        case $p in
            *.xz) xz -dc "$MODDIR/$p" > "$ROOT/lib/modules/$name" ;;
            *.zst) zstd -qdc "$MODDIR/$p" > "$ROOT/lib/modules/$name" ;;
            *) cp "$MODDIR/$p" "$ROOT/lib/modules/$name" ;;
        esac
        # hwsim itself is loaded by the scenario (radios=N); its deps by init
        [ "$name" = "$HWSIM.ko" ] || echo "$name" >> "$ROOT/etc/lab-modules"
    done
    # regulatory.db: the -debian files come from the wireless-regdb .deb; the
    # kernel (CONFIG_CFG80211_REQUIRE_SIGNED_REGDB) checks the .p7s.
    mkdir -p "$ROOT/lib/firmware"
    for f in regulatory.db regulatory.db.p7s; do
        if [ -e "$KROOT/lib/firmware/$f-debian" ]; then
            cp "$KROOT/lib/firmware/$f-debian" "$ROOT/lib/firmware/$f"
        fi
    done

    install -m 755 "$HERE/guest/init" "$ROOT/init"
    mkdir -p "$(dirname "$BASE")"
    (cd "$ROOT" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0) > "$BASE.tmp"
    mv "$BASE.tmp" "$BASE"
    # keep only the newest base for this kernel
    find "$(dirname "$BASE")" -name "base-*.cpio*" ! -path "$BASE" -delete
    rm -rf "$ROOT"; trap - EXIT
    log "base: $BASE ($(du -h "$BASE" | cut -f1))"
}

[ -f "$BASE" ] || build_base

mkdir -p "$(dirname "$OUT")"
if [ -n "${ROAMSCOPE_BIN:-}" ] && [ -x "$ROAMSCOPE_BIN" ]; then
    ROOT=$(mktemp -d "${TMPDIR:-/tmp}/lab-overlay.XXXXXX")
    trap 'rm -rf "$ROOT"' EXIT
    mkdir -p "$ROOT/usr/bin"
    # same merged-/usr layout so library paths match the base
    ln -s usr/lib "$ROOT/lib"; ln -s usr/lib64 "$ROOT/lib64"; mkdir -p "$ROOT"/usr/{lib,lib64}
    cp -L "$ROAMSCOPE_BIN" "$ROOT/usr/bin/roamscope"
    # a libtool wrapper script would not run in the guest: insist on ELF
    if ! head -c4 "$ROOT/usr/bin/roamscope" | grep -q ELF; then
        log "$ROAMSCOPE_BIN is not an ELF binary (libtool wrapper? use .libs/roamscope)"; exit 1
    fi
    for lib in $(ldd "$ROAMSCOPE_BIN" 2>/dev/null | awk '/=> \//{print $3} /^\t\//{print $1}'); do
        dir=$(readlink -f "$(dirname "$lib")"); mkdir -p "$ROOT$dir"; cp -L "$lib" "$ROOT$dir/"
    done
    # drop the symlinks that would clobber the base's /lib -> usr/lib
    rm -f "$ROOT/lib" "$ROOT/lib64"
    (cd "$ROOT" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0) > "$OUT.overlay"
    cat "$BASE" "$OUT.overlay" > "$OUT.tmp"
    rm -f "$OUT.overlay"; rm -rf "$ROOT"; trap - EXIT
    log "with roamscope from $ROAMSCOPE_BIN"
else
    [ -z "${ROAMSCOPE_BIN:-}" ] || log "ROAMSCOPE_BIN=$ROAMSCOPE_BIN not executable; building without roamscope"
    cp "$BASE" "$OUT.tmp"
fi
mv "$OUT.tmp" "$OUT"
echo "$OUT"
