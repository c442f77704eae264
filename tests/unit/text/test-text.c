/* Unit tests for src/text on Russian and Bulgarian: decoding (plain, HTML,
 * bad input), normalisation, the fast break paths agreeing with ICU, lemma
 * memo invariants, analysis. Cases that are data (paragraph -> sentences,
 * tokens, word -> lemma, language id) are tests/golden/cases/text-*.test. */
#include "../test.h"

#include "text/text-int.h"
#include "text/text.h"

static char *data_path(const char *name)
{
	static char path[4096];
	const char *root = getenv("SV_SOURCE_ROOT");
	snprintf(path, sizeof(path), "%s/tests/data/text/%s", root ? root : ".", name);
	return path;
}

static int setup(void **state)
{
	struct sv_error err;
	*state = sv_text_open(NULL, &err);
	return *state ? 0 : -1;
}

static int teardown(void **state)
{
	sv_text_close(*state);
	return 0;
}

static void test_lang_codes(void **state)
{
	assert_string_equal(sv_lang_code(SV_LANG_RU), "ru");
	assert_string_equal(sv_lang_code(SV_LANG_BG), "bg");
	assert_string_equal(sv_lang_code(SV_LANG_OTHER), "other");
	assert_string_equal(sv_lang_code(SV_LANG_UNKNOWN), "unknown");
	assert_int_equal(sv_lang_parse("ru"), SV_LANG_RU);
	assert_int_equal(sv_lang_parse("RU"), SV_LANG_RU);
	assert_int_equal(sv_lang_parse("ru-RU"), SV_LANG_RU);
	assert_int_equal(sv_lang_parse("ru_RU"), SV_LANG_RU);
	assert_int_equal(sv_lang_parse("rus"), SV_LANG_RU);
	assert_int_equal(sv_lang_parse("Russian"), SV_LANG_RU);
	assert_int_equal(sv_lang_parse("bg"), SV_LANG_BG);
	assert_int_equal(sv_lang_parse("bg_BG"), SV_LANG_BG);
	assert_int_equal(sv_lang_parse("bul"), SV_LANG_BG);
	assert_int_equal(sv_lang_parse("BULGARIAN"), SV_LANG_BG);
	assert_int_equal(sv_lang_parse("uk"), SV_LANG_UNKNOWN);
	assert_int_equal(sv_lang_parse(""), SV_LANG_UNKNOWN);
	assert_int_equal(sv_lang_parse(NULL), SV_LANG_UNKNOWN);
}

