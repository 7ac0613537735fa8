/* t_fake_twilio.h: test/fakes/fake_twilio.py as a child process on loopback,
 * for the unit tests that talk to Twilio's REST API. The fake prints
 * "PORT <n>" once it listens and appends every request it got to a JSON-lines
 * record file. Include after t.h. */
#ifndef TERMINFON_T_FAKE_TWILIO_H
#define TERMINFON_T_FAKE_TWILIO_H

#include <cjson/cJSON.h>

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

struct t_fake {
	pid_t pid;
	int port;
	char record[300];
	char base[64];      /* "http://127.0.0.1:<port>" */
};

/* Starts the fake for account sid and token, its record file
 * <dir>/<name>.jsonl, with extra arguments (NULL-terminated, may be NULL),
 * and waits for its port. Run from the source root (ctest does). */
static inline bool t_fake_start(struct t_fake *f, const char *dir, const char *name, const char *sid,
                                const char *token, const char *const *extra)
{
	memset(f, 0, sizeof(*f));
	snprintf(f->record, sizeof(f->record), "%s/%s.jsonl", dir, name);
	unlink(f->record);
	const char *argv[32] = {
		"python3", "test/fakes/fake_twilio.py", "--port", "0", "--account-sid", sid,
		"--auth-token", token, "--record", f->record,
	};
	size_t argc = 10;
	for (size_t i = 0; extra && extra[i] && argc < 30; i++)
		argv[argc++] = extra[i];
	argv[argc] = NULL;
	int fds[2];
	if (pipe(fds) != 0)
		return false;
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0)
		return false;
	if (pid == 0) {
		dup2(fds[1], STDOUT_FILENO);
		close(fds[0]);
		close(fds[1]);
		execvp("python3", (char *const *)argv);
		_exit(127);
	}
	close(fds[1]);
	f->pid = pid;
	char line[64];
	size_t len = 0;
	while (len < sizeof(line) - 1) {
		struct pollfd p = { .fd = fds[0], .events = POLLIN };
		if (poll(&p, 1, 10000) <= 0)
			break;
		ssize_t r = read(fds[0], line + len, 1);
		if (r <= 0 || line[len] == '\n')
			break;
		len++;
	}
	line[len] = '\0';
	close(fds[0]);
	char *end = NULL;
	errno = 0;
	long port = strncmp(line, "PORT ", 5) == 0 ? strtol(line + 5, &end, 10) : 0;
	if (errno || end == NULL || *end != '\0' || port <= 0 || port > 65535) {
		fprintf(stderr, "fake_twilio did not start: \"%s\"\n", line);
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		f->pid = 0;
		return false;
	}
	f->port = (int)port;
	snprintf(f->base, sizeof(f->base), "http://127.0.0.1:%d", f->port);
	return true;
}

/* Stops the fake; SIGTERM must end it cleanly (exit status 0). */
static inline void t_fake_stop(struct t_fake *f)
{
	if (f->pid <= 0)
		return;
	int status = 0;
	kill(f->pid, SIGTERM);
	T_EQ_INT(waitpid(f->pid, &status, 0), f->pid);
	T_OK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	f->pid = 0;
	unlink(f->record);
}

/* The record file as a JSON array of its lines (caller deletes). */
static inline cJSON *t_fake_records(const struct t_fake *f)
{
	FILE *fp = fopen(f->record, "r");
	cJSON *all = cJSON_CreateArray();
	if (fp == NULL)
		return all;
	char line[16384];
	while (fgets(line, sizeof(line), fp)) {
		cJSON *j = cJSON_Parse(line);
		if (j)
			cJSON_AddItemToArray(all, j);
	}
	fclose(fp);
	return all;
}

/* A string field of a record, rec[a] or rec[a][b]; NULL when absent. */
static inline const char *t_rec_str(const cJSON *rec, const char *a, const char *b)
{
	const cJSON *x = cJSON_GetObjectItemCaseSensitive(rec, a);
	if (b)
		x = cJSON_GetObjectItemCaseSensitive(x, b);
	return cJSON_IsString(x) ? x->valuestring : NULL;
}

/* A number field of a record; -1 when absent. */
static inline int t_rec_int(const cJSON *rec, const char *name)
{
	const cJSON *x = cJSON_GetObjectItemCaseSensitive(rec, name);
	return cJSON_IsNumber(x) ? (int)x->valuedouble : -1;
}

#endif
