/* Unit tests for src/check: every check on Russian and Bulgarian inflected
 * forms in both directions, configuration, readers and reports. */
#include "../test.h"

#include <unistd.h>

#include "check/check.h"

static struct sv_text *T;

static int setup(void **state)
{
	struct sv_error err = { 0 };
	T = sv_text_open(NULL, &err);
	return T ? 0 : -1;
}

static int teardown(void **state)
{
	sv_text_close(T);
	return 0;
}

/* A small batch and its findings. */
struct fx {
	struct sv_check_segs segs;
	struct sv_check_glossary *g;
	struct sv_check_config cfg;
	struct sv_check_findings f;
};

static void fx_init(struct fx *x)
{
	sv_check_segs_init(&x->segs);
	x->g = sv_check_glossary_new(T);
	sv_check_config_init(&x->cfg);
	sv_check_findings_init(&x->f);
}

static void fx_release(struct fx *x)
{
	sv_check_findings_release(&x->f);
	sv_check_config_release(&x->cfg);
	sv_check_glossary_free(x->g);
	sv_check_segs_release(&x->segs);
}

static void ru_bg(struct fx *x, const char *unit, const char *ru, const char *bg)
{
	sv_check_segs_add(&x->segs, "r.tsv", unit, ru, bg, NULL, NULL, SV_LANG_RU, SV_LANG_BG);
}

static void bg_ru(struct fx *x, const char *unit, const char *bg, const char *ru)
{
	sv_check_segs_add(&x->segs, "r.tsv", unit, bg, ru, NULL, NULL, SV_LANG_BG, SV_LANG_RU);
}

static void term(struct fx *x, uint32_t c, enum sv_lang l, const char *text,
		 enum sv_check_term_status st)
{
	struct sv_error err = { 0 };
	assert_int_equal(sv_check_glossary_add(x->g, c, l, text, st, &err), SV_OK);
}

static void run(struct fx *x)
{
	struct sv_error err = { 0 };
	sv_check_findings_release(&x->f);
	sv_check_findings_init(&x->f);
	assert_int_equal(sv_check_run(T, &x->segs, x->g, &x->cfg, &x->f, &err), SV_OK);
}

/* Whether unit has a finding of check; 0 or the count. */
static int has(const struct fx *x, int check, const char *unit)
{
	int n = 0;
	for (size_t i = 0; i < x->f.n; i++)
		if (x->f.v[i].check == check && !strcmp(x->segs.v[x->f.v[i].seg].unit, unit))
			n++;
	return n;
}

static const char *msg(const struct fx *x, int check, const char *unit)
{
	for (size_t i = 0; i < x->f.n; i++)
		if (x->f.v[i].check == check && !strcmp(x->segs.v[x->f.v[i].seg].unit, unit))
			return x->f.v[i].message;
	return "";
}

/* Fails unless unit has n findings of check and, part not NULL, the first
 * one's message holds part; the failure names the unit and the check. */
static void expect(const struct fx *x, int check, const char *unit, int n, const char *part)
{
	int got = has(x, check, unit);
	if (got != n)
		fail_msg("unit %s: %d %s findings, not %d", unit, got, sv_check_name(check), n);
	if (part && !strstr(msg(x, check, unit), part))
		fail_msg("unit %s: %s message '%s' lacks '%s'", unit, sv_check_name(check),
			 msg(x, check, unit), part);
}

static void csto(struct fx *x)
{
	uint32_t c = sv_check_glossary_concept(x->g);
	term(x, c, SV_LANG_RU, "Совет коллективной безопасности", SV_CHECK_ST_APPROVED);
	term(x, c, SV_LANG_BG, "Съвет за колективна сигурност", SV_CHECK_ST_APPROVED);
	term(x, c, SV_LANG_BG, "Съвет за колективна безопасност", SV_CHECK_ST_FORBIDDEN);
	uint32_t d = sv_check_glossary_concept(x->g);
	term(x, d, SV_LANG_RU, "ОДКБ", SV_CHECK_ST_APPROVED);
	term(x, d, SV_LANG_BG, "ОДКС", SV_CHECK_ST_APPROVED);
	term(x, d, SV_LANG_BG, "ОДКБ", SV_CHECK_ST_FORBIDDEN);
	term(x, d, SV_LANG_RU, "ОДКС", SV_CHECK_ST_FORBIDDEN);
	uint32_t e = sv_check_glossary_concept(x->g);
	term(x, e, SV_LANG_RU, "государство-член", SV_CHECK_ST_APPROVED);
	term(x, e, SV_LANG_BG, "държава членка", SV_CHECK_ST_APPROVED);
}

