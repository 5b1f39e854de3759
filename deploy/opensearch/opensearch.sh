# shellcheck shell=bash
# OpenSearch 2.19, one node, from the integ-test zip on Maven Central plus module jars and the
# job-scheduler plugin. OpenSearch refuses to run as root, so under root it runs as the system
# user vigil-es (created when missing). Sourced by deploy/engines.sh after lib/common.sh.

OS_POM_DIR="$DEPLOY_DIR/opensearch"
OS_VERSION="$(pom_property "$OS_POM_DIR/pom.xml" opensearch.version)"
OS_HOME="$CACHE_DIR/opensearch-$OS_VERSION"
OS_DOWNLOADS="$CACHE_DIR/downloads/opensearch-$OS_VERSION"

opensearch_dir() { printf '%s\n' "${OPENSEARCH_DIR:-$RUN_ROOT/opensearch}"; }
opensearch_port() { printf '%s\n' "${OPENSEARCH_PORT:-19200}"; }
opensearch_transport_port() { printf '%s\n' "${OPENSEARCH_TRANSPORT_PORT:-19300}"; }

opensearch_resolve() {
  if [[ ! -f "$OS_HOME/.vigil-complete" ]]; then
    with_lock "$CACHE_DIR/locks/opensearch-resolve.lock" _os_resolve_locked
  fi
  _os_ism_zip >/dev/null && [[ ! -d "$OS_HOME/plugins/opensearch-index-management" ]] &&
    with_lock "$CACHE_DIR/locks/opensearch-resolve.lock" _os_install_ism
  return 0
}

# The ISM plugin zip is not on Maven Central: it is used when one is given (OPENSEARCH_ISM_ZIP)
# or dropped into deploy/.cache/plugins/.
_os_ism_zip() {
  local zip="${OPENSEARCH_ISM_ZIP:-}"
  if [[ -z "$zip" ]]; then
    local found
    for found in "$CACHE_DIR"/plugins/opensearch-index-management-"$OS_VERSION".*.zip; do
      [[ -f "$found" ]] && zip="$found" && break
    done
  fi
  [[ -n "$zip" && -f "$zip" ]] && printf '%s\n' "$zip"
}

_os_env() {
  env OPENSEARCH_JAVA_HOME="$(java_home)" OPENSEARCH_PATH_CONF="$OS_HOME/config" "$@"
}

_os_install_plugin() {
  local zip="$1"
  log "installing OpenSearch plugin $(basename "$zip")"
  _os_env "$OS_HOME/bin/opensearch-plugin" install --batch "file://$zip" >&2 ||
    die "could not install $zip"
}

_os_install_ism() {
  [[ -d "$OS_HOME/plugins/opensearch-index-management" ]] && return 0
  _os_install_plugin "$(_os_ism_zip)"
  chmod -R a+rX "$OS_HOME/plugins"
}

_os_resolve_locked() {
  [[ -f "$OS_HOME/.vigil-complete" ]] && return 0
  mvn_copy_dependencies "$OS_POM_DIR" "$OS_DOWNLOADS"
  local tmp="$OS_HOME.tmp.$$"
  rm -rf "$tmp" "$OS_HOME"
  mkdir -p "$tmp"
  unzip -q "$OS_DOWNLOADS/opensearch-$OS_VERSION.zip" -d "$tmp"
  mv "$tmp/opensearch-$OS_VERSION" "$OS_HOME"
  rmdir "$tmp"
  _os_add_modules
  _os_install_plugin "$(ls "$OS_DOWNLOADS"/opensearch-job-scheduler-*.zip)"
  # The engine may run as another user: it must be able to read (never write) its home.
  chmod -R a+rX "$OS_HOME"
  touch "$OS_HOME/.vigil-complete"
}

