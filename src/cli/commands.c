/* The command table: dispatch, `sverka help`, and the tests that keep the man
 * page and README in step all read this one list. */
#include "cli/cli.h"

const struct sv_command sv_commands[] = {
	{ "add", cmd_add, "[--lang ru|bg|auto] [--format text|html|auto] [--segmented] [--force] PATH...",
	  "ingest plain-text and HTML articles into the memory (directories recurse)",
	  "  --lang ru|bg|auto    the documents' language (default: detected per document)\n"
	  "  --format text|html|auto  input format (default: by name and content)\n"
	  "  --segmented          one segment per non-empty line, no sentence splitting\n"
	  "  --force              re-ingest files whose bytes are already stored\n" },
	{ "align", cmd_align, "[--parallel RU_DOC BG_DOC]... [--comparable RU_DOC BG_DOC]... [--all]",
	  "pair documents on the same event and align their sentences into units",
	  "  (no option)          pair the documents added since the last run with all others,\n"
	  "                       then align each pair: monotone for translations, mining for\n"
	  "                       comparable coverage, chosen from how parallel it looks\n"
	  "  --parallel RU BG     declare two documents (id or path) translations: monotone\n"
	  "  --comparable RU BG   declare two documents comparable coverage: mining\n"
	  "  --all                re-pair and re-align every document, not only new ones\n"
	  "  --lexicon FILE       seed lexicon (default glossaries/seed-lexicon.tsv)\n" },
	{ "stats", cmd_stats, "", "count documents, segments, pairs and terms per language", "" },
	{ "show", cmd_show, "DOC", "print a document (by id or path as added) and its segments",
	  "" },
	{ "lookup", cmd_lookup, "[--lang ru|bg|auto] [--lines N] [--limit N] [--exact] TEXT",
	  "a term's equivalents in the other language, from any inflected form",
	  "  --lang ru|bg|auto    the query's language (default: detected, both tried)\n"
	  "  --lines N            concordance lines per language (default 3, 0 for none)\n"
	  "  --limit N            matched terms shown (default 8)\n"
	  "  --exact              no partial matches (parts of longer terms, terms in the query)\n"
	  "  exit status 1 when nothing matches (closest terms are suggested)\n" },
	{ "search", cmd_search, "[--lang ru|bg|auto] [--limit N] [--min-score P] SENTENCE",
	  "fuzzy translation-memory matches for a sentence, differing words marked",
	  "  --lang ru|bg|auto    the sentence's language (default: detected)\n"
	  "  --limit N            matches shown (default 5)\n"
	  "  --min-score P        lowest score shown, percent (default 50)\n"
	  "  scores: token edit distance over lemmas, 100 = identical (docs/MATCHING.md);\n"
	  "  exit status 1 when nothing scores enough\n" },
	{ "concord", cmd_concord, "[--lang ru|bg|auto] [--limit N] WORD...",
	  "concordance of a word or phrase in any form, with aligned counterparts",
	  "  --lang ru|bg|auto    the word's language (default: detected, both tried)\n"
	  "  --limit N            lines shown (default 20)\n" },
	{ "check", cmd_check,
	  "[--glossary FILE] [--termbase] [--source ru|bg] [--format text|json|html] "
	  "(REPORT | --pair RU_FILE BG_FILE)...",
	  "check translations against the glossary and for consistency, numbers, scripts and tags",
	  "  --glossary FILE      TBX, OmegaT TSV or CSV glossary (repeatable)\n"
	  "  --termbase           use the memory's termbase (the default when no --glossary\n"
	  "                       is given and the memory exists)\n"
	  "  --candidates         candidate renderings count as approved equivalents\n"
	  "  --source ru|bg       the source language (default: as the file declares, else detected)\n"
	  "  --pair RU_FILE BG_FILE  two plain texts, aligned sentence by sentence first\n"
	  "  --format text|json|html  report format (default text; --json for json)\n"
	  "  -o, --output FILE    write the report to FILE\n"
	  "  --enable CHECK, --disable CHECK  turn a check on or off\n"
	  "  --severity CHECK=error|warning|info  set a check's severity\n"
	  "  --suppress FILE:UNIT no findings for that unit (FILE may be omitted)\n"
	  "  --config FILE        settings, one a line: CHECK = off|on|info|warning|error,\n"
	  "                       suppress = FILE:UNIT, candidates = yes|no\n"
	  "  checks: term-missing term-forbidden term-inconsistent segment-inconsistent\n"
	  "          number-mismatch untranslated mixed-script tag-mismatch\n"
	  "  REPORT: XLIFF 1.2/2.x, TMX, or TSV (source<TAB>target, unit = line number).\n"
	  "  Exit status 1 when a finding of severity error remains.\n" },
	{ "terms", cmd_terms,
	  "[--status S] [--min-score X] [--lang ru|bg] [--best] [--limit N] [--evidence] [--tsv]"
	  " | --history [--limit N]",
	  "list the termbase's Russian-Bulgarian term pairs, best score first",
	  "  --status S           only pairs with status candidate, approved, rejected or forbidden\n"
	  "  --min-score X        only pairs scoring at least X (0..1)\n"
	  "  --lang ru|bg         the language whose terms lead (default ru): ties ordered by\n"
	  "                       its terms, --best per term of that language\n"
	  "  --best               only each term's best pair (approved first, never rejected)\n"
	  "  --limit N            at most N pairs\n"
	  "  --evidence           print each pair's evidence under it (with --tsv: a 4th column)\n"
	  "  --tsv                ru<TAB>bg<TAB>score lines, a glossary\n"
	  "  --history            the review decisions instead, oldest first: when, who (a\n"
	  "                       serve user, or 'command line'), the pair, its revision, what\n"	  "                       was decided\n"
	  "  --json: an array of objects with id, ru, bg, score, status, evidence, origin ...\n" },
	{ "term", cmd_term, "(approve | reject | forbid) ID | add [--note TEXT] RU BG",
	  "review a term pair, or add one by hand (align never overwrites either)",
	  "  approve ID, reject ID, forbid ID   set the status of term pair ID (see sverka terms)\n"
	  "  add RU BG            add an approved pair by hand; --note TEXT attaches a note\n" },
	{ "pair", cmd_pair, "[--lexicon FILE] RU_LIST BG_LIST",
	  "pair two monolingual term lists: ru<TAB>best bg<TAB>score per Russian term",
	  "  RU_LIST, BG_LIST     one term a line (# comments); - reads standard input\n"
	  "  --lexicon FILE       seed lexicon (default glossaries/seed-lexicon.tsv)\n"
	  "  the partner is left empty when no Bulgarian term scores 0.45 or more;\n"
	  "  scores: cognates and the lexicon over content-word lemmas, 0..1\n" },
	{ "export", cmd_export,
	  "--format tmx|xliff|tbx|omegat|csv|tsv [-o FILE] [--terms] [--source ru|bg] ...",
	  "write the memory's units or the termbase for CAT tools (TMX, XLIFF, TBX, OmegaT, CSV)",
	  "  -f, --format F       tmx, xliff, tbx, omegat, csv or tsv (units: tmx xliff csv tsv;\n"
	  "                       termbase: tbx omegat, and tmx or csv with --terms)\n"
	  "  -o, --output FILE    the file (default standard output); written to a temporary\n"
	  "                       name and renamed when complete\n"
	  "  --terms              the termbase as phrase-level TMX or CSV instead of the units\n"
	  "  --source ru|bg       the source language (default ru)\n"
	  "  --bare-lang          language codes ru/bg instead of ru-RU/bg-BG\n"
	  "  --xliff-version V    1.2 (default), 2.0 or 2.1\n"
	  "  --per-doc            XLIFF: one <file> per document pair instead of one in all\n"
	  "  --tbx-version V      2 (TBX-Basic martif, default; OmegaT reads only this) or 3\n"
	  "  --split N            TMX: a new file every N units (name-0001.tmx ...)\n"
	  "  --min-score X        only units (term pairs) scoring at least X\n"
	  "  --status S           only candidate, approved, rejected or forbidden (default:\n"
	  "                       all but rejected)\n"
	  "  --documents          tsv: the document pairs (score, ru_doc, bg_doc) instead\n"
	  "  TSV units: score, link, ru_doc, ru_lines, bg_doc, bg_lines, ru_text, bg_text\n"
	  "  (lines: segment ordinals, the line numbers of --segmented input).\n"
	  "  OmegaT reads glossaries named *.utf8 or *.txt, and TBX v2 only; it ignores TBX\n"
	  "  administrativeStatus, so give it the omegat export, which leaves out forbidden\n"
	  "  and rejected terms.\n"
	  "  $SOURCE_DATE_EPOCH, when set, is the header's creation date.\n" },
	{ "import", cmd_import, "[--format F] [--status S] [--pivot en] FILE...",
	  "read TMX, XLIFF, TBX, OmegaT, CSV or TSV files into the memory",
	  "  -f, --format F       tmx, xliff, tbx, omegat, csv or tsv (default: detected)\n"
	  "  --status S           units' status: candidate or approved (default: the file's,\n"
	  "                       else approved)\n"
	  "  --pivot en           join an en->ru and an en->bg file (TMX, XLIFF or PO) on the\n"
	  "                       English text into ru-bg units marked as pivoted\n"
	  "  Memories give units (duplicates merge with a count), glossaries approved term\n"
	  "  pairs (forbidden terms as forbidden pairs). Each file is one transaction: a file\n"
	  "  that fails leaves nothing; a bad unit is skipped with a warning. No DTD, network\n"
	  "  or entity is ever read.\n" },
	{ "serve", cmd_serve,
	  "[--listen HOST:PORT] [--users FILE] [--web DIR] [--threads N] [--max-upload MB] | "
	  "--hash-password",
	  "the memory over HTTP: a JSON API under /api/v1 and the review page in the browser",
	  "  --listen HOST:PORT   the address (default 127.0.0.1:8080; port 0: any free one);\n"
	  "                       a non-loopback address needs --users\n"
	  "  --users FILE         logins: name:role:hash lines, role reviewer or reader, the\n"
	  "                       hash from libsodium's crypto_pwhash_str\n"
	  "  --web DIR            the page's files (default: the web/ folder of sverka)\n"
	  "  --threads N          worker threads, each with the memory and dictionaries\n"
	  "                       opened once (default 4)\n"
	  "  --max-upload MB      largest request body, check uploads included (default 8)\n"
	  "  --hash-password      print the hash of the password on standard input, for a\n"
	  "                       --users line, and exit\n"
	  "  The API is described in docs/api/openapi.yaml; open the printed URL for the page.\n"
	  "  Runs until interrupted (SIGINT or SIGTERM).\n" },
	{ "help", cmd_help, "[COMMAND | --list]", "show help for sverka or one command", "" },
	{ NULL, NULL, NULL, NULL, NULL },
};
