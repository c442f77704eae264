/* Check reports: the human text report grouped by check, the JSON object
 * with `findings`, and one self-contained HTML page (inline CSS and JS, no
 * external resources) with summary counts and a filterable table per check
 * (a filter can come in the address: report.html#q=ОДКБ). */
#include "check/check.h"

#include <string.h>

#define CONTEXT 70 /* bytes of context either side of a mark in excerpts */

/* Moves i back (dir < 0) or forward to a UTF-8 boundary of s. */
static size_t boundary(const char *s, size_t n, size_t i)
{
	while (i > 0 && i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
		i--;
	return i;
}

/* Appends the excerpt of text around [mark, mark + len) with the mark between
 * open and close; without a mark, the start of the text. */
static void excerpt(struct sv_buf *b, const char *text, uint32_t mark, uint32_t len,
		    const char *open, const char *close,
		    void (*esc)(struct sv_buf *, const char *, size_t))
{
	size_t n = strlen(text);
	if (mark > n)
		mark = (uint32_t)n;
	if (mark + len > n)
		len = (uint32_t)(n - mark);
	size_t a = mark > CONTEXT ? boundary(text, n, mark - CONTEXT) : 0;
	size_t z = mark + len + CONTEXT < n ? boundary(text, n, mark + len + CONTEXT) : n;
	if (!len && n <= 2 * CONTEXT + 40)
		z = n;
	if (a > 0)
		sv_buf_adds(b, "…");
	esc(b, text + a, mark - a);
	if (len) {
		sv_buf_adds(b, open);
		esc(b, text + mark, len);
		sv_buf_adds(b, close);
	}
	esc(b, text + mark + len, z - mark - len);
	if (z < n)
		sv_buf_adds(b, "…");
}

static void plain(struct sv_buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		sv_buf_addc(b, s[i] == '\n' || s[i] == '\t' || s[i] == '\r' ? ' ' : s[i]);
}

static void html(struct sv_buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		switch (s[i]) {
		case '<': sv_buf_adds(b, "&lt;"); break;
		case '>': sv_buf_adds(b, "&gt;"); break;
		case '&': sv_buf_adds(b, "&amp;"); break;
		case '"': sv_buf_adds(b, "&quot;"); break;
		case '\'': sv_buf_adds(b, "&#39;"); break;
		default: sv_buf_addc(b, s[i]);
		}
	}
}

static void htmls(struct sv_buf *b, const char *s)
{
	html(b, s, strlen(s));
}

static const char *side_text(const struct sv_check_seg *s, int side)
{
	return side ? (s->tgt ? s->tgt : "") : s->src;
}

static size_t units_flagged(const struct sv_check_findings *f)
{
	size_t n = 0;
	for (size_t i = 0; i < f->n; i++) {
		int seen = 0;
		for (size_t j = i; j-- > 0 && !seen;)
			seen = f->v[j].seg == f->v[i].seg;
		n += !seen;
		if (n > 100000)
			break;
	}
	return n;
}

static void report_text(const struct sv_check_segs *segs, const struct sv_check_findings *f,
			struct sv_buf *out)
{
	for (size_t i = 0; i < f->n;) {
		int check = f->v[i].check;
		sv_buf_addf(out, "%s (%s): %zu\n", sv_check_name(check),
			    sv_check_severity_name(f->v[i].severity), f->count[check]);
		for (; i < f->n && f->v[i].check == check; i++) {
			const struct sv_check_finding *x = &f->v[i];
			const struct sv_check_seg *s = &segs->v[x->seg];
			sv_buf_addf(out, "  %s:%s: %s\n", sv_check_seg_file(segs, x->seg), s->unit,
				    x->message);
			for (int side = 0; side < 2; side++) {
				if (side && !s->tgt)
					continue;
				sv_buf_addf(out, "    %s ", side ? "target:" : "source:");
				int marked = x->side == side && x->marklen;
				excerpt(out, side_text(s, side), marked ? x->mark : 0,
					marked ? x->marklen : 0, "[[", "]]", plain);
				sv_buf_addc(out, '\n');
			}
		}
		sv_buf_addc(out, '\n');
	}
	sv_buf_addf(out,
		    "%zu finding%s: %zu error%s, %zu warning%s, %zu info in %zu of %zu units\n",
		    f->n, f->n == 1 ? "" : "s", f->errors, f->errors == 1 ? "" : "s", f->warnings,
		    f->warnings == 1 ? "" : "s", f->infos, units_flagged(f), segs->n);
}

