#!/usr/bin/env bash
# A private Virtuoso SPARQL server for the tests: start | stop | status | url | where [DIR].
#
#   start   install Debian's Virtuoso binaries if missing, write an ini into DIR (database
#           files there too, both ports on 127.0.0.1 only), start virtuoso-t in the
#           background, wait for its /sparql and allow SPARQL updates. Does nothing when the
#           server of DIR already runs.
#   stop    stop the server of DIR and remove DIR.
#   status  print whether the server of DIR runs; exit 0 if it does, 1 if not.
#   url     print the SPARQL endpoint of the server of DIR (the one it runs on, or would).
#   where   print DIR, the HTTP port and the SQL port.
#
# Each checkout has its own server: DIR defaults to $KG_VIRTUOSO_DIR or
# ${TMPDIR:-/tmp}/kg-virtuoso-HASH, HASH the checksum of the checkout's path, and the ports
# to a pair derived from the same checksum (20000-39999), the next free pair when those are
# taken; `start` writes the URL into DIR/url, which `url` and the tests read. Environment:
# KG_VIRTUOSO_HTTP_PORT and KG_VIRTUOSO_SQL_PORT (fixed ports instead), KG_VIRTUOSO_WAIT
# (seconds, 90), KG_APT_WAIT (seconds to wait for another apt to finish, 600).
# The server is for tests: the dba password is the default one, reachable from loopback only.
set -euo pipefail

CMD=${1:-}
ROOT=$(cd "$(dirname "$0")/.." && pwd -P)
HASH=$(printf '%s' "$ROOT" | cksum | cut -d' ' -f1)
DIR=${2:-${KG_VIRTUOSO_DIR:-${TMPDIR:-/tmp}/kg-virtuoso-$HASH}}
HTTP_PORT=${KG_VIRTUOSO_HTTP_PORT:-$((20000 + HASH % 10000 * 2))}
SQL_PORT=${KG_VIRTUOSO_SQL_PORT:-$((HTTP_PORT + 1))}
WAIT=${KG_VIRTUOSO_WAIT:-90}
APT_WAIT=${KG_APT_WAIT:-600}
INI="$DIR/kg-virtuoso.ini"
PIDFILE="$DIR/virtuoso.pid"
URLFILE="$DIR/url"
LOG="$DIR/virtuoso.log"
if [ -f "$INI" ]; then # a server written already: its own ports
    HTTP_PORT=$(sed -n '/^\[HTTPServer\]/,/^\[/s/^ServerPort = 127.0.0.1:\([0-9]*\)/\1/p' "$INI")
    SQL_PORT=$(sed -n '/^\[Parameters\]/,/^\[/s/^ServerPort = 127.0.0.1:\([0-9]*\)/\1/p' "$INI")
fi
URL="http://127.0.0.1:$HTTP_PORT/sparql"
PACKAGE=virtuoso-opensource-7-bin

die() {
    echo "virtuoso: $*" >&2
    exit 1
}

# The pid of the server of DIR, when it is alive (and not a pid reused by another program).
pid() {
    [ -f "$PIDFILE" ] || return 1
    local p
    p=$(cat "$PIDFILE")
    [ -n "$p" ] && kill -0 "$p" 2>/dev/null || return 1
    if [ -r "/proc/$p/cmdline" ]; then
        tr '\0' ' ' <"/proc/$p/cmdline" | grep -q virtuoso-t || return 1
    fi
    echo "$p"
}

# Whether the SPARQL endpoint answers an ASK query.
answers() {
    curl -fsS --max-time 5 -o /dev/null \
        -H 'Accept: application/sparql-results+json' \
        --data-urlencode 'query=ASK {}' "$URL" 2>/dev/null
}

# Whether something listens on the TCP port $1 of 127.0.0.1.
listening() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

install_virtuoso() {
    command -v virtuoso-t >/dev/null 2>&1 && command -v isql-vt >/dev/null 2>&1 && return 0
    command -v apt-get >/dev/null 2>&1 ||
        die "virtuoso-t is not installed and there is no apt-get to install $PACKAGE" \
            "(install Virtuoso Open Source 7 by hand, or set KG_SKIP_VIRTUOSO=1)"
    local sudo=()
    if [ "$(id -u)" != 0 ]; then
        command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null ||
            die "virtuoso-t is not installed and installing $PACKAGE needs root or sudo" \
                "(run: sudo apt-get install $PACKAGE; or set KG_SKIP_VIRTUOSO=1)"
        sudo=(sudo -n)
    fi
    # Only the binaries: the full virtuoso-opensource package also starts a system-wide
    # server on the same ports.
    # another apt (a second checkout's tests, unattended upgrades) holding the lock is waited for
    local apt=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o "DPkg::Lock::Timeout=$APT_WAIT")
    if ! { "${apt[@]}" update -qq &&
        "${apt[@]}" install -y -qq --no-install-recommends "$PACKAGE"; } >"$DIR.apt.log" 2>&1; then
        tail -n 20 "$DIR.apt.log" >&2
        die "could not install $PACKAGE (log above; or set KG_SKIP_VIRTUOSO=1)"
    fi
}

