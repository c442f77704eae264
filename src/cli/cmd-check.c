/* sverka check: terminology and consistency checks over translated reports
 * (XLIFF, TMX, TSV pairs, or two plain texts aligned first), with a glossary
 * from the memory's termbase or a TBX/OmegaT/CSV file. */
#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "align/align.h"
#include "check/check.h"
#include "store/store.h"


static int read_whole(const char *path, char **bytes, size_t *n, struct sv_error *err)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return sv_error_set(err, SV_EINPUT, "'%s': cannot open", path);
	struct sv_buf b = SV_BUF_INIT;
	char chunk[65536];
	size_t k;
	while ((k = fread(chunk, 1, sizeof(chunk), f)) > 0)
		sv_buf_add(&b, chunk, k);
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		sv_buf_release(&b);
		return sv_error_set(err, SV_EINPUT, "'%s': read error", path);
	}
	*n = b.len;
	*bytes = sv_buf_detach(&b);
	return SV_OK;
}

/* One side of --pair: its sentences with their analyses. */
struct side {
	struct sv_doc_text doc;
	struct sv_buf store;   /* texts, norms and lemmas, NUL-separated */
	size_t *off;           /* per sentence: text, norm, lemmas offsets */
	struct sv_align_sent *sents;
	size_t n, cap;
};

static int load_side(struct sv_text *t, const char *path, enum sv_lang lang, struct side *sd,
		     struct sv_error *err)
{
	char *bytes = NULL;
	size_t n = 0;
	int rc;
	struct sv_spans spans = { 0 };
	struct sv_buf norm = SV_BUF_INIT, lem = SV_BUF_INIT;
	if ((rc = read_whole(path, &bytes, &n, err)) ||
	    (rc = sv_text_decode(path, bytes, n, SV_FORMAT_AUTO, 0, &sd->doc, err)))
		goto out;
	for (size_t p = 0; p < sd->doc.npara; p++) {
		const char *para = sd->doc.paras[p].text;
		if ((rc = sv_text_segment(t, para, strlen(para), lang, &spans, err)))
			goto out;
		for (size_t s = 0; s < spans.n; s++) {
			SV_GROW(sd->off, sd->cap, 3 * (sd->n + 1));
			const char *txt = para + spans.v[s].start;
			sd->off[3 * sd->n] = sd->store.len;
			sv_buf_add(&sd->store, txt, spans.v[s].len);
			sv_buf_addc(&sd->store, '\0');
			sv_buf_reset(&norm);
			sv_buf_reset(&lem);
			if ((rc = sv_text_analyse(t, lang, txt, spans.v[s].len, &norm, &lem, err)))
				goto out;
			sd->off[3 * sd->n + 1] = sd->store.len;
			sv_buf_add(&sd->store, norm.data, norm.len + 1);
			sd->off[3 * sd->n + 2] = sd->store.len;
			sv_buf_add(&sd->store, lem.data, lem.len + 1);
			sd->n++;
		}
	}
	sd->sents = sv_calloc(sd->n + 1, sizeof(*sd->sents));
	for (size_t i = 0; i < sd->n; i++) {
		sd->sents[i].text = sd->store.data + sd->off[3 * i];
		sd->sents[i].norm = sd->store.data + sd->off[3 * i + 1];
		sd->sents[i].lemmas = sd->store.data + sd->off[3 * i + 2];
	}
out:
	free(bytes);
	sv_spans_release(&spans);
	sv_buf_release(&norm);
	sv_buf_release(&lem);
	return rc;
}

static void side_release(struct side *sd)
{
	sv_doc_text_release(&sd->doc);
	sv_buf_release(&sd->store);
	free(sd->off);
	free(sd->sents);
}

static void join(struct sv_buf *b, const struct side *sd, uint32_t from, uint32_t n)
{
	sv_buf_reset(b);
	for (uint32_t i = from; i < from + n; i++) {
		if (b->len)
			sv_buf_addc(b, ' ');
		sv_buf_adds(b, sd->sents[i].text);
	}
}

static void range(struct sv_buf *b, uint32_t from, uint32_t n)
{
	if (n == 1)
		sv_buf_addf(b, "%u", from + 1);
	else
		sv_buf_addf(b, "%u+%u", from + 1, from + n);
}

/* Reads RU_FILE and BG_FILE, aligns their sentences monotonically and adds
 * the links as units "RU=BG" (1-based sentence numbers) of the source file. */