static void report_json(const struct sv_check_segs *segs, const struct sv_check_findings *f,
			struct sv_buf *out)
{
	sv_buf_adds(out, "{\"findings\":[");
	for (size_t i = 0; i < f->n; i++) {
		const struct sv_check_finding *x = &f->v[i];
		const struct sv_check_seg *s = &segs->v[x->seg];
		sv_buf_adds(out, i ? ",\n{" : "\n{");
		sv_buf_addf(out, "\"check\":\"%s\",\"severity\":\"%s\",\"file\":",
			    sv_check_name(x->check), sv_check_severity_name(x->severity));
		sv_buf_add_json(out, sv_check_seg_file(segs, x->seg));
		sv_buf_adds(out, ",\"unit\":");
		sv_buf_add_json(out, s->unit);
		sv_buf_adds(out, ",\"message\":");
		sv_buf_add_json(out, x->message);
		sv_buf_adds(out, ",\"source\":");
		sv_buf_add_json(out, s->src);
		sv_buf_adds(out, ",\"target\":");
		if (s->tgt)
			sv_buf_add_json(out, s->tgt);
		else
			sv_buf_adds(out, "null");
		if (x->marklen) {
			const char *t = side_text(s, x->side);
			struct sv_buf m = SV_BUF_INIT;
			sv_buf_add(&m, t + x->mark, x->marklen);
			sv_buf_addf(out,
				",\"mark\":{\"side\":\"%s\",\"start\":%u,\"length\":%u,\"text\":",
				    x->side ? "target" : "source", x->mark, x->marklen);
			sv_buf_add_json(out, m.data);
			sv_buf_addc(out, '}');
			sv_buf_release(&m);
		}
		sv_buf_addc(out, '}');
	}
	sv_buf_addf(out, "\n],\"summary\":{\"units\":%zu,\"files\":%zu,\"findings\":%zu,"
		    "\"errors\":%zu,\"warnings\":%zu,\"info\":%zu,\"checks\":{",
		    segs->n, sv_intern_count(&segs->files), f->n, f->errors, f->warnings, f->infos);
	for (int c = 0; c < SV_CHECK_COUNT; c++)
		sv_buf_addf(out, "%s\"%s\":%zu", c ? "," : "", sv_check_name(c), f->count[c]);
	sv_buf_adds(out, "}}}\n");
}

static const char html_head[] =
	"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
	"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	"<title>sverka check</title>\n<style>\n"
	"body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0;"
	"color:#1d1d1f;background:#f6f7f9}\n"
	"header{background:#24344d;color:#fff;padding:14px 24px}\n"
	"header h1{margin:0;font-size:20px;font-weight:600}\n"
	"header p{margin:4px 0 0;opacity:.85}\n"
	"main{padding:16px 24px}\n"
	".cards{display:flex;flex-wrap:wrap;gap:10px;margin-bottom:14px}\n"
	".card{background:#fff;border:1px solid #dde1e7;border-radius:8px;padding:8px 12px;"
	"min-width:150px;cursor:pointer}\n"
	".card b{display:block;font-size:22px}\n"
	".card.zero{opacity:.5}\n"
	".sev-error{color:#b3261e}.sev-warning{color:#9a6700}.sev-info{color:#1f6feb}\n"
	".bar{position:sticky;top:0;background:#f6f7f9;padding:8px 0;display:flex;gap:14px;"
	"align-items:center;z-index:1;border-bottom:1px solid #dde1e7}\n"
	".bar input[type=search]{flex:1;max-width:420px;padding:6px 8px;border:1px solid #bbb;"
	"border-radius:6px}\n"
	"section{margin:18px 0}\nsection h2{font-size:16px;margin:0 0 4px}\n"
	"section p.what{margin:0 0 8px;color:#555}\n"
	"table{border-collapse:collapse;width:100%;background:#fff;border:1px solid #dde1e7}\n"
	"th,td{text-align:left;vertical-align:top;padding:5px 8px;border-bottom:1px solid #eceef1}\n"
	"th{background:#eef1f5;font-weight:600;position:sticky;top:46px}\n"
	"td.unit{white-space:nowrap;font-family:ui-monospace,monospace;font-size:13px;line-height:20px}\n"
	"mark{background:#ffe08a;padding:0 1px;border-radius:2px}\n"
	"tr.hide,section.hide{display:none}\n"
	".count{color:#666;font-weight:400}\n"
	"footer{color:#777;padding:8px 24px 24px}\n"
	"</style></head><body>\n";

static const char html_script[] =
	"<script>\n"
	"(function(){\n"
	"var q=document.getElementById('q'),boxes=document.querySelectorAll('.bar input[type=checkbox]');\n"
	"function apply(){\n"
	" var t=q.value.toLowerCase(),sev={};\n"
	" boxes.forEach(function(b){sev[b.value]=b.checked;});\n"
	" document.querySelectorAll('section').forEach(function(s){\n"
	"  var shown=0;\n"
	"  s.querySelectorAll('tbody tr').forEach(function(r){\n"
	"   var ok=sev[r.dataset.sev]&&(!t||r.textContent.toLowerCase().indexOf(t)>=0);\n"
	"   r.classList.toggle('hide',!ok);if(ok)shown++;});\n"
	"  s.querySelector('.shown').textContent=shown;\n"
	"  s.classList.toggle('hide',shown===0);});\n"
	"}\n"
	"q.addEventListener('input',apply);boxes.forEach(function(b){b.addEventListener('change',apply);});\n"
	"document.querySelectorAll('.card').forEach(function(c){c.addEventListener('click',function(){\n"
	" var s=document.getElementById(c.dataset.target);if(s)s.scrollIntoView();});});\n"
	"var h=/^#q=(.*)$/.exec(location.hash);if(h)q.value=decodeURIComponent(h[1]);\n"
	"apply();\n"
	"})();\n"
	"</script>\n";

