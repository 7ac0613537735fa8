/* serve.c: `terminfon serve`, the pre-fork supervisor. It owns the FastCGI
 * socket (its own, or fd 0 from spawn-fcgi), forks the workers, respawns one
 * that dies, restarts them one by one on SIGHUP and stops them gracefully on
 * SIGTERM: a worker finishes the request in hand before it exits. Under
 * systemd (Type=notify) it reports READY, RELOADING and STOPPING; with
 * TERMINFON_LOG_FILE every process reopens the log file on SIGUSR1. */
#include "serve.h"
#include "app.h"
#include "err.h"
#include "fcgi.h"
#include "handlers.h"
#include "jobs.h"
#include "log.h"
#include "metrics.h"
#include "sms_sender.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <systemd/sd-daemon.h>
#include <time.h>
#include <unistd.h>

#define SERVE_MAX_WORKERS 256
#define SERVE_STOP_GRACE_S 30

enum child_kind { CHILD_WORKER, CHILD_BACKGROUND };

struct child {
	pid_t pid;
	enum child_kind kind;
	bool retiring;          /* asked to stop by a rolling restart */
	time_t started;
};

static volatile sig_atomic_t got_term, got_hup, got_chld, got_usr1;
static volatile sig_atomic_t worker_stop;

static void on_signal(int sig)
{
	if (sig == SIGTERM || sig == SIGINT)
		got_term = 1;
	else if (sig == SIGHUP)
		got_hup = 1;
	else if (sig == SIGCHLD)
		got_chld = 1;
}

/* SIGUSR1 (logrotate's postrotate): every process reopens the log file in
 * the handler itself; the supervisor then passes the signal on to its
 * children. A child that has not yet installed its own handlers runs this
 * one too: the flag it sets in its copy is never read. */
static void on_usr1(int sig)
{
	(void)sig;
	log_reopen_file();
	got_usr1 = 1;
}

static void on_worker_term(int sig)
{
	(void)sig;
	worker_stop = 1;
}

static void set_handler(int sig, void (*fn)(int))
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;        /* no SA_RESTART: a blocked accept() returns EINTR */
	sigaction(sig, &sa, NULL);
}

/* SA_RESTART: a reopen must not fail a read or write of a request. */
static void set_usr1_handler(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	sigaction(SIGUSR1, &sa, NULL);
}

/* systemd's notification protocol (sd_notify(3)); a no-op unless systemd
 * started us with Type=notify (NOTIFY_SOCKET set). */
static void serve_notify(const char *state)
{
	int rc = sd_notify(0, state);
	if (rc < 0) {
		char e[16];
		snprintf(e, sizeof(e), "%d", -rc);
		log_warn("cannot notify systemd", "errno", e);
	}
}

/* RELOADING=1 carries the time of the request (systemd 253 and later want it). */
static void serve_notify_reloading(void)
{
	struct timespec ts;
	char msg[64];
	clock_gettime(CLOCK_MONOTONIC, &ts);
	snprintf(msg, sizeof(msg), "RELOADING=1\nMONOTONIC_USEC=%llu",
	         (unsigned long long)ts.tv_sec * 1000000ULL + (unsigned long long)ts.tv_nsec / 1000ULL);
	serve_notify(msg);
}

/* fd 0 is a listening socket when spawn-fcgi started us. */
static bool inherited_socket(void)
{
	int listening = 0;
	socklen_t len = sizeof(listening);
	struct stat st;
	return fstat(0, &st) == 0 && S_ISSOCK(st.st_mode) &&
	       getsockopt(0, SOL_SOCKET, SO_ACCEPTCONN, &listening, &len) == 0 && listening;
}

