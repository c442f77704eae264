/* The seed lexicon as the term pairer reads it: word pairs both ways, loaded
 * from the TSV file in glossaries/ (ru<TAB>bg, further columns ignored, #
 * comments, an optional "ru<TAB>bg" header). */
#include "terms/terms-int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"

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

static char *field(char **p)
{
	char *s = *p, *e = s;
	while (*e && *e != '\t')
		e++;
	*p = *e ? e + 1 : e;
	*e = 0;
	while (*s == ' ')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		s[--n] = 0;
	return s;
}

int tm_lexicon_load(struct tm_lexicon *lx, const char *path, struct sv_error *err)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return sv_error_set(err, SV_EINPUT, "'%s': cannot read the lexicon", path);
	char *line = NULL;
	size_t cap = 0;
	long lineno = 0;
	struct sv_buf ru = SV_BUF_INIT, bg = SV_BUF_INIT;
	int rc = SV_OK;
	while (getline(&line, &cap, f) >= 0) {
		lineno++;
		char *p = line;
		if (*p == '#' || *p == '\n' || *p == '\r' || !*p)
			continue;
		char *a = field(&p), *b = field(&p);
		if (!*a && !*b)
			continue;
		if (!*a || !*b) {
			rc = sv_error_set(err, SV_EINPUT, "'%s': line %ld: expected ru<TAB>bg", path,
					  lineno);
			break;
		}
		if (lineno == 1 && !strcmp(a, "ru") && !strcmp(b, "bg"))
			continue;
		tm_lower(a, strlen(a), &ru);
		tm_lower(b, strlen(b), &bg);
		tm_lexicon_add(lx, ru.data, bg.data);
	}
	free(line);
	fclose(f);
	sv_buf_release(&ru);
	sv_buf_release(&bg);
	return rc;
}

int tm_lexicon_load_default(struct tm_lexicon *lx, const char *path, struct sv_error *err)
{
	if (path)
		return tm_lexicon_load(lx, path, err);
	const char *env = getenv("SVERKA_LEXICON");
	if (env && *env)
		return tm_lexicon_load(lx, env, err);
	const char *cands[] = { SV_SOURCE_ROOT "/glossaries/seed-lexicon.tsv",
				SV_DATADIR "/seed-lexicon.tsv" };
	for (size_t i = 0; i < 2; i++)
		if (access(cands[i], R_OK) == 0)
			return tm_lexicon_load(lx, cands[i], err);
	return SV_OK;
}
