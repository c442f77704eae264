/* The memory opened for the query commands (lookup, search, concord): store,
 * text analyser and matcher, opened and closed together. */
#include "cli/cli.h"

#include "match/match.h"

int cli_matcher_open(struct sv_cli *cli, struct cli_matcher *cm, struct sv_error *err)
{
	int rc = sv_store_open(cli->memory, 0, &cm->st, err);
	if (rc)
		return rc;
	if (!(cm->t = sv_text_open(NULL, err)) || !(cm->m = sv_match_open(cm->st, cm->t, err)))
		return err->code ? err->code : SV_ESTORE;
	return SV_OK;
}

void cli_matcher_close(struct cli_matcher *cm)
{
	sv_match_close(cm->m);
	sv_text_close(cm->t);
	sv_store_close(cm->st);
	*cm = (struct cli_matcher)CLI_MATCHER_INIT;
}
