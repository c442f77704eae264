/* The seed lexicon file (glossaries/seed-lexicon.tsv): Russian-Bulgarian word
 * pairs, read once and handed to the sentence aligner (sv_align_open_lexicon)
 * and the term pairer (sv_terms_opts.lex), which fold the words each their way.
 *
 * Format: UTF-8, one pair a line, "russian<TAB>bulgarian[<TAB>anything]";
 * lines starting with '#' and blank lines are ignored, and so is a first line
 * "ru<TAB>bg" (a header). Fields are trimmed of spaces.
 *
 * Ownership: struct sv_lexicon is the caller's (SV_LEXICON_INIT, then
 * sv_lexicon_release()); it owns its path and its pairs' strings. */
#ifndef SV_LEXICON_H
#define SV_LEXICON_H

#include <stddef.h>

#include "base/error.h"

struct sv_lexicon_pair {
	char *ru, *bg; /* as in the file, trimmed, not folded */
};

struct sv_lexicon {
	char *path;                   /* the file read */
	struct sv_lexicon_pair *pairs; /* in file order, duplicates kept */
	size_t n, cap;
};

#define SV_LEXICON_INIT { 0 }

/* Reads into lex (empty: SV_LEXICON_INIT or released) the lexicon at path, or
 * when path is NULL the first found of: $SVERKA_LEXICON (when set, it must be
 * readable); for a program run from an uninstalled build, the source tree's
 * (named by the build tree's sverka-uninstalled, see meson.build), so that a
 * build never reads an older installed copy; SV_DATADIR/seed-lexicon.tsv.
 * A bad file is SV_EINPUT naming the file and line; an unreadable path or
 * $SVERKA_LEXICON is SV_EINPUT naming it; none found is SV_ESTORE naming every
 * path searched. On failure lex is left empty. */
int sv_lexicon_read(struct sv_lexicon *lex, const char *path, struct sv_error *err);
void sv_lexicon_release(struct sv_lexicon *lex);

#endif
