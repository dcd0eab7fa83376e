/* cmd.c: a command table whose entry calls back its helper, the one cycle
 * scripts/layers allows (cmd.c with the cmd-*.c files). */
int cmd_x_entry(int n);
int cmd_helper(int n);

/* The table's helper. */
int
cmd_helper(int n)
{
	return n > 1 ? cmd_x_entry(n - 1) : n;
}
