/* Impossible states. SV_BUG(msg) aborts with "sverka: BUG: file:line: msg" on
 * stderr where the code has reached a state no input can cause (as git's
 * BUG()); assert() states cheaper invariants, checked in debug builds only
 * (b_ndebug=if-release). Neither is ever for bad input: that is an sv_error. */
#ifndef SV_BASE_BUG_H
#define SV_BASE_BUG_H

#include <stdio.h>
#include <stdlib.h>

#define SV_BUG(msg) sv_bug_at(__FILE__, __LINE__, (msg))

/* SV_BUG's body: prints the message with its place and aborts. */
static inline _Noreturn void sv_bug_at(const char *file, int line, const char *msg)
{
	fprintf(stderr, "sverka: BUG: %s:%d: %s\n", file, line, msg);
	abort();
}

#endif
