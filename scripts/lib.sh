#!/usr/bin/env bash
# lib.sh: shell helpers shared by scripts/run, scripts/test and the integration
# harness. Source it (`. scripts/lib.sh`) or run it: `scripts/lib.sh render-nginx
# TEMPLATE OUT KEY=VALUE...` renders an nginx template the way scripts/run does.

# Not `set -e` here: the caller decides. Functions return non-zero on failure.

# The source root (the directory above scripts/).
TF_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)

tf_say() { printf 'terminfon: %s\n' "$*" >&2; }
tf_die() { printf 'terminfon: error: %s\n' "$*" >&2; exit 1; }

# tf_have CMD: true when CMD is on PATH or in an sbin directory (nginx lives in
# /usr/sbin, which a non-root PATH often lacks).
tf_which() {
	local c=$1 d
	if command -v "$c" >/dev/null 2>&1; then command -v "$c"; return 0; fi
	for d in /usr/sbin /sbin /usr/local/sbin; do
		if [[ -x $d/$c ]]; then printf '%s\n' "$d/$c"; return 0; fi
	done
	return 1
}

# The German TwiML nginx answers when no worker does. nginx/fallback.xml wins
# when it exists; this copy keeps a fresh tree working until it does.
tf_default_fallback() {
	cat <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<Response>
  <Say language="de-DE">Entschuldigung, unser Telefonservice ist gerade nicht erreichbar. Bitte rufen Sie in ein paar Minuten noch einmal an. Vielen Dank und auf Wiederhören.</Say>
  <Hangup/>
</Response>
EOF
}

# tf_fallback_copy DEST: copies the fallback TwiML in use (nginx/fallback.xml,
# or the default above while that file does not exist) to DEST.
tf_fallback_copy() {
	if [[ -f $TF_ROOT/nginx/fallback.xml ]]; then
		cat -- "$TF_ROOT/nginx/fallback.xml" >"$1"
	else
		tf_default_fallback >"$1"
	fi
}

