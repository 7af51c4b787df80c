import type { NativeConnection } from '@temporalio/worker';
import type { Connection } from '@temporalio/client';
import type { SearchAttributeType } from '@temporalio/common';
// A CommonJS module whose named exports Node cannot see from ESM.
import proto from '@temporalio/proto';
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

/** The API's enum for a search attribute's type (`KEYWORD_LIST` → `INDEXED_VALUE_TYPE_KEYWORD_LIST`). */
const indexedValueType = (type: SearchAttributeType) =>
  proto.temporal.api.enums.v1.IndexedValueType[`INDEXED_VALUE_TYPE_${type}`];

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
    searchAttributes: Object.fromEntries(missing.map((key) => [key.name, indexedValueType(key.type)])),
  });
  return missing.map((key) => key.name);
}
