# shellcheck shell=bash
# Kafka in KRaft mode: one process that is both broker and controller, from Maven Central jars.
# Sourced by deploy/engines.sh after lib/common.sh.

KAFKA_POM_DIR="$DEPLOY_DIR/kafka"
KAFKA_VERSION="$(pom_property "$KAFKA_POM_DIR/pom.xml" kafka.version)"
KAFKA_JARS="$CACHE_DIR/kafka-$KAFKA_VERSION/jars"

kafka_dir() { printf '%s\n' "${KAFKA_DIR:-$RUN_ROOT/kafka}"; }
kafka_port() { printf '%s\n' "${KAFKA_PORT:-19092}"; }
kafka_controller_port() { printf '%s\n' "${KAFKA_CONTROLLER_PORT:-19093}"; }

kafka_resolve() {
  [[ -f "$KAFKA_JARS/.complete" ]] && return 0
  with_lock "$CACHE_DIR/locks/kafka-resolve.lock" _kafka_resolve_locked
}

_kafka_resolve_locked() {
  [[ -f "$KAFKA_JARS/.complete" ]] && return 0
  mvn_copy_dependencies "$KAFKA_POM_DIR" "$KAFKA_JARS"
  touch "$KAFKA_JARS/.complete"
}

# Runs a Kafka main class (a CLI tool) with the broker's classpath and quiet logging.
kafka_java() {
  kafka_resolve
  "$(java_home)/bin/java" -Xmx256m -XX:TieredStopAtLevel=1 \
    -Dlog4j.configuration="file:$KAFKA_POM_DIR/tools-log4j.properties" \
    -cp "$KAFKA_JARS/*" "$@"
}

_kafka_write_config() {
  local dir="$1" port="$2" cport="$3"
  mkdir -p "$dir/data" "$dir/logs"
  sed -e "s|@PORT@|$port|g" -e "s|@CONTROLLER_PORT@|$cport|g" -e "s|@DATA_DIR@|$dir/data|g" \
    -e "s|@PARTITIONS@|${KAFKA_PARTITIONS:-1}|g" -e "s|@AUTO_CREATE@|${KAFKA_AUTO_CREATE_TOPICS:-false}|g" \
    "$KAFKA_POM_DIR/server.properties.in" >"$dir/server.properties"
}

kafka_up() {
  kafka_resolve
  local dir
  dir="$(kafka_dir)"
  mkdir -p "$dir"
  with_lock "$dir/.lock" _kafka_up_locked "$dir"
}

_kafka_up_locked() {
  local dir="$1" port cport pid started
  port="$(kafka_port)"
  cport="$(kafka_controller_port)"
  pid="$(read_pid "$dir")"
  if ! group_alive "$pid"; then
    require_free_ports "$port" "$cport"
    _kafka_write_config "$dir" "$port" "$cport"
    if [[ ! -f "$dir/data/meta.properties" ]]; then
      # KRaft needs its log directory formatted with a cluster id before the first start.
      local cluster_id
      cluster_id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
      kafka_java kafka.tools.StorageTool format --ignore-formatted --cluster-id="$cluster_id" \
        -c "$dir/server.properties" >>"$dir/console.log" 2>&1 ||
        die "kafka storage format failed (see $dir/console.log)"
    fi
    log "starting Kafka $KAFKA_VERSION on 127.0.0.1:$port (controller $cport), dir $dir"
    started="$(now_ms)"
    local heap="${KAFKA_HEAP:-512m}"
    start_detached "$dir" "$(java_home)/bin/java" "-Xms128m" "-Xmx$heap" -XX:+UseG1GC \
      -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
      "-Dlog4j.configuration=file:$KAFKA_POM_DIR/log4j.properties" "-Dkafka.logs.dir=$dir/logs" \
      -cp "$KAFKA_JARS/*" kafka.Kafka "$dir/server.properties"
  fi
  wait_until_ready kafka "$dir" "${KAFKA_START_TIMEOUT:-180}" _kafka_answers "$port" || {
    stop_group "$dir" 5
    die "Kafka did not become ready"
  }
  pid="$(read_pid "$dir")"
  write_instance_env "$dir" "ENGINE=kafka" "PID=$pid" "PORT=$port" "CONTROLLER_PORT=$cport" \
    "BROKERS=127.0.0.1:$port" "DIR=$dir" "LOG_DIR=$dir/logs" "VERSION=$KAFKA_VERSION"
  [[ -n "${started:-}" ]] && log "Kafka ready in $(($(now_ms) - started)) ms (pid $pid)"
  printf 'kafka ready: brokers 127.0.0.1:%s pid %s dir %s\n' "$port" "$pid" "$dir"
}

_kafka_answers() {
  local port="$1"
  port_open "$port" || return 1
  # A real metadata round trip through the admin client, not just an open socket.
  timeout 60 "$(java_home)/bin/java" -Xmx128m -XX:TieredStopAtLevel=1 \
    -Dlog4j.configuration="file:$KAFKA_POM_DIR/tools-log4j.properties" -cp "$KAFKA_JARS/*" \
    org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$port" --list >/dev/null 2>&1
}

kafka_down() {
  local dir
  dir="$(kafka_dir)"
  [[ -d "$dir" ]] || return 0
  with_lock "$dir/.lock" stop_group "$dir" "${KAFKA_STOP_TIMEOUT:-30}"
}
