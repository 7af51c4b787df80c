import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import type { NativeConnection } from '@temporalio/worker';
import type { Connection } from '@temporalio/client';
import { SEARCH_ATTRIBUTES } from '../workflows/messages';

// The workflow upserts its search attributes (workflows/messages.ts); a namespace without them
// would fail its workflow tasks. The worker, the stack, the simulation and the tests register
// them first, adding only those missing: a second start changes nothing.

/** gRPC's UNIMPLEMENTED: the time-skipping test server cannot list search attributes, only add them. */
const UNIMPLEMENTED = 12;

async function registeredNames(operatorService: OperatorService, namespace: string): Promise<Set<string>> {
  try {
    const { customAttributes } = await operatorService.listSearchAttributes({ namespace });
    return new Set(Object.keys(customAttributes ?? {}));
  } catch (error) {
    if ((error as { code?: number }).code === UNIMPLEMENTED) return new Set();
    throw error;
  }
}

type OperatorService = (Connection | NativeConnection)['operatorService'];

/** Registers the convention search attributes missing from `namespace`; returns the names added. */
export async function ensureSearchAttributes(
  operatorService: OperatorService,
  namespace: string,
): Promise<string[]> {
  const registered = await registeredNames(operatorService, namespace);
  const missing = Object.values(SEARCH_ATTRIBUTES).filter((key) => !registered.has(key.name));
  if (missing.length === 0) return [];
  await operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(
      missing.map((key) => [key.name, encodeSearchAttributeIndexedValueType(key.type)!]),
    ),
  });
  return missing.map((key) => key.name);
}
