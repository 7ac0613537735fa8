/* test_log.c: the log file of `terminfon serve` (TERMINFON_LOG_FILE): created
 * 0640 whatever the umask, appended to, and reopened after logrotate moved
 * it away. Lines and masking are in test_core.c. */
#include "t.h"
#include "err.h"
#include "log.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int saved_out = -1, saved_err = -1;

/* While the log goes to a file, stdout and stderr are that file: the test's
 * own messages wait until they are back. */
static void save_std(void)
{
	fflush(stdout);
	fflush(stderr);
	saved_out = dup(STDOUT_FILENO);
	saved_err = dup(STDERR_FILENO);
}

static void restore_std(void)
{
	fflush(stdout);
	fflush(stderr);
	dup2(saved_out, STDOUT_FILENO);
	dup2(saved_err, STDERR_FILENO);
	close(saved_out);
	close(saved_err);
}

static char *slurp(const char *path)
{
	return t_read_file(path, NULL);
}

static int count(const char *text, const char *needle)
{
	int n = 0;
	for (const char *p = text; p && (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	return n;
}

static void test_create_append_reopen(const char *dir)
{
	char path[PATH_MAX], moved[PATH_MAX];
	snprintf(path, sizeof(path), "%s/terminfon.log", dir);
	snprintf(moved, sizeof(moved), "%s/terminfon.log.1", dir);

	/* The service's umask is 0077; the group still reads the log. */
	mode_t old_umask = umask(0077);
	save_std();
	int rc = log_open_file(path);
	log_info("first line", "k", "v");
	fputs("printed\n", stdout);
	restore_std();
	T_EQ_INT(rc, TF_OK);
	struct stat st;
	T_OK(stat(path, &st) == 0 && (st.st_mode & 07777) == 0640);
	char *text = slurp(path);
	T_OK(text && count(text, "\"msg\":\"first line\"") == 1 && count(text, "printed\n") == 1);
	free(text);

	/* logrotate moves it; the reopen makes a new one and the old one stays as it was. */
	T_OK(rename(path, moved) == 0);
	save_std();
	log_reopen_file();
	log_info("second line");
	restore_std();
	T_OK(stat(path, &st) == 0 && (st.st_mode & 07777) == 0640);
	text = slurp(path);
	T_OK(text && count(text, "second line") == 1 && count(text, "first line") == 0);
	free(text);
	text = slurp(moved);
	T_OK(text && count(text, "second line") == 0 && count(text, "first line") == 1);
	free(text);

	/* An existing file is appended to and keeps its mode. */
	T_OK(chmod(path, 0600) == 0);
	save_std();
	log_reopen_file();
	log_info("third line");
	restore_std();
	T_OK(stat(path, &st) == 0 && (st.st_mode & 07777) == 0600);
	text = slurp(path);
	T_OK(text && count(text, "second line") == 1 && count(text, "third line") == 1);
	free(text);

	/* A reopen that fails (the directory is gone) keeps writing where it did, keeping errno. */
	T_OK(unlink(path) == 0 && unlink(moved) == 0 && rmdir(dir) == 0);
	char keep[] = "/tmp/terminfon-log-keep-XXXXXX";
	int kfd = mkstemp(keep);
	T_OK(kfd >= 0);
	save_std();
	dup2(kfd, STDERR_FILENO);
	errno = EAGAIN;
	log_reopen_file();
	int e = errno;
	log_info("fourth line");
	restore_std();
	T_EQ_INT(e, EAGAIN);
	text = slurp(keep);
	T_OK(text && count(text, "fourth line") == 1);
	free(text);
	close(kfd);
	unlink(keep);
	umask(old_umask);
}

static void test_bad_paths(void)
{
	struct stat before, after;
	save_std();
	int ok = fstat(STDERR_FILENO, &before) == 0;
	int empty = log_open_file("");
	int missing = log_open_file("/nonexistent-terminfon-dir/x.log");
	int e = errno;
	ok = ok && fstat(STDERR_FILENO, &after) == 0;
	restore_std();
	T_EQ_INT(empty, TF_EINVAL);
	T_EQ_INT(missing, TF_EIO);
	T_EQ_INT(e, ENOENT);
	/* stderr stayed what it was. */
	T_OK(ok && before.st_ino == after.st_ino && before.st_dev == after.st_dev);
}

int main(void)
{
	char dir[] = "/tmp/terminfon-log-XXXXXX";
	T_OK(mkdtemp(dir) != NULL);
	test_create_append_reopen(dir);
	test_bad_paths();
	return t_done();
}
