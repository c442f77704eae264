/* Built by tests/tools/install-check against the installed libsverka
 * (pkg-config sverka): opens a memory and looks a term up through the public
 * API only. Usage: lookup-installed MEMORY RU_TERM BG_EQUIVALENT; exit 0 when
 * the term is found and BG_EQUIVALENT is among its equivalents. */
#include <stdio.h>
#include <string.h>

#include "sverka.h"

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: lookup-installed MEMORY RU_TERM BG_EQUIVALENT\n");
		return 2;
	}
	int rc = 1;
	struct sv_error err = { 0 };
	struct sv_store *st = NULL;
	struct sv_text *t = NULL;
	struct sv_match *m = NULL;
	struct sv_match_lookup r = SV_MATCH_LOOKUP_INIT;
	struct sv_match_lookup_opts o = { .lang = SV_LANG_RU };
	if (sv_store_open(argv[1], SV_STORE_READONLY, &st, &err) ||
	    !(t = sv_text_open(NULL, &err)) || !(m = sv_match_open(st, t, &err)) ||
	    sv_match_lookup(m, argv[2], &o, &r, &err)) {
		fprintf(stderr, "lookup-installed: %s\n", err.msg);
		goto out;
	}
	if (!r.nhits) {
		fprintf(stderr, "lookup-installed: '%s' not found\n", argv[2]);
		goto out;
	}
	for (size_t i = 0; i < r.nequivs; i++)
		if (!strcmp(r.equivs[i].term.citation, argv[3]))
			rc = 0;
	printf("%s: %zu hits, %zu equivalents, '%s' %s\n", argv[2], r.nhits, r.nequivs, argv[3],
	       rc ? "missing" : "among them");
out:
	sv_match_lookup_release(&r);
	sv_match_close(m);
	sv_text_close(t);
	if (st)
		sv_store_close(st);
	return rc;
}
