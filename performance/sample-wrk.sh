#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 the tenant-filter authors
# Measures the running sample (README, "Two commands") with wrk: starts nothing, stops nothing.
# Start the sample first, in another terminal:
#
#   mvn -pl sample-war -am -DskipTests -Prun package -Dsample.port=18080
#   SAMPLE_PORT=18080 bash performance/sample-wrk.sh
#
# Endpoints of the sample WAR, each on the same Payara Micro, same JVM, same run:
#   plain    GET /plain        a plain servlet writing "-" (no JAX-RS, no CDI): the ceiling
#   ping     GET /api/ping     the most trivial JAX-RS resource, a constant string
#   health   GET /api/health   JAX-RS, a constant JSON object
#   whoami   GET /api/whoami   tenant resolution (acme, from the heap tier) + CDI + a JSON body
# (plain, ping and health are excluded from tenant resolution in the sample's web.xml.)
# Then whoami4: /api/whoami rotating over the four demo hosts (acme, globex, initech, the custom
# domain globex-corp.localhost). With the default heap tier they are all hits; start the sample
# with TENANT_FILTER_LOCAL_CACHE_SIZE=1 and every request on one connection misses the heap tier
# and is answered by Redis: whoami with a cold L1. With SAMPLE_ADMIN_PASSWORD set (as for the
# sample) the script reads /api/admin/stats around that run and prints the heap tier's hit rate.
#
# Warms every endpoint (WARM s each), then REPS rounds of wrk -tTHREADS -cCONNS -dDURATION over
# the endpoints in turn (interleaved, every other round in reverse order, so that a burst of
# outside load hits every endpoint alike), and prints each round and the medians of: requests/s,
# the server's CPU time per request (from /proc/PID/stat of the process listening on the port,
# when this user can read it: unlike requests/s it hardly depends on what else runs on the
# machine), and whoami's requests/s as a share of ping's in the same round. Then REPS rounds of
# DURATION1 s on one connection per endpoint: the median p50 latency, the service time without
# queueing.
#
# Settings (environment): SAMPLE_PORT=8080 REPS=3 DURATION=8 DURATION1=5 WARM=10 THREADS=2
# CONNS=16 ENDPOINTS="plain ping whoami health whoami4"
set -euo pipefail

PORT=${SAMPLE_PORT:-8080}
REPS=${REPS:-3}
DURATION=${DURATION:-8}
DURATION1=${DURATION1:-5}
WARM=${WARM:-10}
THREADS=${THREADS:-2}
CONNS=${CONNS:-16}
ENDPOINTS=${ENDPOINTS:-plain ping whoami health whoami4}
BASE="http://127.0.0.1:$PORT"
HOST="acme.app.localhost"

command -v wrk >/dev/null || { echo "wrk not found (Debian: apt-get install wrk)" >&2; exit 2; }
if ! curl -fs -o /dev/null -H "Host: $HOST" "$BASE/api/whoami"; then
  echo "the sample does not answer on $BASE/api/whoami; start it first:" >&2
  echo "  mvn -pl sample-war -am -DskipTests -Prun package -Dsample.port=$PORT" >&2
  exit 2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# the four demo hosts in turn (each wrk thread and connection keeps its own order)
cat > "$work/rotate.lua" <<'EOF'
local hosts = {"acme.app.localhost", "globex.app.localhost", "initech.app.localhost",
               "globex-corp.localhost"}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "/api/whoami", {Host = hosts[(i % #hosts) + 1]})
end
EOF

path_of() {
  case $1 in
    plain) echo /plain ;;
    ping) echo /api/ping ;;
    health) echo /api/health ;;
    whoami | whoami4) echo /api/whoami ;;
    *) echo "unknown endpoint $1" >&2; exit 2 ;;
  esac
}

# wrk_run NAME THREADS CONNS SECONDS: prints "requests/s p50-in-µs", fails on errors
wrk_run() {
  local name=$1 args=(-t"$2" -c"$3" -d"$4"s --latency -H "Host: $HOST")
  [[ $name == whoami4 ]] && args=(-t"$2" -c"$3" -d"$4"s --latency -s "$work/rotate.lua")
  local out
  out=$(wrk "${args[@]}" "$BASE$(path_of "$name")")
  if grep -qE 'Non-2xx|Socket errors' <<<"$out"; then
    echo "$name: wrk saw errors:" >&2
    echo "$out" >&2
    exit 1
  fi
  awk '
    /Requests\/sec/ { rps = $2 }
    $1 == "50%" {
      v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v)
      p50 = (u == "us") ? v : (u == "ms") ? v * 1000 : (u == "s") ? v * 1000000 : v
    }
    END { printf "%d %d\n", rps, p50 }' <<<"$out"
}

# the server's JVM: CPU time (user + system, in clock ticks) of the process listening on PORT
server_pid=$(ss -ltnpH "sport = :$PORT" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2 || true)
ticks=$(getconf CLK_TCK)
cpu_ticks() {
  if [[ -n $server_pid && -r /proc/$server_pid/stat ]]; then
    awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$server_pid/stat"
  else
    echo 0
  fi
}

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }

