/* sverka check as a library verb: the inputs read into segment pairs (plain
 * texts aligned monotonically first), the glossary gathered, the checks run
 * and the report formatted. */
#include "job/check.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "align/align.h"
#include "base/file.h"
#include "store/store.h"

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
	struct sv_buf bytes = SV_BUF_INIT;
	int rc;
	struct sv_spans spans = { 0 };
	struct sv_buf norm = SV_BUF_INIT, lem = SV_BUF_INIT;
	if ((rc = sv_file_read(path, 0, &bytes, err)) ||
	    (rc = sv_text_decode(path, bytes.data, bytes.len, SV_FORMAT_AUTO, 0, &sd->doc, err)))
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
	sv_buf_release(&bytes);
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

static void join_sentences(struct sv_buf *b, const struct side *sd, uint32_t from, uint32_t n)
{
	sv_buf_reset(b);
	for (uint32_t i = from; i < from + n; i++) {
		if (b->len)
			sv_buf_addc(b, ' ');
		sv_buf_adds(b, sd->sents[i].text);
	}
}

static void add_sentence_range(struct sv_buf *b, uint32_t from, uint32_t n)
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
		join_sentences(&rt, &sr, l->ru, l->nru);
		join_sentences(&bt, &sb, l->bg, l->nbg);
		sv_buf_reset(&id);
		add_sentence_range(&id, bg_src ? l->bg : l->ru, bg_src ? l->nbg : l->nru);
		sv_buf_addc(&id, '=');
		add_sentence_range(&id, bg_src ? l->ru : l->bg, bg_src ? l->nru : l->nbg);
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

void sv_job_check_opts_init(struct sv_job_check_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->source = SV_LANG_UNKNOWN;
	o->format = SV_CHECK_TEXT;
}

void sv_job_check_result_release(struct sv_job_check_result *result)
{
	sv_check_findings_release(&result->findings);
	sv_check_segs_release(&result->segs);
	sv_buf_release(&result->report);
}

static void progress(const struct sv_job_check_opts *o, const char *stage, size_t done,
		     size_t total)
{
	if (o->progress.fn)
		o->progress.fn(o->progress.ctx, stage, done, total);
}

int sv_job_check(const struct sv_job_check_opts *o, struct sv_job_check_result *result,
		 struct sv_error *err)
{
	int rc = SV_OK;
	struct sv_check_config defaults;
	struct sv_check_glossary *g = NULL;
	struct sv_text *t = o->text;
	struct sv_store *st = NULL;
	sv_check_config_init(&defaults);
	sv_check_segs_init(&result->segs);
	sv_check_findings_init(&result->findings);
	sv_buf_init(&result->report);
	result->glossary_empty = 0;
	const struct sv_check_config *cfg = o->config ? o->config : &defaults;
	enum sv_lang src = o->source;
	size_t ninputs = o->nreports + o->npairs;
	if (!ninputs) {
		rc = sv_error_set(err, SV_EUSAGE, "no report to check");
		goto out;
	}
	if (!t && !(t = sv_text_open(NULL, err))) {
		rc = err->code ? err->code : SV_ESTORE;
		goto out;
	}
	for (size_t i = 0; i < o->nreports; i++) {
		progress(o, "read", i, ninputs);
		if ((rc = sv_check_read_report(o->reports[i], src, &result->segs, err)))
			goto out;
	}
	for (size_t i = 0; i < o->npairs; i++) {
		progress(o, "read", o->nreports + i, ninputs);
		if ((rc = read_pair(t, o->pairs[2 * i], o->pairs[2 * i + 1], src, &result->segs,
				    err)))
			goto out;
	}
	progress(o, "read", ninputs, ninputs);
	/* The glossary: files given, and the memory's termbase when asked for
	 * (or when no file is given and the memory exists). */
	progress(o, "glossary", 0, 0);
	g = sv_check_glossary_new(t);
	const struct sv_check_segs *segs = &result->segs;
	enum sv_lang gsrc = src ? src : segs->n ? segs->v[0].src_lang : SV_LANG_RU;
	for (size_t i = 0; i < o->nglossaries; i++)
		if ((rc = sv_check_read_glossary(o->glossaries[i], gsrc, g, err)))
			goto out;
	if (o->termbase ||
	    (!o->nglossaries && o->memory && access(o->memory, R_OK) == 0)) {
		if ((rc = sv_store_open(o->memory, SV_STORE_READONLY, &st, err)) ||
		    (rc = sv_check_glossary_load_store(g, st, err)))
			goto out;
	}
	result->glossary_empty = !sv_check_glossary_terms(g) && (o->nglossaries || o->termbase);
	progress(o, "check", 0, segs->n);
	if ((rc = sv_check_run(t, segs, g, cfg, &result->findings, err)))
		goto out;
	progress(o, "check", segs->n, segs->n);
	sv_check_report(segs, &result->findings, o->format, &result->report);
out:
	sv_check_glossary_free(g);
	sv_store_close(st);
	if (t != o->text)
		sv_text_close(t);
	sv_check_config_release(&defaults);
	return rc;
}
