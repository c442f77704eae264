/* The English pivot: joins an en<->ru and an en<->bg memory on their English
 * text into ru<->bg units. The en<->bg side is held in memory. */
#include "io/io-int.h"

#include <stdlib.h>
#include <string.h>

#include "base/file.h"
#include "base/map.h"

/* A join key: NFC, whitespace runs as one space, trimmed. */
static void pivot_key(const char *s, struct sv_buf *tmp, struct sv_buf *out)
{
	sv_buf_reset(tmp);
	sv_buf_reset(out);
	io_nfc(s, strlen(s), tmp);
	int space = 0;
	for (const unsigned char *p = (const unsigned char *)tmp->data; *p; p++) {
		int ws = *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r';
		if (!ws && p[0] == 0xC2 && p[1] == 0xA0) { /* NBSP */
			ws = 1;
			p++;
		}
		if (ws) {
			space = 1;
			continue;
		}
		if (space && out->len)
			sv_buf_addc(out, ' ');
		space = 0;
		sv_buf_addc(out, (char)*p);
	}
}

struct targets {
	char **v;
	size_t n, cap;
};

struct pivot {
	struct sv_map map;   /* English key -> index + 1 into tg */
	struct targets *tg;
	size_t ntg, captg;
	struct sv_map seen;  /* "ru\x1fbg" pairs given */
	struct sv_buf tmp, key;
	const struct sv_io_reader_cb *cb;
	void *ctx;
	const char *a, *b;
	struct sv_buf origin;
	struct sv_error *err;
};

static int load_bg(void *ctx, const struct sv_io_unit *u)
{
	struct pivot *pv = ctx;
	pivot_key(u->ru, &pv->tmp, &pv->key); /* slot 0: English */
	if (!pv->key.len)
		return 0;
	int added;
	struct sv_map_slot *s = sv_map_add(&pv->map, pv->key.data, pv->key.len, &added);
	if (added) {
		SV_GROW(pv->tg, pv->captg, pv->ntg + 1);
		memset(&pv->tg[pv->ntg], 0, sizeof(pv->tg[0]));
		s->val = ++pv->ntg;
	}
	struct targets *t = &pv->tg[s->val - 1];
	for (size_t i = 0; i < t->n; i++)
		if (!strcmp(t->v[i], u->bg))
			return 0;
	SV_GROW(t->v, t->cap, t->n + 1);
	t->v[t->n++] = sv_strdup(u->bg);
	return 0;
}

static int join_ru(void *ctx, const struct sv_io_unit *u)
{
	struct pivot *pv = ctx;
	pivot_key(u->ru, &pv->tmp, &pv->key);
	struct sv_map_slot *s = sv_map_find(&pv->map, pv->key.data, pv->key.len);
	if (!s)
		return 0;
	struct targets *t = &pv->tg[s->val - 1];
	for (size_t i = 0; i < t->n; i++) {
		sv_buf_reset(&pv->tmp);
		sv_buf_adds(&pv->tmp, u->bg);
		sv_buf_addc(&pv->tmp, '\x1f');
		sv_buf_adds(&pv->tmp, t->v[i]);
		int added;
		sv_map_add(&pv->seen, pv->tmp.data, pv->tmp.len, &added);
		if (!added)
			continue;
		struct sv_io_unit out = {
			.ru = u->bg, /* slot 1 of the en<->ru read: Russian */
			.bg = t->v[i],
			.ru_doc = pv->a,
			.bg_doc = pv->b,
			.method = "pivot",
			.status = "candidate",
			.origin = pv->origin.data,
			.note = pv->key.data,
		};
		if (pv->cb && pv->cb->unit && pv->cb->unit(pv->ctx, &out))
			return 1;
	}
	return 0;
}

static void fwd_warning(void *ctx, const char *file, unsigned long line, unsigned long col,
			const char *msg)
{
	struct pivot *pv = ctx;
	if (pv->cb && pv->cb->warning)
		pv->cb->warning(pv->ctx, file, line, col, msg);
}

static int read_side(const char *path, enum io_lang target, struct sv_io_reader_cb *cb,
		     struct pivot *pv)
{
	struct io_rd rd = { .path = path, .cb = cb, .ctx = pv, .err = pv->err,
			    .want = { IO_L_EN, target } };
	FILE *f;
	int rc = sv_file_open(path, &f, pv->err);
	if (rc)
		return rc;
	rc = io_read_stream(&rd, f, SV_IO_AUTO, NULL);
	fclose(f);
	return rc;
}

int sv_io_pivot_read(const char *en_ru, const char *en_bg, const struct sv_io_reader_cb *cb,
		     void *ctx, struct sv_error *err)
{
	struct sv_error local;
	if (!err)
		err = &local;
	sv_error_clear(err);
	struct pivot pv = { .map = SV_MAP_INIT, .seen = SV_MAP_INIT, .tmp = SV_BUF_INIT,
			    .key = SV_BUF_INIT, .cb = cb, .ctx = ctx, .a = en_ru, .b = en_bg,
			    .origin = SV_BUF_INIT, .err = err };
	sv_buf_addf(&pv.origin, "pivot:%s+%s", en_ru, en_bg);
	struct sv_io_reader_cb load = { .unit = load_bg, .warning = fwd_warning };
	struct sv_io_reader_cb join = { .unit = join_ru, .warning = fwd_warning };
	int rc = read_side(en_bg, IO_L_BG, &load, &pv);
	if (!rc)
		rc = read_side(en_ru, IO_L_RU, &join, &pv);
	for (size_t i = 0; i < pv.ntg; i++) {
		for (size_t j = 0; j < pv.tg[i].n; j++)
			free(pv.tg[i].v[j]);
		free(pv.tg[i].v);
	}
	free(pv.tg);
	sv_map_release(&pv.map);
	sv_map_release(&pv.seen);
	sv_buf_release(&pv.tmp);
	sv_buf_release(&pv.key);
	sv_buf_release(&pv.origin);
	return rc;
}
