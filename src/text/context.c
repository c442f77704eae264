/* The text context: ICU break iterators, the reusable UText, hunspell
 * dictionaries (located at open, loaded on first use) and lemma memos. */
#include "text/text-int.h"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <strings.h>
#include <sys/stat.h>

#include <hunspell/hunspell.h>
#include <unicode/ucnv.h>

static const char *const dict_names[3] = { NULL, "ru_RU", "bg_BG" };
static const char *const dict_pkgs[3] = { NULL, "hunspell-ru", "hunspell-bg" };

static int is_file(const char *path)
{
	struct stat sb;
	return !stat(path, &sb) && S_ISREG(sb.st_mode);
}

/* Finds name.aff and name.dic in one of the colon-separated dirs. */
static void locate(const char *dirs, const char *name, char **aff, char **dic)
{
	const char *d = dirs;
	struct sv_buf a = SV_BUF_INIT, b = SV_BUF_INIT;
	while (*d) {
		size_t len = strcspn(d, ":");
		if (len) {
			sv_buf_reset(&a);
			sv_buf_reset(&b);
			sv_buf_addf(&a, "%.*s/%s.aff", (int)len, d, name);
			sv_buf_addf(&b, "%.*s/%s.dic", (int)len, d, name);
			if (is_file(a.data) && is_file(b.data)) {
				*aff = sv_buf_detach(&a);
				*dic = sv_buf_detach(&b);
				break;
			}
		}
		d += len;
		if (*d == ':')
			d++;
	}
	sv_buf_release(&a);
	sv_buf_release(&b);
}

struct sv_text *sv_text_open(const char *dictdirs, struct sv_error *err)
{
	struct sv_text *t = sv_calloc(1, sizeof(*t));
	if (!dictdirs || !*dictdirs)
		dictdirs = getenv("SVERKA_DICT_DIRS");
	if (!dictdirs || !*dictdirs)
		dictdirs = SV_DICT_DIRS;
	t->dirs = sv_strdup(dictdirs);
	for (int l = SV_LANG_RU; l <= SV_LANG_BG; l++) {
		locate(t->dirs, dict_names[l], &t->dict[l].aff, &t->dict[l].dic);
		sv_map_init(&t->dict[l].memo);
		sv_buf_init(&t->dict[l].joined);
	}
	sv_intern_init(&t->lemmas);
	sv_buf_init(&t->toks.keys);
	sv_buf_init(&t->scratch);
	sv_buf_init(&t->scratch2);
	(void)err;
	return t;
}

int sv_text_dict_check(struct sv_text *t, enum sv_lang lang, struct sv_error *err)
{
	if (lang != SV_LANG_RU && lang != SV_LANG_BG)
		return SV_OK;
	if (tx_dict_handle(t, lang))
		return SV_OK;
	struct sv_dict *d = &t->dict[lang];
	if (!d->aff)
		return sv_error_set(err, SV_ESTORE,
				    "hunspell dictionary '%s' not found in '%s' (install the Debian "
				    "package %s, or set SVERKA_DICT_DIRS)",
				    dict_names[lang], t->dirs, dict_pkgs[lang]);
	return sv_error_set(err, SV_ESTORE, "'%s': cannot load the hunspell dictionary", d->dic);
}

/* Reads the SET line of an .aff file into enc (NUL-terminated). */
static void aff_encoding(const char *aff, char *enc, size_t cap)
{
	FILE *f = fopen(aff, "r");
	char line[512];
	/* the encoding name is short; longer lines are cut */
	snprintf(enc, cap, "ISO8859-1"); /* hunspell's default */
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, "SET ", 4)) {
			char *p = line + 4;
			while (*p == ' ' || *p == '\t')
				p++;
			p[strcspn(p, " \t\r\n")] = '\0';
			if (strlen(p) < cap)
				memcpy(enc, p, strlen(p) + 1);
			break;
		}
	}
	fclose(f);
}

void *tx_dict_handle(struct sv_text *t, enum sv_lang lang)
{
	struct sv_dict *d = &t->dict[lang];
	if (d->h || d->tried)
		return d->h;
	d->tried = 1;
	if (!d->aff)
		return NULL;
	d->h = Hunspell_create(d->aff, d->dic);
	char enc[64];
	aff_encoding(d->aff, enc, sizeof(enc));
	if (strcasecmp(enc, "UTF-8") && strcasecmp(enc, "UTF8")) {
		UErrorCode st = U_ZERO_ERROR;
		d->conv = ucnv_open(enc, &st);
		if (U_FAILURE(st))
			d->conv = NULL;
	}
	return d->h;
}

void sv_text_close(struct sv_text *t)
{
	if (!t)
		return;
	for (int i = 0; i < 3; i++)
		if (t->sent[i])
			ubrk_close(t->sent[i]);
	if (t->word)
		ubrk_close(t->word);
	if (t->ut)
		utext_close(t->ut);
	for (int l = SV_LANG_RU; l <= SV_LANG_BG; l++) {
		struct sv_dict *d = &t->dict[l];
		if (d->h)
			Hunspell_destroy(d->h);
		if (d->conv)
			ucnv_close(d->conv);
		free(d->aff);
		free(d->dic);
		sv_map_release(&d->memo);
		free(d->cache);
		free(d->lists);
		sv_buf_release(&d->joined);
	}
	sv_intern_release(&t->lemmas);
	sv_tokens_release(&t->toks);
	sv_buf_release(&t->scratch);
	sv_buf_release(&t->scratch2);
	free(t->pieces);
	free(t->words);
	free(t->toklem);
	free(t->u16);
	free(t->dirs);
	free(t);
}

UText *tx_utext(struct sv_text *t, const char *s, size_t n)
{
	UErrorCode st = U_ZERO_ERROR;
	t->ut = utext_openUTF8(t->ut, s, (int64_t)n, &st);
	return U_SUCCESS(st) ? t->ut : NULL;
}
