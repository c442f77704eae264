/* sverka help [COMMAND]: the overview or one command's help, from sv_commands[]. */
#include "cli/cli.h"

#include <string.h>


int cmd_help(struct sv_cli *cli, int argc, char **argv)
{
	if (argc < 2) {
		printf("usage: sverka [--memory PATH] [--json] [-q] <command> [options] [args]\n\n");
		for (const struct sv_command *c = sv_commands; c->name; c++)
			printf("  %-10s %s\n", c->name, c->summary);
		printf("\nSee 'sverka <command> --help' or man sverka.\n");
		return 0;
	}
	if (!strcmp(argv[1], "--list")) {
		for (const struct sv_command *c = sv_commands; c->name; c++)
			printf("%s\n", c->name);
		return 0;
	}
	const struct sv_command *c = sv_command_find(argv[1]);
	if (!c)
		return cli_usage(cli, "'%s' is not a command", argv[1]);
	cli_help(c, stdout);
	return 0;
}
