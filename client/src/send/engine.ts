// The Send Test Callout engine as the extension loads it: its own bundle (dist/send-engine.js), required on
// the first send, so activating the extension never parses node-fetch, proxy-agent or the validators.
export { runCallout } from '../../../server/src/core/callout/run';
export { parseEnvironments } from '../../../server/src/core/callout/environments';
export { sampleEdit } from '../../../server/src/core/callout/sample';
