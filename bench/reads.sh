#!/bin/bash
# Reads through the API with wrk (docs/benchmarks.md, "Reads on PostgreSQL"): bench/reads.sh h2|pg LABEL
# A fresh node on port 18443 (H2, or a fresh PostgreSQL database liaison_readbench), an analyst with an API token and
# one item; a warm-up (WARM seconds, 30 by default: the JIT's compilers share the two cores with the load), then three rounds of GET /api/items/{id} and GET /api/health, 10 s each, 16 connections.
# JFR=FILE records a profile of the node (JDK Flight Recorder) over the third round of reads.
# PGSTATS=1 (pg only) prints what PostgreSQL did per read in the third round: transactions, and scans and rows per table.
# JAR=DIR measures the liaison.jar in DIR (a build of another commit); by default, this checkout's.
set -e
kind=$1; label=$2
command -v wrk > /dev/null || { echo "bench/reads.sh needs wrk (Debian: apt-get install wrk)" >&2; exit 1; }
J=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
if [ -n "$JAR" ]; then L="$J -jar $JAR/liaison.jar"; else L="$(cd "$(dirname "$0")/.." && pwd)/liaison"; fi
D=/tmp/rb-node; rm -rf $D
export LIAISON_ADMIN_PASSWORD='bench admin password 1'
export LIAISON_OFFICER_PASSWORD='bench officer password 1'
DB=""
if [ "$kind" = pg ]; then
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS liaison_readbench WITH (FORCE)" >/dev/null
  psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE liaison_readbench" >/dev/null
  DB="--db jdbc:postgresql://127.0.0.1:5432/liaison_readbench"
fi
if curl -s -o /dev/null http://127.0.0.1:18443/api/health; then echo "port 18443 is in use: stop that node first" >&2; exit 1; fi
$L init --party KOR --dir $D $DB > /dev/null
$L serve --dir $D --port 18443 --federation-port 18444 > /tmp/rb-serve.log 2>&1 &
SP=$!
trap 'kill $SP 2>/dev/null && wait $SP 2>/dev/null; true' EXIT
for i in $(seq 1 100); do curl -sf http://127.0.0.1:18443/api/health >/dev/null && break; sleep 0.2; done
export LIAISON_NODE=http://127.0.0.1:18443
ADMIN=$(LIAISON_PASSWORD="$LIAISON_ADMIN_PASSWORD" $L login --user admin)
OFF=$(LIAISON_PASSWORD="$LIAISON_OFFICER_PASSWORD" $L login --user officer)
$L user add kim --nationality KOR --clearance 군사Ⅱ급비밀 --role analyst --duty 'DPRK missile threat' --password 'kim long password' --token $ADMIN >/dev/null
for g in $($L user grants --token $OFF | awk '{print $2}'); do $L user approve $g --token $OFF >/dev/null; done
TOKEN=$(LIAISON_PASSWORD='kim long password' $L login --user kim --api-token bench | tail -1)
ID=$($L item add --title "read bench" --classification 군사Ⅲ급비밀 --purpose 'DPRK missile threat' --text "Impact point 80 km off Oga." --token $TOKEN | awk '{print $1}')
URL="http://127.0.0.1:18443/api/items/$ID?purpose=DPRK%20missile%20threat"
curl -sf -H "Authorization: Bearer $TOKEN" "$URL" > /dev/null || { echo "read failed: $TOKEN $ID"; curl -s -H "Authorization: Bearer $TOKEN" "$URL"; kill $SP; exit 1; }
pgstats() {
  psql -h 127.0.0.1 -U postgres -d liaison_readbench -AtF' ' -c "SELECT 'transactions', xact_commit + xact_rollback, 0 FROM pg_stat_database WHERE datname = current_database() UNION ALL SELECT relname, seq_scan + COALESCE(idx_scan, 0), n_tup_ins + n_tup_upd FROM pg_stat_user_tables" | sort
}
wrk -t2 -c16 -d${WARM:-30}s -H "Authorization: Bearer $TOKEN" "$URL" > /dev/null   # warm-up
for r in 1 2 3; do
  if [ "$r" = 3 ] && [ -n "$JFR" ]; then "$(dirname "$J")/jcmd" $SP JFR.start duration=10s settings=profile filename="$JFR" >/dev/null; fi
  if [ "$r" = 3 ] && [ -n "$PGSTATS" ]; then pgstats > /tmp/rb-stats-before; fi
  OUT=$(wrk -t2 -c16 -d10s -H "Authorization: Bearer $TOKEN" "$URL")
  R=$(echo "$OUT" | awk '/Requests\/sec/ {print $2}')
  BAD=$(echo "$OUT" | awk '/Non-2xx or 3xx responses/ {print $NF}; /Socket errors/ {print}')
  if [ -n "$BAD" ]; then echo "$label $kind run $r: answers that were not reads: $BAD" >&2; exit 1; fi
  if [ "$r" = 3 ] && [ -n "$PGSTATS" ]; then
    sleep 2; pgstats > /tmp/rb-stats-after
    N=$(echo "$OUT" | awk '/requests in/ {print $1}')
    echo "PostgreSQL per read over $N reads (scans: sequential+index; rows: inserted+updated):"
    join /tmp/rb-stats-before /tmp/rb-stats-after | awk -v n="$N" '{d2=$4-$2; d3=$5-$3; if (d2+d3>0) printf "  %-24s %.2f scans, %.2f rows\n", $1, d2/n, d3/n}'
  fi
  H=$(wrk -t2 -c16 -d10s http://127.0.0.1:18443/api/health | awk '/Requests\/sec/ {print $2}')
  echo "$label $kind run $r: reads/s $R health/s $H"
done
