/* replay.c: without libFuzzer, a fuzz target becomes a program that feeds it
 * every file of its checked-in corpus, so that crashes found once stay fixed. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return -1;
	size_t cap = 1 << 20, len = 0;
	uint8_t *data = malloc(cap);
	if (data == NULL) {
		fclose(f);
		return -1;
	}
	len = fread(data, 1, cap, f);
	fclose(f);
	/* Exact-size copy so that reads past the end are caught by ASan. */
	uint8_t *exact = malloc(len ? len : 1);
	if (exact == NULL) {
		free(data);
		return -1;
	}
	memcpy(exact, data, len);
	free(data);
	LLVMFuzzerTestOneInput(exact, len);
	free(exact);
	return 0;
}

int main(int argc, char **argv)
{
	int n = 0, failed = 0;
	for (int i = 1; i < argc; i++) {
		DIR *d = opendir(argv[i]);
		if (d == NULL) {
			if (replay_file(argv[i]) == 0)
				n++;
			else
				failed++;
			continue;
		}
		struct dirent *e;
		while ((e = readdir(d)) != NULL) {
			if (e->d_name[0] == '.')
				continue;
			char path[4096];
			int w = snprintf(path, sizeof(path), "%s/%s", argv[i], e->d_name);
			if (w < 0 || (size_t)w >= sizeof(path))
				continue;
			if (replay_file(path) == 0)
				n++;
			else
				failed++;
		}
		closedir(d);
	}
	printf("%d passed, %d failed\n", n, failed);
	return failed ? 1 : 0;
}
