/* The delimited text formats: OmegaT glossary TSV, CSV (units or concepts,
 * with a header row) and plain or aligned TSV of units. */
#include "io/write-int.h"

#include <stdio.h>
#include <string.h>

/* Appends s to w->t2 for a tab-separated line: NFC, tabs and newlines as spaces. */
static void tsv_field(struct sv_io_writer *w, const char *s)
{
	size_t from = w->t2.len;
	if (s)
		io_clean(s, strlen(s), &w->t2);
	for (size_t i = from; i < w->t2.len; i++)
		if (w->t2.data[i] == '\t' || w->t2.data[i] == '\n' || w->t2.data[i] == '\r')
			w->t2.data[i] = ' ';
}

static void csv_field(struct sv_io_writer *w, const char *s, int last)
{
	sv_buf_reset(&w->t);
	if (s)
		io_clean(s, strlen(s), &w->t);
	const char *p = w->t.data;
	int quote = w->t.len && (strpbrk(p, ",\"\r\n;") || p[0] == ' ' || p[w->t.len - 1] == ' ');
	if (quote) {
		sv_buf_addc(&w->t2, '"');
		for (; *p; p++) {
			if (*p == '"')
				sv_buf_addc(&w->t2, '"');
			sv_buf_addc(&w->t2, *p);
		}
		sv_buf_addc(&w->t2, '"');
	} else {
		sv_buf_add(&w->t2, w->t.data, w->t.len);
	}
	sv_buf_adds(&w->t2, last ? "\r\n" : ",");
}

static const char *const csv_unit_cols[] = {
	"id", "created", "ru_doc", "bg_doc", "outlet", "date", "score", "link", "method",
	"status", "origin", "note",
};

static int csv_header(struct sv_io_writer *w, enum io_csv_kind kind, struct sv_error *err)
{
	if (w->csv_kind == kind)
		return SV_OK;
	if (w->csv_kind != IO_CSV_EMPTY)
		return io_wr_fail(w, err, SV_EUSAGE,
				  "'%s': a CSV file holds units or concepts, not both", io_wr_path(w));
	w->csv_kind = kind;
	sv_buf_reset(&w->t2);
	csv_field(w, io_wr_lang_src(w), 0);
	csv_field(w, io_wr_lang_tgt(w), 0);
	if (kind == IO_CSV_UNITS) {
		size_t n = sizeof(csv_unit_cols) / sizeof(csv_unit_cols[0]);
		for (size_t i = 0; i < n; i++)
			csv_field(w, csv_unit_cols[i], i + 1 == n);
	} else {
		csv_field(w, "concept", 0);
		csv_field(w, "note", 1);
	}
	fwrite(w->t2.data, 1, w->t2.len, w->f);
	return SV_OK;
}

/* Writes the line built in w->t2; < 0 when that failed. */
static int line_out(struct sv_io_writer *w)
{
	return fwrite(w->t2.data, 1, w->t2.len, w->f) == w->t2.len ? 0 : -1;
}

/* ---- OmegaT ---------------------------------------------------------------- */

static int omegat_prologue(struct sv_io_writer *w)
{
	fprintf(w->f, "# -*- coding: utf-8 -*-\n# %s\t%s\tcomment\n", io_wr_lang_src(w),
		io_wr_lang_tgt(w));
	return 0;
}

static int omegat_pair(struct sv_io_writer *w, const struct sv_io_term *s,
		       const struct sv_io_term *t, const struct sv_io_concept *c, const char *cid,
		       unsigned long k)
{
	(void)cid;
	(void)k;
	sv_buf_reset(&w->t2);
	tsv_field(w, s->text);
	sv_buf_addc(&w->t2, '\t');
	tsv_field(w, t->text);
	if (c->note && *c->note) {
		sv_buf_addc(&w->t2, '\t');
		tsv_field(w, c->note);
	}
	sv_buf_addc(&w->t2, '\n');
	return line_out(w);
}

static int omegat_concept(struct sv_io_writer *w, const struct sv_io_concept *c, const char *id,
			  struct sv_error *err)
{
	(void)err;
	return io_wr_pairs(w, c, id, omegat_pair);
}

