/* Shared io helpers: format names, language codes, XML-safe NFC text, dates,
 * part-of-speech and status vocabularies. */
#include "io/io-int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "base/error.h"
#include "base/utf8.h"

static const char *const format_names[] = {
	[SV_IO_AUTO] = "auto", [SV_IO_TMX] = "tmx", [SV_IO_XLIFF] = "xliff",
	[SV_IO_XLIFF2] = "xliff2", [SV_IO_TBX] = "tbx", [SV_IO_TBX3] = "tbx3",
	[SV_IO_OMEGAT] = "omegat", [SV_IO_CSV] = "csv", [SV_IO_TSV] = "tsv", [SV_IO_PO] = "po",
};

const char *sv_io_format_name(enum sv_io_format fmt)
{
	if ((unsigned)fmt < sizeof(format_names) / sizeof(format_names[0]))
		return format_names[fmt];
	return "unknown";
}

enum sv_io_format sv_io_format_parse(const char *name)
{
	if (!name)
		return SV_IO_AUTO;
	for (size_t i = 1; i < sizeof(format_names) / sizeof(format_names[0]); i++)
		if (!strcasecmp(name, format_names[i]))
			return (enum sv_io_format)i;
	if (!strcasecmp(name, "tbx2") || !strcasecmp(name, "martif"))
		return SV_IO_TBX;
	if (!strcasecmp(name, "xliff1") || !strcasecmp(name, "xliff12") || !strcasecmp(name, "xlf"))
		return SV_IO_XLIFF;
	if (!strcasecmp(name, "xliff21") || !strcasecmp(name, "xliff20"))
		return SV_IO_XLIFF2;
	if (!strcasecmp(name, "utf8") || !strcasecmp(name, "glossary"))
		return SV_IO_OMEGAT;
	if (!strcasecmp(name, "pot"))
		return SV_IO_PO;
	return SV_IO_AUTO;
}

enum io_lang io_lang_parse(const char *s, size_t n)
{
	while (n && isspace((unsigned char)*s))
		s++, n--;
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	if (!n)
		return IO_L_NONE;
	size_t k = 0;
	while (k < n && s[k] != '-' && s[k] != '_' && s[k] != '.' && s[k] != '@')
		k++;
	static const struct { const char *name; enum io_lang lang; } names[] = {
		{ "ru", IO_L_RU }, { "rus", IO_L_RU }, { "russian", IO_L_RU },
		{ "\xd1\x80\xd1\x83\xd1\x81\xd1\x81\xd0\xba\xd0\xb8\xd0\xb9", IO_L_RU }, /* русский */
		{ "bg", IO_L_BG }, { "bul", IO_L_BG }, { "bulgarian", IO_L_BG },
		{ "\xd0\xb1\xd1\x8a\xd0\xbb\xd0\xb3\xd0\xb0\xd1\x80\xd1\x81\xd0\xba\xd0\xb8", IO_L_BG },
		{ "en", IO_L_EN }, { "eng", IO_L_EN }, { "english", IO_L_EN },
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i].name) == k && !strncasecmp(s, names[i].name, k))
			return names[i].lang;
	/* Capitalised Cyrillic names (Русский, Български). */
	if (k > 2 && (unsigned char)s[0] == 0xd0) {
		char low[32];
		if (k < sizeof(low)) {
			memcpy(low, s, k);
			low[k] = '\0';
			if (!strncmp(low, "\xd0\xa0", 2)) /* Р -> р */
				low[0] = (char)0xd1, low[1] = (char)0x80;
			else if (!strncmp(low, "\xd0\x91", 2)) /* Б -> б */
				low[1] = (char)0xb1;
			for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
				if (!strcmp(low, names[i].name))
					return names[i].lang;
		}
	}
	return IO_L_OTHER;
}

