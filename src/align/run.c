/* A run: many document pairs aligned together, so that what the confident
 * links of every pair teach (word pairs, the length model) serves all of
 * them. The one orchestration shared by `sverka align` and the benches. */
#include "align/align-int.h"

int sv_align_run(struct sv_align *a, struct sv_align_job *jobs, size_t n,
		 const struct sv_align_opts *opts, struct sv_error *err)
{
	struct sv_align_opts o;
	if (opts)
		o = *opts;
	else
		sv_align_opts_init(&o);
	int passes = n > 1 && o.passes > 1 ? o.passes : 1;
	for (int pass = 0; pass < passes; pass++) {
		int last = pass + 1 == passes;
		for (size_t i = 0; i < n; i++) {
			struct sv_align_job *j = &jobs[i];
			o.method = j->method;
			int rc = sv_align_sentences(a, j->ru, j->bg, &o, &j->links, err);
			if (rc)
				return rc;
			if (!last)
				sv_align_observe(a, j->ru, j->bg, &j->links);
		}
		if (!last)
			sv_align_learn(a);
	}
	return SV_OK;
}
