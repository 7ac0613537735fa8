/* test_core.c: the per-request arena, bounded buffers, log lines (escaping,
 * phone masking) and the clock. */
#include "arena.h"
#include "buf.h"
#include "clock.h"
#include "err.h"
#include "log.h"
#include "t.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void test_arena(void)
{
	struct arena a;
	arena_init(&a, 64 * 1024);
	char *p = arena_alloc(&a, 100);
	T_OK(p != NULL && ((uintptr_t)p % 16) == 0);
	T_OK(p[0] == 0 && p[99] == 0);                   /* zeroed */
	T_EQ_STR(arena_printf(&a, "%s-%d", "x", 42), "x-42");
	T_EQ_STR(arena_strndup(&a, "abcdef", 3), "abc");
	T_OK(arena_alloc(&a, 70 * 1024) == NULL);         /* over the maximum */
	T_OK(arena_alloc(&a, SIZE_MAX - 8) == NULL);      /* no overflow */
	for (int i = 0; i < 100; i++)
		T_OK(arena_alloc(&a, 500) != NULL);
	arena_reset(&a);
	T_EQ_INT(a.used, 0);
	T_OK(arena_alloc(&a, 100) != NULL);               /* usable again after a reset */
	arena_free(&a);
}

static void test_buf(void)
{
	struct buf b;
	buf_init(&b, 10);
	T_EQ_INT(buf_puts(&b, "12345"), TF_OK);
	T_EQ_INT(buf_printf(&b, "%d", 678), TF_OK);
	T_EQ_STR(b.data, "12345678");
	T_EQ_INT(buf_puts(&b, "abc"), TF_ELIMIT);          /* past the maximum */
	T_EQ_STR(b.data, "12345678");                     /* content intact */
	T_EQ_INT(buf_putc(&b, '9'), TF_OK);
	T_EQ_INT(buf_putc(&b, '0'), TF_OK);
	T_EQ_INT(b.len, 10);
	size_t n;
	char *s = buf_steal(&b, &n);
	T_EQ_STR(s, "1234567890");
	T_EQ_INT(n, 10);
	T_EQ_INT(b.len, 0);
	free(s);
	buf_free(&b);
}

static void test_mask(void)
{
	char out[40];
	log_mask_phone("+4915112345678", out, sizeof(out));
	T_EQ_STR(out, "+49151******78");
	log_mask_phone("+491511234578", out, sizeof(out));
	T_EQ_STR(out, "+49151*****78");                  /* the shape the logs show */
	log_mask_phone("015112345678", out, sizeof(out));
	T_EQ_STR(out, "01511*****78");
	log_mask_phone("anonymous", out, sizeof(out));
	T_EQ_STR(out, "***");
	log_mask_phone("+49", out, sizeof(out));
	T_EQ_STR(out, "***");
	log_mask_phone("", out, sizeof(out));
	T_EQ_STR(out, "");
	log_mask_phone("+4915112345678", out, 5);
	T_EQ_INT(strlen(out), 4);
}

/* A log line is one JSON line with control characters escaped. */
static void test_log_line(void)
{
	int fds[2];
	T_OK(pipe(fds) == 0);
	int saved = dup(2);
	dup2(fds[1], 2);
	log_set_level(LOG_INFO);
	log_info("hello", "field", "a\"b\nc\x01");
	log_debug("not shown", "x", "y");
	dup2(saved, 2);
	close(saved);
	close(fds[1]);
	char line[1024] = "";
	ssize_t n = read(fds[0], line, sizeof(line) - 1);
	close(fds[0]);
	T_OK(n > 0);
	line[n > 0 ? n : 0] = '\0';
	T_OK(strstr(line, "\"msg\":\"hello\"") != NULL);
	T_OK(strstr(line, "\"field\":\"a\\\"b\\u000ac\\u0001\"") != NULL);
	T_OK(strchr(line, '\n') == line + strlen(line) - 1);  /* exactly one line */
	T_OK(strstr(line, "not shown") == NULL);
	T_OK(log_set_level_name("debug") && !log_set_level_name("loud"));
}

static void test_clock(void)
{
	unsetenv("TERMINFON_FAKE_NOW");
	T_EQ_INT(clock_init(), TF_OK);
	setenv("TERMINFON_FAKE_NOW", "2026-11-24T09:00:00Z", 1);
	T_EQ_INT(clock_init(), TF_OK);
	int64_t now = clock_now();
	T_OK(now >= 1795510800 && now < 1795510800 + 60);
	setenv("TERMINFON_FAKE_NOW", "2026-11-24 09:00", 1);
	T_EQ_INT(clock_init(), TF_ECONFIG);
	setenv("TERMINFON_FAKE_NOW", "2026-02-30T09:00:00Z", 1);
	T_EQ_INT(clock_init(), TF_ECONFIG);
	unsetenv("TERMINFON_FAKE_NOW");
	long long a = clock_mono_us(), b = clock_mono_us();
	T_OK(b >= a);
}

int main(void)
{
	test_arena();
	test_buf();
	test_mask();
	test_log_line();
	test_clock();
	return t_done();
}
