/* The findings of a run: the container, and how a check reports into it
 * (severity from the configuration, suppressed units left out). */
#include "check/check-int.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void sv_check_findings_init(struct sv_check_findings *f)
{
	memset(f, 0, sizeof(*f));
}

void sv_check_findings_release(struct sv_check_findings *f)
{
	for (size_t i = 0; i < f->n; i++)
		free(f->v[i].message);
	free(f->v);
	memset(f, 0, sizeof(*f));
}

void ck_finding_add(struct sv_check_findings *f, int check, int sev, size_t seg,
			  const char *message, int side, uint32_t mark, uint32_t marklen)
{
	SV_GROW(f->v, f->cap, f->n + 1);
	struct sv_check_finding *x = &f->v[f->n++];
	x->check = check;
	x->severity = sev;
	x->seg = seg;
	x->message = sv_strdup(message);
	x->side = side;
	x->mark = mark;
	x->marklen = marklen;
	f->count[check]++;
	if (sev == SV_CHECK_ERROR)
		f->errors++;
	else if (sev == SV_CHECK_WARNING)
		f->warnings++;
	else
		f->infos++;
}

void ck_found(struct sv_check_run *r, int check, size_t seg, int side,
			     uint32_t mark, uint32_t len, const char *fmt, ...)
{
	if (!ck_enabled(r, check))
		return;
	const struct sv_check_seg *s = &r->segs->v[seg];
	if (sv_check_config_suppressed(r->cfg, sv_check_seg_file(r->segs, seg), s->unit))
		return;
	sv_buf_reset(&r->finding_text);
	va_list ap;
	va_start(ap, fmt);
	sv_buf_vaddf(&r->finding_text, fmt, ap);
	va_end(ap);
	ck_finding_add(r->out, check, r->cfg->severity[check], seg, r->finding_text.data,
			     side, mark, len);
}
