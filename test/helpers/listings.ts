import { TypedSearchAttributes, type SearchAttributePair } from '@temporalio/common';
import { CHANGE_VERSION, listingOf, type ConventionListing } from '../../client/list';
import type { ConventionRecord } from '../../domain/record';
import { searchValuesOf } from '../../domain/search';
import { searchAttributePairs, workflowIdFor } from '../../workflows/messages';
import { NEXT_ACTION_DUE } from '../../workflows/patches';

// A convention's row in « Mes conventions » and `convention list` as the workflow's upserts make
// it, without Temporal: the search attributes of `record` at `now`, read back by the list.

export function listingAt(
  record: ConventionRecord,
  now: number,
  /** A run on the new branch of NEXT_ACTION_DUE; false for one started before it. */
  { patched = true } = {},
): ConventionListing {
  const pairs = searchAttributePairs(searchValuesOf(record, now), { nextActionDue: patched }).filter(
    (pair): pair is SearchAttributePair => pair.value !== null,
  );
  if (patched) pairs.push({ key: CHANGE_VERSION, value: [NEXT_ACTION_DUE] });
  return listingOf({
    workflowId: workflowIdFor(record.convention.id),
    status: { code: 1, name: 'RUNNING' },
    startTime: new Date(record.startedAt),
    typedSearchAttributes: new TypedSearchAttributes(pairs),
  });
}
