#!/usr/bin/env bash
# Starts, stops and reports the real engines of Vigil's distributed mode on loopback:
# Kafka (KRaft), OpenSearch 2.19 and Elasticsearch 8, all resolved from Maven Central.
#
#   bash deploy/engines.sh up|down|status|clean [kafka|opensearch|elasticsearch|all]
#   bash deploy/engines.sh resolve [engine|all]      download/unpack only (CI warm-up)
#   bash deploy/engines.sh kafka-run <MainClass> [args...]   a Kafka CLI class on the broker's classpath
#   bash deploy/engines.sh kafka-topics [args...]            org.apache.kafka.tools.TopicCommand
#
# `up` is idempotent and waits until the engine answers; `down` stops the whole process group.
# Settings (environment): see deploy/README.md. Everything lives under deploy/.cache/ (git-ignored).
set -euo pipefail

# shellcheck source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=kafka/kafka.sh
source "$DEPLOY_DIR/kafka/kafka.sh"
# shellcheck source=opensearch/opensearch.sh
source "$DEPLOY_DIR/opensearch/opensearch.sh"
# shellcheck source=elasticsearch/elasticsearch.sh
source "$DEPLOY_DIR/elasticsearch/elasticsearch.sh"

ENGINES=(kafka opensearch elasticsearch)

usage() {
  sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

engine_dir() { "${1}_dir"; }

status_one() {
  local engine="$1" dir pid
  dir="$(engine_dir "$engine")"
  pid="$(read_pid "$dir" 2>/dev/null || true)"
  if group_alive "$pid"; then
    local rss endpoint=""
    rss="$(group_rss_kb "$pid")"
    if [[ -f "$dir/instance.env" ]]; then
      endpoint="$(grep -E '^(URL|BROKERS)=' "$dir/instance.env" | head -n 1 | cut -d= -f2-)"
    fi
    printf '%-14s running  pid %-8s rss %5d MiB  %s  %s\n' "$engine" "$pid" $((rss / 1024)) \
      "${endpoint:-starting}" "$dir"
  else
    printf '%-14s stopped  %s\n' "$engine" "$dir"
  fi
}

clean_one() {
  local engine="$1" dir
  dir="$(engine_dir "$engine")"
  "${engine}_down"
  rm -rf "$dir"
  log "$engine: removed $dir"
}

for_each() {
  local action="$1" target="${2:-all}" engine
  case "$target" in
  all) for engine in "${ENGINES[@]}"; do "$action" "$engine"; done ;;
  kafka | opensearch | elasticsearch) "$action" "$target" ;;
  *) die "unknown engine '$target' (kafka, opensearch, elasticsearch or all)" ;;
  esac
}

up_one() { "${1}_up"; }
down_one() { "${1}_down"; }
resolve_one() { "${1}_resolve"; }

command="${1:-}"
[[ -n "$command" ]] || usage
shift
case "$command" in
up) for_each up_one "${1:-all}" ;;
down) for_each down_one "${1:-all}" ;;
status) for_each status_one "${1:-all}" ;;
clean) for_each clean_one "${1:-all}" ;;
resolve) for_each resolve_one "${1:-all}" ;;
kafka-run) kafka_java "$@" ;;
kafka-topics) kafka_java org.apache.kafka.tools.TopicCommand "$@" ;;
-h | --help | help) usage ;;
*) usage ;;
esac