write_ini() {
    cat >"$INI" <<EOF
[Database]
DatabaseFile = $DIR/virtuoso.db
ErrorLogFile = $LOG
LockFile = $DIR/virtuoso.lck
TransactionFile = $DIR/virtuoso.trx
xa_persistent_file = $DIR/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = $DIR/virtuoso-temp.db
TransactionFile = $DIR/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:$SQL_PORT
DisableUnixSocket = 1
DisableTcpSocket = 0
MaxClientConnections = 10
CheckpointInterval = 60
O_DIRECT = 0
CaseMode = 2
MaxStaticCursorRows = 5000
AllowOSCalls = 0
DirsAllowed = ., $DIR
ThreadsPerQuery = 2
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000

[HTTPServer]
ServerPort = 127.0.0.1:$HTTP_PORT
ServerRoot = $DIR/vsp
MaxClientConnections = 10
DavRoot = DAV
EnabledDavVSP = 0
HTTPProxyEnabled = 0
ServerThreads = 10
MaxKeepAlives = 10
KeepAliveTimeout = 10
Charset = UTF-8
EnabledGzipContent = 0

[URIQA]
DynamicLocal = 0
DefaultHost = 127.0.0.1:$HTTP_PORT

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime = 60
EOF
}

# Ports of 127.0.0.1 nothing listens on: the derived pair, or the next free pair after it
# (fixed ports given in the environment are taken as they are, or refused).
choose_ports() {
    if [ -n "${KG_VIRTUOSO_HTTP_PORT:-}${KG_VIRTUOSO_SQL_PORT:-}" ]; then
        listening "$HTTP_PORT" && die "port $HTTP_PORT of 127.0.0.1 is taken by another program"
        listening "$SQL_PORT" && die "port $SQL_PORT of 127.0.0.1 is taken by another program"
        return 0
    fi
    local tries=0
    while listening "$HTTP_PORT" || listening "$SQL_PORT"; do
        tries=$((tries + 1))
        [ "$tries" -lt 100 ] || die "no free pair of ports near $HTTP_PORT on 127.0.0.1"
        HTTP_PORT=$((20000 + (HTTP_PORT - 20000 + 2) % 20000))
        SQL_PORT=$((HTTP_PORT + 1))
    done
    URL="http://127.0.0.1:$HTTP_PORT/sparql"
}

start() {
    if pid >/dev/null; then
        answers && return 0
        die "the server of $DIR (pid $(pid)) runs but $URL does not answer; see $LOG"
    fi
    if [ -d "$DIR" ] && [ -n "$(ls -A "$DIR")" ] && [ ! -f "$INI" ]; then
        die "$DIR is not empty and holds no kg-virtuoso.ini: choose another DIR"
    fi
    choose_ports
    install_virtuoso
    rm -rf "$DIR" # a server that died: start afresh
    mkdir -p "$DIR/vsp"
    write_ini
    (cd "$DIR" && exec setsid nohup virtuoso-t +configfile "$INI" +foreground \
        >"$DIR/virtuoso.out" 2>&1 </dev/null) &
    local started=$!
    echo "$started" >"$PIDFILE"
    echo "$URL" >"$URLFILE"
    local waited=0
    until answers; do
        if ! kill -0 "$started" 2>/dev/null; then
            tail -n 20 "$DIR/virtuoso.out" "$LOG" >&2 2>/dev/null || true
            die "virtuoso-t exited while starting (log above)"
        fi
        if [ "$waited" -ge "$WAIT" ]; then
            tail -n 20 "$LOG" >&2 2>/dev/null || true
            die "$URL did not answer within ${WAIT}s (log above; stop with: $0 stop)"
        fi
        sleep 1
        waited=$((waited + 1))
    done
    # SPARQL_UPDATE lets the anonymous SPARQL user run updates; the default permissions
    # (7 = read, write, list) let it read and write every graph, named graphs included.
    isql-vt "127.0.0.1:$SQL_PORT" dba dba \
        exec="GRANT SPARQL_UPDATE TO \"SPARQL\"; DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);" \
        >"$DIR/grant.out" 2>&1 || {
        cat "$DIR/grant.out" >&2
        die "could not grant SPARQL updates (output above)"
    }
}

stop() {
    local p
    if p=$(pid); then
        kill "$p" 2>/dev/null || true
        for _ in $(seq 1 100); do
            kill -0 "$p" 2>/dev/null || break
            sleep 0.1
        done
        kill -0 "$p" 2>/dev/null && kill -9 "$p" 2>/dev/null || true
    fi
    if [ -f "$INI" ]; then
        rm -rf "$DIR"
    elif [ -d "$DIR" ]; then
        rmdir "$DIR" 2>/dev/null || true
    fi
}

status() {
    local p
    if p=$(pid); then
        if answers; then
            echo "running (pid $p): $URL"
            return 0
        fi
        echo "started (pid $p) but $URL does not answer; see $LOG"
        return 1
    fi
    echo "not running ($DIR)"
    return 1
}

case "$CMD" in
start) start ;;
stop) stop ;;
status) status ;;
url) if [ -f "$URLFILE" ]; then cat "$URLFILE"; else echo "$URL"; fi ;;
where) echo "$DIR $HTTP_PORT $SQL_PORT" ;;
*)
    echo "usage: $0 start|stop|status|url|where [DIR]" >&2
    exit 2
    ;;
esac