static void test_glossary_find(void **state)
{
	struct fx x;
	struct sv_error err = { 0 };
	struct sv_check_matches m = { 0 };
	fx_init(&x);
	csto(&x);
	assert_int_equal(sv_check_glossary_terms(x.g), 9);
	const char *ru = "Члены Совета коллективной безопасности и ОДКБ";
	assert_int_equal(sv_check_glossary_find(x.g, SV_LANG_RU, ru, &m, &err), SV_OK);
	assert_int_equal(m.n, 2);
	assert_int_equal(m.v[0].start, strlen("Члены "));
	assert_int_equal(m.v[0].len, strlen("Совета коллективной безопасности"));
	/* Bulgarian definite article on the first word */
	const char *bg = "Заседанието на Съвета за колективна сигурност";
	assert_int_equal(sv_check_glossary_find(x.g, SV_LANG_BG, bg, &m, &err), SV_OK);
	assert_int_equal(m.n, 1);
	assert_string_equal(sv_check_glossary_citation(x.g, m.v[0].term),
			    "Съвет за колективна сигурност");
	/* every word inflected, instrumental plural */
	const char *ru2 = "с советами коллективной безопасности";
	assert_int_equal(sv_check_glossary_find(x.g, SV_LANG_RU, ru2, &m, &err), SV_OK);
	assert_int_equal(m.n, 1);
	/* punctuation between the words breaks a term */
	const char *ru3 = "совет, коллективной безопасности";
	assert_int_equal(sv_check_glossary_find(x.g, SV_LANG_RU, ru3, &m, &err), SV_OK);
	assert_int_equal(m.n, 0);
	sv_check_matches_release(&m);
	fx_release(&x);
}

static void test_term_missing(void **state)
{
	struct fx x;
	fx_init(&x);
	csto(&x);
	ru_bg(&x, "1", "Члены Совета коллективной безопасности обсудили бюджет.",
	      "Членовете на Съвета за колективна сигурност обсъдиха бюджета.");
	ru_bg(&x, "2", "Заседание Совета коллективной безопасности прошло в Бишкеке.",
	      "Заседанието на съвета се проведе в Бишкек.");
	ru_bg(&x, "3", "Государства-члены поддержали решение.",
	      "Държавите членки подкрепиха решението.");
	ru_bg(&x, "4", "Государствам-членам направлено письмо.", "До страните е изпратено писмо.");
	bg_ru(&x, "5", "Съветът за колективна сигурност заседава.",
	      "Совет коллективной безопасности заседает.");
	bg_ru(&x, "6", "Решение на Съвета за колективна сигурност.", "Решение Совета.");
	bg_ru(&x, "7", "Държавите членки на ОДКС.", "Государства-члены ОДКБ.");
	uint32_t c = sv_check_glossary_concept(x.g);
	term(&x, c, SV_LANG_RU, "НАТО", SV_CHECK_ST_APPROVED);
	term(&x, c, SV_LANG_BG, "НАТО", SV_CHECK_ST_APPROVED);
	/* an acronym is its own lemma: НАТО is not на + the article -то */
	ru_bg(&x, "8", "Саммит НАТО прошёл в Вильнюсе.", "Срещата на върха се проведе във Вилнюс.");
	run(&x);
	expect(&x, SV_CHECK_TERM_MISSING, "1", 0, NULL);
	expect(&x, SV_CHECK_TERM_MISSING, "2", 1, "«Совета коллективной безопасности»");
	expect(&x, SV_CHECK_TERM_MISSING, "2", 1, "«Съвет за колективна сигурност»");
	expect(&x, SV_CHECK_TERM_MISSING, "3", 0, NULL);
	expect(&x, SV_CHECK_TERM_MISSING, "4", 1, NULL);
	expect(&x, SV_CHECK_TERM_MISSING, "5", 0, NULL);
	expect(&x, SV_CHECK_TERM_MISSING, "6", 1, NULL);
	expect(&x, SV_CHECK_TERM_MISSING, "7", 0, NULL);
	expect(&x, SV_CHECK_TERM_MISSING, "8", 1, NULL);
	assert_int_equal(x.f.errors, 4);
	fx_release(&x);
}

