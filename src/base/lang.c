/* Language codes: the names sverka prints and the spellings it accepts. */
#include "base/lang.h"

#include <strings.h>

const char *sv_lang_code(enum sv_lang lang)
{
	switch (lang) {
	case SV_LANG_RU:
		return "ru";
	case SV_LANG_BG:
		return "bg";
	case SV_LANG_OTHER:
		return "other";
	default:
		return "unknown";
	}
}

enum sv_lang sv_lang_parse(const char *s)
{
	static const char *const ru[] = { "ru", "ru-ru", "ru_ru", "rus", "russian", "русский" };
	static const char *const bg[] = { "bg", "bg-bg", "bg_bg", "bul", "bulgarian", "български" };
	if (!s)
		return SV_LANG_UNKNOWN;
	for (size_t i = 0; i < sizeof(ru) / sizeof(ru[0]); i++)
		if (!strcasecmp(s, ru[i]))
			return SV_LANG_RU;
	for (size_t i = 0; i < sizeof(bg) / sizeof(bg[0]); i++)
		if (!strcasecmp(s, bg[i]))
			return SV_LANG_BG;
	return SV_LANG_UNKNOWN;
}
