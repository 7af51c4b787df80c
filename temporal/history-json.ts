import type { temporal } from '@temporalio/proto';
// The reflection root of Temporal's protos (CommonJS), as the SDK itself reads history files with.
import protos from '@temporalio/proto/protos/root';
import type { Root } from 'protobufjs';
// CommonJS: its named exports are not visible from ESM under Node.
import protojson from 'protobufjs/ext/protojson';

// An event history as the JSON that Temporal's CLI (`temporal workflow show --output json`) and
// UI download: the recorded histories the replay suite reads (`Worker.runReplayHistory` takes
// that JSON as it is). Written through public modules only: the SDK's own helper is internal.

const historyType = (protos as unknown as Root).lookupType('temporal.api.history.v1.History');

export function historyJSON(history: temporal.api.history.v1.IHistory): string {
  return JSON.stringify(protojson.toJson(historyType, historyType.fromObject(history)), null, 2);
}