/* ---- CSV ------------------------------------------------------------------- */

static int csv_prologue(struct sv_io_writer *w)
{
	fputs("\xEF\xBB\xBF", w->f);
	return 0;
}

static int csv_unit(struct sv_io_writer *w, const struct sv_io_unit *u, const char *id,
		    struct sv_error *err)
{
	const char *src = w->src == SV_IO_RU ? u->ru : u->bg;
	const char *tgt = w->src == SV_IO_RU ? u->bg : u->ru;
	char score[32], created[24];
	if (csv_header(w, IO_CSV_UNITS, err))
		return -1;
	sv_buf_reset(&w->t2);
	csv_field(w, src, 0);
	csv_field(w, tgt, 0);
	csv_field(w, id, 0);
	if (u->created)
		io_date_iso(u->created, created);
	csv_field(w, u->created ? created : NULL, 0);
	const char *v[] = { u->ru_doc, u->bg_doc, u->outlet, u->date };
	for (size_t i = 0; i < 4; i++)
		csv_field(w, v[i], 0);
	if (u->has_score)
		io_score_str(u->score, score, sizeof(score));
	csv_field(w, u->has_score ? score : NULL, 0);
	csv_field(w, u->link, 0);
	csv_field(w, u->method, 0);
	csv_field(w, u->status, 0);
	csv_field(w, u->origin, 0);
	csv_field(w, u->note, 1);
	return line_out(w);
}

static int csv_pair(struct sv_io_writer *w, const struct sv_io_term *s, const struct sv_io_term *t,
		    const struct sv_io_concept *c, const char *cid, unsigned long k)
{
	(void)k;
	sv_buf_reset(&w->t2);
	csv_field(w, s->text, 0);
	csv_field(w, t->text, 0);
	csv_field(w, cid, 0);
	csv_field(w, c->note, 1);
	return line_out(w);
}

static int csv_concept(struct sv_io_writer *w, const struct sv_io_concept *c, const char *id,
		       struct sv_error *err)
{
	if (csv_header(w, IO_CSV_CONCEPTS, err))
		return -1;
	return io_wr_pairs(w, c, id, csv_pair);
}

/* An empty export still names its columns. */
static int csv_finish(struct sv_io_writer *w, struct sv_error *err)
{
	if (w->csv_kind == IO_CSV_EMPTY && w->f)
		return csv_header(w, IO_CSV_UNITS, err);
	return SV_OK;
}

/* ---- TSV ------------------------------------------------------------------- */

static int tsv_unit(struct sv_io_writer *w, const struct sv_io_unit *u, const char *id,
		    struct sv_error *err)
{
	(void)id;
	(void)err;
	sv_buf_reset(&w->t2);
	if (w->o.tsv_aligned) {
		char score[32] = "";
		if (u->has_score)
			snprintf(score, sizeof(score), "%.4f", u->score);
		const char *v[] = { score, u->link, u->ru_doc, u->ru_lines, u->bg_doc, u->bg_lines,
				    u->ru, u->bg };
		for (size_t i = 0; i < 8; i++) {
			tsv_field(w, v[i]);
			sv_buf_addc(&w->t2, i < 7 ? '\t' : '\n');
		}
	} else {
		tsv_field(w, w->src == SV_IO_RU ? u->ru : u->bg);
		sv_buf_addc(&w->t2, '\t');
		tsv_field(w, w->src == SV_IO_RU ? u->bg : u->ru);
		sv_buf_addc(&w->t2, '\n');
	}
	return line_out(w);
}

const struct io_format io_format_omegat = {
	.name = "omegat",
	.prologue = omegat_prologue,
	.concept = omegat_concept,
};

const struct io_format io_format_csv = {
	.name = "csv",
	.prologue = csv_prologue,
	.unit = csv_unit,
	.concept = csv_concept,
	.finish = csv_finish,
};

const struct io_format io_format_tsv = {
	.name = "tsv",
	.unit = tsv_unit,
};
