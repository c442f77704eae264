/* Unit tests for src/text on Russian and Bulgarian: decoding (plain, HTML,
 * bad input), normalisation, language id, sentences, tokens, lemmas. */
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

static void test_langid(void **state)
{
	double conf;
	const char *ru = "Владимир Путин вечером 25 ноября прибыл с государственным визитом в "
			 "Киргизию.";
	const char *bg = "Стратегическото партньорство и съюз между Русия и Киргизстан се развиват "
			 "успешно, заяви президентът.";
	assert_int_equal(sv_lang_detect(ru, strlen(ru), &conf), SV_LANG_RU);
	assert_true(conf > 0.9);
	assert_int_equal(sv_lang_detect(bg, strlen(bg), &conf), SV_LANG_BG);
	assert_true(conf > 0.9);
	const char *ru2 = "Он сказал, что это очень важно для нас.";
	const char *bg2 = "Той каза, че това е много важно за нас.";
	assert_int_equal(sv_lang_detect(ru2, strlen(ru2), NULL), SV_LANG_RU);
	assert_int_equal(sv_lang_detect(bg2, strlen(bg2), NULL), SV_LANG_BG);
	const char *ru3 = "Совет коллективной безопасности ОДКБ";
	const char *bg3 = "Организацията на Договора за колективна сигурност";
	assert_int_equal(sv_lang_detect(ru3, strlen(ru3), NULL), SV_LANG_RU);
	assert_int_equal(sv_lang_detect(bg3, strlen(bg3), NULL), SV_LANG_BG);
	/* sentences written for this test, none from ntrex */
	static const char *const more_ru[] = {
		"Министр иностранных дел провел переговоры с коллегой из Казахстана.",
		"По словам губернатора, работы на трассе завершат до конца месяца.",
		"Цены на газ выросли на 12 процентов за последний квартал.",
		"Спортсмены из Софии победили в финале турнира по волейболу.",
		"Соглашение подписали в понедельник в Москве.",
		"Депутаты приняли закон во втором чтении.",
		"На границе задержали грузовик с контрабандой.",
		"Президент Киргизии Садыр Жапаров встретился с делегацией.",
		"Вчера в Москве прошел сильный снегопад.",
		"Министр обороны провел совещание с командирами округов.",
		"Курс рубля снова упал на бирже.",
		"Сборная Болгарии проиграла в отборочном матче.",
		"Президент подписал указ о помиловании.",
		"Жители района жалуются на плохие дороги.",
		"В Софии открылась выставка русских художников.",
		"Учителя требуют повышения зарплаты уже третий месяц.",
		"На выборах победила правящая партия.",
		"Цены на бензин выросли после праздников.",
		"Полиция задержала двух подозреваемых в краже.",
		"Новый мост через реку построят к осени.",
		"Эксперты ожидают снижения инфляции в следующем году.",
		"Фермеры получили субсидии на закупку техники.",
		"Туристы из Германии посетили Черноморское побережье.",
		"Парламент одобрил бюджет на следующий год.",
		"Пожар на складе потушили за два часа.",
		"Врачи рекомендуют прививаться от гриппа осенью.",
		"Компания объявила о сокращении сотрудников.",
		"Спасатели нашли пропавших альпинистов живыми.",
		"Генеральный секретарь НАТО Марк Рютте прибыл в Варшаву.",
		"Премьер-министр Болгарии Росен Желязков посетил Брюссель.",
		"Материал подготовили Константин Денисов и Николай Баранов.",
	};
	static const char *const more_bg[] = {
		"Министърът на външните работи проведе разговори с колегата си от Казахстан.",
		"Според губернатора работата по магистралата ще приключи до края на месеца.",
		"Цените на газа са се повишили с 12 процента през последното тримесечие.",
		"Спортистите от София победиха във финала на турнира по волейбол.",
		"Споразумението беше подписано в понеделник в Москва.",
		"Депутатите приеха закона на второ четене.",
		"На границата задържаха камион с контрабанда.",
		"Президентът на Киргизстан Садир Жапаров се срещна с делегацията.",
		"Вчера в Москва валя силен сняг.",
		"Министърът на отбраната проведе среща с командирите.",
		"Курсът на рублата отново падна на борсата.",
		"Националният отбор на България загуби квалификацията.",
		"Президентът подписа указ за помилване.",
		"Жителите на квартала се оплакват от лошите пътища.",
		"В София беше открита изложба на руски художници.",
		"Учителите искат по-високи заплати вече трети месец.",
		"На изборите победи управляващата партия.",
		"Цените на бензина се повишиха след празниците.",
		"Полицията задържа двама заподозрени за кражба.",
		"Новият мост над реката ще бъде построен до есента.",
		"Експертите очакват инфлацията да намалее догодина.",
		"Фермерите получиха субсидии за закупуване на техника.",
		"Туристи от Германия посетиха Черноморието.",
		"Парламентът одобри бюджета за следващата година.",
		"Пожарът в склада беше потушен за два часа.",
		"Лекарите препоръчват ваксинация срещу грип през есента.",
		"Компанията обяви съкращения на служители.",
		"Спасителите откриха изчезналите алпинисти живи.",
		"Генералният секретар на НАТО Марк Рюте пристигна във Варшава.",
		"Премиерът на България Росен Желязков посети Брюксел.",
	};
	for (size_t i = 0; i < sizeof(more_ru) / sizeof(more_ru[0]); i++)
		if (sv_lang_detect(more_ru[i], strlen(more_ru[i]), NULL) != SV_LANG_RU)
			fail_msg("not ru: %s", more_ru[i]);
	for (size_t i = 0; i < sizeof(more_bg) / sizeof(more_bg[0]); i++)
		if (sv_lang_detect(more_bg[i], strlen(more_bg[i]), NULL) != SV_LANG_BG)
			fail_msg("not bg: %s", more_bg[i]);
	const char *en = "The Collective Security Treaty Organization met in Bishkek.";
	assert_int_equal(sv_lang_detect(en, strlen(en), &conf), SV_LANG_OTHER);
	const char *uk = "Президент України заявив, що співпраця триває.";
	assert_int_equal(sv_lang_detect(uk, strlen(uk), NULL), SV_LANG_OTHER);
	const char *sr = "Председник Србије је рекао да ће сарадња бити настављена, њихова земља.";
	assert_int_equal(sv_lang_detect(sr, strlen(sr), NULL), SV_LANG_OTHER);
	assert_int_equal(sv_lang_detect("12:48 27.11.2025", 16, &conf), SV_LANG_UNKNOWN);
	assert_true(conf == 0);
	assert_int_equal(sv_lang_detect("", 0, NULL), SV_LANG_UNKNOWN);
}

