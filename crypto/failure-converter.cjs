// Loaded by `require` in the worker (for activity failures) and bundled into the workflow sandbox
// (for refusals and workflow failures), hence CommonJS in plain JavaScript: the message and stack
// trace of a failure move into a payload, which the encryption codec then seals.
const { DefaultFailureConverter } = require('@temporalio/common');

exports.failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
