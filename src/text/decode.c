/* Decoding input files into paragraphs: UTF-8 checks (BOM, CRLF, NUL and
 * binary data), plain text with the sample corpus's " date YYYY-MM-DD outlet"
 * header, and HTML through libxml2's parser (no scripts or navigation). */
#include "text/text-int.h"

#include <ctype.h>
#include "base/utf8.h"
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

void sv_doc_text_release(struct sv_doc_text *doc)
{
	for (size_t i = 0; i < doc->npara; i++)
		free(doc->paras[i].text);
	free(doc->paras);
	free(doc->title);
	free(doc->date);
	free(doc->outlet);
	memset(doc, 0, sizeof(*doc));
}

/* Checks the whole image; returns SV_OK or SV_EINPUT naming the first bad byte. */
static int check_bytes(const char *name, const unsigned char *s, size_t n, struct sv_error *err)
{
	size_t i = 0;
	size_t ctrl = 0;
	while (i < n) {
		size_t m;
		if (SV_SWAR && i + 8 <= n && (m = sv_utf8_plain8(s + i))) {
			i += m; /* no control character in them */
			continue;
		}
		unsigned c = s[i];
		if (c >= 0x20 && c < 0x7F) {
			i++;
			continue;
		}
		if (c < 0x80) {
			if (c == 0)
				return sv_error_set(err, SV_EINPUT, "'%s': NUL byte at byte %zu (binary file?)",
						    name, i);
			if (c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x7F &&
			    c != 0x1B) {
				return sv_error_set(err, SV_EINPUT,
						    "'%s': binary data (control byte 0x%02x) at byte %zu",
						    name, c, i);
			}
			if (c == 0x7F || c == 0x1B)
				ctrl++;
			i++;
			continue;
		}
		if (c >= 0xC2 && c < 0xE0 && i + 1 < n && (s[i + 1] & 0xC0) == 0x80) {
			if (c == 0xC2 && s[i + 1] < 0xA0)
				ctrl++; /* C1 controls */
			i += 2;
			continue;
		}
		uint32_t cp;
		size_t k = sv_utf8_decode(s + i, n - i, &cp);
		if (!k)
			return sv_error_set(err, SV_EINPUT, "'%s': invalid UTF-8 at byte %zu", name, i);
		if (cp >= 0x80 && cp < 0xA0)
			ctrl++;
		i += k;
	}
	if (ctrl * 20 > n + 20)
		return sv_error_set(err, SV_EINPUT, "'%s': binary data (%zu control characters)", name,
				    ctrl);
	return SV_OK;
}

static int is_hspace(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\r' || c == '\n';
}

/* Length of a Unicode space (NBSP, thin spaces, BOM) starting at s, or 0. */
static size_t uspace_len(const unsigned char *s, size_t n)
{
	if (n >= 2 && s[0] == 0xC2 && s[1] == 0xA0)
		return 2;
	if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80 &&
	    ((s[2] >= 0x80 && s[2] <= 0x8B) || s[2] == 0xA8 || s[2] == 0xA9 || s[2] == 0xAF))
		return 3;
	if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
		return 3;
	return 0;
}

/* Appends one paragraph made of s[0..n) (spaces trimmed and collapsed, NFC);
 * nothing when it holds no visible character. */
static void add_para(struct sv_doc_text *doc, struct sv_buf *tmp, const char *s, size_t n,
		     enum sv_para_kind kind, uint32_t line, uint64_t offset)
{
	const unsigned char *p = (const unsigned char *)s;
	sv_buf_reset(tmp);
	sv_buf_grow(tmp, n + 1); /* the output is never longer than the input */
	char *o = tmp->data;
	size_t len = 0, i = 0;
	int space = 0, unsure = 0; /* unsure: may hold a character that NFC could change */
	while (i < n) {
		unsigned c = p[i];
		size_t k;
		/* eight bytes of visible ASCII and Cyrillic (whose two-byte
		 * letters need no NFC) and lone spaces between them copy as they
		 * are; a space ending them may start a run */
		if (SV_SWAR && !space && len && i + 8 <= n) {
			uint64_t w = sv_swar_load8(p + i);
			uint64_t sp = sv_swar_zero(w ^ 0x20 * SV_SWAR_ONES);
			uint64_t ok = sv_swar_ascii(w) | sv_swar_cyr_lead(w) | sv_swar_cont(w);
			if (ok == SV_SWAR_HIGH &&
			    !(sp & (sp << 8)) && !(sp >> 56)) {
				memcpy(o + len, p + i, 8);
				len += 8;
				i += 8;
				continue;
			}
		}
		if (is_hspace((unsigned char)c)) {
			space = 1;
			i++;
			continue;
		}
		if ((c == 0xC2 || c == 0xE2 || c == 0xEF) && (k = uspace_len(p + i, n - i))) {
			/* keep NBSP between two visible characters (thousands,
			 * initials), fold the rest */
			if (k == 2 && len && !space && i + 2 < n && !is_hspace(p[i + 2]) &&
			    !uspace_len(p + i + 2, n - i - 2)) {
				o[len++] = (char)p[i];
				o[len++] = (char)p[i + 1];
			} else {
				space = 1;
			}
			i += k;
			continue;
		}
		if (space && len)
			o[len++] = ' ';
		else if (!len)
			offset += i;
		space = 0;
		size_t j = i + 1;
		unsure |= c >= 0xC0 && (c & 0xFE) != 0xD0;
		while (j < n && p[j] > ' ' && p[j] != 0xC2 && p[j] != 0xE2 && p[j] != 0xEF) {
			unsure |= p[j] >= 0xC0 && (p[j] & 0xFE) != 0xD0;
			j++;
		}
		memcpy(o + len, p + i, j - i);
		len += j - i;
		i = j;
	}
	/* a trailing NBSP */
	while (len >= 2 && (unsigned char)o[len - 2] == 0xC2 && (unsigned char)o[len - 1] == 0xA0)
		len -= 2;
	tmp->len = len;
	o[len] = '\0';
	if (!len)
		return;
	SV_GROW(doc->paras, doc->cap, doc->npara + 1);
	struct sv_para *para = &doc->paras[doc->npara++];
	if (!unsure || tx_is_nfc_fast(o, len)) {
		para->text = sv_strndup(o, len);
	} else {
		struct sv_buf nfc = SV_BUF_INIT;
		sv_text_nfc(o, len, &nfc);
		para->text = nfc.cap ? sv_buf_detach(&nfc) : sv_strdup(nfc.data);
	}
	para->kind = kind;
	para->line = line;
	para->offset = offset;
}

