/* a.c: half of a cycle for tests/cli/layers.sh: a calls b, which calls a. */
int a_half(int n);
int b_half(int n);

/* Counts n down through b. */
int
a_half(int n)
{
	return n > 0 ? b_half(n - 1) : 0;
}
