/* The seed lexicon file: its one parser and its one search path (lexicon.h),
 * for the sentence aligner and the term pairer alike. */
#include "align/lexicon.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/utf8.h"
#include "config.h"

#define LEX_FILE "seed-lexicon.tsv"
/* The file an uninstalled build's root holds: the source tree's glossaries
 * directory on its first line (written by meson.build). */
#define LEX_UNINSTALLED_FILE "sverka-uninstalled"
/* How far above the program's directory its build root may be
 * (build/src/cli/sverka, build/tests/fuzz/fuzz-tmx). */
#define LEX_UNINSTALLED_DEPTH 3

void sv_lexicon_release(struct sv_lexicon *lex)
{
	for (size_t i = 0; i < lex->n; i++) {
		free(lex->pairs[i].ru);
		free(lex->pairs[i].bg);
	}
	free(lex->pairs);
	free(lex->path);
	memset(lex, 0, sizeof(*lex));
}

/* The field at *p up to the next tab (or the end), trimmed of spaces; *p moves
 * past the tab. Writes a NUL at the field's end. */
static char *next_field(char **p)
{
	char *s = *p, *e = strchr(s, '\t');
	if (e) {
		*e = '\0';
		*p = e + 1;
	} else {
		*p = s + strlen(s);
	}
	while (*s == ' ')
		s++;
	size_t n = strlen(s);
	while (n && s[n - 1] == ' ')
		s[--n] = '\0';
	return s;
}

static int read_file(struct sv_lexicon *lex, const char *path, struct sv_error *err)
{
	int rc = SV_OK;
	char *line = NULL;
	size_t cap = 0;
	unsigned long lineno = 0;
	int seen_pair = 0;
	FILE *f = fopen(path, "r");
	if (!f) {
		rc = sv_error_set(err, SV_EINPUT, "'%s': cannot open the lexicon: %s", path,
				  strerror(errno));
		goto out;
	}
	ssize_t len;
	while ((len = getline(&line, &cap, f)) >= 0) {
		lineno++;
		while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (!len || line[0] == '#')
			continue;
		if (sv_utf8_validate((const unsigned char *)line, (size_t)len) != (size_t)len) {
			rc = sv_error_set(err, SV_EINPUT, "'%s': line %lu: invalid UTF-8", path,
					  lineno);
			goto out;
		}
		int has_tab = strchr(line, '\t') != NULL;
		char *p = line;
		char *ru = next_field(&p), *bg = next_field(&p);
		if (!*ru && !*bg && !*p)
			continue; /* a blank line */
		if (!has_tab || !*ru || !*bg) {
			rc = sv_error_set(err, SV_EINPUT,
					  "'%s': line %lu: expected 'russian<TAB>bulgarian'", path,
					  lineno);
			goto out;
		}
		if (!seen_pair++ && !strcmp(ru, "ru") && !strcmp(bg, "bg"))
			continue; /* the header */
		SV_GROW(lex->pairs, lex->cap, lex->n + 1);
		lex->pairs[lex->n].ru = sv_strdup(ru);
		lex->pairs[lex->n].bg = sv_strdup(bg);
		lex->n++;
	}
	if (ferror(f))
		rc = sv_error_set(err, SV_EINPUT, "'%s': read error", path);
	else
		lex->path = sv_strdup(path);
out:
	if (f)
		fclose(f);
	free(line);
	if (rc)
		sv_lexicon_release(lex);
	return rc;
}

/* The source tree's lexicon when the program runs from an uninstalled build
 * (a directory at most LEX_UNINSTALLED_DEPTH above it holds
 * LEX_UNINSTALLED_FILE) into out; 0 when it does not. */
static int uninstalled_path(struct sv_buf *out)
{
	char dir[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", dir, sizeof(dir) - 1);
	if (n <= 0)
		return 0;
	dir[n] = '\0';
	int found = 0;
	struct sv_buf marker = SV_BUF_INIT;
	for (int up = 0; up < LEX_UNINSTALLED_DEPTH && !found; up++) {
		char *slash = strrchr(dir, '/');
		if (!slash || slash == dir)
			break;
		*slash = '\0';
		sv_buf_reset(&marker);
		sv_buf_addf(&marker, "%s/%s", dir, LEX_UNINSTALLED_FILE);
		FILE *f = fopen(marker.data, "r");
		if (!f)
			continue;
		char line[PATH_MAX];
		if (fgets(line, sizeof(line), f)) {
			line[strcspn(line, "\r\n")] = '\0';
			sv_buf_reset(out);
			sv_buf_addf(out, "%s/%s", line, LEX_FILE);
			found = 1;
		}
		fclose(f);
	}
	sv_buf_release(&marker);
	return found;
}

int sv_lexicon_read(struct sv_lexicon *lex, const char *path, struct sv_error *err)
{
	memset(lex, 0, sizeof(*lex));
	if (path)
		return read_file(lex, path, err);
	const char *env = getenv("SVERKA_LEXICON");
	if (env && *env) {
		int rc = read_file(lex, env, err);
		if (rc)
			sv_error_prefix(err, "$SVERKA_LEXICON: ");
		return rc;
	}
	int rc;
	struct sv_buf tree = SV_BUF_INIT;
	int uninstalled = uninstalled_path(&tree);
	const char *installed = SV_DATADIR "/" LEX_FILE;
	if (uninstalled && access(tree.data, R_OK) == 0)
		rc = read_file(lex, tree.data, err);
	else if (access(installed, R_OK) == 0)
		rc = read_file(lex, installed, err);
	else
		rc = sv_error_set(err, SV_ESTORE,
				  "no seed lexicon: searched $SVERKA_LEXICON (unset)%s%s%s, '%s'; "
				  "set SVERKA_LEXICON or pass --lexicon",
				  uninstalled ? ", '" : "", uninstalled ? tree.data : "",
				  uninstalled ? "'" : "", installed);
	sv_buf_release(&tree);
	return rc;
}
