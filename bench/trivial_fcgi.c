/* trivial_fcgi.c: the FastCGI ceiling for scripts/bench. A pre-forked libfcgi
 * responder that does what every FastCGI program must (accept, read the
 * params and the whole body, write a response) and nothing else: it answers
 * each request with the same short TwiML document.
 *
 *   trivial_fcgi SOCKET-PATH WORKERS
 *
 * Runs until SIGTERM or SIGINT; removes its socket on the way out. */
#include <errno.h>
#include <fcgiapp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define TRIVIAL_MAX_WORKERS 256

static volatile sig_atomic_t stop;

static const char reply[] =
	"Status: 200 OK\r\n"
	"Content-Type: text/xml; charset=utf-8\r\n"
	"Cache-Control: no-store\r\n"
	"\r\n"
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<Response><Say language=\"de-DE\">Hallo.</Say></Response>\n";

static void on_term(int sig)
{
	(void)sig;
	stop = 1;
}

static int serve(int fd)
{
	FCGX_Request req;
	if (FCGX_InitRequest(&req, fd, FCGI_FAIL_ACCEPT_ON_INTR) != 0)
		return 1;
	char body[4096];
	while (!stop) {
		if (FCGX_Accept_r(&req) < 0) {
			if (stop || errno == EINTR)
				continue;
			return 1;
		}
		/* Read the params a real handler would look at, and the whole body. */
		(void)FCGX_GetParam("REQUEST_URI", req.envp);
		(void)FCGX_GetParam("CONTENT_LENGTH", req.envp);
		while (FCGX_GetStr(body, sizeof(body), req.in) > 0)
			;
		FCGX_PutStr(reply, (int)sizeof(reply) - 1, req.out);
		FCGX_Finish_r(&req);
	}
	FCGX_Free(&req, 1);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: trivial_fcgi SOCKET-PATH WORKERS\n");
		return 2;
	}
	char *end;
	long n = strtol(argv[2], &end, 10);
	if (*end != '\0' || n < 1 || n > TRIVIAL_MAX_WORKERS) {
		fprintf(stderr, "trivial_fcgi: WORKERS must be from 1 to %d\n", TRIVIAL_MAX_WORKERS);
		return 2;
	}
	if (FCGX_Init() != 0)
		return 1;
	unlink(argv[1]);
	int fd = FCGX_OpenSocket(argv[1], 1024);
	if (fd < 0 || chmod(argv[1], 0666) != 0) {
		fprintf(stderr, "trivial_fcgi: cannot listen on %s\n", argv[1]);
		return 1;
	}

	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	pid_t kids[TRIVIAL_MAX_WORKERS];
	for (long i = 0; i < n; i++) {
		kids[i] = fork();
		if (kids[i] == 0)
			_exit(serve(fd));
	}
	while (!stop)
		pause();
	for (long i = 0; i < n; i++)
		if (kids[i] > 0)
			kill(kids[i], SIGTERM);
	for (long i = 0; i < n; i++)
		if (kids[i] > 0)
			waitpid(kids[i], NULL, 0);
	unlink(argv[1]);
	return 0;
}
