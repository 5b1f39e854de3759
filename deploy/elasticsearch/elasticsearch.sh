# shellcheck shell=bash
# Elasticsearch 8, one node, from the integ-test zip on Maven Central. Elasticsearch refuses to
# run as root, so under root it runs as the system user vigil-es (created when missing).
# Sourced by deploy/engines.sh after lib/common.sh.

ES_POM_DIR="$DEPLOY_DIR/elasticsearch"
ES_VERSION="$(pom_property "$ES_POM_DIR/pom.xml" elasticsearch.version)"
ES_HOME_DIR="$CACHE_DIR/elasticsearch-$ES_VERSION"
ES_DOWNLOADS="$CACHE_DIR/downloads/elasticsearch-$ES_VERSION"

elasticsearch_dir() { printf '%s\n' "${ELASTICSEARCH_DIR:-$RUN_ROOT/elasticsearch}"; }
elasticsearch_port() { printf '%s\n' "${ELASTICSEARCH_PORT:-19201}"; }
elasticsearch_transport_port() { printf '%s\n' "${ELASTICSEARCH_TRANSPORT_PORT:-19301}"; }

elasticsearch_resolve() {
  [[ -f "$ES_HOME_DIR/.vigil-complete" ]] && return 0
  with_lock "$CACHE_DIR/locks/elasticsearch-resolve.lock" _es_resolve_locked
}

_es_resolve_locked() {
  [[ -f "$ES_HOME_DIR/.vigil-complete" ]] && return 0
  mvn_copy_dependencies "$ES_POM_DIR" "$ES_DOWNLOADS"
  local tmp="$ES_HOME_DIR.tmp.$$"
  rm -rf "$tmp" "$ES_HOME_DIR"
  mkdir -p "$tmp"
  unzip -q "$ES_DOWNLOADS/elasticsearch-$ES_VERSION.zip" -d "$tmp"
  mv "$tmp/elasticsearch-$ES_VERSION" "$ES_HOME_DIR"
  rmdir "$tmp"
  # The engine may run as another user: it must be able to read (never write) its home.
  chmod -R a+rX "$ES_HOME_DIR"
  touch "$ES_HOME_DIR/.vigil-complete"
}

_es_write_config() {
  local dir="$1" port="$2" tport="$3"
  mkdir -p "$dir/config/jvm.options.d" "$dir/data" "$dir/logs" "$dir/tmp"
  cp "$ES_HOME_DIR/config/log4j2.properties" "$dir/config/"
  # The launcher runs from the engine's home, which the engine user cannot write: relative
  # paths for GC logs, heap dumps and crash files move into the instance folder.
  sed -e "s|file=logs/|file=$dir/logs/|" -e "s|HeapDumpPath=data|HeapDumpPath=$dir/data|" \
    -e "s|ErrorFile=logs/|ErrorFile=$dir/logs/|" -e "s|ErrorFile=hs_err|ErrorFile=$dir/logs/hs_err|" \
    "$ES_HOME_DIR/config/jvm.options" >"$dir/config/jvm.options"
  sed -e "s|@PORT@|$port|g" -e "s|@TRANSPORT_PORT@|$tport|g" -e "s|@DIR@|$dir|g" \
    "$ES_POM_DIR/elasticsearch.yml.in" >"$dir/config/elasticsearch.yml"
  local heap="${ELASTICSEARCH_HEAP:-1g}"
  printf '%s\n' "-Xms256m" "-Xmx$heap" >"$dir/config/jvm.options.d/vigil.options"
  prepare_engine_dir "$dir"
}

_es_health() {
  http_get "http://127.0.0.1:$1/_cluster/health?wait_for_status=yellow&timeout=1s" >/dev/null
}

elasticsearch_up() {
  elasticsearch_resolve
  local dir
  dir="$(elasticsearch_dir)"
  mkdir -p "$dir"
  with_lock "$dir/.lock" _es_up_locked "$dir"
}

_es_up_locked() {
  local dir="$1" port tport pid started
  port="$(elasticsearch_port)"
  tport="$(elasticsearch_transport_port)"
  pid="$(read_pid "$dir")"
  if ! group_alive "$pid"; then
    require_free_ports "$port" "$tport"
    _es_write_config "$dir" "$port" "$tport"
    as_engine_user
    log "starting Elasticsearch $ES_VERSION on http://127.0.0.1:$port, dir $dir"
    started="$(now_ms)"
    start_detached "$dir" "${AS_ENGINE_USER[@]}" env HOME="$dir" ES_JAVA_HOME="$(java_home)" \
      ES_PATH_CONF="$dir/config" ES_TMPDIR="$dir/tmp" "$ES_HOME_DIR/bin/elasticsearch"
  fi
  wait_until_ready elasticsearch "$dir" "${ELASTICSEARCH_START_TIMEOUT:-240}" _es_health "$port" || {
    stop_group "$dir" 5
    die "Elasticsearch did not become ready"
  }
  pid="$(read_pid "$dir")"
  write_instance_env "$dir" "ENGINE=elasticsearch" "PID=$pid" "PORT=$port" "TRANSPORT_PORT=$tport" \
    "URL=http://127.0.0.1:$port" "DIR=$dir" "LOG_DIR=$dir/logs" "VERSION=$ES_VERSION"
  [[ -n "${started:-}" ]] && log "Elasticsearch ready in $(($(now_ms) - started)) ms (pid $pid)"
  printf 'elasticsearch ready: http://127.0.0.1:%s pid %s dir %s\n' "$port" "$pid" "$dir"
}

elasticsearch_down() {
  local dir
  dir="$(elasticsearch_dir)"
  [[ -d "$dir" ]] || return 0
  with_lock "$dir/.lock" stop_group "$dir" "${ELASTICSEARCH_STOP_TIMEOUT:-30}"
}