static void report_html(const struct sv_check_segs *segs, const struct sv_check_findings *f,
			struct sv_buf *out)
{
	sv_buf_adds(out, html_head);
	sv_buf_adds(out, "<header><h1>sverka check</h1><p>");
	sv_buf_addf(out, "%zu units in %zu file%s: ", segs->n, sv_intern_count(&segs->files),
		    sv_intern_count(&segs->files) == 1 ? "" : "s");
	for (size_t i = 1; i <= sv_intern_count(&segs->files); i++) {
		if (i > 1)
			sv_buf_adds(out, ", ");
		htmls(out, sv_intern_str(&segs->files, (uint32_t)i));
	}
	sv_buf_addf(out,
		    ". %zu finding%s: %zu error%s, %zu warning%s, %zu info.</p></header>\n<main>\n",
		    f->n, f->n == 1 ? "" : "s", f->errors, f->errors == 1 ? "" : "s", f->warnings,
		    f->warnings == 1 ? "" : "s", f->infos);
	sv_buf_adds(out, "<div class=\"cards\">\n");
	for (int c = 0; c < SV_CHECK_COUNT; c++) {
		int sev = 0;
		for (size_t i = 0; i < f->n && !sev; i++)
			if (f->v[i].check == c)
				sev = f->v[i].severity;
		sv_buf_addf(out,
			"<div class=\"card%s\" data-target=\"c-%s\"><b class=\"sev-%s\">%zu</b>%s</div>\n",
			    f->count[c] ? "" : " zero", sv_check_name(c),
			    sev ? sv_check_severity_name(sev) : "info", f->count[c],
			    sv_check_name(c));
	}
	sv_buf_adds(out, "</div>\n<div class=\"bar\"><input type=\"search\" id=\"q\" "
			 "placeholder=\"Filter: file, unit, term, text…\">");
	static const char *const sevs[] = { "error", "warning", "info" };
	for (int k = 0; k < 3; k++)
		sv_buf_addf(out, "<label class=\"sev-%s\"><input type=\"checkbox\" value=\"%s\" "
			    "checked> %s</label>", sevs[k], sevs[k], sevs[k]);
	sv_buf_adds(out, "</div>\n");
	if (!f->n)
		sv_buf_adds(out, "<p>No findings.</p>\n");
	for (size_t i = 0; i < f->n;) {
		int check = f->v[i].check;
		sv_buf_addf(out, "<section id=\"c-%s\"><h2 class=\"sev-%s\">%s "
			    "<span class=\"count\">(<span class=\"shown\">%zu</span> of %zu, %s)</span></h2>\n",
			    sv_check_name(check), sv_check_severity_name(f->v[i].severity),
			    sv_check_name(check), f->count[check], f->count[check],
			    sv_check_severity_name(f->v[i].severity));
		sv_buf_adds(out, "<p class=\"what\">");
		htmls(out, sv_check_describe(check));
		sv_buf_adds(out,
			    "</p>\n<table><thead><tr><th>File</th><th>Unit</th><th>Finding</th>"
				 "<th>Source</th><th>Target</th></tr></thead><tbody>\n");
		for (; i < f->n && f->v[i].check == check; i++) {
			const struct sv_check_finding *x = &f->v[i];
			const struct sv_check_seg *s = &segs->v[x->seg];
			sv_buf_addf(out, "<tr data-sev=\"%s\"><td>",
				    sv_check_severity_name(x->severity));
			htmls(out, sv_check_seg_file(segs, x->seg));
			sv_buf_adds(out, "</td><td class=\"unit\">");
			htmls(out, s->unit);
			sv_buf_adds(out, "</td><td>");
			htmls(out, x->message);
			for (int side = 0; side < 2; side++) {
				sv_buf_adds(out, "</td><td>");
				int marked = x->side == side && x->marklen;
				excerpt(out, side_text(s, side), marked ? x->mark : 0,
					marked ? x->marklen : 0, "<mark>", "</mark>", html);
			}
			sv_buf_adds(out, "</td></tr>\n");
		}
		sv_buf_adds(out, "</tbody></table></section>\n");
	}
	sv_buf_adds(out, "</main>\n<footer>Made by sverka check. Terms are matched by lemma: any "
			 "inflected form counts.</footer>\n");
	sv_buf_adds(out, html_script);
	sv_buf_adds(out, "</body></html>\n");
}

void sv_check_report(const struct sv_check_segs *segs, const struct sv_check_findings *f,
		     enum sv_check_format fmt, struct sv_buf *out)
{
	if (fmt == SV_CHECK_JSON)
		report_json(segs, f, out);
	else if (fmt == SV_CHECK_HTML)
		report_html(segs, f, out);
	else
		report_text(segs, f, out);
}