static void test_decode_plain(void **state)
{
	const char *src = " date 2025-11-27 Рейтинг@Mail.ru\n"
			  "Путин и президент Таджикистана обсудили сотрудничество стран\n"
			  "\n"
			  "  Владимир Путин обсудил с Эмомали Рахмоном\tвопросы.  \n"
			  "Последняя строка без перевода";
	struct sv_doc_text doc = SV_DOC_TEXT_INIT;
	struct sv_error err;
	assert_int_equal(sv_text_decode("a.txt", src, strlen(src), SV_FORMAT_AUTO, 0, &doc, &err),
			 SV_OK);
	assert_string_equal(doc.date, "2025-11-27");
	assert_string_equal(doc.outlet, "Рейтинг@Mail.ru");
	assert_string_equal(doc.title, "Рейтинг@Mail.ru");
	assert_int_equal(doc.npara, 3);
	assert_string_equal(doc.paras[0].text,
			    "Путин и президент Таджикистана обсудили сотрудничество стран");
	assert_int_equal(doc.paras[0].line, 2);
	assert_string_equal(doc.paras[1].text, "Владимир Путин обсудил с Эмомали Рахмоном вопросы.");
	assert_int_equal(doc.paras[1].line, 4);
	assert_int_equal(doc.paras[1].offset, strstr(src, "Владимир") - src);
	assert_string_equal(doc.paras[2].text, "Последняя строка без перевода");
	assert_int_equal(doc.paras[2].kind, SV_PARA_BODY);
	sv_doc_text_release(&doc);

	/* NBSP stays between words, folds next to a space */
	const char *nb = "25\xc2\xa0" "000 \xc2\xa0\xc2\xa0x сказал\xc2\xa0 генерал\xc2\xa0";
	assert_int_equal(sv_text_decode("nb.txt", nb, strlen(nb), SV_FORMAT_TEXT, 0, &doc, &err),
			 SV_OK);
	assert_string_equal(doc.paras[0].text, "25\xc2\xa0" "000 x сказал генерал");
	sv_doc_text_release(&doc);

	/* no header: the first line is text */
	const char *nohdr = "В рамках заседания Совета ОДКБ.\nВторой абзац.\n";
	assert_int_equal(sv_text_decode("b.txt", nohdr, strlen(nohdr), SV_FORMAT_TEXT, 1, &doc, &err),
			 SV_OK);
	assert_null(doc.date);
	assert_null(doc.outlet);
	assert_int_equal(doc.npara, 2);
	assert_string_equal(doc.paras[0].text, "В рамках заседания Совета ОДКБ.");
	sv_doc_text_release(&doc);

	/* BOM, CRLF, a quoted outlet */
	size_t n = 0;
	char *bytes = sv_test_slurp(data_path("bom-crlf-bg.txt"), &n);
	assert_non_null(bytes);
	assert_int_equal(sv_text_decode("c.txt", bytes, n, SV_FORMAT_AUTO, 0, &doc, &err), SV_OK);
	assert_string_equal(doc.date, "2025-11-26");
	assert_string_equal(doc.outlet, "\"24 часа\"");
	assert_int_equal(doc.npara, 2);
	assert_string_equal(doc.paras[0].text, "Президентът Путин пристигна в Бишкек.");
	assert_int_equal(doc.paras[0].line, 3);
	assert_string_equal(doc.paras[1].text, "Той ще участва в заседанието на Съвета.");
	assert_null(strchr(doc.paras[1].text, '\r'));
	sv_doc_text_release(&doc);
	free(bytes);

	/* segmented: one paragraph per non-empty line, NFC applied */
	const char *seg = "Первая.\r\n\r\nВторая е\xcc\x88лка.\r\nТретья.";
	assert_int_equal(sv_text_decode("d.txt", seg, strlen(seg), SV_FORMAT_TEXT, 1, &doc, &err),
			 SV_OK);
	assert_int_equal(doc.npara, 3);
	assert_string_equal(doc.paras[1].text, "Вторая ёлка.");
	assert_int_equal(doc.paras[2].line, 4);
	sv_doc_text_release(&doc);
}

static int has_para(const struct sv_doc_text *doc, const char *needle)
{
	for (size_t i = 0; i < doc->npara; i++)
		if (strstr(doc->paras[i].text, needle))
			return 1;
	return 0;
}

static void test_decode_html(void **state)
{
	struct sv_doc_text doc = SV_DOC_TEXT_INIT;
	struct sv_error err;
	size_t n = 0;
	char *bytes = sv_test_slurp(data_path("article-ru.html"), &n);
	assert_non_null(bytes);
	assert_int_equal(sv_text_decode("article-ru.html", bytes, n, SV_FORMAT_AUTO, 0, &doc, &err),
			 SV_OK);
	assert_string_equal(doc.title, "Путин прибыл в Бишкек — РИА Новости");
	assert_int_equal(doc.paras[0].kind, SV_PARA_TITLE);
	assert_int_equal(doc.paras[1].kind, SV_PARA_HEADING);
	assert_string_equal(doc.paras[1].text, "Путин прибыл с государственным визитом в Киргизию");
	assert_int_equal(doc.paras[2].kind, SV_PARA_BODY);
	/* the newline inside the paragraph folds to a space, &nbsp; stays */
	assert_string_equal(doc.paras[2].text,
			    "Владимир Путин вечером 25\xc2\xa0ноября прибыл в Бишкек. Он примет "
			    "участие в заседании Совета коллективной безопасности ОДКБ.");
	assert_true(doc.paras[2].line > 1);
	assert_true(has_para(&doc, "«Это важно», — сказал он."));
	assert_true(has_para(&doc, "Рост товарооборота составил 22,3%."));
	assert_false(has_para(&doc, "Главная"));
	assert_false(has_para(&doc, "Экономика"));
	assert_false(has_para(&doc, "document.write"));
	assert_false(has_para(&doc, "color"));
	assert_false(has_para(&doc, "Читайте также"));
	assert_false(has_para(&doc, "©"));
	assert_false(has_para(&doc, "JavaScript"));
	sv_doc_text_release(&doc);
	free(bytes);

	bytes = sv_test_slurp(data_path("article-bg.html"), &n);
	assert_non_null(bytes);
	assert_int_equal(sv_text_decode("article-bg.html", bytes, n, SV_FORMAT_AUTO, 0, &doc, &err),
			 SV_OK);
	assert_string_equal(doc.title,
			    "Путин: Стратегическото партньорство с Киргизстан се развива успешно");
	assert_int_equal(doc.npara, 4);
	assert_string_equal(doc.paras[1].text, "Среща в Бишкек");
	assert_int_equal(doc.paras[1].kind, SV_PARA_HEADING);
	assert_false(has_para(&doc, "Начало"));
	assert_false(has_para(&doc, "не трябва"));
	assert_false(has_para(&doc, "права"));
	assert_int_equal(sv_lang_detect(doc.paras[3].text, strlen(doc.paras[3].text), NULL),
			 SV_LANG_BG);
	sv_doc_text_release(&doc);
	free(bytes);
}