static int read_pair(struct sv_text *t, const char *ru, const char *bg, enum sv_lang src,
		     struct sv_check_segs *segs, struct sv_error *err)
{
	struct side sr = { SV_DOC_TEXT_INIT, SV_BUF_INIT, NULL, NULL, 0, 0 };
	struct side sb = { SV_DOC_TEXT_INIT, SV_BUF_INIT, NULL, NULL, 0, 0 };
	struct sv_align *a = NULL;
	struct sv_align_links links = SV_ALIGN_LINKS_INIT;
	struct sv_buf rt = SV_BUF_INIT, bt = SV_BUF_INIT, id = SV_BUF_INIT;
	int rc;
	size_t ri, bi;
	if ((rc = load_side(t, ru, SV_LANG_RU, &sr, err)) ||
	    (rc = load_side(t, bg, SV_LANG_BG, &sb, err)))
		goto out;
	if (!(a = sv_align_open(NULL, err))) {
		rc = err->code ? err->code : SV_ESTORE;
		goto out;
	}
	struct sv_align_doc dr = { ru, SV_LANG_RU, NULL, sr.sents, sr.n };
	struct sv_align_doc db = { bg, SV_LANG_BG, NULL, sb.sents, sb.n };
	struct sv_align_opts o;
	sv_align_opts_init(&o);
	o.method = SV_ALIGN_MONOTONE;
	if ((rc = sv_align_add(a, &dr, &ri, err)) || (rc = sv_align_add(a, &db, &bi, err)) ||
	    (rc = sv_align_sentences(a, ri, bi, &o, &links, err)))
		goto out;
	int bg_src = src == SV_LANG_BG;
	for (size_t k = 0; k < links.n; k++) {
		const struct sv_align_link *l = &links.v[k];
		if (!l->nru || !l->nbg)
			continue;
		join(&rt, &sr, l->ru, l->nru);
		join(&bt, &sb, l->bg, l->nbg);
		sv_buf_reset(&id);
		range(&id, bg_src ? l->bg : l->ru, bg_src ? l->nbg : l->nru);
		sv_buf_addc(&id, '=');
		range(&id, bg_src ? l->ru : l->bg, bg_src ? l->nru : l->nbg);
		if (bg_src)
			sv_check_segs_add(segs, bg, id.data, bt.data, rt.data, NULL, NULL,
					  SV_LANG_BG, SV_LANG_RU);
		else
			sv_check_segs_add(segs, ru, id.data, rt.data, bt.data, NULL, NULL,
					  SV_LANG_RU, SV_LANG_BG);
	}
out:
	sv_align_links_release(&links);
	sv_align_close(a);
	side_release(&sr);
	side_release(&sb);
	sv_buf_release(&rt);
	sv_buf_release(&bt);
	sv_buf_release(&id);
	return rc;
}

