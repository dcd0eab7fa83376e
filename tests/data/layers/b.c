/* b.c: the other half of the cycle for tests/cli/layers.sh. */
int a_half(int n);
int b_half(int n);

/* Counts n down through a. */
int
b_half(int n)
{
	return n > 0 ? a_half(n - 1) : 1;
}
