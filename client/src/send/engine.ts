// The Send Test Callout engine as the extension loads it: its own bundle (dist/send-engine.js), required on
// the first send, so activating the extension never parses node-fetch, proxy-agent or the validators.
export { runCallout } from '../../../server/src/core/callout/run';
export { parseEnvironments } from '../../../server/src/core/callout/environments';
export { sampleEdit } from '../../../server/src/core/callout/sample';
export { sendFromFlow } from '../../../server/src/core/flowrun/send';
export { diagramOfFlowText, elementNameRange } from '../../../server/src/core/flowrun/diagram';
export { operationLocations, registrationFileOf, registrationOperation, sendOperation } from '../../../server/src/core/flowrun/operation';
export { apexCalloutActions, flowTestsOf, loadApexProject, loadFlowSendProject, savedTestInputs } from '../../../server/src/core/flowrun/project';
export { testInputsPath } from '../../../server/src/core/flowrun/testInputs';
export { resolveAction } from '../../../server/src/core/flow/operations';
export { nodeFs } from '../../../server/src/core/project/fs';
export { stringify as stringifyYaml } from 'yaml';
export { startMockServer } from '../../../server/src/core/callout/mock';
export { CalloutDefinition } from '../../../server/src/core/model/definition';
export { parseCalloutText } from '../../../server/src/core/parse';