static void segs_are(struct sv_text *t, enum sv_lang lang, const char *para,
		     const char *const *want, size_t nwant)
{
	struct sv_spans sp = { 0 };
	struct sv_error err;
	assert_int_equal(sv_text_segment(t, para, strlen(para), lang, &sp, &err), SV_OK);
	for (size_t i = 0; i < sp.n && i < nwant; i++) {
		char got[1024];
		snprintf(got, sizeof(got), "%.*s", (int)sp.v[i].len, para + sp.v[i].start);
		assert_string_equal(got, want[i]);
	}
	assert_int_equal(sp.n, nwant);
	sv_spans_release(&sp);
}

static void test_segment(void **state)
{
	struct sv_text *t = *state;
	const char *p1 = "  В 2025 г. В. Путин посетил г. Бишкек, ул. Ленина, т.е. столицу "
			 "Киргизии. Рост составил 22,3% по данным на 27.11.2025. Проф. Иванов "
			 "и др. учёные согласны.  ";
	const char *w1[] = { "В 2025 г. В. Путин посетил г. Бишкек, ул. Ленина, т.е. столицу "
			     "Киргизии.",
			     "Рост составил 22,3% по данным на 27.11.2025.",
			     "Проф. Иванов и др. учёные согласны." };
	segs_are(t, SV_LANG_RU, p1, w1, 3);
	const char *p2 = "«Мы готовы к переговорам», — заявил он. «Это важно!» Далее слово "
			 "взял министр.";
	const char *w2[] = { "«Мы готовы к переговорам», — заявил он.", "«Это важно!»",
			     "Далее слово взял министр." };
	segs_are(t, SV_LANG_RU, p2, w2, 3);
	const char *p3 = "„Това е успех“, каза той. Срещата в гр. София бе през 2024 г. Тогава "
			 "проф. Петров и т.н. присъстваха.";
	const char *w3[] = { "„Това е успех“, каза той.", "Срещата в гр. София бе през 2024 г.",
			     "Тогава проф. Петров и т.н. присъстваха." };
	segs_are(t, SV_LANG_BG, p3, w3, 3);
	const char *p4 = "Встреча прошла в 2024 гг. Президенты подписали договор. 70 процентов "
			 "опрошенных согласны.";
	const char *w4[] = { "Встреча прошла в 2024 гг.", "Президенты подписали договор.",
			     "70 процентов опрошенных согласны." };
	segs_are(t, SV_LANG_RU, p4, w4, 3);
	const char *p6 = "По данным U.S. Geological Survey, толчок был слабым. Жители С.-Петербурга "
			 "ничего не заметили! Почему? Неизвестно… Докладчик — акад. РАН А. А. Иванов.";
	const char *w6[] = { "По данным U.S. Geological Survey, толчок был слабым.",
			     "Жители С.-Петербурга ничего не заметили!", "Почему?", "Неизвестно…",
			     "Докладчик — акад. РАН А. А. Иванов." };
	segs_are(t, SV_LANG_RU, p6, w6, 5);
	/* a headline without a full stop runs into the text */
	const char *p7 = "Путин прибыл с визитом в Киргизию В аэропорту его встретил президент "
			 "страны.";
	const char *w7[] = { "Путин прибыл с визитом в Киргизию",
			     "В аэропорту его встретил президент страны." };
	segs_are(t, SV_LANG_RU, p7, w7, 2);
	/* a headline, then a capitalised common word (hunspell: lower case
	 * only; Russian: a nominative) before a lower-case word */
	const char *p8 = "Новая вакцина учит организм находить раковые клетки Новая "
			 "противораковая вакцина может научить иммунную систему видеть больные "
			 "клетки.";
	const char *w8[] = { "Новая вакцина учит организм находить раковые клетки",
			     "Новая противораковая вакцина может научить иммунную систему видеть "
			     "больные клетки." };
	segs_are(t, SV_LANG_RU, p8, w8, 2);
	const char *p9 = "Колоездач почина след сблъсък с кола Колоездач е починал след сблъсък "
			 "с кола в събота. Рапърът смени името си на Йе През уикенда той обяви "
			 "новото си име.";
	const char *w9[] = { "Колоездач почина след сблъсък с кола",
			     "Колоездач е починал след сблъсък с кола в събота.",
			     "Рапърът смени името си на Йе",
			     "През уикенда той обяви новото си име." };
	segs_are(t, SV_LANG_BG, p9, w9, 4);
	/* no split inside a sentence: a name after a noun that names it, after
	 * a verb, an adjective or a time word, before another capitalised
	 * word, a first name before a surname, a letter, an interrogative */
	static const char *const whole_ru[] = {
		"Ожидается, что ураган Роза пройдет над Фениксом во вторник.",
		"В ходе собрания своих сторонников Президент Трамп высказал оптимистичную оценку.",
		"Серхио Агуэро и Рахим Стерлинг расправились с защитой соперника.",
		"В субботу Национальный центр ураганов сообщил об усилении шторма.",
		"На слушаниях заявила Форд о своих обвинениях против судьи.",
		"Ливни пройдут в районе Четырех углов и продлятся до вечера среды.",
		"Акция может привлечь сторонников из «...Огайо и Пенсильвании», — сообщает газета.",
	};
	static const char *const whole_bg[] = {
		"Не е ясно защо Рок се опита да се подиграе на Уест.",
		"72% от учениците са постигнали оценка А по китайски език.",
		"Министерството на отбраната учреди Съвместен център по изкуствен интелект.",
		"Изборите ще са през юни Комисията публикува резултатите.",
		"Пътят минава през централните Скалисти планини и южна Юта до Аризона.",
	};
	for (size_t i = 0; i < sizeof(whole_ru) / sizeof(whole_ru[0]); i++)
		segs_are(t, SV_LANG_RU, whole_ru[i], &whole_ru[i], 1);
	for (size_t i = 0; i < sizeof(whole_bg) / sizeof(whole_bg[0]); i++)
		segs_are(t, SV_LANG_BG, whole_bg[i], &whole_bg[i], 1);
	/* after an abbreviation or an initial, a capitalised function word
	 * opens a sentence; a unit after a number may end one */
	const char *p10 = "Главное — уметь доверять им. По результатам экзаменов школа первая. "
			  "Осадки могут достигать 10 см. Для засушливых районов это полезно.";
	const char *w10[] = { "Главное — уметь доверять им.",
			      "По результатам экзаменов школа первая.",
			      "Осадки могут достигать 10 см.",
			      "Для засушливых районов это полезно." };
	segs_are(t, SV_LANG_RU, p10, w10, 4);
	const char *p11 = "Решението засяга буквата U. От Комисията съобщиха, че проф. Петров е "
			  "съгласен.";
	const char *w11[] = { "Решението засяга буквата U.",
			      "От Комисията съобщиха, че проф. Петров е съгласен." };
	segs_are(t, SV_LANG_BG, p11, w11, 2);
	const char *w5[] = { "Одно предложение без точки" };
	segs_are(t, SV_LANG_RU, "Одно предложение без точки", w5, 1);
	segs_are(t, SV_LANG_RU, "   ", NULL, 0);
}

