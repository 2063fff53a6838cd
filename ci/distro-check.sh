#!/usr/bin/env bash
# Tries the README's two Quick start commands on a bare Debian release, as a new
# user would: makes a minimal chroot of RELEASE with debootstrap, copies a clean
# clone of this repository's HEAD into it, and runs, as root in the chroot,
#
#   ci/bootstrap.sh && cmake --workflow --preset release && build/release/errcontract run
#   ci/bootstrap.sh && cmake --workflow --preset dev
#
# one after the other, printing each command's exit status and wall time. Exits 0
# when both exit 0. Not part of .ci/run: it downloads a whole system (about 1.5 GB
# with the packages bootstrap installs) and builds everything twice without ccache
# (an hour or more on 2 cores).
#
#   ci/distro-check.sh [--keep] bookworm|trixie
#
# Needs root. Installs nothing on the host but debootstrap (with apt, if it is
# missing). The Debian mirror is the one the host's apt sources use for its own
# release (/etc/apt/sources.list and sources.list.d/*.list|*.sources), or
# $ERRC_DEBIAN_MIRROR. Work happens in a new directory under
# ${ERRC_DISTRO_DIR:-/var/tmp}; the chroot is unmounted and deleted on exit
# (kept with --keep), the logs of the two commands are kept and their path printed.
set -euo pipefail

usage() {
  echo "usage: ci/distro-check.sh [--keep] bookworm|trixie" >&2
  exit 2
}

keep=0 release=""
while (($#)); do
  case $1 in
    --keep) keep=1; shift ;;
    bookworm | trixie) [[ -z $release ]] || usage; release=$1; shift ;;
    *) usage ;;
  esac
done
[[ -n $release ]] || usage
((EUID == 0)) || { echo "distro-check: run as root (debootstrap and chroot need it)" >&2; exit 2; }
repo=$(cd "$(dirname "$0")/.." && pwd)