static char *dup_trimmed_nfc(const char *s, size_t n)
{
	while (n && is_hspace((unsigned char)*s))
		s++, n--;
	while (n && is_hspace((unsigned char)s[n - 1]))
		n--;
	if (!n)
		return NULL;
	struct sv_buf b = SV_BUF_INIT;
	sv_text_nfc(s, n, &b);
	return b.cap ? sv_buf_detach(&b) : sv_strdup(b.data);
}

/* Recognises the " date YYYY-MM-DD outlet" header in line[0..n). */
static int parse_header(const char *line, size_t n, struct sv_doc_text *doc)
{
	size_t i = 0;
	while (i < n && (line[i] == ' ' || line[i] == '\t'))
		i++;
	if (n - i < 15 || memcmp(line + i, "date ", 5))
		return 0;
	const char *d = line + i + 5;
	for (int k = 0; k < 10; k++) {
		int digit = k != 4 && k != 7;
		if (digit ? !isdigit((unsigned char)d[k]) : d[k] != '-')
			return 0;
	}
	size_t rest = i + 15;
	if (rest < n && line[rest] != ' ' && line[rest] != '\t')
		return 0;
	doc->date = sv_strndup(d, 10);
	if (rest < n) {
		doc->outlet = dup_trimmed_nfc(line + rest, n - rest);
		if (doc->outlet)
			doc->title = sv_strdup(doc->outlet);
	}
	return 1;
}

static void decode_plain(const char *s, size_t n, size_t base, struct sv_doc_text *doc)
{
	struct sv_buf tmp = SV_BUF_INIT;
	size_t i = 0;
	uint32_t line = 0;
	while (i < n) {
		size_t start = i, end;
		if (SV_SWAR) {
			const unsigned char *u = (const unsigned char *)s;
			while (i + 8 <= n) {
				uint64_t w = sv_swar_load8(u + i);
				uint64_t lf = sv_swar_zero(w ^ 0x0A * SV_SWAR_ONES);
				if (lf | sv_swar_zero(w ^ 0x0D * SV_SWAR_ONES))
					break;
				i += 8;
			}
		}
		while (i < n && s[i] != '\n' && s[i] != '\r')
			i++;
		end = i;
		if (i < n && s[i] == '\r')
			i++;
		if (i < n && s[i] == '\n')
			i++;
		line++;
		if (line == 1 && parse_header(s + start, end - start, doc))
			continue;
		add_para(doc, &tmp, s + start, end - start, SV_PARA_BODY, line, base + start);
	}
	sv_buf_release(&tmp);
}

/* ---- HTML ---- */

struct html_walk {
	struct sv_doc_text *doc;
	struct sv_buf text, tmp;
	uint32_t line;          /* line of the first text in `text` */
	const size_t *linestart; /* byte offset of each line (1-based index) */
	size_t nlines, base;
	enum sv_para_kind kind;
};

static int name_in(const char *name, const char *const *set)
{
	for (; *set; set++)
		if (!strcasecmp(name, *set))
			return 1;
	return 0;
}

static const char *const skip_tags[] = { "script", "style", "nav", "header", "footer", "aside",
	"noscript", "template", "iframe", "svg", "form", "button", "select", "option", "menu",
	"object", "embed", "canvas", NULL };