static int listen_unix(const char *path, mode_t mode)
{
	struct sockaddr_un addr;
	memset(&addr, 0, sizeof(addr));
	addr.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(addr.sun_path)) {
		fprintf(stderr, "terminfon: socket path too long: %s\n", path);
		return -1;
	}
	memcpy(addr.sun_path, path, strlen(path) + 1);
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	/* A stale socket of a dead run is replaced; a live one is not stolen. */
	if (connect(fd, (struct sockaddr *)&addr, sizeof(addr)) == 0) {
		fprintf(stderr, "terminfon: another server is listening on %s\n", path);
		close(fd);
		return -1;
	}
	close(fd);
	unlink(path);
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	if (fd < 0)
		return -1;
	mode_t old = umask(0177);
	int rc = bind(fd, (struct sockaddr *)&addr, sizeof(addr));
	umask(old);
	if (rc != 0 || chmod(path, mode) != 0 || listen(fd, 1024) != 0) {
		fprintf(stderr, "terminfon: cannot listen on %s: %s\n", path, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

static int worker_main(const struct config *cfg, int listen_fd)
{
	set_handler(SIGTERM, on_worker_term);
	set_handler(SIGINT, on_worker_term);
	signal(SIGHUP, SIG_IGN);
	signal(SIGCHLD, SIG_DFL);
	signal(SIGPIPE, SIG_IGN);
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	srand((unsigned)getpid() ^ (unsigned)time(NULL));

	struct app app;
	if (app_worker_init(&app, cfg) != TF_OK)
		return 1;
	store_defer_maintenance(app.store, STORE_MAINTAIN_SAFETY_PAGES);  /* the background process maintains */
	log_info("worker ready");
	int err = fcgi_worker_run(&app, listen_fd, &worker_stop);
	app_worker_close(&app);
	log_info("worker stopped");
	return err ? 1 : 0;
}

static pid_t spawn(struct child *c, enum child_kind kind, const struct config *cfg, int listen_fd)
{
	pid_t parent = getpid();
	pid_t pid = fork();
	if (pid == 0) {
		/* A supervisor killed outright takes its children with it: no
		 * orphaned worker keeps the socket or the database busy. */
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		if (getppid() != parent)
			_exit(0);
		/* Only the supervisor speaks to systemd. */
		unsetenv("NOTIFY_SOCKET");
		if (kind == CHILD_BACKGROUND) {
			close(listen_fd);
			_exit(jobs_background_main(cfg));
		}
		_exit(worker_main(cfg, listen_fd));
	}
	if (pid > 0) {
		c->pid = pid;
		c->kind = kind;
		c->retiring = false;
		c->started = time(NULL);
	}
	return pid;
}

static void usage(void)
{
	fprintf(stderr, "usage: terminfon serve [--socket PATH] [--workers N] [--socket-mode OCTAL]\n"
	                "  Without --socket, uses fd 0 when started by spawn-fcgi, else TERMINFON_SOCKET.\n");
}

/* A start-up warning about the configuration, as a log line. */
static void serve_warn(const char *line, void *ctx)
{
	(void)ctx;
	log_warn("configuration", "warning", line);
}

/* What the command line asks for; the configuration's values otherwise. */
struct serve_opts {
	const char *socket_path;   /* NULL: fd 0 from spawn-fcgi, else cfg->socket_path */
	int workers;
	mode_t mode;
};

/* Reads the options into o. -1 to go on, else the exit code. */
static int serve_parse_args(int argc, char **argv, const struct config *cfg, struct serve_opts *o)
{
	static const struct option opts[] = {
		{ "socket", required_argument, NULL, 's' },
		{ "workers", required_argument, NULL, 'w' },
		{ "socket-mode", required_argument, NULL, 'm' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	*o = (struct serve_opts){ NULL, cfg->workers, 0660 };
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "s:w:m:h", opts, NULL)) != -1) {
		char *end;
		long v;
		switch (c) {
		case 's':
			o->socket_path = optarg;
			break;
		case 'w':
			errno = 0;
			v = strtol(optarg, &end, 10);
			if (errno || *end || v < 1 || v > SERVE_MAX_WORKERS) {
				fprintf(stderr, "terminfon: --workers must be a whole number from 1 to %d\n", SERVE_MAX_WORKERS);
				return 2;
			}
			o->workers = (int)v;
			break;
		case 'm':
			errno = 0;
			v = strtol(optarg, &end, 8);
			if (errno || *end || v < 0 || v > 0777) {
				fprintf(stderr, "terminfon: --socket-mode must be an octal mode like 0660\n");
				return 2;
			}
			o->mode = (mode_t)v;
			break;
		default:
			usage();
			return c == 'h' ? 0 : 2;
		}
	}
	return -1;
}

/* Proves the keys and the database before any worker starts: migrates the
 * schema and checks the SMS senders. 0, or 1 after a line on stderr. */
static int serve_check_store(const struct config *cfg)
{
	struct app probe;
	if (app_worker_init(&probe, cfg) != TF_OK)
		return 1;
	int applied = 0;
	int err = store_migrate(probe.store, &applied);
	/* A malformed SMS sender stops start-up; a studio without any is warned about. */
	char sender_err[512];
	int senders = err ? TF_OK : sms_sender_check_store(probe.store, cfg, sender_err, sizeof(sender_err),
	                                                   serve_warn, NULL, NULL);
	app_worker_close(&probe);
	if (err) {
		char label[512];
		config_db_label(cfg, label, sizeof(label));
		fprintf(stderr, "terminfon: cannot migrate %s: %s\n", label, tf_strerror(err));
		return 1;
	}
	if (senders) {
		fprintf(stderr, "terminfon: %s\n", sender_err);
		return 1;
	}
	return 0;
}

/* The supervisor's socket and children. */
struct serve {
	const struct config *cfg;
	int workers;
	int listen_fd;
	bool own_socket;          /* made here: closed and unlinked at the end */
	const char *socket_path;
	struct child *kids;       /* two generations of workers, the background process last */
	size_t nkids;
	time_t last_respawn;
	int fast_deaths;
};

/* The socket inherited on fd 0, else our own at the path. 0, or 1. */
static int serve_open_socket(struct serve *sv, const struct serve_opts *o)
{
	sv->socket_path = o->socket_path;
	if (o->socket_path == NULL && inherited_socket()) {
		sv->listen_fd = 0;
		log_info("using the socket inherited on fd 0");
		return 0;
	}
	if (sv->socket_path == NULL)
		sv->socket_path = sv->cfg->socket_path;
	sv->listen_fd = listen_unix(sv->socket_path, o->mode);
	if (sv->listen_fd < 0)
		return 1;
	sv->own_socket = true;
	return 0;
}

static void serve_close_socket(struct serve *sv)
{
	if (sv->own_socket) {
		close(sv->listen_fd);
		unlink(sv->socket_path);
	}
}

/* Blocks the supervisor's signals (sigsuspend takes them) and installs
 * their handlers; the mask before in *old. */
static void serve_signals(sigset_t *old)
{
	static const int sigs[] = { SIGTERM, SIGINT, SIGHUP, SIGCHLD, SIGUSR1 };
	sigset_t block;
	sigemptyset(&block);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaddset(&block, sigs[i]);
	sigprocmask(SIG_BLOCK, &block, old);
	set_handler(SIGTERM, on_signal);
	set_handler(SIGINT, on_signal);
	set_handler(SIGHUP, on_signal);
	set_handler(SIGCHLD, on_signal);
	set_usr1_handler();
	signal(SIGPIPE, SIG_IGN);
}

/* Start-up errors before this still reach the original stderr (the
 * journal); from here on the log goes to the file, which the children
 * inherit. 0, or 1. */
static int serve_open_log(const struct config *cfg)
{
	if (cfg->log_file == NULL || cfg->log_file[0] == '\0')
		return 0;
	log_info("logging to a file", "file", cfg->log_file);
	int lerr = log_open_file(cfg->log_file);
	if (lerr == TF_OK)
		return 0;
	fprintf(stderr, "terminfon: cannot open TERMINFON_LOG_FILE %s: %s\n", cfg->log_file,
	        lerr == TF_EIO ? strerror(errno) : tf_strerror(lerr));
	return 1;
}

/* Forks the workers and the background process. 0, or 1 out of memory. */
static int serve_start(struct serve *sv)
{
	/* Room for two generations of workers (a rolling restart) and the
	 * background process in the last slot. */
	sv->nkids = (size_t)sv->workers * 2 + 1;
	sv->kids = calloc(sv->nkids, sizeof(*sv->kids));
	if (sv->kids == NULL)
		return 1;
	for (int i = 0; i < sv->workers; i++)
		spawn(&sv->kids[i], CHILD_WORKER, sv->cfg, sv->listen_fd);
	spawn(&sv->kids[sv->nkids - 1], CHILD_BACKGROUND, sv->cfg, sv->listen_fd);
	char nw[16];
	snprintf(nw, sizeof(nw), "%d", sv->workers);
	log_info("serving", "socket", sv->own_socket ? sv->socket_path : "fd 0", "workers", nw);
	return 0;
}

/* A child died that was not asked to: logged, counted and forked again. */
static void serve_respawn(struct serve *sv, struct child *kid, int status)
{
	char code[32];
	snprintf(code, sizeof(code), "%s %d", WIFSIGNALED(status) ? "signal" : "exit",
	         WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
	log_warn(kid->kind == CHILD_WORKER ? "worker died, respawning" : "background process died, respawning",
	         "status", code);
	metrics_inc(M_WORKER_RESTARTS);
	/* A worker that dies at once again and again (no database, say)
	 * is respawned slowly instead of in a hot loop. */
	time_t now = time(NULL);
	sv->fast_deaths = now - kid->started < 2 ? sv->fast_deaths + 1 : 0;
	if (sv->fast_deaths > 5 && now - sv->last_respawn < 1)
		sleep(1);
	sv->last_respawn = now;
	spawn(kid, kid->kind, sv->cfg, sv->listen_fd);
}

/* SIGCHLD: reaps every child that ended; respawns the ones not retiring. */
static void serve_reap(struct serve *sv)
{
	int status;
	pid_t pid;
	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		for (size_t i = 0; i < sv->nkids; i++) {
			if (sv->kids[i].pid != pid)
				continue;
			bool expected = sv->kids[i].retiring;
			sv->kids[i].pid = 0;
			if (!expected && !got_term)
				serve_respawn(sv, &sv->kids[i], status);
			break;
		}
	}
}

static void serve_signal_all(struct serve *sv, int sig)
{
	for (size_t i = 0; i < sv->nkids; i++)
		if (sv->kids[i].pid > 0)
			kill(sv->kids[i].pid, sig);
}

/* SIGHUP: a rolling restart. The new generation starts first, then the old
 * one retires: the socket is never without an accepting worker. */
static void serve_roll(struct serve *sv)
{
	serve_notify_reloading();
	log_info("rolling restart");
	for (size_t i = 0; i < sv->nkids - 1; i++)
		if (sv->kids[i].pid > 0)
			sv->kids[i].retiring = true;
	for (size_t i = 0, made = 0; i < sv->nkids - 1 && made < (size_t)sv->workers; i++)
		if (sv->kids[i].pid == 0 && spawn(&sv->kids[i], CHILD_WORKER, sv->cfg, sv->listen_fd) > 0)
			made++;
	for (size_t i = 0; i < sv->nkids; i++)
		if (sv->kids[i].pid > 0 && sv->kids[i].retiring)
			kill(sv->kids[i].pid, SIGTERM);
	serve_notify("READY=1\nSTATUS=serving");
}

/* Until SIGTERM: waits for signals (unblocked by sigsuspend) and acts on them. */
static void serve_loop(struct serve *sv, const sigset_t *old)
{
	while (!got_term) {
		sigsuspend(old);
		if (got_chld) {
			got_chld = 0;
			serve_reap(sv);
		}
		if (got_usr1) {
			got_usr1 = 0;
			log_info("log file reopened");
			serve_signal_all(sv, SIGUSR1);
		}
		if (got_hup && !got_term) {
			got_hup = 0;
			serve_roll(sv);
		}
	}
}

/* Asks every child to stop, restores the signal mask, waits for them to
 * finish their requests, and kills the ones still there after the grace
 * period. */
static void serve_stop(struct serve *sv, const sigset_t *old)
{
	serve_signal_all(sv, SIGTERM);
	sigprocmask(SIG_SETMASK, old, NULL);
	time_t deadline = time(NULL) + SERVE_STOP_GRACE_S;
	for (;;) {
		size_t alive = 0;
		for (size_t i = 0; i < sv->nkids; i++) {
			if (sv->kids[i].pid <= 0)
				continue;
			pid_t r = waitpid(sv->kids[i].pid, NULL, WNOHANG);
			if (r == sv->kids[i].pid || (r < 0 && errno == ECHILD))
				sv->kids[i].pid = 0;
			else
				alive++;
		}
		if (alive == 0)
			break;
		if (time(NULL) > deadline) {
			log_warn("workers did not stop in time, killing them");
			serve_signal_all(sv, SIGKILL);
			deadline = time(NULL) + 5;
		}
		usleep(20000);
	}
}

int serve_main(int argc, char **argv, const struct config *cfg)
{
	struct serve_opts o;
	int rc = serve_parse_args(argc, argv, cfg, &o);
	if (rc >= 0)
		return rc;
	if (serve_check_store(cfg))
		return 1;
	config_warnings(cfg, environ, serve_warn, NULL);

	struct serve sv = { .cfg = cfg, .workers = o.workers };
	if (serve_open_socket(&sv, &o))
		return 1;

	const char *const *names;
	int nroutes = router_route_names(&names);
	dialogflow_init_shared();  /* the OAuth token cache and breaker, shared by the workers forked below */
	if (metrics_init_shared(names, nroutes) != TF_OK || fcgi_init() != TF_OK) {
		fprintf(stderr, "terminfon: cannot set up shared memory\n");
		return 1;
	}

	sigset_t old;
	serve_signals(&old);
	if (serve_open_log(cfg)) {
		serve_close_socket(&sv);
		return 1;
	}
	if (serve_start(&sv))
		return 1;
	/* The socket listens and the workers are forked: a connection made now
	 * waits in the backlog until the first worker accepts it. */
	serve_notify("READY=1\nSTATUS=serving");
	serve_loop(&sv, &old);

	serve_notify("STOPPING=1");
	log_info("stopping: workers finish their requests");
	serve_stop(&sv, &old);
	serve_close_socket(&sv);
	free(sv.kids);
	log_info("stopped");
	return 0;
}
