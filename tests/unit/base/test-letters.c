/* Unit tests for base/cyrillic.h (case, the vowel classes), sv_utf8_to_cps(), sv_utf8_next()
 * and sv_utf8_char_len(), and the 64-bit-key map base/map64.h. */
#include "../test.h"

#include <string.h>

#include "base/cyrillic.h"
#include "base/map64.h"
#include "base/utf8.h"

static void test_case(void **state)
{
	(void)state;
	assert_int_equal(sv_cyr_upper(0x44F), 0x42F);   /* я -> Я */
	assert_int_equal(sv_cyr_upper(0x45D), 0x40D);   /* ѝ -> Ѝ */
	assert_int_equal(sv_cyr_upper('q'), 'Q');
	assert_int_equal(sv_cyr_lower(0x40D), 0x45D);   /* Ѝ -> ѝ */
	assert_int_equal(sv_cyr_lower(0x401), 0x451);   /* Ё -> ё */
	assert_int_equal(sv_cyr_fold(0x401), 0x435);    /* Ё -> е */
	assert_int_equal(sv_cyr_fold(0x416), 0x436);    /* Ж -> ж */
	assert_int_equal(sv_cyr_fold(0x3A3), 0x3A3);    /* Greek Σ as it is */
	assert_int_equal(sv_cyr_fold(0x40D), 0x45D);    /* Ѝ -> ѝ */
	assert_int_equal(sv_cyr_fold('Z'), 'z');
	/* match's case step: Russian capitals and Ё only */
	assert_int_equal(sv_cyr_lower_russian(0x401), 0x451);
	assert_int_equal(sv_cyr_lower_russian('A'), 'A');
	assert_int_equal(sv_cyr_lower_russian(0x40D), 0x40D);
	for (uint32_t c = 0x430; c <= 0x44F; c++)
		assert_int_equal(sv_cyr_lower(sv_cyr_upper(c)), c);
}

static size_t count_class(int (*is)(uint32_t))
{
	size_t n = 0;
	for (uint32_t c = 0; c < 0x500; c++)
		n += is(c) != 0;
	return n;
}

static void test_vowels(void **state)
{
	(void)state;
	assert_int_equal(count_class(sv_cyr_is_nonconsonant), 13);
	assert_int_equal(count_class(sv_cyr_is_cognate_vowel), 10);
	assert_int_equal(count_class(sv_cyr_is_skeleton_vowel), 7);
	assert_int_equal(count_class(sv_latin_is_vowel), 6);
	assert_true(sv_cyr_is_nonconsonant(0x439) && !sv_cyr_is_cognate_vowel(0x439)); /* й */
	assert_true(sv_cyr_is_cognate_vowel(0x44A) && !sv_cyr_is_skeleton_vowel(0x44A)); /* ъ */
	assert_true(!sv_cyr_is_cognate_vowel(0x451)); /* ё: folded to е before */
	/* each narrower class lies inside the wider one */
	for (uint32_t c = 0; c < 0x500; c++) {
		if (sv_cyr_is_skeleton_vowel(c))
			assert_true(sv_cyr_is_cognate_vowel(c));
		if (sv_cyr_is_cognate_vowel(c))
			assert_true(sv_cyr_is_nonconsonant(c));
	}
}

static void test_to_cps(void **state)
{
	(void)state;
	uint32_t cp[8];
	const char *s = "ОДКБ x";
	assert_int_equal(sv_utf8_to_cps(s, strlen(s), cp, 8), 6);
	assert_int_equal(cp[0], 0x41E);
	assert_int_equal(cp[5], 'x');
	assert_int_equal(sv_utf8_to_cps(s, strlen(s), cp, 3), 3);
	/* stops at the first invalid sequence, and at a truncated one */
	assert_int_equal(sv_utf8_to_cps("аб\xff" "в", 5, cp, 8), 2);
	assert_int_equal(sv_utf8_to_cps("аб", 3, cp, 8), 1);
	/* the iterator stops where sv_utf8_to_cps() does, and leaves the offset there */
	const char *t = "я\xffz";
	size_t i = 0, k = 0;
	while (sv_utf8_next(t, strlen(t), &i, &cp[k]))
		k++;
	assert_int_equal(k, 1);
	assert_int_equal(cp[0], 0x44F);
	assert_int_equal(i, 2);
	i = 0;
	assert_int_equal(sv_utf8_next("", 0, &i, &cp[0]), 0);
	assert_int_equal(i, 0);
	assert_int_equal(sv_utf8_char_len("Жук"), 2);
	assert_int_equal(sv_utf8_char_len("a"), 1);
	assert_int_equal(sv_utf8_char_len("\xe2\x82\xac!"), 3);
}

static void test_map64(void **state)
{
	(void)state;
	struct sv_map64 m = SV_MAP64_INIT;
	assert_null(sv_map64_find(&m, 7));
	for (uint64_t k = 0; k < 5000; k++)
		*sv_map64_add(&m, k << 32 | (k * 7)) = (uint32_t)k + 1;
	assert_int_equal(m.len, 5000);
	for (uint64_t k = 0; k < 5000; k++) {
		uint32_t *v = sv_map64_find(&m, k << 32 | (k * 7));
		assert_non_null(v);
		assert_int_equal(*v, k + 1);
	}
	assert_null(sv_map64_find(&m, (uint64_t)1 << 32));
	(*sv_map64_add(&m, 0))++; /* an existing key keeps its value */
	assert_int_equal(*sv_map64_find(&m, 0), 2);
	assert_int_equal(m.len, 5000);
	size_t walked = 0;
	for (size_t i = 0; i < m.cap; i++)
		walked += m.keys[i] != 0;
	assert_int_equal(walked, 5000);
	sv_map64_release(&m);
	assert_int_equal(m.cap, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_case),
		cmocka_unit_test(test_vowels),
		cmocka_unit_test(test_to_cps),
		cmocka_unit_test(test_map64),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