static const char *const block_tags[] = { "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1",
	"h2", "h3", "h4", "h5", "h6", "blockquote", "section", "article", "main", "table", "thead",
	"tbody", "tfoot", "tr", "td", "th", "caption", "figure", "figcaption", "pre", "address",
	"body", "html", "title", "br", "hr", "center", "details", "summary", "fieldset", "legend",
	"head", NULL };

static void flush(struct html_walk *w)
{
	if (!w->text.len)
		return;
	uint64_t off = w->base;
	if (w->line >= 1 && w->line <= w->nlines)
		off += w->linestart[w->line - 1];
	size_t before = w->doc->npara;
	add_para(w->doc, &w->tmp, w->text.data, w->text.len, w->kind, w->line, off);
	if (w->kind == SV_PARA_TITLE && w->doc->npara > before && !w->doc->title)
		w->doc->title = sv_strdup(w->doc->paras[before].text);
	sv_buf_reset(&w->text);
}

static void walk(struct html_walk *w, xmlNode *node)
{
	for (xmlNode *n = node; n; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			if (!n->content)
				continue;
			if (!w->text.len) {
				long line = xmlGetLineNo(n);
				w->line = line > 0 && line <= (long)UINT32_MAX ? (uint32_t)line : 0;
			}
			sv_buf_adds(&w->text, (const char *)n->content);
			continue;
		}
		if (n->type != XML_ELEMENT_NODE || !n->name)
			continue;
		const char *name = (const char *)n->name;
		if (name_in(name, skip_tags))
			continue;
		if (!name_in(name, block_tags)) {
			walk(w, n->children);
			continue;
		}
		flush(w);
		enum sv_para_kind saved = w->kind;
		if (!strcasecmp(name, "title"))
			w->kind = SV_PARA_TITLE;
		else if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && !name[2])
			w->kind = SV_PARA_HEADING;
		walk(w, n->children);
		flush(w);
		w->kind = saved;
	}
}

static int decode_html(const char *name, const char *s, size_t n, size_t base,
		       struct sv_doc_text *doc, struct sv_error *err)
{
	htmlDocPtr hd = htmlReadMemory(s, (int)n, NULL, "UTF-8",
				       HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
	if (!hd)
		return sv_error_set(err, SV_EINPUT, "'%s': cannot parse HTML", name);
	struct html_walk w = { .doc = doc, .text = SV_BUF_INIT, .tmp = SV_BUF_INIT, .base = base,
			       .kind = SV_PARA_BODY };
	size_t *ls = NULL, cap = 0, nl = 0;
	SV_GROW(ls, cap, 1);
	ls[nl++] = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n') {
			SV_GROW(ls, cap, nl + 1);
			ls[nl++] = i + 1;
		}
	}
	w.linestart = ls;
	w.nlines = nl;
	walk(&w, xmlDocGetRootElement(hd));
	flush(&w);
	sv_buf_release(&w.text);
	sv_buf_release(&w.tmp);
	free(ls);
	xmlFreeDoc(hd);
	return SV_OK;
}

static int looks_html(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && is_hspace((unsigned char)s[i]))
		i++;
	if (i >= n || s[i] != '<')
		return 0;
	static const char *const marks[] = { "<html", "<!doctype html", "<head", "<body", "<p>",
		"<p ", "<div", "<title", "<h1", "<meta", "<article", NULL };
	size_t lim = n - i < 2048 ? n - i : 2048;
	for (size_t k = 0; k < lim; k++) {
		if (s[i + k] != '<')
			continue;
		for (const char *const *m = marks; *m; m++) {
			size_t ml = strlen(*m);
			if (k + ml <= n - i && !strncasecmp(s + i + k, *m, ml))
				return 1;
		}
	}
	return 0;
}

int sv_text_decode(const char *name, const char *bytes, size_t n, enum sv_format fmt,
		   int segmented, struct sv_doc_text *out, struct sv_error *err)
{
	int rc;
	(void)segmented; /* plain text already puts one paragraph a line */
	if (!name)
		name = "<input>";
	if (!n)
		return sv_error_set(err, SV_EINPUT, "'%s': empty file", name);
	if ((rc = check_bytes(name, (const unsigned char *)bytes, n, err)))
		goto out;
	size_t base = 0;
	if (n >= 3 && !memcmp(bytes, "\xEF\xBB\xBF", 3))
		base = 3;
	if (fmt == SV_FORMAT_AUTO)
		fmt = looks_html(bytes + base, n - base) ? SV_FORMAT_HTML : SV_FORMAT_TEXT;
	if (fmt == SV_FORMAT_HTML) {
		if (n - base > (size_t)INT32_MAX) {
			rc = sv_error_set(err, SV_EINPUT, "'%s': HTML file too large", name);
			goto out;
		}
		if ((rc = decode_html(name, bytes + base, n - base, base, out, err)))
			goto out;
	} else {
		decode_plain(bytes + base, n - base, base, out);
	}
	if (!out->npara)
		rc = sv_error_set(err, SV_EINPUT, "'%s': no text in file", name);
out:
	return rc;
}