static void test_decode_bad(void **state)
{
	struct sv_doc_text doc = SV_DOC_TEXT_INIT;
	struct sv_error err;
	const char bad[] = "Совет \xd0\xd0 ОДКБ";
	assert_int_equal(sv_text_decode("bg/a.txt", bad, sizeof(bad) - 1, SV_FORMAT_AUTO, 0, &doc,
					&err),
			 SV_EINPUT);
	assert_string_equal(err.msg, "'bg/a.txt': invalid UTF-8 at byte 11");
	sv_doc_text_release(&doc);

	const char trunc[] = "Совет\xd0";
	assert_int_equal(sv_text_decode("t.txt", trunc, sizeof(trunc) - 1, 0, 0, &doc, &err),
			 SV_EINPUT);
	assert_non_null(strstr(err.msg, "invalid UTF-8 at byte 10"));

	const char nul[] = "Совет\0ОДКБ";
	assert_int_equal(sv_text_decode("n.txt", nul, sizeof(nul) - 1, 0, 0, &doc, &err), SV_EINPUT);
	assert_non_null(strstr(err.msg, "'n.txt': NUL byte at byte 10"));

	const char bin[] = "\x7f" "ELF\x02\x01\x01\x03\x04";
	assert_int_equal(sv_text_decode("b.bin", bin, sizeof(bin) - 1, 0, 0, &doc, &err), SV_EINPUT);
	assert_non_null(strstr(err.msg, "'b.bin': binary data"));
	assert_non_null(strstr(err.msg, "at byte 4"));

	assert_int_equal(sv_text_decode("e.txt", "", 0, 0, 0, &doc, &err), SV_EINPUT);
	assert_string_equal(err.msg, "'e.txt': empty file");
	assert_int_equal(sv_text_decode("w.txt", " \r\n\n\t ", 6, 0, 0, &doc, &err), SV_EINPUT);
	assert_non_null(strstr(err.msg, "'w.txt': no text"));
	assert_int_equal(sv_text_decode("h.txt", "\xef\xbb\xbf date 2025-01-01 x\n", 22, 0, 0, &doc,
					&err),
			 SV_EINPUT);
	assert_int_equal(doc.npara, 0);
	sv_doc_text_release(&doc);
}

static void key_is(const char *s, const char *want)
{
	struct sv_buf b = SV_BUF_INIT;
	sv_text_key(s, strlen(s), &b);
	assert_string_equal(b.data, want);
	sv_buf_release(&b);
}

static void test_normalise(void **state)
{
	struct sv_buf b = SV_BUF_INIT;
	sv_text_nfc("е\xcc\x88лка и\xcc\x80", strlen("е\xcc\x88лка и\xcc\x80"), &b);
	assert_string_equal(b.data, "ёлка ѝ");
	sv_buf_reset(&b);
	sv_text_nfc("Совет ОДКБ", strlen("Совет ОДКБ"), &b);
	assert_string_equal(b.data, "Совет ОДКБ");
	sv_buf_release(&b);

	key_is("Ёлка", "елка");
	key_is("ОДКБ", "одкб");
	key_is("Съвета", "съвета");
	key_is("ЗАМО\xcc\x81К", "замок");       /* combining acute */
	key_is("е\xcc\x88лка", "елка");          /* decomposed ё */
	key_is("сотруд\xc2\xadничество", "сотрудничество"); /* soft hyphen */
	key_is("«Звезда» „Труд“ \"x\"", "\"звезда\" \"труд\" \"x\"");
	key_is("д’Артаньян", "д'артаньян");
	key_is("2026–2030 — x", "2026-2030 - x");
	key_is("ѝ Ѝ", "ѝ ѝ");
	key_is("Straße NATO", "strasse nato");
}

