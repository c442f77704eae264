/* libsverka: Russian<->Bulgarian terminology and translation memory.
 *
 * The public API, one header per stage of the pipeline; each states its
 * contracts next to its declarations. Conventions that hold throughout:
 *
 * - Errors: a fallible call returns an enum sv_code (SV_OK = 0) and fills
 *   the caller's struct sv_error with a message naming the subject and the
 *   place ("'bg/a.txt': invalid UTF-8 at byte 1834"). The library never
 *   prints and never exits; only allocation failure aborts.
 * - Ownership: `_open` gives a handle the caller ends with `_close`; `_init`
 *   and `_release` bracket a struct whose contents the library fills (the
 *   caller owns the struct, _release frees what is inside); `_free` frees a
 *   struct and its contents. A `const char *` a call returns or passes to a
 *   callback is borrowed: valid until the handle is closed (text), the next
 *   call on it (store rows), or the callback returns (io, termbase lists).
 */
#ifndef SVERKA_H
#define SVERKA_H

#include "base/error.h"   /* sv_error, sv_code, checked allocation */
#include "base/buf.h"     /* sv_buf: growable strings */
#include "base/map.h"     /* sv_map, sv_intern: hash maps */
#include "base/lang.h"    /* enum sv_lang: the one language vocabulary */
#include "base/status.h"  /* enum sv_status: the one review-status vocabulary */
#include "base/file.h"    /* whole-file reading, the atomic temporary-then-rename writer */
#include "text/text.h"    /* decode, normalise, language, sentences, tokens, lemmas */
#include "store/store.h"  /* the SQLite memory: documents, segments, transactions */
#include "store/termbase.h" /* terms and term pairs with their review status */
#include "align/align.h"  /* document pairing, sentence alignment, mining */
#include "terms/terms.h"  /* term extraction and cross-language pairing */
#include "match/match.h"  /* lookup, fuzzy search, concordance */
#include "io/io.h"        /* TMX, XLIFF, TBX, OmegaT, CSV, TSV, PO readers and writers */
#include "check/check.h"  /* terminology and consistency checks */
#include "job/job.h"      /* the verbs' progress callback */
#include "job/add.h"      /* sverka add: files through the text pipeline into the memory */
#include "job/align.h"    /* sverka align: document pairs, units, then terms */
#include "job/import.h"   /* sverka import: memories and glossaries into the memory */
#include "job/export.h"   /* sverka export: units, concepts or document pairs out */
#include "job/terms.h"    /* the terms job (extraction, pairing, the termbase refresh) */
#include "job/check.h"    /* sverka check: reports and pairs checked against a glossary */
#include "job/review.h"   /* sverka term approve|reject|forbid, the review page: one decision */

#endif