int cmd_check(struct sv_cli *cli, int argc, char **argv)
{
	if (cli_wants_help(cli, argc, argv))
		return 0;
	struct sv_error err = { 0 };
	struct sv_check_config cfg;
	struct sv_check_segs segs;
	struct sv_check_findings found;
	struct sv_check_glossary *g = NULL;
	struct sv_text *t = NULL;
	struct sv_store *st = NULL;
	struct sv_buf out = SV_BUF_INIT;
	const char **glossaries = sv_calloc((size_t)argc + 1, sizeof(char *));
	const char **reports = sv_calloc((size_t)argc + 1, sizeof(char *));
	const char **pairs = sv_calloc((size_t)argc + 1, sizeof(char *));
	size_t nglos = 0, nrep = 0, npair = 0;
	enum sv_lang src = SV_LANG_UNKNOWN;
	enum sv_check_format fmt = cli->json ? SV_CHECK_JSON : SV_CHECK_TEXT;
	const char *output = NULL;
	int termbase = 0, candidates = 0, rc = SV_OK;
	sv_check_config_init(&cfg);
	sv_check_segs_init(&segs);
	sv_check_findings_init(&found);

	/* --config first, so that flags override it wherever they stand */
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			break;
		if (!strcmp(argv[i], "--config")) {
			if (i + 1 >= argc) {
				rc = cli_usage(cli, "--config needs a FILE");
				goto out;
			}
			if ((rc = sv_check_config_read(&cfg, argv[++i], &err))) {
				rc = cli_fail(cli, &err);
				goto out;
			}
		}
	}
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		int more = i + 1 < argc;
		if (!strcmp(a, "--")) {
			while (++i < argc)
				reports[nrep++] = argv[i];
			break;
		}
		if (a[0] != '-' || !a[1]) {
			reports[nrep++] = a;
			continue;
		}
		int needs = !strcmp(a, "--glossary") || !strcmp(a, "--source") ||
			    !strcmp(a, "--format") || !strcmp(a, "-o") || !strcmp(a, "--output") ||
			    !strcmp(a, "--enable") || !strcmp(a, "--disable") ||
			    !strcmp(a, "--severity") || !strcmp(a, "--suppress") ||
			    !strcmp(a, "--config");
		if (needs && !more) {
			rc = cli_usage(cli, "%s needs a value", a);
			goto out;
		}
		if (!strcmp(a, "--glossary")) {
			glossaries[nglos++] = argv[++i];
		} else if (!strcmp(a, "--termbase")) {
			termbase = 1;
		} else if (!strcmp(a, "--candidates")) {
			candidates = 1;
		} else if (!strcmp(a, "--source")) {
			src = sv_lang_parse(argv[++i]);
			if (src != SV_LANG_RU && src != SV_LANG_BG) {
				rc = cli_usage(cli, "--source must be ru or bg, not '%s'", argv[i]);
				goto out;
			}
		} else if (!strcmp(a, "--format")) {
			const char *f = argv[++i];
			if (!strcmp(f, "text"))
				fmt = SV_CHECK_TEXT;
			else if (!strcmp(f, "json"))
				fmt = SV_CHECK_JSON;
			else if (!strcmp(f, "html"))
				fmt = SV_CHECK_HTML;
			else {
				rc = cli_usage(cli, "--format must be text, json or html, not '%s'",
					       f);
				goto out;
			}
		} else if (!strcmp(a, "-o") || !strcmp(a, "--output")) {
			output = argv[++i];
		} else if (!strcmp(a, "--pair")) {
			if (i + 2 >= argc) {
				rc = cli_usage(cli, "--pair needs RU_FILE and BG_FILE");
				goto out;
			}
			pairs[npair++] = argv[++i];
			pairs[npair++] = argv[++i];
		} else if (!strcmp(a, "--enable") || !strcmp(a, "--disable")) {
			const char *c = argv[++i];
			struct sv_buf s = SV_BUF_INIT;
			sv_buf_addf(&s, "%s=%s", c, a[2] == 'e' ? "on" : "off");
			rc = sv_check_parse(c) < 0
				     ? sv_error_set(&err, SV_EUSAGE, "unknown check '%s'", c)
				     : sv_check_config_set(&cfg, s.data, &err);
			sv_buf_release(&s);
			if (rc) {
				rc = cli_usage(cli, "%s", err.msg);
				goto out;
			}
		} else if (!strcmp(a, "--severity") || !strcmp(a, "--suppress")) {
			struct sv_buf s = SV_BUF_INIT;
			if (a[3] == 'u')
				sv_buf_addf(&s, "suppress=%s", argv[++i]);
			else
				sv_buf_adds(&s, argv[++i]);
			rc = sv_check_config_set(&cfg, s.data, &err);
			sv_buf_release(&s);
			if (rc) {
				rc = cli_usage(cli, "%s", err.msg);
				goto out;
			}
		} else if (!strcmp(a, "--config")) {
			i++; /* read above */
		} else {
			rc = cli_usage(cli, "unknown option '%s'", a);
			goto out;
		}
	}
	if (candidates)
		cfg.candidates = 1;
	if (!nrep && !npair) {
		rc = cli_usage(cli, "no report to check");
		goto out;
	}
	if (!(t = sv_text_open(NULL, &err))) {
		rc = cli_fail(cli, &err);
		goto out;
	}
	for (size_t i = 0; i < nrep; i++)
		if ((rc = sv_check_read_report(reports[i], src, &segs, &err))) {
			rc = cli_fail(cli, &err);
			goto out;
		}
	for (size_t i = 0; i < npair; i += 2)
		if ((rc = read_pair(t, pairs[i], pairs[i + 1], src, &segs, &err))) {
			rc = cli_fail(cli, &err);
			goto out;
		}
	/* The glossary: files given, and the memory's termbase when asked for
	 * (or when no file is given and the memory exists). */
	g = sv_check_glossary_new(t);
	enum sv_lang gsrc = src ? src : segs.n ? segs.v[0].src_lang : SV_LANG_RU;
	for (size_t i = 0; i < nglos; i++)
		if ((rc = sv_check_read_glossary(glossaries[i], gsrc, g, &err))) {
			rc = cli_fail(cli, &err);
			goto out;
		}
	if (termbase || (!nglos && cli->memory && access(cli->memory, R_OK) == 0)) {
		if ((rc = sv_store_open(cli->memory, SV_STORE_READONLY, &st, &err)) ||
		    (rc = sv_check_glossary_load_store(g, st, &err))) {
			rc = cli_fail(cli, &err);
			goto out;
		}
	}
	if (!sv_check_glossary_terms(g) && (nglos || termbase))
		cli_warn(cli, "the glossary has no terms: term checks skipped");
	if ((rc = sv_check_run(t, &segs, g, &cfg, &found, &err))) {
		rc = cli_fail(cli, &err);
		goto out;
	}
	sv_check_report(&segs, &found, fmt, &out);
	FILE *f = stdout;
	if (output && strcmp(output, "-") && !(f = fopen(output, "w"))) {
		sv_error_set(&err, SV_EINPUT, "'%s': cannot write", output);
		rc = cli_fail(cli, &err);
		goto out;
	}
	fwrite(out.data, 1, out.len, f);
	if (f != stdout && fclose(f)) {
		sv_error_set(&err, SV_ESTORE, "'%s': write failed", output);
		rc = cli_fail(cli, &err);
		goto out;
	}
	if (output && f != stdout && !cli->quiet)
		fprintf(stderr, "sverka check: %zu findings (%zu errors) written to '%s'\n",
			found.n,
			found.errors, output);
	rc = found.errors ? SV_EFINDINGS : SV_OK;
out:
	sv_check_findings_release(&found);
	sv_check_segs_release(&segs);
	sv_check_config_release(&cfg);
	sv_check_glossary_free(g);
	sv_store_close(st);
	sv_text_close(t);
	sv_buf_release(&out);
	free(glossaries);
	free(reports);
	free(pairs);
	return rc;
}
