/* The segment pairs a check runs over: each owns copies of its texts and
 * codes; file names are interned. */
#include "check/check-int.h"

#include <stdlib.h>
#include <string.h>

void sv_check_segs_init(struct sv_check_segs *s)
{
	s->v = NULL;
	s->n = s->cap = 0;
	sv_intern_init(&s->files);
}

void sv_check_segs_release(struct sv_check_segs *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->v[i].unit);
		free(s->v[i].src);
		free(s->v[i].tgt);
		free(s->v[i].src_codes);
		free(s->v[i].tgt_codes);
	}
	free(s->v);
	s->v = NULL;
	s->n = s->cap = 0;
	sv_intern_release(&s->files);
}

static char *dup_or_null(const char *s)
{
	return s ? sv_strdup(s) : NULL;
}

void sv_check_segs_add(struct sv_check_segs *s, const char *file, const char *unit,
		       const char *src, const char *tgt, const char *src_codes,
		       const char *tgt_codes, enum sv_lang src_lang, enum sv_lang tgt_lang)
{
	SV_GROW(s->v, s->cap, s->n + 1);
	struct sv_check_seg *g = &s->v[s->n++];
	g->file = sv_intern_add(&s->files, file ? file : "", file ? strlen(file) : 0);
	g->unit = sv_strdup(unit ? unit : "");
	g->src = sv_strdup(src ? src : "");
	g->tgt = dup_or_null(tgt);
	g->src_codes = dup_or_null(src_codes);
	g->tgt_codes = dup_or_null(tgt_codes);
	g->src_lang = src_lang;
	g->tgt_lang = tgt_lang;
}
