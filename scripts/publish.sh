#!/usr/bin/env bash
# Builds styx-tui as one self-contained executable per runtime (no .NET needed where it runs), stamped with a version.
#
#   scripts/publish.sh [--rid RID]... [--out DIR] [--version V]
#
#   --rid RID      a .NET runtime identifier; repeatable. Default: osx-arm64 (the cluster's Macs) and linux-x64.
#                  linux-arm64 suits a container image on an arm64 host.
#   --out DIR      where the results go. Default: artifacts/publish (gitignored).
#   --version V    the version styx-tui prints (--version, the exec `version`, the SSH identification string) and the
#                  tarball's name carries, as given. Default: `git describe --tags --always --dirty`
#                  (e.g. v0.4.0, v0.4.0-12-gabc1234, abc1234-dirty).
#
# For each RID it writes DIR/<rid>/styx-tui and DIR/styx-tui-<version>-<rid>.tar.gz (holding just styx-tui), with
# DIR/styx-tui-<version>-<rid>.tar.gz.sha256 beside it in sha256sum's format; the Nomad job's artifact fetches the
# tarball. docs/publishing.md says what the settings are and why, and what a Mac needs (nothing, normally).
#
# Every build file goes under DIR/.build (dotnet's --artifacts-path), never into src/*/obj or src/*/bin: a RID-specific
# restore rewrites a project's obj/project.assets.json, which would break builds and test runs using the source tree
# at the same time. DIR/.build is kept so the next publish to the same DIR is incremental.
set -euo pipefail

usage() { sed -n '4,11s/^# \{0,1\}//p' "$0"; }
fail() { echo "publish.sh: $*" >&2; exit 2; }

rids=()
out=""
version=""
while (($#)); do
  case "$1" in
    --rid) [[ $# -ge 2 && $2 != -* ]] || fail "--rid needs a runtime identifier, e.g. --rid linux-arm64"; rids+=("$2"); shift 2 ;;
    --out) [[ $# -ge 2 && $2 != -* ]] || fail "--out needs a directory"; out="$2"; shift 2 ;;
    --version) [[ $# -ge 2 && $2 != -* ]] || fail "--version needs a version, e.g. --version 0.4.0"; version="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) fail "unknown argument '$1' (see --help)" ;;
  esac
done

# --out is relative to where the script was called from; everything else to the repository root.
case "$out" in "" | /*) ;; *) out="$PWD/$out" ;; esac
cd "$(dirname "$0")/.."
root="$(pwd)"
out="${out:-$root/artifacts/publish}"
((${#rids[@]})) || rids=(osx-arm64 linux-x64)

command -v dotnet >/dev/null || fail "dotnet is not installed; install the .NET SDK that global.json names"
if [ -z "$version" ]; then
  version="$(git describe --tags --always --dirty 2>/dev/null || git rev-parse --short HEAD 2>/dev/null)" ||
    fail "cannot tell the version (not a git clone?); pass --version V"
fi
# The version ends up in a file name, an assembly attribute and the SSH identification string.
[[ "$version" =~ ^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$ ]] ||
  fail "--version '$version' must be 1-64 letters, digits, '.', '_', '+' or '-', starting with a letter or digit"
for rid in "${rids[@]}"; do
  [[ "$rid" =~ ^[a-z0-9]+(-[a-z0-9]+)+$ ]] || fail "--rid '$rid' is not a runtime identifier (e.g. osx-arm64, linux-x64, linux-arm64)"
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
build="$out/.build"
mkdir -p "$out"
for rid in "${rids[@]}"; do
  started=$SECONDS
  staging="$build/out/$rid"
  rm -rf "$staging"
  # Single file with the runtime inside (SelfContained); not trimmed (Terminal.Gui and Refit use reflection); PDBs
  # embedded so stack traces in the logs name lines; InvariantGlobalization is already on for every project
  # (Directory.Build.props). No node reuse: a one-shot build gains nothing from MSBuild nodes left running after it.
  dotnet publish src/Styx.Tui/Styx.Tui.csproj -c Release -r "$rid" --self-contained true \
    --artifacts-path "$build" -o "$staging" -nologo -v:quiet -nodeReuse:false \
    -p:PublishSingleFile=true -p:PublishTrimmed=false -p:DebugType=embedded -p:StyxVersion="$version"

  # Native libraries are left out of the single file on purpose (IncludeNativeLibrariesForSelfExtract stays off): a
  # bundled one is extracted at every start to $HOME/.net, and styx-tui then refuses to start where HOME is not
  # writable. The one there is, Terminal.Gui's TextMate regex wrapper (libonigwrap), serves syntax highlighting, which
  # Styx never uses. Any other file next to the binary is new and must be looked at before it ships, or not.
  for file in "$staging"/*; do
    case "$(basename "$file")" in
      styx-tui | libonigwrap.so | libonigwrap.dylib) ;;
      *) echo "publish.sh: $rid: the publish produced $(basename "$file") next to styx-tui; decide whether it must ship (docs/publishing.md)" >&2; exit 1 ;;
    esac
  done

  mkdir -p "$out/$rid"
  install -m 0755 "$staging/styx-tui" "$out/$rid/styx-tui"
  tarball="styx-tui-$version-$rid.tar.gz"
  tar -C "$out/$rid" -czf "$out/$tarball" styx-tui
  if command -v sha256sum >/dev/null; then
    (cd "$out" && sha256sum "$tarball" >"$tarball.sha256")
  else
    (cd "$out" && shasum -a 256 "$tarball" >"$tarball.sha256")  # macOS; same output format
  fi
  echo "$rid: $out/$rid/styx-tui ($(wc -c <"$out/$rid/styx-tui" | tr -d ' ') bytes), $out/$tarball in $((SECONDS - started)) s"
done
echo "styx-tui $version"