static void test_term_forbidden(void **state)
{
	struct fx x;
	fx_init(&x);
	csto(&x);
	ru_bg(&x, "1", "Генеральный секретарь ОДКБ выступил.", "Генералният секретар на ОДКБ изнесе доклад.");
	ru_bg(&x, "2", "Сессия Совета коллективной безопасности.",
	      "Сесията на Съвета за колективна безопасност.");
	ru_bg(&x, "3", "Генеральный секретарь ОДКБ выступил.", "Генералният секретар на ОДКС изнесе доклад.");
	bg_ru(&x, "4", "Генералният секретар на ОДКС.", "Генеральный секретарь ОДКС.");
	run(&x);
	expect(&x, SV_CHECK_TERM_FORBIDDEN, "1", 1, "use «ОДКС»");
	/* the forbidden variant explains the missing term: no second finding */
	expect(&x, SV_CHECK_TERM_MISSING, "1", 0, NULL);
	expect(&x, SV_CHECK_TERM_FORBIDDEN, "2", 1, NULL);
	expect(&x, SV_CHECK_TERM_MISSING, "2", 0, NULL);
	expect(&x, SV_CHECK_TERM_FORBIDDEN, "3", 0, NULL);
	expect(&x, SV_CHECK_TERM_FORBIDDEN, "4", 1, NULL);
	/* the mark is on the forbidden words in the target */
	for (size_t i = 0; i < x.f.n; i++)
		if (x.f.v[i].check == SV_CHECK_TERM_FORBIDDEN &&
		    !strcmp(x.segs.v[x.f.v[i].seg].unit, "2")) {
			assert_int_equal(x.f.v[i].side, 1);
			assert_int_equal(x.f.v[i].marklen, strlen("Съвета за колективна безопасност"));
		}
	fx_release(&x);
}

static void test_term_avoid(void **state)
{
	struct fx x;
	fx_init(&x);
	uint32_t c = sv_check_glossary_concept(x.g);
	term(&x, c, SV_LANG_RU, "товарооборот", SV_CHECK_ST_APPROVED);
	term(&x, c, SV_LANG_BG, "стокообмен", SV_CHECK_ST_APPROVED);
	term(&x, c, SV_LANG_BG, "оборот", SV_CHECK_ST_AVOID);
	ru_bg(&x, "1", "Товарооборот вырос.", "Оборотът нарасна.");
	ru_bg(&x, "2", "Оборот компании вырос.", "Оборотът на компанията нарасна.");
	run(&x);
	expect(&x, SV_CHECK_TERM_FORBIDDEN, "1", 1, "rejected rendering");
	expect(&x, SV_CHECK_TERM_FORBIDDEN, "2", 0, NULL);
	fx_release(&x);
}

static void test_term_inconsistent(void **state)
{
	struct fx x;
	fx_init(&x);
	uint32_t c = sv_check_glossary_concept(x.g);
	term(&x, c, SV_LANG_RU, "товарооборот", SV_CHECK_ST_APPROVED);
	term(&x, c, SV_LANG_BG, "стокообмен", SV_CHECK_ST_APPROVED);
	term(&x, c, SV_LANG_BG, "търговски оборот", SV_CHECK_ST_APPROVED);
	ru_bg(&x, "1", "Товарооборот вырос на 5%.", "Стокообменът нарасна с 5 %.");
	ru_bg(&x, "2", "Товарооборота с Китаем стало больше.", "Стокообменът с Китай се увеличи.");
	ru_bg(&x, "3", "О товарообороте говорили много.", "За търговския оборот се говори много.");
	ru_bg(&x, "4", "Рост товарооборота замедлился.", "Ръстът на стокообмена се забави.");
	run(&x);
	expect(&x, SV_CHECK_TERM_INCONSISTENT, "3", 1, NULL);
	assert_int_equal(x.f.count[SV_CHECK_TERM_INCONSISTENT], 1);
	const char *m = msg(&x, SV_CHECK_TERM_INCONSISTENT, "3");
	assert_non_null(strstr(m, "«стокообмен» 3×"));
	assert_non_null(strstr(m, "«търговски оборот» 1×"));
	assert_int_equal(x.f.v[0].severity, SV_CHECK_WARNING);
	assert_int_equal(x.f.errors, 0);
	fx_release(&x);
}

