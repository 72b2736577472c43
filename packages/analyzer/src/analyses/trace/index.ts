/** The trace engine; README.md in this folder maps each module to the AWS element it handles. */
export { describeEndpoint, describeFlow } from './describe.js';
export { ENDPOINT_FORMS, endpointNames, resolveEndpoint } from './resolve-endpoint.js';
export { traceFlow, traceFlowInEachAz } from './trace-flow.js';