# tf_nginx_quote FILE: the file's bytes as the inside of an nginx
# single-quoted string: \ and ' escaped, $ turned into ${dollar} (nginx has no
# escape for $ in a complex value; the templates define $dollar with geo).
# Newlines stay literal; nginx keeps them inside a quoted token.
tf_nginx_quote() {
	local s
	s=$(cat -- "$1" && printf x) || return 1
	s=${s%x}
	s=${s//\\/\\\\}
	s=${s//\'/\\\'}
	s=${s//\$/\$\{dollar\}}
	printf '%s' "$s"
}

# tf_render_nginx TEMPLATE OUT KEY=VALUE...: replaces every @KEY@ in TEMPLATE
# and writes OUT (@DASHBOARD@ defaults to this checkout's dashboard/ directory,
# @MORE_UPSTREAMS@ to nothing: "server unix:PATH max_fails=0;" lines of
# further instances).
# @FALLBACK_TWIML@ is filled from FALLBACK=path (default: the
# fallback in use); the bytes used are also written to OUT.fallback.xml, so
# callers can compare what nginx answers with them. Fails on a placeholder left unreplaced, and when the quoted
# fallback exceeds what nginx accepts as one token (4 KiB).
tf_render_nginx() {
	local tpl=$1 out=$2; shift 2
	local text kv key val fallback="" quoted left
	[[ -f $tpl ]] || { tf_say "no template $tpl"; return 1; }
	text=$(cat -- "$tpl" && printf x) || return 1
	text=${text%x}
	shopt -u patsub_replacement 2>/dev/null || true
	for kv in "$@"; do
		key=${kv%%=*}; val=${kv#*=}
		if [[ $key == FALLBACK ]]; then fallback=$val; continue; fi
		text=${text//"@$key@"/"$val"}
	done
	# The dashboard's files: this checkout's dashboard/ unless DASHBOARD= says otherwise.
	text=${text//"@DASHBOARD@"/"$TF_ROOT/dashboard"}
	# Further upstream servers: none unless MORE_UPSTREAMS= names them.
	text=${text//"@MORE_UPSTREAMS@"/}
	if [[ $text == *@FALLBACK_TWIML@* ]]; then
		if [[ -n $fallback ]]; then
			cat -- "$fallback" >"$out.fallback.xml" || return 1
		else
			tf_fallback_copy "$out.fallback.xml" || return 1
		fi
		fallback="$out.fallback.xml"
		quoted=$(tf_nginx_quote "$fallback" && printf x) || return 1
		quoted=${quoted%x}
		if (( ${#quoted} > 4000 )); then
			tf_say "$fallback is too long for an nginx return (${#quoted} bytes, max 4000)"
			return 1
		fi
		text=${text//"@FALLBACK_TWIML@"/"$quoted"}
	fi
	left=$(printf '%s' "$text" | grep -o '@[A-Z][A-Z0-9_]*@' | sort -u | tr '\n' ' ' || true)
	if [[ -n $left ]]; then
		tf_say "$tpl: placeholders without a value: $left"
		return 1
	fi
	printf '%s' "$text" >"$out.tmp.$$" && mv -f "$out.tmp.$$" "$out"
}

# tf_nginx_user_directive: the `user` line for a local nginx. As root the
# workers would otherwise run as nobody, who may not traverse the checkout
# (e.g. under /root) to reach the socket, temp files and logs; a local stack
# keeps them as root. Production uses www-data (nginx/terminfon.conf.in).
tf_nginx_user_directive() {
	if [[ $(id -u) == 0 ]]; then
		printf 'user root root;'
	else
		printf '# user: nginx runs as %s (not root, so no user directive)' "$(id -un)"
	fi
}

# tf_pid_alive PIDFILE NAME: prints the pid when PIDFILE names a live process
# whose command line mentions NAME (guards against a recycled pid).
tf_pid_alive() {
	local file=$1 name=$2 pid
	[[ -f $file ]] || return 1
	pid=$(tr -dc '0-9' <"$file")
	[[ -n $pid ]] || return 1
	kill -0 "$pid" 2>/dev/null || return 1
	tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$name" || return 1
	printf '%s\n' "$pid"
}

# tf_stop_pid PIDFILE NAME SIGNAL SECONDS: sends SIGNAL, waits up to SECONDS
# for the process to go, then SIGKILLs it. Removes PIDFILE.
tf_stop_pid() {
	local file=$1 name=$2 sig=$3 secs=$4 pid i
	if pid=$(tf_pid_alive "$file" "$name"); then
		kill "-$sig" "$pid" 2>/dev/null || true
		for ((i = 0; i < secs * 10; i++)); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.1
		done
		if kill -0 "$pid" 2>/dev/null; then
			tf_say "$name ($pid) did not stop in ${secs}s; killing it"
			kill -KILL "$pid" 2>/dev/null || true
		fi
	fi
	rm -f -- "$file"
}

# tf_wait_http URL SECONDS [CURL ARGS...]: polls URL until it answers 2xx.
tf_wait_http() {
	local url=$1 secs=$2 i; shift 2
	for ((i = 0; i < secs * 10; i++)); do
		if curl -fsS -o /dev/null --max-time 2 "$@" "$url" 2>/dev/null; then
			return 0
		fi
		sleep 0.1
	done
	return 1
}

# tf_pg_bindir: prints the directory of initdb and pg_ctl (Debian keeps them
# in /usr/lib/postgresql/VERSION/bin, off PATH; the newest version wins).
tf_pg_bindir() {
	local d
	# A pg_ctl on PATH may be a link into that directory: follow it.
	if d=$(command -v pg_ctl 2>/dev/null) && d=$(readlink -f -- "$d") && [[ -x ${d%/*}/initdb && -x ${d%/*}/psql ]]; then
		printf '%s\n' "${d%/*}"
		return 0
	fi
	d=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
	[[ -x $d/initdb && -x $d/pg_ctl ]] || return 1
	printf '%s\n' "$d"
}

# tf_pg_as DIR: the command prefix that runs the server's tools as the owner
# of DIR. PostgreSQL refuses to run as root, so as root DIR is given to the
# user postgres (or nobody) and the tools run as that user.
tf_pg_as() {
	local dir=$1 owner
	[[ $(id -u) == 0 ]] || return 0
	owner=postgres
	id -u "$owner" >/dev/null 2>&1 || owner=nobody
	chown "$owner" -- "$dir" || return 1
	[[ -d $dir/data ]] && { chown -R "$owner" -- "$dir/data" || return 1; }
	printf '%s\n' runuser -u "$owner" --
}

# tf_pg_start DIR: a PostgreSQL cluster of its own in DIR for tests and
# `scripts/run --postgres`, no system service: initdb (first time; trust
# authentication, superuser terminfon, C collation), the server listening on
# a unix socket in DIR only, and the database terminfon. Prints the URL to
# give terminfon (TERMINFON_DATABASE_URL) and exports it as TF_PG_URL. The
# server's log is DIR/postgres.log. Stop it with tf_pg_stop DIR.
tf_pg_start() {
	local dir=$1 bin as=() i
	bin=$(tf_pg_bindir) || { tf_say "PostgreSQL is not installed (scripts/deps --test)"; return 1; }
	mkdir -p -- "$dir" || return 1
	dir=$(cd -- "$dir" && pwd) || return 1
	# The socket is DIR/.s.PGSQL.5432: a unix socket path has room for 107 bytes.
	if ((${#dir} > 90)) || [[ $dir == *[\ \'\"\&?%#]* ]]; then
		tf_say "tf_pg_start: $dir is too long or has characters a URL or socket cannot take"
		return 1
	fi
	mapfile -t as < <(tf_pg_as "$dir") || return 1
	if ((${#as[@]})) && ! "${as[@]}" test -w "$dir"; then
		tf_say "tf_pg_start: ${as[3]} cannot write $dir (is a folder above it private?)"
		return 1
	fi
	if [[ ! -f $dir/data/PG_VERSION ]]; then
		if ! "${as[@]}" "$bin/initdb" -D "$dir/data" --auth=trust -U terminfon -E UTF8 --locale=C \
			>"$dir/initdb.log" 2>&1; then
			tf_say "initdb failed; see $dir/initdb.log"
			return 1
		fi
	fi
	# Already running (a second start): use it.
	if ! "${as[@]}" "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1 &&
		! "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 \
			-o "-c listen_addresses='' -c unix_socket_directories='$dir'" start >/dev/null; then
		tf_say "PostgreSQL did not start; see $dir/postgres.log"
		return 1
	fi
	for ((i = 0; i < 100; i++)); do
		"$bin/pg_isready" -q -h "$dir" -U terminfon -d postgres && break
		sleep 0.1
	done
	if [[ -z $("$bin/psql" -h "$dir" -U terminfon -d postgres -Atqc \
		"SELECT 1 FROM pg_database WHERE datname = 'terminfon'") ]]; then
		"$bin/createdb" -h "$dir" -U terminfon terminfon || return 1
	fi
	TF_PG_URL="postgresql:///terminfon?host=$dir&user=terminfon"
	export TF_PG_URL
	printf '%s\n' "$TF_PG_URL"
}

# tf_pg_stop DIR: stops the cluster tf_pg_start started in DIR (fast: open
# sessions are ended). Succeeds when none runs.
tf_pg_stop() {
	local dir=$1 bin as=()
	[[ -f $dir/data/postmaster.pid ]] || return 0
	bin=$(tf_pg_bindir) || return 1
	mapfile -t as < <(tf_pg_as "$dir") || return 1
	"${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
	set -euo pipefail
	case ${1:-} in
	render-nginx) shift; tf_render_nginx "$@" ;;
	pg-start) tf_pg_start "$2" ;;
	pg-stop) tf_pg_stop "$2" ;;
	fallback) tf_fallback_copy /dev/stdout ;;
	*) echo "usage: scripts/lib.sh render-nginx TEMPLATE OUT KEY=VALUE... | pg-start DIR | pg-stop DIR" >&2; exit 2 ;;
	esac
fi