/* The fast sentence-break path and ICU's iterator give the same spans for
 * s[0..n): the raw breaks and the repaired sentences. */
static void same_sentences(struct sv_text *t, const char *s, size_t n)
{
	struct sv_spans a = { 0 }, b = { 0 };
	struct sv_error err;
	for (int raw = 0; raw < 2; raw++) {
		t->seg_flags = raw ? SV_SEG_RAW : 0;
		assert_int_equal(sv_text_segment(t, s, n, SV_LANG_RU, &a, &err), SV_OK);
		t->seg_flags |= SV_SEG_ICU;
		assert_int_equal(sv_text_segment(t, s, n, SV_LANG_RU, &b, &err), SV_OK);
		int same = a.n == b.n;
		for (size_t i = 0; same && i < a.n; i++)
			same = a.v[i].start == b.v[i].start && a.v[i].len == b.v[i].len;
		if (!same) {
			for (size_t i = 0; i < a.n; i++)
				print_message("# fast: [%.*s]\n", (int)a.v[i].len, s + a.v[i].start);
			for (size_t i = 0; i < b.n; i++)
				print_message("# icu:  [%.*s]\n", (int)b.v[i].len, s + b.v[i].start);
			fail_msg("sentence breaks differ (%s): '%.*s'", raw ? "raw" : "repaired", (int)n, s);
		}
	}
	t->seg_flags = 0;
	sv_spans_release(&a);
	sv_spans_release(&b);
}

/* ICU's sentence rules (UAX #29 SB6-SB11) on hand-made cases and on random
 * strings of characters from every class the fast path handles, with a few
 * it leaves to ICU and broken UTF-8. */
static void test_sentence_breaks(void **state)
{
	struct sv_text *t = *state;
	static const char *const lines[] = {
		"U.S. Army. Итак.5 а.б А.Б а. б а.Б 3.14. Конец... «Да!» — сказал он. (См. ниже.) Всё",
		"Что?! Нет... Да?.. «Кто?» Он. «Она.» — (Они.) ‼ Оно․ Мы.» , Вы. ; Ты. - Я.) а",
		"т.е. 5 человек. 10 км. Далее. «...Огайо» и… Далее? „Да“. Э.\xc2\xa0Б. Ж.\xe2\x80\xafЗ",
		"a.) b a.\" 1 b. ? c. , d.: e ǅ. ʰ.x. ª. Ⅰ. ⅰ. ƻ. A.\tB",
		"Слово\xcc\x81. Ещё\xc2\xad. Строка\r\nНовая.\nЕщё\xe2\x80\xa8x. 日本. Ω.",
	};
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		same_sentences(t, lines[i], strlen(lines[i]));
	static const char *const bits[] = { "а", "Б", "x", "Q", "1", "7", ".", ".", ".", "!", "?",
		",", ";", ":", "-", "–", "—", "«", "»", "„", "“", "\"", "'", "(", ")", " ", " ", " ",
		"\xc2\xa0", "\xe2\x80\xaf", "…", "%", "№", "\xe2\x80\xa4", "‼", "ª", "ǅ", "ʰ",
		"ƻ", "\xd5\x9d", "\xd6\x89", "ⅰ", "Ⅰ", "\t", "/", "ѝ", "Ѐ", "ß", "ё", "Т.", "е.",
		"\xcc\x81", "\xc2\xad", "\n", "日", "\xd0", "\x80", "\xe2\x80", "\xff" };
	const size_t nbits = sizeof(bits) / sizeof(bits[0]);
	uint32_t seed = 2024;
	struct sv_buf text = SV_BUF_INIT;
	for (int round = 0; round < 20000; round++) {
		sv_buf_reset(&text);
		int len = 1 + round % 30;
		for (int i = 0; i < len; i++) {
			seed = seed * 1103515245u + 12345u;
			/* the last nine bits (ICU only, broken UTF-8) come rarely */
			size_t k = (seed >> 16) % (nbits * 8);
			sv_buf_adds(&text, bits[k < (nbits - 9) * 8 ? k / 8 : nbits - 9 + k % 9]);
		}
		same_sentences(t, text.data, text.len);
	}
	/* a paragraph longer than the scan's lists (512 breaks, terminators,
	 * capitals): the rest is found without them, as ICU would */
	sv_buf_reset(&text);
	for (int i = 0; i < 300; i++)
		sv_buf_adds(&text, "Путин прибыл в Киргизию В аэропорту его встретил Садыр Жапаров. "
				   "Рост составил 22,3% по данным на 27.11.2025! Почему? Неизвестно… ");
	same_sentences(t, text.data, text.len);
	struct sv_spans sp = { 0 };
	struct sv_error err;
	assert_int_equal(sv_text_segment(t, text.data, text.len, SV_LANG_RU, &sp, &err), SV_OK);
	assert_int_equal(sp.n, 300 * 5);
	assert_int_equal(sp.v[sp.n - 1].len, strlen("Неизвестно…"));
	sv_spans_release(&sp);
	sv_buf_release(&text);
}

