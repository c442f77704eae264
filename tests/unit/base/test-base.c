/* Unit tests for src/base: buffers, maps, interning, UTF-8, SHA-256, errors. */
#include "../test.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/bug.h"
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

/* The hashed map variants with sv_hash_fast, and the hash on every length
 * (its tail is read by loads of fixed size: each byte must count). */
static void test_map_hashed(void **state)
{
	struct sv_map m = SV_MAP_INIT;
	char key[48];
	for (int i = 0; i < 3000; i++) {
		int n = snprintf(key, sizeof(key), "съвета%d", i);
		int added;
		struct sv_map_slot *s = sv_map_add_hashed(&m, key, (size_t)n,
							  sv_hash_fast(key, (size_t)n), &added);
		assert_int_equal(added, 1);
		s->val = (uintptr_t)i + 1;
	}
	int n = snprintf(key, sizeof(key), "съвета%d", 2718);
	uint32_t h = sv_hash_fast(key, (size_t)n);
	struct sv_map_slot *s = sv_map_find_hashed(&m, key, (size_t)n, h);
	assert_non_null(s);
	assert_int_equal(s->val, 2719);
	assert_null(sv_map_find_hashed(&m, "съвет", strlen("съвет"),
				       sv_hash_fast("съвет", strlen("съвет"))));
	sv_map_release(&m);

	const char *w = "Организацията на обединените нации";
	for (size_t len = 0; len <= strlen(w); len++) {
		assert_int_not_equal(sv_hash_fast(w, len), 0);
		char c[96];
		memcpy(c, w, len);
		for (size_t i = 0; i < len; i++) {
			c[i] ^= 1;
			assert_int_not_equal(sv_hash_fast(c, len), sv_hash_fast(w, len));
			c[i] ^= 1;
		}
		if (len)
			assert_int_not_equal(sv_hash_fast(w, len), sv_hash_fast(w, len - 1));
	}
}

/* sv_utf8_plain8() against its definition, byte by byte: every value at
 * every position of eight bytes of Cyrillic, ASCII or both. */
static size_t plain8_slow(const unsigned char *p)
{
	size_t i = 0;
	while (i < 8) {
		if (p[i] >= 0x20 && p[i] < 0x7F) {
			i++;
		} else if ((p[i] == 0xD0 || p[i] == 0xD1) && i == 7) {
			return 7;
		} else if ((p[i] == 0xD0 || p[i] == 0xD1) && (p[i + 1] & 0xC0) == 0x80) {
			i += 2;
		} else {
			return 0;
		}
	}
	return 8;
}

static void test_utf8_plain8(void **state)
{
	static const char *const base[] = { "Путин, В", "a, b. c!", "ъ 2026 г", " Съвет.", "Ёж ѝ їє" };
	if (!SV_SWAR)
		skip();
	for (size_t b = 0; b < sizeof(base) / sizeof(base[0]); b++) {
		unsigned char p[8] = { 0 };
		memcpy(p, base[b], strlen(base[b]) < 8 ? strlen(base[b]) : 8);
		for (int pos = 0; pos < 8; pos++) {
			unsigned char keep = p[pos];
			for (int v = 0; v < 256; v++) {
				p[pos] = (unsigned char)v;
				assert_int_equal(sv_utf8_plain8(p), plain8_slow(p));
			}
			p[pos] = keep;
		}
	}
	/* a whole real line, at every offset */
	const char *line = "Президентът на България Румен Радев заяви, че 22,3% от хората ...";
	for (size_t i = 0; i + 8 <= strlen(line); i++)
		assert_int_equal(sv_utf8_plain8((const unsigned char *)line + i),
				 plain8_slow((const unsigned char *)line + i));
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

/* SV_BUG in a child process: it dies of SIGABRT after one line on stderr
 * naming the file and line of the call. */
static void test_bug(void **state)
{
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	int bug_line = __LINE__ + 6;
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		signal(SIGABRT, SIG_DFL);
		dup2(fds[1], STDERR_FILENO);
		SV_BUG("a link past the end of its document");
	}
	close(fds[1]);
	char got[512] = "";
	size_t len = 0;
	ssize_t r;
	while (len + 1 < sizeof(got) && (r = read(fds[0], got + len, sizeof(got) - 1 - len)) > 0)
		len += (size_t)r;
	got[len] = 0;
	close(fds[0]);
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGABRT);
	char want[512];
	snprintf(want, sizeof(want), "sverka: BUG: %s:%d: a link past the end of its document\n",
		 __FILE__, bug_line);
	assert_string_equal(got, want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf),    cmocka_unit_test(test_map),
		cmocka_unit_test(test_map_hashed), cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_utf8_plain8), cmocka_unit_test(test_sha256),
		cmocka_unit_test(test_error),  cmocka_unit_test(test_bug),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
