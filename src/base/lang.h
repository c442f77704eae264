/* The languages sverka knows, one enum for every module. Strings ("ru", "bg") appear only at
 * the edges: SQL columns, XML attributes, command-line options and JSON, through
 * sv_lang_code() and sv_lang_parse(). */
#ifndef SV_BASE_LANG_H
#define SV_BASE_LANG_H

enum sv_lang {
	SV_LANG_UNKNOWN = 0, /* not decided (too little text) */
	SV_LANG_RU = 1,
	SV_LANG_BG = 2,
	SV_LANG_OTHER = 3, /* text, but neither Russian nor Bulgarian */
};

/* "ru", "bg", "other" or "unknown". */
const char *sv_lang_code(enum sv_lang lang);
/* Parses ru, ru-RU, ru_RU, RU, rus, russian (likewise bg, bg-BG, bul ...);
 * anything else is SV_LANG_UNKNOWN. Case-insensitive. */
enum sv_lang sv_lang_parse(const char *s);

#endif
