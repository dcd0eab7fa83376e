/* floor-yaml.c: the benchmark's floor for `whyline check`: a bare libyaml
 * event parse of a file, nothing built. Prints the seconds it took. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <yaml.h>

/* Parses argv[1] with libyaml's event API and prints the elapsed time. */
int
main(int argc, char **argv)
{
	struct timespec a, b;
	yaml_parser_t p;
	yaml_event_t ev;
	unsigned long events = 0;
	FILE *fp;
	int done = 0;

	if (argc != 2 || (fp = fopen(argv[1], "rb")) == NULL)
		return 2;
	clock_gettime(CLOCK_MONOTONIC, &a);
	yaml_parser_initialize(&p);
	yaml_parser_set_input_file(&p, fp);
	while (!done) {
		if (!yaml_parser_parse(&p, &ev))
			return 1;
		done = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
		events++;
	}
	yaml_parser_delete(&p);
	fclose(fp);
	clock_gettime(CLOCK_MONOTONIC, &b);
	printf("%.6f %lu\n", (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9, events);
	return 0;
}
