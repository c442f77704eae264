/* The seed lexicon as the term pairer holds it: word pairs both ways, from
 * the lexicon file as align/lexicon.h reads it. */
#include "terms/terms-int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void tm_lexicon_init(struct tm_lexicon *lx)
{
	memset(lx, 0, sizeof(*lx));
}

static void free_lists(char ***v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (char **p = v[i]; *p; p++)
			free(*p);
		free(v[i]);
	}
	free(v);
}

void tm_lexicon_release(struct tm_lexicon *lx)
{
	sv_map_release(&lx->ru2bg);
	sv_map_release(&lx->ru);
	sv_map_release(&lx->bg);
	free_lists(lx->ru_tr, lx->nru);
	free_lists(lx->bg_tr, lx->nbg);
	memset(lx, 0, sizeof(*lx));
}

static void push(struct sv_map *m, char ****lists, size_t *n, size_t *cap, const char *w,
		 const char *tr)
{
	int added = 0;
	struct sv_map_slot *s = sv_map_add(m, w, strlen(w), &added);
	if (added) {
		SV_GROW(*lists, *cap, *n + 1);
		(*lists)[*n] = sv_calloc(1, sizeof(char *));
		s->val = ++*n;
	}
	char ***slot = &(*lists)[s->val - 1];
	size_t k = 0;
	while ((*slot)[k])
		k++;
	*slot = sv_realloc(*slot, (k + 2) * sizeof(char *));
	(*slot)[k] = sv_strdup(tr);
	(*slot)[k + 1] = NULL;
}

void tm_lexicon_add(struct tm_lexicon *lx, const char *ru, const char *bg)
{
	struct sv_buf k = SV_BUF_INIT;
	sv_buf_adds(&k, ru);
	sv_buf_addc(&k, '\t');
	sv_buf_adds(&k, bg);
	int added = 0;
	sv_map_add(&lx->ru2bg, k.data, k.len, &added);
	sv_buf_release(&k);
	if (!added)
		return;
	push(&lx->ru, &lx->ru_tr, &lx->nru, &lx->capru, ru, bg);
	push(&lx->bg, &lx->bg_tr, &lx->nbg, &lx->capbg, bg, ru);
	lx->pairs++;
}

int tm_lexicon_has(const struct tm_lexicon *lx, const char *ru, const char *bg)
{
	struct sv_buf k = SV_BUF_INIT;
	sv_buf_adds(&k, ru);
	sv_buf_addc(&k, '\t');
	sv_buf_adds(&k, bg);
	int has = sv_map_find(&lx->ru2bg, k.data, k.len) != NULL;
	sv_buf_release(&k);
	return has;
}

char *const *tm_lexicon_find(const struct tm_lexicon *lx, enum sv_lang from, const char *w)
{
	const struct sv_map *m = from == SV_LANG_RU ? &lx->ru : &lx->bg;
	struct sv_map_slot *s = sv_map_find(m, w, strlen(w));
	if (!s)
		return NULL;
	return from == SV_LANG_RU ? lx->ru_tr[s->val - 1] : lx->bg_tr[s->val - 1];
}

void tm_lexicon_use(struct tm_lexicon *lx, const struct sv_lexicon *lex)
{
	struct sv_buf ru = SV_BUF_INIT, bg = SV_BUF_INIT;
	for (size_t i = 0; i < lex->n; i++) {
		tm_lower(lex->pairs[i].ru, strlen(lex->pairs[i].ru), &ru);
		tm_lower(lex->pairs[i].bg, strlen(lex->pairs[i].bg), &bg);
		tm_lexicon_add(lx, ru.data, bg.data);
	}
	sv_buf_release(&ru);
	sv_buf_release(&bg);
}

int tm_lexicon_load(struct tm_lexicon *lx, const struct sv_terms_opts *o, struct sv_error *err)
{
	if (o->lex) {
		tm_lexicon_use(lx, o->lex);
		return SV_OK;
	}
	struct sv_lexicon lex = SV_LEXICON_INIT;
	int rc = sv_lexicon_read(&lex, o->lexicon, err);
	if (!rc)
		tm_lexicon_use(lx, &lex);
	sv_lexicon_release(&lex);
	return rc;
}