admin_stats() {
  curl -fs -u "admin:$SAMPLE_ADMIN_PASSWORD" "$BASE/api/admin/stats"
}

echo "sample on $BASE; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "wrk -t$THREADS -c$CONNS -d${DURATION}s, $REPS rounds over: $ENDPOINTS"
echo "warming: ${WARM} s per endpoint"
for e in $ENDPOINTS; do wrk_run "$e" "$THREADS" "$CONNS" "$WARM" >/dev/null; done

# the endpoints in turn; every other round backwards
order() {
  if (($1 % 2)); then echo "$ENDPOINTS"; else echo "$ENDPOINTS" | tr ' ' '\n' | tac | tr '\n' ' '; fi
}

declare -A runs cpus round_rps
ratios=""
for ((r = 1; r <= REPS; r++)); do
  line="round $r:"
  for e in $(order "$r"); do
    before=$(cpu_ticks)
    rps=""
    read -r rps _ < <(wrk_run "$e" "$THREADS" "$CONNS" "$DURATION") || true
    [[ -n $rps ]] || exit 1 # wrk_run said why
    after=$(cpu_ticks)
    # CPU µs per request: ticks / CLK_TCK s over rps × DURATION requests
    cpu=$(awk -v t=$((after - before)) -v hz="$ticks" -v n=$((rps * DURATION)) \
      'BEGIN { print (n > 0 && t > 0) ? int(t / hz * 1000000 / n) : 0 }')
    runs[$e]="${runs[$e]:-} $rps"
    cpus[$e]="${cpus[$e]:-} $cpu"
    round_rps[$e]=$rps
    line+=" $e $rps"
    ((cpu > 0)) && line+=" (${cpu} µs CPU)"
  done
  if [[ -n ${round_rps[whoami]:-} && -n ${round_rps[ping]:-} ]]; then
    ratios+=" $((1000 * round_rps[whoami] / round_rps[ping]))"
  fi
  echo "$line"
done

declare -A med medcpu
for e in $ENDPOINTS; do
  # shellcheck disable=SC2086
  med[$e]=$(printf '%s\n' ${runs[$e]} | median)
  # shellcheck disable=SC2086
  medcpu[$e]=$(printf '%s\n' ${cpus[$e]} | median)
done

declare -A p50s
stats_before="" stats_after=""
for ((r = 1; r <= REPS; r++)); do
  for e in $(order "$r"); do
    if [[ $e == whoami4 && -n ${SAMPLE_ADMIN_PASSWORD:-} ]]; then stats_before=$(admin_stats || true); fi
    p=""
    read -r _ p < <(wrk_run "$e" 1 1 "$DURATION1") || true
    [[ -n $p ]] || exit 1
    p50s[$e]="${p50s[$e]:-} $p"
    if [[ $e == whoami4 && -n ${SAMPLE_ADMIN_PASSWORD:-} ]]; then stats_after=$(admin_stats || true); fi
  done
done
declare -A p50
for e in $ENDPOINTS; do
  # shellcheck disable=SC2086
  p50[$e]=$(printf '%s\n' ${p50s[$e]} | median)
done

ref=${med[plain]:-}
echo
printf '%-8s %12s %10s %16s %16s\n' endpoint requests/s "vs plain" "CPU/request" "p50, 1 conn"
for e in $ENDPOINTS; do
  vs="-"
  [[ -n $ref && $ref -gt 0 ]] && vs=$(awk -v a="${med[$e]}" -v b="$ref" 'BEGIN { printf "%.1f %%", 100 * a / b }')
  cpu="-"
  [[ ${medcpu[$e]} -gt 0 ]] && cpu="${medcpu[$e]} µs"
  printf '%-8s %12s %10s %16s %13s µs\n' "$e" "${med[$e]}" "$vs" "$cpu" "${p50[$e]}"
done
if [[ -n $ratios ]]; then
  # shellcheck disable=SC2086
  printf 'whoami vs ping, same round: %s %% of its requests/s (median; rounds:%s per mille)\n' \
    "$(awk -v m="$(printf '%s\n' $ratios | median)" 'BEGIN { printf "%.1f", m / 10 }')" "$ratios"
fi
if [[ -n $stats_before && -n $stats_after ]]; then
  field() { grep -o "\"$1\":[0-9]*" <<<"$2" | cut -d: -f2; }
  lookups=$(($(field lookups "$stats_after") - $(field lookups "$stats_before")))
  hits=$(($(field localHits "$stats_after") - $(field localHits "$stats_before")))
  redis=$(($(field redisHits "$stats_after") - $(field redisHits "$stats_before")))
  awk -v l="$lookups" -v h="$hits" -v r="$redis" 'BEGIN {
    if (l > 0) printf "whoami4 on one connection: %d lookups, heap tier hits %.1f %%, Redis hits %.1f %%\n", l, 100 * h / l, 100 * r / l }'
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