/* The fast word-break path and ICU's iterator agree. */
static void same_tokens(struct sv_text *t, const char *s)
{
	struct sv_tokens a = { 0 }, b = { 0 };
	struct sv_error err;
	sv_buf_init(&a.keys);
	sv_buf_init(&b.keys);
	t->icu_words = 0;
	assert_int_equal(sv_text_tokenize(t, s, strlen(s), &a, &err), SV_OK);
	t->icu_words = 1;
	assert_int_equal(sv_text_tokenize(t, s, strlen(s), &b, &err), SV_OK);
	t->icu_words = 0;
	assert_int_equal(a.n, b.n);
	for (size_t i = 0; i < a.n; i++) {
		assert_int_equal(a.v[i].start, b.v[i].start);
		assert_int_equal(a.v[i].len, b.v[i].len);
		assert_int_equal(a.v[i].type, b.v[i].type);
		assert_int_equal(a.v[i].flags, b.v[i].flags);
		assert_string_equal(sv_token_key(&a, i), sv_token_key(&b, i));
	}
	sv_tokens_release(&a);
	sv_tokens_release(&b);
}

static void test_word_breaks(void **state)
{
	static const char *const lines[] = {
		"т.е. и т.н. 22,3% д'Артаньян д’Артаньян 1.000,5 а·б COVID-19 e-mail x..y 5,,6",
		"«Газпром» заво\xcc\x81д сотруд\xc2\xadничество ЁЛКА a\tb\r\n",
		"a.b.c 3.14. Путин: 10:30 10.30 3'000 5;6 a;b a,b 2,a a2b 2a 1/2 ½ № 5 € 100 ‰",
		"…слово... «„x“» a—b a–b a-b  двойной   пробел 1\xc2\xa0" "000 HER2 SS19",
		"Ѝ ѝ ї Ґ і ў ÿ Ä ß æ ø ĳ ǆ ɐ x.1 1.x x'1 1'x '1 1' .5 5. ,5 5, ' . , ;",
		"а\xcc\x81б\xcc\x81 в\xcc\x80 1\xcc\x83" "2 @MerPolCC #тег 25\xe2\x80\xaf" "000 日本語",
	};
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		same_tokens(*state, lines[i]);
}

static void test_lemmas(void **state)
{
	struct sv_text *t = *state;
	/* the word-to-lemma pairs are tests/golden/cases/text-lemmas.test */
	/* ambiguous words keep every lemma */
	const char *lem[8];
	size_t n = sv_text_lemmas(t, SV_LANG_RU, "стали", strlen("стали"), lem, 8);
	assert_true(n >= 2);
	int steel = 0, become = 0;
	for (size_t i = 0; i < n && i < 8; i++) {
		steel |= !strcmp(lem[i], "сталь");
		become |= !strcmp(lem[i], "стать");
	}
	assert_true(steel && become);
	/* memoised: the same pointers come back */
	const char *again[8];
	assert_int_equal(sv_text_lemmas(t, SV_LANG_RU, "стали", strlen("стали"), again, 8), n);
	assert_ptr_equal(again[0], lem[0]);
	/* max bounds the output, the count stays */
	assert_int_equal(sv_text_lemmas(t, SV_LANG_RU, "стали", strlen("стали"), again, 1), n);
	/* other languages: the key itself */
	assert_int_equal(sv_text_lemmas(t, SV_LANG_OTHER, "treaty", 6, lem, 8), 1);
	assert_string_equal(lem[0], "treaty");
	/* an empty key is its own lemma */
	assert_int_equal(sv_text_lemmas(t, SV_LANG_RU, "", 0, lem, 8), 1);
	assert_string_equal(lem[0], "");
	/* the key need not be NUL-terminated */
	assert_int_equal(sv_text_lemmas(t, SV_LANG_RU, "советаXYZ", strlen("совета"), lem, 8), 1);
	assert_string_equal(lem[0], "совет");
}