# The URI of the host's own Debian release in its apt sources (not -security).
host_mirror() {
  local codename="" f
  codename=$(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}")
  [[ -n $codename ]] || return 0
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [[ -r $f ]] || continue
    awk -v want="$codename" '$1 == "deb" { sub(/\[[^]]*\]/, ""); $0 = $0; if ($3 == want) print $2 }' "$f"
  done
  for f in /etc/apt/sources.list.d/*.sources; do
    [[ -r $f ]] || continue
    awk -v want="$codename" 'BEGIN { RS = "" } {
        uri = ""; ok = 0; deb = 0; on = 1; n = split($0, line, "\n")
        for (i = 1; i <= n; i++) {
          split(line[i], w, /[ \t]+/)
          if (w[1] == "URIs:") uri = w[2]
          if (w[1] == "Types:") for (j = 2; j in w; j++) if (w[j] == "deb") deb = 1
          if (w[1] == "Suites:") for (j = 2; j in w; j++) if (w[j] == want) ok = 1
          if (w[1] == "Enabled:" && w[2] == "no") on = 0
        }
        if (uri != "" && ok && deb && on) print uri }' "$f"
  done
}

mirror=${ERRC_DEBIAN_MIRROR:-$(host_mirror | head -n 1)}
[[ -n $mirror ]] || {
  echo "distro-check: no Debian mirror in the host's apt sources; set ERRC_DEBIAN_MIRROR" >&2
  exit 2
}

if ! command -v debootstrap >/dev/null; then
  echo "distro-check: installing debootstrap on the host" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
fi

work=$(mktemp -d "${ERRC_DISTRO_DIR:-/var/tmp}/errcontract-distro-$release.XXXXXX")
root=$work/root
mounted=()
child=""

# step LOG COMMAND...: runs a long step in the background, output to LOG, so
# that a signal reaches the trap at once.
step() {
  local rc=0 log=$1
  shift
  "$@" >"$log" 2>&1 </dev/null &
  child=$!
  wait "$child" || rc=$?
  child=""
  return "$rc"
}

# Stops what still runs (the current step, anything inside the chroot),
# unmounts everything below the chroot, deepest first, and deletes the chroot
# only once nothing is mounted below it.
cleanup() {
  local pid m
  set +e
  trap '' INT TERM # debootstrap, stopped, signals its whole process group
  [[ -n $child ]] && kill -TERM "$child" 2>/dev/null
  for pid in /proc/[0-9]*; do
    [[ $pid/root -ef $root ]] && kill -KILL "${pid#/proc/}" 2>/dev/null
  done
  [[ -n $child ]] && wait "$child" 2>/dev/null
  while read -r m; do
    [[ -n $m ]] || continue
    umount "$m" 2>/dev/null || umount -l "$m" || echo "distro-check: could not unmount $m" >&2
  done < <({ printf '%s\n' "${mounted[@]}"; awk -v r="$root/" 'index($2, r) == 1 { print $2 }' /proc/mounts; } |
    sort -u | sort -r)
  if grep -q " $root/" /proc/mounts; then
    echo "distro-check: mounts remain under $root; not deleting it" >&2
  elif ((keep)); then
    echo "distro-check: chroot kept in $root" >&2
  else
    rm -rf --one-file-system "$root"
  fi
  echo "distro-check: logs in $work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mount_in() { # mount_in TARGET MOUNT-ARGS...
  mkdir -p "$root$1"
  mount "${@:2}" "$root$1"
  mounted+=("$root$1")
}

clock() { date +%s; }
took() { # took START: "12m34s"
  local s=$(($(clock) - $1))
  printf '%dm%02ds' $((s / 60)) $((s % 60))
}

echo "distro-check: debootstrap --variant=minbase $release from $mirror into $root"
start=$(clock)
if ! step "$work/debootstrap.log" debootstrap --variant=minbase "$release" "$root" "$mirror"; then
  tail -n 20 "$work/debootstrap.log" >&2
  echo "distro-check: debootstrap failed (log: $work/debootstrap.log)" >&2
  exit 1
fi
echo "distro-check: chroot ready in $(took "$start")"

mount_in /proc -t proc proc
mount_in /sys -t sysfs sysfs
mount_in /dev --bind /dev
mount_in /dev/pts --bind /dev/pts
cp /etc/resolv.conf "$root/etc/resolv.conf"
# A real machine has an /etc/hosts naming localhost (the installer, or the
# container engine, writes one); debootstrap wrote none for bookworm here, and
# without it "localhost" does not resolve (an HTTPS test connects by that name).
[[ -s $root/etc/hosts ]] ||
  printf '127.0.0.1\tlocalhost\n::1\t\tlocalhost ip6-localhost ip6-loopback\n' >"$root/etc/hosts"

# A clean clone of HEAD: no build folders, no uncommitted files.
git clone --quiet --no-hardlinks "$repo" "$root/src/errcontract"
echo "distro-check: cloned $(git -C "$repo" rev-parse --short HEAD) into /src/errcontract"

commands=(
  "ci/bootstrap.sh && cmake --workflow --preset release && build/release/errcontract run"
  "ci/bootstrap.sh && cmake --workflow --preset dev"
)
status=0
for i in "${!commands[@]}"; do
  n=$((i + 1)) log=$work/quickstart-$((i + 1)).log
  start=$(clock)
  rc=0
  # CTEST_OUTPUT_ON_FAILURE: a failing test's own output goes into the log, so
  # the log says why, after the chroot is gone.
  step "$log" chroot "$root" /usr/bin/env -i HOME=/root TERM=dumb LANG=C.UTF-8 \
    CTEST_OUTPUT_ON_FAILURE=1 PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    bash -c "cd /src/errcontract && ${commands[i]}" || rc=$?
  echo "distro-check: $release quick start $n: exit $rc in $(took "$start"): ${commands[i]}"
  if ((rc != 0)); then
    status=1
    tail -n 30 "$log" | sed 's/^/  | /'
  fi
done
exit $status
