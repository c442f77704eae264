/* The check registry and the run: each unit goes through the families of
 * the enabled checks in registry order, then each family judges the batch. */
#include "check/check-int.h"

#include <stdlib.h>
#include <string.h>

#include "base/file.h"

/* The registry: one row per check, with the family of checks that runs it
 * (several rows may share one; untranslated has none: the run judges it). */
static const struct {
	const char *name;
	int severity; /* the default */
	const char *describe;
	const struct ck_ops *ops;
} checks[SV_CHECK_COUNT] = {
	{ "term-missing", SV_CHECK_ERROR,
	  "a glossary term (any inflected form) is in the source and none of its approved "
	  "equivalents is in the target",
	  &ck_terms_ops },
	{ "term-forbidden", SV_CHECK_ERROR,
	  "the target uses a forbidden or deprecated term, or a rejected rendering of a "
	  "source term",
	  &ck_terms_ops },
	{ "term-inconsistent", SV_CHECK_WARNING,
	  "one source term rendered by different glossary terms across the batch",
	  &ck_terms_ops },
	{ "segment-inconsistent", SV_CHECK_WARNING,
	  "identical sources with different targets, or different sources with one target",
	  &ck_consistency_ops },
	{ "number-mismatch", SV_CHECK_ERROR,
	  "a number, date, percentage, year or range in digits on one side is not on the "
	  "other",
	  &ck_numbers_ops },
	{ "untranslated", SV_CHECK_ERROR,
	  "empty target, target identical to the source (names and acronyms excepted), or "
	  "target in the source language",
	  NULL },
	{ "mixed-script", SV_CHECK_ERROR,
	  "Latin or Greek look-alike letters inside or among Cyrillic words",
	  &ck_scripts_ops },
	{ "tag-mismatch", SV_CHECK_ERROR,
	  "inline codes missing, added or reordered in the target",
	  &ck_tags_ops },
};

static const char *const severities[] = { "off", "info", "warning", "error" };

const char *sv_check_name(int check)
{
	return check >= 0 && check < SV_CHECK_COUNT ? checks[check].name : "?";
}

int sv_check_parse(const char *name)
{
	for (int i = 0; i < SV_CHECK_COUNT; i++)
		if (!strcmp(name, checks[i].name))
			return i;
	return -1;
}

const char *sv_check_describe(int check)
{
	return check >= 0 && check < SV_CHECK_COUNT ? checks[check].describe : "";
}

const char *sv_check_severity_name(int sev)
{
	return sev >= 0 && sev <= SV_CHECK_ERROR ? severities[sev] : "?";
}

int sv_check_severity_parse(const char *name)
{
	for (int i = 0; i <= SV_CHECK_ERROR; i++)
		if (!strcmp(name, severities[i]))
			return i;
	return -1;
}

int ck_default_severity(int check)
{
	return checks[check].severity;
}

/* The normalised form of a whole text for identity: matching keys (case
 * folded, ё→е, quotes and dashes unified), white space collapsed. */
static char *norm_text(const char *s)
{
	struct sv_buf k = SV_BUF_INIT, o = SV_BUF_INIT;
	sv_text_key(s, strlen(s), &k);
	int space = 1;
	for (size_t i = 0; i < k.len; i++) {
		unsigned char c = (unsigned char)k.data[i];
		int sp = c == ' ' || c == '\t' || c == '\n' || c == '\r';
		if (!sp && c == 0xC2 && i + 1 < k.len && (unsigned char)k.data[i + 1] == 0xA0) {
			sp = 1;
			i++;
		}
		if (sp) {
			space = 1;
			continue;
		}
		if (space && o.len)
			sv_buf_addc(&o, ' ');
		space = 0;
		sv_buf_addc(&o, (char)c);
	}
	sv_buf_release(&k);
	return sv_buf_detach(&o);
}

static int finding_cmp(const void *pa, const void *pb)
{
	const struct sv_check_finding *a = pa, *b = pb;
	if (a->check != b->check)
		return a->check < b->check ? -1 : 1;
	if (a->seg != b->seg)
		return a->seg < b->seg ? -1 : 1;
	if (a->side != b->side)
		return a->side - b->side;
	if (a->mark != b->mark)
		return a->mark < b->mark ? -1 : 1;
	return strcmp(a->message, b->message);
}

/* The families of the enabled checks, each once, in registry order. */
static size_t enabled_families(const struct sv_check_run *r, const struct ck_ops **ops)
{
	size_t n = 0;
	for (int c = 0; c < SV_CHECK_COUNT; c++) {
		const struct ck_ops *o = checks[c].ops;
		if (!o || !ck_enabled(r, c) || (o->needs_glossary && !r->g))
			continue;
		size_t k = 0;
		while (k < n && ops[k] != o)
			k++;
		if (k == n)
			ops[n++] = o;
	}
	return n;
}

int sv_check_run(struct sv_text *t, const struct sv_check_segs *segs,
		 struct sv_check_glossary *g, const struct sv_check_config *cfg,
		 struct sv_check_findings *out, struct sv_error *err)
{
	int rc = SV_OK;
	struct sv_check_run r = {
		.t = t,
		.segs = segs,
		.g = g && sv_check_glossary_terms(g) ? g : NULL,
		.cfg = cfg,
		.out = out,
		.src_key = sv_calloc(segs->n + 1, sizeof(char *)),
		.tgt_key = sv_calloc(segs->n + 1, sizeof(char *)),
	};
	size_t first = out->n;
	sv_buf_init(&r.finding_text);
	const struct ck_ops *ops[SV_CHECK_COUNT];
	void *state[SV_CHECK_COUNT] = { 0 };
	size_t nops = enabled_families(&r, ops);
	for (size_t k = 0; k < nops; k++)
		state[k] = ops[k]->open ? ops[k]->open(&r) : NULL;
	for (size_t i = 0; i < segs->n; i++) {
		const struct sv_check_seg *s = &segs->v[i];
		const char *tgt = s->tgt ? s->tgt : "";
		if ((rc = sv_text_tokenize(t, s->src, strlen(s->src), &r.src_toks, err)) ||
		    (rc = sv_text_tokenize(t, tgt, strlen(tgt), &r.tgt_toks, err))) {
			sv_error_prefix(err, "'%s': unit %s: ", sv_check_seg_file(segs, i),
					s->unit);
			goto out;
		}
		r.src_key[i] = norm_text(s->src);
		r.tgt_key[i] = s->tgt ? norm_text(s->tgt) : NULL;
		r.untranslated = ck_untranslated(&r, i);
		if (r.untranslated) {
			/* not a rendering: leave it out of the consistency checks */
			free(r.tgt_key[i]);
			r.tgt_key[i] = NULL;
		}
		for (size_t k = 0; k < nops; k++)
			if (ops[k]->unit)
				ops[k]->unit(&r, state[k], i);
	}
	for (size_t k = 0; k < nops; k++)
		if (ops[k]->batch)
			ops[k]->batch(&r, state[k]);
	if (out->n - first > 1)
		qsort(out->v + first, out->n - first, sizeof(*out->v), finding_cmp);
out:
	for (size_t k = 0; k < nops; k++)
		if (ops[k]->close)
			ops[k]->close(state[k]);
	for (size_t i = 0; i < segs->n; i++) {
		free(r.src_key[i]);
		free(r.tgt_key[i]);
	}
	free(r.src_key);
	free(r.tgt_key);
	sv_tokens_release(&r.src_toks);
	sv_tokens_release(&r.tgt_toks);
	sv_buf_release(&r.finding_text);
	return rc;
}