static void test_stopwords(void **state)
{
	assert_true(sv_text_is_stopword(SV_LANG_RU, "что", strlen("что")));
	assert_true(sv_text_is_stopword(SV_LANG_RU, "в", strlen("в")));
	assert_true(sv_text_is_stopword(SV_LANG_RU, "которые", strlen("которые")));
	assert_false(sv_text_is_stopword(SV_LANG_RU, "совет", strlen("совет")));
	assert_true(sv_text_is_stopword(SV_LANG_BG, "които", strlen("които")));
	assert_true(sv_text_is_stopword(SV_LANG_BG, "се", strlen("се")));
	assert_true(sv_text_is_stopword(SV_LANG_BG, "че", strlen("че")));
	assert_false(sv_text_is_stopword(SV_LANG_BG, "съвет", strlen("съвет")));
	assert_false(sv_text_is_stopword(SV_LANG_OTHER, "the", 3));
	assert_false(sv_text_is_stopword(SV_LANG_RU, "чтобыXX", strlen("чтоб")));
}

static void test_analyse(void **state)
{
	struct sv_text *t = *state;
	struct sv_buf norm = SV_BUF_INIT, lem = SV_BUF_INIT;
	struct sv_error err;
	const char *ru = "Заседание Совета коллективной безопасности ОДКБ в Киргизии, "
			 "российско-киргизских 2026–2030.";
	assert_int_equal(sv_text_analyse(t, SV_LANG_RU, ru, strlen(ru), &norm, &lem, &err), SV_OK);
	assert_string_equal(norm.data, "заседание совета коллективной безопасности одкб в киргизии "
				       "российско-киргизских 2026-2030");
	assert_string_equal(lem.data, "заседание совет коллективный безопасность одкб в киргизия "
				      "российско-киргизский 2026-2030");
	sv_buf_reset(&norm);
	sv_buf_reset(&lem);
	const char *bg = "Организацията и сътрудничеството стали руско-киргизкото";
	assert_int_equal(sv_text_analyse(t, SV_LANG_BG, bg, strlen(bg), &norm, &lem, &err), SV_OK);
	assert_string_equal(norm.data, "организацията и сътрудничеството стали руско-киргизкото");
	assert_non_null(strstr(lem.data, "организация и сътрудничество "));
	assert_non_null(strstr(lem.data, " руско-киргизки"));
	sv_buf_reset(&norm);
	sv_buf_reset(&lem);
	assert_int_equal(sv_text_analyse(t, SV_LANG_RU, "стали", strlen("стали"), &norm, &lem, &err),
			 SV_OK);
	assert_non_null(strchr(lem.data, '|'));
	sv_buf_release(&norm);
	sv_buf_release(&lem);
}

/* Every function on pseudo-random text made of the pieces that matter
 * (letters, digits, punctuation, spaces, combining marks, odd scripts,
 * broken UTF-8):
 * nothing may crash, spans and tokens stay inside the text. */
