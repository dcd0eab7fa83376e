/* cmd-x.c: one command of the table in cmd.c, calling its helper. */
int cmd_helper(int n);
int cmd_x_entry(int n);

/* The command. */
int
cmd_x_entry(int n)
{
	return cmd_helper(n);
}
