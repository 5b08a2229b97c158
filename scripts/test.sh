#!/usr/bin/env bash
# Runs every Styx test on a fresh Debian 12 machine: installs the Debian packages the tests drive
# (real SSH clients, ssh-audit, Prometheus, tmux, AFL++, Node.js) when they are missing, and the HCL2 parser the
# deploy tests use (npm), then builds and tests
# the whole solution. .ci/run calls this same script.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(openssh-client openssh-server dropbear-bin putty-tools python3-paramiko python3-asyncssh
          ssh-audit prometheus tmux afl++ procps)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js and npm run HashiCorp's HCL2 parser for the deploy tests; a machine may have them from elsewhere than Debian
# (NodeSource's nodejs bundles npm), so they are looked for as commands, and installed from Debian only when absent.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if ((${#missing[@]})); then
  echo "Installing Debian packages the tests need: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The deploy tests parse deploy/*.nomad with the npm package @cdktf/hcl2json (hashicorp/hcl v2 as WebAssembly), at the
# version pinned in tests/tools/hcl2json/package-lock.json.
npm ci --prefix tests/tools/hcl2json --no-audit --no-fund --loglevel=error

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build Styx.Tui.sln -c Release -warnaserror -nologo -clp:ErrorsOnly

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test Styx.Tui.sln -c Release --no-build --nologo 2>&1 | tee "$log" || status=$?

# One closing line for the whole run, summed over the test projects' summaries.
awk '/(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+/ {
       gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
# Bounded fuzzing (AFL++ through SharpFuzz) of the SSH parsers, authorized_keys, the exec command line and the Nomad
# JSON models, the Loki answers and LogQL text; any crash fails the run.
./scripts/fuzz.sh "${STYX_FUZZ_SECONDS:-120}" || status=1
exit "$status"
