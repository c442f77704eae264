/* Unit tests for src/base: buffers, maps, interning, UTF-8, SHA-256. */
#include "../test.h"

#include "base/buf.h"
#include "base/error.h"
#include "base/map.h"
#include "base/sha256.h"
#include "base/utf8.h"
#include "sverka.h" /* the umbrella header must keep compiling */

static void test_buf(void **state)
{
	struct sv_buf b = SV_BUF_INIT;
	assert_string_equal(b.data, "");
	sv_buf_adds(&b, "Съвет");
	sv_buf_addf(&b, " %d%%", 22);
	sv_buf_addc(&b, '!');
	assert_string_equal(b.data, "Съвет 22%!");
	sv_buf_reset(&b);
	sv_buf_add_cp(&b, 0x0451); /* ё */
	sv_buf_add_cp(&b, 0x1F600);
	assert_string_equal(b.data, "ё\xF0\x9F\x98\x80");
	sv_buf_reset(&b);
	sv_buf_add_json(&b, "a\"b\\\n\x01");
	assert_string_equal(b.data, "\"a\\\"b\\\\\\n\\u0001\"");
	char *d = sv_buf_detach(&b);
	assert_string_equal(b.data, "");
	free(d);
	sv_buf_release(&b);
}

static void test_map(void **state)
{
	struct sv_map m = SV_MAP_INIT;
	char key[32];
	for (int i = 0; i < 5000; i++) {
		snprintf(key, sizeof(key), "ключ%d", i);
		sv_map_put(&m, key, (uintptr_t)i + 1);
	}
	assert_int_equal(m.len, 5000);
	assert_int_equal(sv_map_get(&m, "ключ4321", 0), 4322);
	assert_int_equal(sv_map_get(&m, "нет", 7), 7);
	int added;
	sv_map_add(&m, "ключ0", strlen("ключ0"), &added);
	assert_int_equal(added, 0);
	sv_map_release(&m);

	struct sv_intern in;
	sv_intern_init(&in);
	uint32_t a = sv_intern_add(&in, "одкб", strlen("одкб"));
	uint32_t b = sv_intern_add(&in, "одкс", strlen("одкс"));
	assert_int_equal(a, 1);
	assert_int_equal(b, 2);
	assert_int_equal(sv_intern_add(&in, "одкб", strlen("одкб")), 1);
	assert_string_equal(sv_intern_str(&in, 2), "одкс");
	assert_int_equal(sv_intern_find(&in, "x", 1), 0);
	assert_int_equal(sv_intern_count(&in), 2);
	sv_intern_release(&in);
}

static void test_utf8(void **state)
{
	const char *ok = "Бишкек, 27.11.2025";
	assert_int_equal(sv_utf8_validate((const unsigned char *)ok, strlen(ok)), strlen(ok));
	assert_int_equal(sv_utf8_length(ok, strlen(ok)), 18);
	const unsigned char bad[] = { 'a', 0xD0, 0x91, 0xC0, 0xAF, 'b' }; /* overlong '/' */
	assert_int_equal(sv_utf8_validate(bad, sizeof(bad)), 3);
	const unsigned char trunc[] = { 'a', 0xD0 };
	assert_int_equal(sv_utf8_validate(trunc, sizeof(trunc)), 1);
	const unsigned char sur[] = { 0xED, 0xA0, 0x80 }; /* U+D800 */
	assert_int_equal(sv_utf8_validate(sur, sizeof(sur)), 0);
}

static void test_sha256(void **state)
{
	struct sv_sha256 c;
	char hex[65];
	sv_sha256_init(&c);
	sv_sha256_hex(&c, hex);
	assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	sv_sha256_init(&c);
	sv_sha256_add(&c, "abc", 3);
	sv_sha256_hex(&c, hex);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	/* 1,000,000 'a' in uneven pieces */
	sv_sha256_init(&c);
	char a[997];
	memset(a, 'a', sizeof(a));
	size_t left = 1000000;
	while (left) {
		size_t k = left < sizeof(a) ? left : sizeof(a);
		sv_sha256_add(&c, a, k);
		left -= k;
	}
	sv_sha256_hex(&c, hex);
	assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

static void test_error(void **state)
{
	struct sv_error err;
	sv_error_clear(&err);
	assert_int_equal(sv_error_set(&err, SV_EINPUT, "invalid UTF-8 at byte %d", 12), SV_EINPUT);
	sv_error_prefix(&err, "'%s': ", "a.txt");
	assert_string_equal(err.msg, "'a.txt': invalid UTF-8 at byte 12");
	assert_int_equal(sv_error_set(NULL, SV_ESTORE, "x"), SV_ESTORE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf),    cmocka_unit_test(test_map),
		cmocka_unit_test(test_utf8),   cmocka_unit_test(test_sha256),
		cmocka_unit_test(test_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