static void test_segment_inconsistent(void **state)
{
	struct fx x;
	fx_init(&x);
	ru_bg(&x, "1", "Решение было принято единогласно.", "Решението беше прието единодушно.");
	ru_bg(&x, "2", "Заседание завершилось.", "Заседанието завърши.");
	ru_bg(&x, "3", "Решение  было принято ЕДИНОГЛАСНО.", "Решението бе взето единодушно.");
	ru_bg(&x, "4", "Совещание завершилось.", "Заседанието завърши.");
	bg_ru(&x, "5", "Решението беше прието единодушно.", "Решение принято единогласно.");
	run(&x);
	/* same source (case and spaces aside) with another target: the later one */
	expect(&x, SV_CHECK_SEGMENT_INCONSISTENT, "3", 1, "r.tsv:1");
	expect(&x, SV_CHECK_SEGMENT_INCONSISTENT, "1", 0, NULL);
	/* same target, another source */
	expect(&x, SV_CHECK_SEGMENT_INCONSISTENT, "4", 1, "different source");
	expect(&x, SV_CHECK_SEGMENT_INCONSISTENT, "5", 0, NULL);
	fx_release(&x);
}

static void test_numbers(void **state)
{
	struct fx x;
	fx_init(&x);
	ru_bg(&x, "1", "Рост составил 22,3% в 2026–2030 годах.", "Ръстът е 22,3 % през 2026-2030 г.");
	ru_bg(&x, "2", "Изъято 1\xC2\xA0" "000 тонн.", "Иззети са 1000 тона.");
	ru_bg(&x, "3", "Решение поддержали 20 государств.", "Решението беше подкрепено от 25 държави.");
	ru_bg(&x, "4", "Сессия прошла 27.11.2025 в Бишкеке.", "Сесията се състоя на 27 ноември 2025 г.");
	ru_bg(&x, "5", "Приняли двадцать пять решений.", "Приеха 25 решения.");
	ru_bg(&x, "6", "Войска насчитывают 4 тысячи человек.", "Войските наброяват 4000 души.");
	ru_bg(&x, "7", "Встреча начнётся в 13:00.", "Срещата ще започне в 13 ч.");
	ru_bg(&x, "8", "Война 1950–53 годов.", "Войната от 1950-1953 г.");
	ru_bg(&x, "9", "В 1980-х годах.", "През 80-те години.");
	bg_ru(&x, "10", "Бюджетът е 3,5 млрд. лева.", "Бюджет составляет 3,6 млрд левов.");
	bg_ru(&x, "11", "Участваха трима министри.", "Участвовали 3 министра.");
	ru_bg(&x, "12", "Доход вырос на 7%.", "Доходът нарасна.");
	run(&x);
	assert_int_equal(x.f.count[SV_CHECK_NUMBER_MISMATCH], 3);
	expect(&x, SV_CHECK_NUMBER_MISMATCH, "3", 1, "source has 20; target has 25");
	expect(&x, SV_CHECK_NUMBER_MISMATCH, "10", 1, NULL);
	expect(&x, SV_CHECK_NUMBER_MISMATCH, "12", 1, "not found in the target");
	fx_release(&x);
}

static void test_untranslated(void **state)
{
	struct fx x;
	fx_init(&x);
	ru_bg(&x, "1", "Стороны обсудили вопросы сотрудничества.", "");
	ru_bg(&x, "2", "Стороны обсудили вопросы сотрудничества.", NULL);
	ru_bg(&x, "3", "В заседании приняли участие главы государств.",
	      "В заседании приняли участие главы государств.");
	ru_bg(&x, "4", "Владимир Путин", "Владимир Путин");
	ru_bg(&x, "5", "NATO", "NATO");
	ru_bg(&x, "6", "Министры иностранных дел обсудили подготовку к заседанию совета.",
	      "Министры иностранных дел обсуждали подготовку к заседанию совета.");
	bg_ru(&x, "7", "Министрите обсъдиха подготовката на заседанието.",
	      "Министрите обсъдиха подготовката на заседанието.");
	run(&x);
	expect(&x, SV_CHECK_UNTRANSLATED, "1", 1, NULL);
	expect(&x, SV_CHECK_UNTRANSLATED, "2", 1, NULL);
	assert_string_equal(msg(&x, SV_CHECK_UNTRANSLATED, "2"), "the unit has no target");
	expect(&x, SV_CHECK_UNTRANSLATED, "3", 1, NULL);
	expect(&x, SV_CHECK_UNTRANSLATED, "4", 0, NULL);
	expect(&x, SV_CHECK_UNTRANSLATED, "5", 0, NULL);
	expect(&x, SV_CHECK_UNTRANSLATED, "6", 1, "in Russian");
	expect(&x, SV_CHECK_UNTRANSLATED, "7", 1, NULL);
	/* untranslated units are no renderings for segment-inconsistent */
	assert_int_equal(x.f.count[SV_CHECK_SEGMENT_INCONSISTENT], 0);
	fx_release(&x);
}