# Each module becomes modules/<folder>/ with its jar, the dependencies lib/ lacks (duplicates
# would trip OpenSearch's jar-hell check) and the descriptor the Gradle build would have written.
_os_add_modules() {
  local folder artifact classname extends dir jar
  while IFS=$'\t' read -r folder artifact classname extends; do
    [[ -z "$folder" || "$folder" == \#* ]] && continue
    dir="$OS_HOME/modules/$folder"
    mvn_copy_dependencies "$OS_POM_DIR" "$dir" -f module-pom.xml \
      -Dopensearch.version="$OS_VERSION" -Dmodule.artifact="$artifact"
    for jar in "$dir"/*.jar; do
      [[ -e "$OS_HOME/lib/$(basename "$jar")" ]] && rm -f "$jar"
    done
    [[ "$extends" == "-" ]] && extends=""
    cat >"$dir/plugin-descriptor.properties" <<PROPS
description=OpenSearch module $folder (from Maven Central, added by Vigil's deploy scripts)
version=$OS_VERSION
name=$folder
classname=$classname
java.version=11
opensearch.version=$OS_VERSION
custom.foldername=
extended.plugins=$extends
has.native.controller=false
PROPS
    if [[ -f "$OS_POM_DIR/policies/$folder.policy" ]]; then
      cp "$OS_POM_DIR/policies/$folder.policy" "$dir/plugin-security.policy"
    fi
  done <"$OS_POM_DIR/modules.tsv"
}

_os_write_config() {
  local dir="$1" port="$2" tport="$3"
  mkdir -p "$dir/config/jvm.options.d" "$dir/data" "$dir/logs" "$dir/tmp"
  cp "$OS_HOME/config/log4j2.properties" "$dir/config/"
  # The launcher runs from the engine's home, which the engine user cannot write: relative
  # paths for GC logs, heap dumps and crash files move into the instance folder.
  sed -e "s|file=logs/|file=$dir/logs/|" -e "s|HeapDumpPath=data|HeapDumpPath=$dir/data|" \
    -e "s|ErrorFile=logs/|ErrorFile=$dir/logs/|" -e "s|ErrorFile=hs_err|ErrorFile=$dir/logs/hs_err|" \
    "$OS_HOME/config/jvm.options" >"$dir/config/jvm.options"
  sed -e "s|@PORT@|$port|g" -e "s|@TRANSPORT_PORT@|$tport|g" -e "s|@DIR@|$dir|g" \
    "$OS_POM_DIR/opensearch.yml.in" >"$dir/config/opensearch.yml"
  if [[ -d "$OS_HOME/plugins/opensearch-index-management" && -n "${OPENSEARCH_ISM_JOB_INTERVAL:-}" ]]; then
    printf 'plugins.index_state_management.job_interval: %s\n' "$OPENSEARCH_ISM_JOB_INTERVAL" \
      >>"$dir/config/opensearch.yml"
  fi
  local heap="${OPENSEARCH_HEAP:-1g}"
  printf '%s\n' "-Xms256m" "-Xmx$heap" >"$dir/config/jvm.options.d/vigil.options"
  prepare_engine_dir "$dir"
}

_os_health() {
  http_get "http://127.0.0.1:$1/_cluster/health?wait_for_status=yellow&timeout=1s" >/dev/null
}

opensearch_up() {
  opensearch_resolve
  local dir
  dir="$(opensearch_dir)"
  mkdir -p "$dir"
  with_lock "$dir/.lock" _os_up_locked "$dir"
}

_os_up_locked() {
  local dir="$1" port tport pid started
  port="$(opensearch_port)"
  tport="$(opensearch_transport_port)"
  pid="$(read_pid "$dir")"
  if ! group_alive "$pid"; then
    require_free_ports "$port" "$tport"
    _os_write_config "$dir" "$port" "$tport"
    log "starting OpenSearch $OS_VERSION on http://127.0.0.1:$port, dir $dir"
    started="$(now_ms)"
    as_engine_user
    start_detached "$dir" "${AS_ENGINE_USER[@]}" env HOME="$dir" OPENSEARCH_JAVA_HOME="$(java_home)" OPENSEARCH_PATH_CONF="$dir/config" \
      OPENSEARCH_TMPDIR="$dir/tmp" "$OS_HOME/bin/opensearch"
  fi
  wait_until_ready opensearch "$dir" "${OPENSEARCH_START_TIMEOUT:-180}" _os_health "$port" || {
    stop_group "$dir" 5
    die "OpenSearch did not become ready"
  }
  pid="$(read_pid "$dir")"
  write_instance_env "$dir" "ENGINE=opensearch" "PID=$pid" "PORT=$port" "TRANSPORT_PORT=$tport" \
    "URL=http://127.0.0.1:$port" "DIR=$dir" "LOG_DIR=$dir/logs" "VERSION=$OS_VERSION" \
    "ISM=$([[ -d "$OS_HOME/plugins/opensearch-index-management" ]] && echo true || echo false)"
  [[ -n "${started:-}" ]] && log "OpenSearch ready in $(($(now_ms) - started)) ms (pid $pid)"
  printf 'opensearch ready: http://127.0.0.1:%s pid %s dir %s\n' "$port" "$pid" "$dir"
}

opensearch_down() {
  local dir
  dir="$(opensearch_dir)"
  [[ -d "$dir" ]] || return 0
  with_lock "$dir/.lock" stop_group "$dir" "${OPENSEARCH_STOP_TIMEOUT:-30}"
}