static void test_tokenize(void **state)
{
	struct sv_text *t = *state;
	struct sv_tokens tk = { 0 };
	struct sv_error err;
	sv_buf_init(&tk.keys);
	const char *s = "Российско-киргизских переговоров ОДКБ и СНГ в 2026–2030 гг.: рост 22,3% "
			"(1 000 000 руб.), 27.11.2025 и 9-10 мая, NATO, COVID-19.";
	assert_int_equal(sv_text_tokenize(t, s, strlen(s), &tk, &err), SV_OK);
	struct {
		const char *text, *key;
		int type, flags;
	} want[] = {
		{ "Российско-киргизских", "российско-киргизских", SV_TOK_WORD,
		  SV_TOKF_COMPOUND | SV_TOKF_CAPITAL | SV_TOKF_SENT_START },
		{ "Российско", "российско", SV_TOK_WORD, SV_TOKF_PART | SV_TOKF_CAPITAL },
		{ "киргизских", "киргизских", SV_TOK_WORD, SV_TOKF_PART },
		{ "переговоров", "переговоров", SV_TOK_WORD, 0 },
		{ "ОДКБ", "одкб", SV_TOK_ACRONYM, SV_TOKF_CAPITAL },
		{ "и", "и", SV_TOK_WORD, 0 },
		{ "СНГ", "снг", SV_TOK_ACRONYM, SV_TOKF_CAPITAL },
		{ "в", "в", SV_TOK_WORD, 0 },
		{ "2026–2030", "2026-2030", SV_TOK_NUMBER, SV_TOKF_COMPOUND | SV_TOKF_RANGE },
		{ "2026", "2026", SV_TOK_NUMBER, SV_TOKF_PART },
		{ "2030", "2030", SV_TOK_NUMBER, SV_TOKF_PART },
		{ "гг", "гг", SV_TOK_WORD, 0 },
		{ ".", ".", SV_TOK_PUNCT, 0 },
		{ ":", ":", SV_TOK_PUNCT, 0 },
		{ "рост", "рост", SV_TOK_WORD, 0 },
		{ "22,3%", "22.3%", SV_TOK_NUMBER, SV_TOKF_PERCENT },
		{ "(", "(", SV_TOK_PUNCT, 0 },
		{ "1 000 000", "1000000", SV_TOK_NUMBER, 0 },
		{ "руб", "руб", SV_TOK_WORD, 0 },
		{ ".", ".", SV_TOK_PUNCT, 0 },
		{ ")", ")", SV_TOK_PUNCT, 0 },
		{ ",", ",", SV_TOK_PUNCT, 0 },
		{ "27.11.2025", "2025-11-27", SV_TOK_NUMBER, SV_TOKF_DATE },
		{ "и", "и", SV_TOK_WORD, 0 },
		{ "9-10", "9-10", SV_TOK_NUMBER, SV_TOKF_COMPOUND | SV_TOKF_RANGE },
		{ "9", "9", SV_TOK_NUMBER, SV_TOKF_PART },
		{ "10", "10", SV_TOK_NUMBER, SV_TOKF_PART },
		{ "мая", "мая", SV_TOK_WORD, 0 },
		{ ",", ",", SV_TOK_PUNCT, 0 },
		{ "NATO", "nato", SV_TOK_ACRONYM, SV_TOKF_CAPITAL | SV_TOKF_LATIN },
		{ ",", ",", SV_TOK_PUNCT, 0 },
		{ "COVID-19", "covid-19", SV_TOK_ACRONYM,
		  SV_TOKF_COMPOUND | SV_TOKF_CAPITAL | SV_TOKF_LATIN },
		{ "COVID", "covid", SV_TOK_ACRONYM, SV_TOKF_PART | SV_TOKF_CAPITAL | SV_TOKF_LATIN },
		{ "19", "19", SV_TOK_NUMBER, SV_TOKF_PART },
		{ ".", ".", SV_TOK_PUNCT, 0 },
	};
	size_t nw = sizeof(want) / sizeof(want[0]);
	for (size_t i = 0; i < tk.n && i < nw; i++) {
		char got[256];
		snprintf(got, sizeof(got), "%.*s", (int)tk.v[i].len, s + tk.v[i].start);
		assert_string_equal(got, want[i].text);
		assert_string_equal(sv_token_key(&tk, i), want[i].key);
		assert_int_equal(tk.v[i].keylen, strlen(want[i].key));
		assert_int_equal(tk.v[i].type, want[i].type);
		assert_int_equal(tk.v[i].flags, want[i].flags);
	}
	assert_int_equal(tk.n, nw);

	/* NBSP thousands, ISO dates, percent after a space, %, № and emoji */
	const char *s2 = "25\xc2\xa0" "000 человек, 2025-11-27, 15 % и № 5 \xf0\x9f\x98\x80";
	assert_int_equal(sv_text_tokenize(t, s2, strlen(s2), &tk, &err), SV_OK);
	assert_string_equal(sv_token_key(&tk, 0), "25000");
	assert_int_equal(tk.v[0].type, SV_TOK_NUMBER);
	assert_string_equal(sv_token_key(&tk, 3), "2025-11-27");
	assert_int_equal(tk.v[3].flags, SV_TOKF_DATE);
	assert_string_equal(sv_token_key(&tk, 5), "15%");
	assert_int_equal(tk.v[5].flags, SV_TOKF_PERCENT);
	assert_int_equal(tk.v[7].type, SV_TOK_SYMBOL); /* № */
	assert_int_equal(tk.v[tk.n - 1].type, SV_TOK_SYMBOL);

	/* replacing, empty input */
	assert_int_equal(sv_text_tokenize(t, "", 0, &tk, &err), SV_OK);
	assert_int_equal(tk.n, 0);
	sv_tokens_release(&tk);
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

static void lemma_is(struct sv_text *t, enum sv_lang lang, const char *word, const char *want)
{
	struct sv_buf key = SV_BUF_INIT;
	sv_text_key(word, strlen(word), &key);
	const char *lem[8];
	size_t n = sv_text_lemmas(t, lang, key.data, key.len, lem, 8);
	assert_true(n >= 1);
	if (strcmp(lem[0], want))
		fail_msg("%s: first lemma '%s', want '%s'", word, lem[0], want);
	sv_buf_release(&key);
}

static void test_lemmas(void **state)
{
	struct sv_text *t = *state;
	lemma_is(t, SV_LANG_RU, "Киргизии", "киргизия");
	lemma_is(t, SV_LANG_RU, "Совета", "совет");
	lemma_is(t, SV_LANG_RU, "коллективной", "коллективный");
	lemma_is(t, SV_LANG_RU, "Путиным", "путин");
	lemma_is(t, SV_LANG_RU, "переговорах", "переговоры");
	lemma_is(t, SV_LANG_RU, "Жапаров", "жапаров");
	lemma_is(t, SV_LANG_RU, "Жапарова", "жапаров");
	lemma_is(t, SV_LANG_RU, "Жапаровым", "жапаров");
	lemma_is(t, SV_LANG_RU, "Рахмоновой", "рахмонов");
	lemma_is(t, SV_LANG_RU, "мира", "мир");
	lemma_is(t, SV_LANG_RU, "Таджикистана", "таджикистан");
	lemma_is(t, SV_LANG_RU, "людей", "люди");
	lemma_is(t, SV_LANG_RU, "детьми", "дети");
	lemma_is(t, SV_LANG_RU, "пришёл", "прийти");
	lemma_is(t, SV_LANG_RU, "шли", "идти");
	/* unknown names: case endings drop, the word stays second */
	lemma_is(t, SV_LANG_RU, "Рахмоном", "рахмон");
	lemma_is(t, SV_LANG_RU, "Пашиняна", "пашинян");
	lemma_is(t, SV_LANG_RU, "Зеленского", "зеленский");
	lemma_is(t, SV_LANG_RU, "ОДКБ", "одкб");
	lemma_is(t, SV_LANG_BG, "Организацията", "организация");
	lemma_is(t, SV_LANG_BG, "сътрудничеството", "сътрудничество");
	lemma_is(t, SV_LANG_BG, "Съвета", "съвет");
	lemma_is(t, SV_LANG_BG, "председателството", "председателство");
	lemma_is(t, SV_LANG_BG, "президентът", "президент");
	lemma_is(t, SV_LANG_BG, "годините", "година");
	lemma_is(t, SV_LANG_BG, "Жапарова", "жапаров");
	lemma_is(t, SV_LANG_BG, "Зеленския", "зеленски");
	lemma_is(t, SV_LANG_BG, "срещи", "среща");
	lemma_is(t, SV_LANG_BG, "министърът", "министър");
	/* unknown Bulgarian definite forms lose their article */
	lemma_is(t, SV_LANG_BG, "Жапарказахията", "жапарказахия");
	lemma_is(t, SV_LANG_BG, "киргизстанството", "киргизстанство");
	lemma_is(t, SV_LANG_BG, "бишкекчанинът", "бишкекчанин");

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
		cmocka_unit_test(test_langid),
		cmocka_unit_test_setup_teardown(test_segment, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sentence_breaks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tokenize, setup, teardown),
		cmocka_unit_test_setup_teardown(test_word_breaks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lemmas, setup, teardown),
		cmocka_unit_test(test_stopwords),
		cmocka_unit_test_setup_teardown(test_analyse, setup, teardown),
		cmocka_unit_test_setup_teardown(test_random_text, setup, teardown),
		cmocka_unit_test(test_missing_dict),
	};
	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