static void test_mixed_script(void **state)
{
	struct fx x;
	fx_init(&x);
	csto(&x);
	ru_bg(&x, "1", "Генеральный секретарь ОДКБ.", "Генералният секретар на OДКС."); /* Latin O */
	ru_bg(&x, "2", "Сообщает BBC и агентство Reuters.", "Съобщават BBC и агенция Reuters.");
	ru_bg(&x, "3", "Встреча c министром.", "Среща с министъра."); /* Latin c */
	ru_bg(&x, "4", "Сила \xCE\x9F\xD0\x94\xD0\x9A\xD0\x91 растёт.", "Силата на ОДКС расте."); /* Greek Ο */
	ru_bg(&x, "5", "Магнитуда 7,1 Mw по шкале.", "Магнитуд 7,1 Mw по скалата.");
	ru_bg(&x, "6", "Государства-члены ОДКБ поддержали 3 решения.",
	      "Държавите членки на 0ДКС подкрепиха 3 решения."); /* a zero for О */
	ru_bg(&x, "7", "Клетки должны быть 0ведены повторно.", "Клетките трябва да бъдат въведени отново.");
	ru_bg(&x, "8", "В 5км от границы, 3D формат.", "На 5 км от границата, формат 3D.");
	run(&x);
	expect(&x, SV_CHECK_MIXED_SCRIPT, "1", 1, "Latin 'O' U+004F");
	/* the look-alike does not hide the term */
	expect(&x, SV_CHECK_TERM_MISSING, "1", 0, NULL);
	expect(&x, SV_CHECK_MIXED_SCRIPT, "2", 0, NULL);
	expect(&x, SV_CHECK_MIXED_SCRIPT, "3", 1, "source");
	expect(&x, SV_CHECK_MIXED_SCRIPT, "4", 1, "Greek");
	expect(&x, SV_CHECK_MIXED_SCRIPT, "5", 0, NULL);
	expect(&x, SV_CHECK_MIXED_SCRIPT, "6", 1, "digit '0'");
	/* a digit for a letter is neither a number nor a missing term */
	expect(&x, SV_CHECK_NUMBER_MISMATCH, "6", 0, NULL);
	expect(&x, SV_CHECK_TERM_MISSING, "6", 0, NULL);
	expect(&x, SV_CHECK_MIXED_SCRIPT, "7", 1, NULL);
	expect(&x, SV_CHECK_NUMBER_MISMATCH, "7", 0, NULL);
	expect(&x, SV_CHECK_MIXED_SCRIPT, "8", 0, NULL);
	expect(&x, SV_CHECK_NUMBER_MISMATCH, "8", 0, NULL);
	fx_release(&x);
}

static void tag_seg(struct fx *x, const char *unit, const char *sc, const char *tc)
{
	sv_check_segs_add(&x->segs, "a.xlf", unit, "Совет одобрил план.", "Съветът одобри плана.",
			  sc, tc, SV_LANG_RU, SV_LANG_BG);
}