static void test_random_text(void **state)
{
	struct sv_text *t = *state;
	static const char *const bits[] = { "а", "Б", "ъ", "ы", "ё", "Ё", "ѝ", "x", "Q", "1", "0",
		".", ",", "!", "?", "…", "-", "–", "—", "«", "»", "„", "“", "'", "’", " ", "  ",
		"\xc2\xa0", "\xe2\x80\xaf", "\xcc\x81", "\xc2\xad", "%", "№", "г.", "т.е.",
		"В.", "日", "\xf0\x9f\x98\x80", "@", "_", "\t", "\r\n", "\n", "<p>", "&amp;",
		"Путин", "Съвета", "22,3", "27.11.2025", "1 000", "ОДКБ", "-", "::", "\"",
		"\xd0", "\xff", "\x80", "\xe2\x80" };
	const size_t nbits = sizeof(bits) / sizeof(bits[0]);
	uint32_t seed = 12345;
	struct sv_buf text = SV_BUF_INIT, norm = SV_BUF_INIT, lem = SV_BUF_INIT;
	struct sv_tokens tk = { 0 };
	struct sv_spans sp = { 0 };
	struct sv_error err;
	sv_buf_init(&tk.keys);
	for (int round = 0; round < 300; round++) {
		sv_buf_reset(&text);
		int len = round % 60;
		for (int i = 0; i < len; i++) {
			seed = seed * 1103515245u + 12345u;
			sv_buf_adds(&text, bits[(seed >> 16) % nbits]);
		}
		enum sv_lang lang = (enum sv_lang)(round % 4);
		sv_lang_detect(text.data, text.len, NULL);
		assert_int_equal(sv_text_segment(t, text.data, text.len, lang, &sp, &err), SV_OK);
		for (size_t i = 0; i < sp.n; i++)
			assert_true(sp.v[i].start + sp.v[i].len <= text.len && sp.v[i].len > 0);
		assert_int_equal(sv_text_tokenize(t, text.data, text.len, &tk, &err), SV_OK);
		for (size_t i = 0; i < tk.n; i++)
			assert_true(tk.v[i].start + tk.v[i].len <= text.len);
		sv_buf_reset(&norm);
		sv_buf_reset(&lem);
		assert_int_equal(sv_text_analyse(t, lang, text.data, text.len, &norm, &lem, &err),
				 SV_OK);
		struct sv_doc_text doc = SV_DOC_TEXT_INIT;
		sv_text_decode("r.txt", text.data, text.len, round % 3, round % 2, &doc, &err);
		sv_doc_text_release(&doc);
	}
	sv_buf_release(&text);
	sv_buf_release(&norm);
	sv_buf_release(&lem);
	sv_tokens_release(&tk);
	sv_spans_release(&sp);
}

static void test_missing_dict(void **state)
{
	struct sv_error err;
	struct sv_text *t = sv_text_open("/nonexistent/a:/nonexistent/b", &err);
	assert_non_null(t);
	struct sv_buf norm = SV_BUF_INIT, lem = SV_BUF_INIT;
	assert_int_not_equal(sv_text_analyse(t, SV_LANG_BG, "Съвета", strlen("Съвета"), &norm, &lem,
					     &err),
			     SV_OK);
	assert_non_null(strstr(err.msg, "bg_BG"));
	assert_non_null(strstr(err.msg, "/nonexistent/a:/nonexistent/b"));
	assert_non_null(strstr(err.msg, "hunspell-bg"));
	/* text without a language needs no dictionary */
	assert_int_equal(sv_text_analyse(t, SV_LANG_OTHER, "NATO", 4, &norm, &lem, &err), SV_OK);
	assert_string_equal(lem.data, "nato");
	/* lemmas fall back to the suffix analysis */
	const char *l[4];
	sv_text_lemmas(t, SV_LANG_BG, "организацията", strlen("организацията"), l, 4);
	assert_string_equal(l[0], "организация");
	sv_buf_release(&norm);
	sv_buf_release(&lem);
	sv_text_close(t);

	setenv("SVERKA_DICT_DIRS", "/nonexistent/env", 1);
	t = sv_text_open(NULL, &err);
	assert_int_not_equal(sv_text_dict_check(t, SV_LANG_RU, &err), SV_OK);
	assert_non_null(strstr(err.msg, "/nonexistent/env"));
	assert_non_null(strstr(err.msg, "hunspell-ru"));
	sv_text_close(t);
	unsetenv("SVERKA_DICT_DIRS");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lang_codes),
		cmocka_unit_test(test_decode_plain),
		cmocka_unit_test(test_decode_html),
		cmocka_unit_test(test_decode_bad),
		cmocka_unit_test(test_normalise),
		cmocka_unit_test_setup_teardown(test_sentence_breaks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_word_breaks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lemmas, setup, teardown),
		cmocka_unit_test(test_stopwords),
		cmocka_unit_test_setup_teardown(test_analyse, setup, teardown),
		cmocka_unit_test_setup_teardown(test_random_text, setup, teardown),
		cmocka_unit_test(test_missing_dict),
	};
	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
