/* segment-inconsistent: across the batch, identical sources with different
 * targets and different sources with one target. */
#include "check/check-int.h"

#include <stdlib.h>
#include <string.h>

/* Groups the segments by key[i] and flags, in each group whose other key
 * differs, the units whose other key is not the group's most frequent one
 * (ties: the first seen). */
static void check_groups(struct sv_check_run *r, char **key, char **other, int by_source)
{
	struct sv_map groups = SV_MAP_INIT;
	size_t n = r->segs->n;
	size_t *next = sv_malloc((n + 1) * sizeof(size_t)); /* chain of a group, n ends */
	size_t *last = sv_malloc((n + 1) * sizeof(size_t));
	for (size_t i = 0; i < n; i++) {
		next[i] = n;
		if (!key[i] || !other[i] || !*key[i])
			continue;
		int added;
		struct sv_map_slot *sl = sv_map_add(&groups, key[i], strlen(key[i]), &added);
		if (added) {
			sl->val = i + 1; /* head */
			last[i] = i;
		} else {
			size_t h = sl->val - 1;
			next[last[h]] = i;
			last[h] = i;
		}
	}
	for (size_t c = 0; c < groups.cap; c++) {
		if (!groups.slots[c].key)
			continue;
		size_t h = groups.slots[c].val - 1;
		int differs = 0;
		for (size_t i = next[h]; i < n && !differs; i = next[i])
			differs = strcmp(other[i], other[h]) != 0;
		if (!differs)
			continue;
		size_t ref = h, refn = 0;
		for (size_t i = h; i < n; i = next[i]) {
			size_t cnt = 0;
			for (size_t j = h; j < n; j = next[j])
				cnt += !strcmp(other[j], other[i]);
			if (cnt > refn) {
				refn = cnt;
				ref = i;
			}
		}
		const struct sv_check_seg *rs = &r->segs->v[ref];
		for (size_t i = h; i < n; i = next[i]) {
			if (!strcmp(other[i], other[ref]))
				continue;
			if (by_source)
				ck_found(r, SV_CHECK_SEGMENT_INCONSISTENT, i, 1, 0, 0,
				    "same source as %s:%s (%zu×) but a different target; there: «%s»",
				    sv_intern_str(&r->segs->files, rs->file), rs->unit, refn,
				    rs->tgt ? rs->tgt : "");
			else
				ck_found(r, SV_CHECK_SEGMENT_INCONSISTENT, i, 0, 0, 0,
				    "same target as %s:%s (%zu×) but a different source; there: «%s»",
				    sv_intern_str(&r->segs->files, rs->file), rs->unit, refn,
				    rs->src);
		}
	}
	free(next);
	free(last);
	sv_map_release(&groups);
}

static void consistency_batch(struct sv_check_run *r, void *state)
{
	check_groups(r, r->src_key, r->tgt_key, 1);
	check_groups(r, r->tgt_key, r->src_key, 0);
}

const struct ck_ops ck_consistency_ops = {
	.batch = consistency_batch,
};