static void test_tag_mismatch(void **state)
{
	struct fx x;
	fx_init(&x);
	tag_seg(&x, "1", "g1 /g1 x2", "g1 /g1 x2");
	tag_seg(&x, "2", "g1 /g1 x2", "g1 /g1");
	tag_seg(&x, "3", "g1 /g1", "g1 /g1 ph3");
	tag_seg(&x, "4", "bx1 ex1 x2", "x2 bx1 ex1");
	run(&x);
	expect(&x, SV_CHECK_TAG_MISMATCH, "1", 0, NULL);
	assert_string_equal(msg(&x, SV_CHECK_TAG_MISMATCH, "2"), "missing in the target: x2");
	assert_string_equal(msg(&x, SV_CHECK_TAG_MISMATCH, "3"), "added in the target: ph3");
	assert_non_null(strstr(msg(&x, SV_CHECK_TAG_MISMATCH, "4"), "reordered"));
	fx_release(&x);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void test_read_xliff(void **state)
{
	char dir[] = "/tmp/sv-check-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char p1[64], p2[64], p3[64];
	snprintf(p1, sizeof(p1), "%s/a.xlf", dir);
	snprintf(p2, sizeof(p2), "%s/b.xlf", dir);
	snprintf(p3, sizeof(p3), "%s/c.tmx", dir);
	write_file(p1,
		   "<?xml version=\"1.0\"?>\n<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">"
		   "<file original=\"r\" source-language=\"bg-BG\" target-language=\"ru-RU\" datatype=\"plaintext\"><body>"
		   "<trans-unit id=\"u1\"><source>Съветът <g id=\"1\">одобри</g> плана<x id=\"2\"/>.</source>"
		   "<target>Совет <g id=\"1\">одобрил</g> план.</target></trans-unit>"
		   "<trans-unit id=\"u2\"><source>Цена <ph id=\"3\">&lt;b&gt;</ph>5 лв.</source>"
		   "<alt-trans><target>не это</target></alt-trans></trans-unit>"
		   "<trans-unit id=\"u3\"><source>Да.</source><seg-source><mrk mtype=\"seg\" mid=\"1\">Да.</mrk></seg-source>"
		   "<target><mrk mtype=\"seg\" mid=\"1\">Да.</mrk></target></trans-unit>"
		   "</body></file></xliff>\n");
	write_file(p2,
		   "<?xml version=\"1.0\"?>\n<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"ru\" trgLang=\"bg\">"
		   "<file id=\"f\"><unit id=\"7\"><segment><source>Совет <pc id=\"1\">одобрил</pc> план<ph id=\"2\"/>.</source>"
		   "<target>Съветът одобри <pc id=\"1\">плана</pc><ph id=\"2\"/>.</target></segment>"
		   "<ignorable><source> </source><target> </target></ignorable>"
		   "<segment><source>Второе.</source><target>Второ.</target></segment></unit></file></xliff>\n");
	write_file(p3,
		   "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"ru-RU\" creationtool=\"t\" creationtoolversion=\"1\" "
		   "segtype=\"sentence\" o-tmf=\"x\" adminlang=\"en\" datatype=\"plaintext\"/><body>"
		   "<tu tuid=\"9\"><tuv xml:lang=\"bg-BG\"><seg>Текст <bpt i=\"1\">&lt;b&gt;</bpt>тук<ept i=\"1\">&lt;/b&gt;</ept></seg></tuv>"
		   "<tuv xml:lang=\"ru-RU\"><seg>Текст <bpt i=\"1\">&lt;b&gt;</bpt>здесь<ept i=\"1\">&lt;/b&gt;</ept></seg></tuv></tu>"
		   "</body></tmx>\n");
	struct sv_check_segs s;
	struct sv_error err = { 0 };
	sv_check_segs_init(&s);
	assert_int_equal(sv_check_read_report(p1, SV_LANG_UNKNOWN, &s, &err), SV_OK);
	assert_int_equal(s.n, 3);
	assert_string_equal(s.v[0].unit, "u1");
	assert_string_equal(s.v[0].src, "Съветът одобри плана.");
	assert_string_equal(s.v[0].tgt, "Совет одобрил план.");
	assert_string_equal(s.v[0].src_codes, "g1 /g1 x2");
	assert_string_equal(s.v[0].tgt_codes, "g1 /g1");
	assert_int_equal(s.v[0].src_lang, SV_LANG_BG);
	assert_int_equal(s.v[0].tgt_lang, SV_LANG_RU);
	assert_string_equal(s.v[1].src, "Цена 5 лв.");
	assert_string_equal(s.v[1].src_codes, "ph3");
	assert_null(s.v[1].tgt); /* alt-trans is not the target */
	assert_string_equal(s.v[2].tgt, "Да.");
	assert_string_equal(s.v[2].tgt_codes, ""); /* segmentation marks are no codes */
	assert_int_equal(sv_check_read_report(p2, SV_LANG_UNKNOWN, &s, &err), SV_OK);
	assert_int_equal(s.n, 5);
	assert_string_equal(s.v[3].unit, "7");
	assert_string_equal(s.v[3].src_codes, "pc1 /pc1 ph2");
	assert_string_equal(s.v[3].tgt, "Съветът одобри плана.");
	assert_string_equal(s.v[4].unit, "7/2");
	assert_string_equal(s.v[4].src, "Второе.");
	assert_int_equal(sv_check_read_report(p3, SV_LANG_UNKNOWN, &s, &err), SV_OK);
	assert_int_equal(s.n, 6);
	assert_string_equal(s.v[5].src, "Текст здесь");
	assert_string_equal(s.v[5].tgt, "Текст тук");
	assert_string_equal(s.v[5].src_codes, "bpt1 ept1");

	/* tag-mismatch over what was read */
	struct sv_check_config cfg;
	struct sv_check_findings f;
	sv_check_config_init(&cfg);
	sv_check_findings_init(&f);
	assert_int_equal(sv_check_run(T, &s, NULL, &cfg, &f, &err), SV_OK);
	size_t tags = 0;
	for (size_t i = 0; i < f.n; i++)
		tags += f.v[i].check == SV_CHECK_TAG_MISMATCH;
	assert_int_equal(tags, 1); /* u1 lost x2; 7 keeps its codes */
	sv_check_findings_release(&f);
	sv_check_config_release(&cfg);

	/* a malformed file is refused and leaves nothing behind */
	write_file(p1, "<xliff version=\"1.2\"><file><body><trans-unit id=\"1\"><source>a</source>");
	assert_int_equal(sv_check_read_report(p1, SV_LANG_UNKNOWN, &s, &err), SV_EINPUT);
	assert_int_equal(s.n, 6);
	sv_check_segs_release(&s);
	unlink(p1);
	unlink(p2);
	unlink(p3);
	rmdir(dir);
}

static void test_read_tsv_and_glossaries(void **state)
{
	const char *root = getenv("SV_SOURCE_ROOT");
	assert_non_null(root);
	char path[4096];
	struct sv_error err = { 0 };
	struct sv_check_segs s;
	sv_check_segs_init(&s);
	snprintf(path, sizeof(path), "%s/tests/data/check/reports.tsv", root);
	assert_int_equal(sv_check_read_report(path, SV_LANG_UNKNOWN, &s, &err), SV_OK);
	assert_int_equal(s.n, 60);
	assert_string_equal(s.v[59].unit, "60");
	assert_int_equal(s.v[0].src_lang, SV_LANG_RU);
	struct sv_check_glossary *g = sv_check_glossary_new(T);
	snprintf(path, sizeof(path), "%s/tests/data/check/glossary.tbx", root);
	assert_int_equal(sv_check_read_glossary(path, SV_LANG_RU, g, &err), SV_OK);
	assert_int_equal(sv_check_glossary_concepts(g), 17);
	/* the clean hand-made reports pass */
	struct sv_check_config cfg;
	struct sv_check_findings f;
	sv_check_config_init(&cfg);
	sv_check_findings_init(&f);
	assert_int_equal(sv_check_run(T, &s, g, &cfg, &f, &err), SV_OK);
	assert_int_equal(f.n, 0);
	sv_check_findings_release(&f);
	sv_check_glossary_free(g);

	/* OmegaT: one synonym a line, lines of one source term make a concept */
	g = sv_check_glossary_new(T);
	char dir[] = "/tmp/sv-check-XXXXXX";
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/g.utf8", dir);
	write_file(path, "# glossary\nОДКБ\tОДКС\nОДКБ\tОДКБ\tforbidden: Russian acronym\n");
	assert_int_equal(sv_check_read_glossary(path, SV_LANG_RU, g, &err), SV_OK);
	assert_int_equal(sv_check_glossary_concepts(g), 1);
	assert_int_equal(sv_check_glossary_terms(g), 3);
	sv_check_segs_release(&s);
	sv_check_segs_init(&s);
	sv_check_segs_add(&s, "x", "1", "Саммит ОДКБ.", "Срещата на ОДКБ.", NULL, NULL, SV_LANG_RU,
			  SV_LANG_BG);
	sv_check_findings_init(&f);
	assert_int_equal(sv_check_run(T, &s, g, &cfg, &f, &err), SV_OK);
	assert_int_equal(f.n, 1);
	assert_int_equal(f.v[0].check, SV_CHECK_TERM_FORBIDDEN);
	sv_check_findings_release(&f);
	sv_check_config_release(&cfg);
	sv_check_glossary_free(g);
	sv_check_segs_release(&s);
	unlink(path);
	rmdir(dir);
}

static void test_config(void **state)
{
	struct fx x;
	struct sv_error err = { 0 };
	fx_init(&x);
	assert_int_equal(x.cfg.severity[SV_CHECK_TERM_INCONSISTENT], SV_CHECK_WARNING);
	assert_int_equal(sv_check_config_set(&x.cfg, "untranslated=warning", &err), SV_OK);
	assert_int_equal(sv_check_config_set(&x.cfg, "mixed-script = off", &err), SV_OK);
	assert_int_equal(sv_check_config_set(&x.cfg, "suppress=r.tsv:2", &err), SV_OK);
	assert_int_equal(sv_check_config_set(&x.cfg, "suppress=3", &err), SV_OK);
	assert_int_equal(sv_check_config_set(&x.cfg, "spelling=on", &err), SV_EUSAGE);
	assert_non_null(strstr(err.msg, "unknown check 'spelling'"));
	assert_int_equal(sv_check_config_set(&x.cfg, "untranslated=loud", &err), SV_EUSAGE);
	assert_true(sv_check_config_suppressed(&x.cfg, "dir/r.tsv", "2"));
	assert_true(sv_check_config_suppressed(&x.cfg, "other.tsv", "3"));
	assert_false(sv_check_config_suppressed(&x.cfg, "r.tsv", "4"));
	ru_bg(&x, "1", "Стороны обсудили вопросы.", "");
	ru_bg(&x, "2", "Стороны обсудили вопросы.", "");
	ru_bg(&x, "3", "Встреча c министром.", "");
	ru_bg(&x, "4", "Встреча c министром.", "");
	run(&x);
	assert_int_equal(x.f.n, 2); /* 1 and 4 untranslated; mixed-script off */
	assert_int_equal(x.f.v[0].severity, SV_CHECK_WARNING);
	assert_int_equal(x.f.errors, 0);

	char dir[] = "/tmp/sv-check-XXXXXX", path[64];
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/check.conf", dir);
	write_file(path, "# sverka check\nuntranslated = error  # back on\n\ncandidates = yes\n"
			 "number-mismatch = info\n");
	assert_int_equal(sv_check_config_read(&x.cfg, path, &err), SV_OK);
	assert_int_equal(x.cfg.severity[SV_CHECK_UNTRANSLATED], SV_CHECK_ERROR);
	assert_int_equal(x.cfg.severity[SV_CHECK_NUMBER_MISMATCH], SV_CHECK_INFO);
	assert_int_equal(x.cfg.candidates, 1);
	write_file(path, "untranslated = error\nbogus line\n");
	assert_int_equal(sv_check_config_read(&x.cfg, path, &err), SV_EINPUT);
	assert_non_null(strstr(err.msg, "line 2"));
	unlink(path);
	rmdir(dir);
	fx_release(&x);
}

static void test_reports(void **state)
{
	struct fx x;
	fx_init(&x);
	csto(&x);
	ru_bg(&x, "1", "Сессия Совета коллективной безопасности ОДКБ.", "Сесията на <ОДКБ> & \"др\".");
	run(&x);
	struct sv_buf b = SV_BUF_INIT;
	sv_check_report(&x.segs, &x.f, SV_CHECK_TEXT, &b);
	assert_non_null(strstr(b.data, "term-missing (error): 1\n  r.tsv:1: "));
	assert_non_null(strstr(b.data, "[[Совета коллективной безопасности]]"));
	sv_buf_reset(&b);
	sv_check_report(&x.segs, &x.f, SV_CHECK_JSON, &b);
	assert_non_null(strstr(b.data, "{\"findings\":["));
	assert_non_null(strstr(b.data, "\"check\":\"term-forbidden\",\"severity\":\"error\",\"file\":\"r.tsv\",\"unit\":\"1\""));
	assert_non_null(strstr(b.data, "\\\"др\\\""));
	sv_buf_reset(&b);
	sv_check_report(&x.segs, &x.f, SV_CHECK_HTML, &b);
	assert_non_null(strstr(b.data, "<!DOCTYPE html>"));
	assert_non_null(strstr(b.data, "&lt;<mark>ОДКБ</mark>&gt; &amp; &quot;др&quot;"));
	assert_null(strstr(b.data, "http://"));
	assert_null(strstr(b.data, "https://"));
	assert_null(strstr(b.data, "src="));
	sv_buf_release(&b);
	fx_release(&x);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_glossary_find),
		cmocka_unit_test(test_term_missing),
		cmocka_unit_test(test_term_forbidden),
		cmocka_unit_test(test_term_avoid),
		cmocka_unit_test(test_term_inconsistent),
		cmocka_unit_test(test_segment_inconsistent),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_untranslated),
		cmocka_unit_test(test_mixed_script),
		cmocka_unit_test(test_tag_mismatch),
		cmocka_unit_test(test_read_xliff),
		cmocka_unit_test(test_read_tsv_and_glossaries),
		cmocka_unit_test(test_config),
		cmocka_unit_test(test_reports),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
