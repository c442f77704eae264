/* The command table: dispatch, `sverka help`, and the tests that keep the man
 * page and README in step all read this one list. */
#include "cli/cli.h"

#define CMD(n) int cmd_##n(struct sv_cli *cli, int argc, char **argv);
CMD(help)
#undef CMD

const struct sv_command sv_commands[] = {
	{ "help", cmd_help, "[COMMAND | --list]", "show help for sverka or one command", "" },
	{ NULL, NULL, NULL, NULL, NULL },
};
