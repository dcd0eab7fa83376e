/* c.c: calls into the cycle of a.c and b.c without being part of it. */
int a_half(int n);
int c_start(int n);

/* Starts the count down. */
int
c_start(int n)
{
	return a_half(n);
}