static int xml_char_ok(uint32_t c)
{
	return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
	       (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

/* Code points that are stable under NFC whatever surrounds them. */
static int nfc_stable(uint32_t c)
{
	return c < 0x300 || (c >= 0x400 && c <= 0x482) || (c >= 0x48A && c <= 0x4FF) ||
	       (c >= 0x2002 && c <= 0x206F) || (c >= 0x20A0 && c <= 0x20CF) || c == 0x2116;
}

static void nfc_icu(const char *s, size_t n, struct sv_buf *out)
{
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nfc = unorm2_getNFCInstance(&st);
	int32_t ulen = 0;
	UChar *u = NULL, *v = NULL;
	if (U_FAILURE(st) || n > 0x3fffffff)
		goto fail;
	u = sv_malloc((n + 1) * sizeof(UChar));
	u_strFromUTF8(u, (int32_t)n + 1, &ulen, s, (int32_t)n, &st);
	if (U_FAILURE(st))
		goto fail;
	int32_t cap = ulen * 3 + 16, vlen;
	v = sv_malloc((size_t)cap * sizeof(UChar));
	vlen = unorm2_normalize(nfc, u, ulen, v, cap, &st);
	if (U_FAILURE(st))
		goto fail;
	int32_t olen = 0;
	st = U_ZERO_ERROR;
	u_strToUTF8(NULL, 0, &olen, v, vlen, &st);
	if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
		goto fail;
	st = U_ZERO_ERROR;
	sv_buf_grow(out, (size_t)olen + 1);
	u_strToUTF8(out->data + out->len, olen + 1, NULL, v, vlen, &st);
	if (U_FAILURE(st))
		goto fail;
	out->len += (size_t)olen;
	out->data[out->len] = '\0';
	free(u);
	free(v);
	return;
fail:
	free(u);
	free(v);
	sv_buf_add(out, s, n); /* ICU unusable: keep the text as it is */
}

/* Whether s[0..n) is valid UTF-8 of XML 1.0 characters (xml_chars) that are
 * all NFC-stable: the text needs no change. Inline two-byte decoding, as
 * Cyrillic text is mostly two-byte sequences. */
static int plain_text(const unsigned char *p, size_t n, int xml_chars)
{
	size_t i = 0;
	while (i < n) {
		unsigned c = p[i];
		if (c < 0x80) {
			if (c < 0x20 && c != 9 && c != 10 && c != 13 && xml_chars)
				return 0;
			i++;
			continue;
		}
		uint32_t cp;
		size_t k;
		if (((c >= 0xC2 && c <= 0xCB) || c == 0xD0 || c == 0xD1) && i + 1 < n &&
		    (p[i + 1] & 0xC0) == 0x80) {
			i += 2; /* U+0080..U+02FF, U+0400..U+047F: stable */
			continue;
		}
		if ((c & 0xE0) == 0xC0 && c >= 0xC2 && i + 1 < n && (p[i + 1] & 0xC0) == 0x80) {
			cp = ((c & 0x1F) << 6) | (p[i + 1] & 0x3F);
			k = 2;
		} else {
			k = sv_utf8_decode(p + i, n - i, &cp);
			if (!k || (xml_chars && !xml_char_ok(cp)))
				return 0;
		}
		if (!nfc_stable(cp))
			return 0;
		i += k;
	}
	return 1;
}

void io_nfc(const char *s, size_t n, struct sv_buf *out)
{
	if (plain_text((const unsigned char *)s, n, 0))
		sv_buf_add(out, s, n);
	else
		nfc_icu(s, n, out);
}

void io_clean(const char *s, size_t n, struct sv_buf *out)
{
	const unsigned char *p = (const unsigned char *)s;
	if (plain_text(p, n, 1)) {
		sv_buf_add(out, s, n);
		return;
	}
	struct sv_buf tmp = SV_BUF_INIT;
	size_t i = 0;
	while (i < n) {
		uint32_t c = p[i];
		size_t k = 1;
		if (c >= 0x80) {
			k = sv_utf8_decode(p + i, n - i, &c);
			if (!k) {
				sv_buf_add_cp(&tmp, 0xFFFD);
				i++;
				continue;
			}
		}
		if (xml_char_ok(c))
			sv_buf_add(&tmp, s + i, k);
		i += k;
	}
	io_nfc(tmp.data, tmp.len, out);
	sv_buf_release(&tmp);
}

/* The calendar fields of t in UTC, each cut to the digits a date shows. */
struct date_parts {
	unsigned year, month, day, hour, min, sec;
};

static struct date_parts date_parts(time_t t)
{
	struct tm tm;
	gmtime_r(&t, &tm);
	return (struct date_parts){
		(unsigned)(tm.tm_year + 1900) % 10000u, (unsigned)(tm.tm_mon + 1) % 100u,
		(unsigned)tm.tm_mday % 100u,            (unsigned)tm.tm_hour % 100u,
		(unsigned)tm.tm_min % 100u,             (unsigned)tm.tm_sec % 100u,
	};
}

void io_date_tmx(time_t t, char *buf)
{
	struct date_parts d = date_parts(t);
	snprintf(buf, 17, "%04u%02u%02uT%02u%02u%02uZ", d.year, d.month, d.day, d.hour, d.min,
		 d.sec);
}

void io_date_iso(time_t t, char *buf)
{
	struct date_parts d = date_parts(t);
	snprintf(buf, 21, "%04u-%02u-%02uT%02u:%02u:%02uZ", d.year, d.month, d.day, d.hour, d.min,
		 d.sec);
}

static int digits(const char *s, int n, int *v)
{
	*v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return 0;
		*v = *v * 10 + (s[i] - '0');
	}
	return 1;
}

time_t io_date_parse(const char *s)
{
	if (!s)
		return 0;
	int Y, M, D, h = 0, m = 0, sec = 0;
	size_t n = strlen(s);
	if (n >= 15 && s[8] == 'T' && digits(s, 4, &Y) && digits(s + 4, 2, &M) &&
	    digits(s + 6, 2, &D) && digits(s + 9, 2, &h) && digits(s + 11, 2, &m) &&
	    digits(s + 13, 2, &sec)) {
		/* YYYYMMDDThhmmssZ */
	} else if (n >= 10 && s[4] == '-' && s[7] == '-' && digits(s, 4, &Y) &&
		   digits(s + 5, 2, &M) && digits(s + 8, 2, &D)) {
		if (n >= 16 && (s[10] == 'T' || s[10] == ' ')) {
			if (!digits(s + 11, 2, &h) || s[13] != ':' || !digits(s + 14, 2, &m))
				return 0;
			if (n >= 19 && s[16] == ':' && !digits(s + 17, 2, &sec))
				return 0;
		}
	} else {
		return 0;
	}
	if (M < 1 || M > 12 || D < 1 || D > 31 || h > 23 || m > 59 || sec > 60 || Y < 1970)
		return 0;
	struct tm tm = { .tm_year = Y - 1900, .tm_mon = M - 1, .tm_mday = D,
			 .tm_hour = h, .tm_min = m, .tm_sec = sec };
	time_t t = timegm(&tm);
	return t == (time_t)-1 ? 0 : t;
}

time_t sv_io_time_parse(const char *s)
{
	return io_date_parse(s);
}

const char *io_pos_tbx(const char *pos)
{
	if (!pos || !*pos)
		return NULL;
	static const struct { const char *in, *out; } map[] = {
		{ "noun", "noun" }, { "n", "noun" }, { "nn", "noun" }, { "s", "noun" },
		{ "\xd1\x81\xd1\x83\xd1\x89", "noun" }, /* сущ */
		{ "verb", "verb" }, { "v", "verb" }, { "vb", "verb" },
		{ "adjective", "adjective" }, { "adj", "adjective" }, { "a", "adjective" },
		{ "adverb", "adverb" }, { "adv", "adverb" },
		{ "propernoun", "properNoun" }, { "propn", "properNoun" }, { "proper", "properNoun" },
	};
	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (!strcasecmp(pos, map[i].in))
			return map[i].out;
	return "other";
}

int io_term_excluded(const char *status)
{
	return status && (!strcasecmp(status, "rejected") || !strcasecmp(status, "forbidden") ||
			  !strcasecmp(status, "deprecated"));
}

const char *const io_prop_names[IO_P_N] = {
	"ru-doc", "bg-doc", "outlet", "date", "score", "link", "method", "status", "origin",
	"created",
};

int io_prop_find(const char *key)
{
	if (!key)
		return -1;
	if ((key[0] == 'x' || key[0] == 'X') && key[1] == '-')
		key += 2;
	for (int i = 0; i < IO_P_N; i++)
		if (!strcasecmp(key, io_prop_names[i]))
			return i;
	/* Spellings of other tools. */
	if (!strcasecmp(key, "ru_doc"))
		return IO_P_RU_DOC;
	if (!strcasecmp(key, "bg_doc"))
		return IO_P_BG_DOC;
	return -1;
}

void io_score_str(double score, char *buf, size_t size)
{
	snprintf(buf, size, "%.6g", score);
}

int io_is_ncname(const char *s, int nmtoken)
{
	if (!s || !*s)
		return 0;
	if (!nmtoken && (isdigit((unsigned char)s[0]) || s[0] == '-' || s[0] == '.'))
		return 0;
	for (const char *p = s; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '_' && *p != '-' && *p != '.')
			return 0;
	return 1;
}
