#!/usr/bin/env bash
# Fuzzes with AFL++ (Debian's afl++) through SharpFuzz for SECONDS (default 60), one harness for every target:
# Styx.Ssh's packet decoder and message parsers, Styx.Tui's authorized_keys and exec command-line parsers, and the
# Nomad JSON models of Styx.Cluster. Fails if AFL finds any crash and replays each one to show its stack trace.
# Usage: ./scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
command -v afl-fuzz >/dev/null || { echo "afl-fuzz is missing: apt-get install afl++ (scripts/test.sh does)"; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet publish tests/fuzz/Styx.Fuzz -c Release -o "$work/bin" --nologo -v q -clp:ErrorsOnly
dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$work/tools" >/dev/null
# Seeds come from the uninstrumented build (instrumented code only runs under afl-fuzz).
dotnet "$work/bin/Styx.Fuzz.dll" --write-seeds "$work/seeds"
cp -r "$work/bin" "$work/replay"
# Instrument only the code under test: not SharpFuzz, the packages or the framework, and not the Nomad model records,
# whose property setters would make every new combination of JSON fields look like new code and take the run's time
# from the parsers (the JSON itself is read by System.Text.Json; Styx's own code there is the converters and readers).
"$work/tools/sharpfuzz" "$work/bin/Styx.Ssh.dll" >/dev/null
"$work/tools/sharpfuzz" "$work/bin/styx-tui.dll" Styx.Tui.Access Styx.Tui.Commands >/dev/null
"$work/tools/sharpfuzz" "$work/bin/Styx.Cluster.dll" Styx.Cluster.Access Styx.Cluster.Commands Styx.Cluster.Nomad.NomadTimeConverter \
  Styx.Cluster.Nomad.FiniteDoubleConverter Styx.Cluster.Nomad.StreamFrameReader Styx.Cluster.Loki >/dev/null
# The JSON target's own dispatch (which type, which event topic), so that AFL sees each JSON input reach some code.
"$work/tools/sharpfuzz" "$work/bin/Styx.Fuzz.dll" Styx.Fuzz.NomadJsonTarget Styx.Fuzz.LokiJsonTarget >/dev/null

export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
afl-fuzz -V "$seconds" -x tests/fuzz/Styx.Fuzz/ssh.dict -x tests/fuzz/Styx.Fuzz/styx.dict -i "$work/seeds" -o "$work/findings" -t 5000 -m none \
  -- dotnet "$work/bin/Styx.Fuzz.dll" --afl > "$work/afl.log" 2>&1 || { tail -30 "$work/afl.log"; exit 1; }

stats="$work/findings/default/fuzzer_stats"
execs=$(awk -F: '/^execs_done/ {gsub(/ /, "", $2); print $2}' "$stats")
paths=$(awk -F: '/^corpus_count/ {gsub(/ /, "", $2); print $2}' "$stats")
crashes=( "$work"/findings/default/crashes/id* )
[ -e "${crashes[0]}" ] || crashes=()
echo "fuzz: ${execs} executions in ${seconds} s, ${paths} corpus entries, ${#crashes[@]} crashes"
dotnet "$work/replay/Styx.Fuzz.dll" --summary "$work/findings/default/queue"
if ((${#crashes[@]})); then
  for crash in "${crashes[@]}"; do
    dotnet "$work/replay/Styx.Fuzz.dll" --replay "$crash" || true
  done
  exit 1
fi
