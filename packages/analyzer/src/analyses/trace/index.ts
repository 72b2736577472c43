export { describeEndpoint, describeFlow } from './describe.js';
export { resolveEndpoint } from './resolve-endpoint.js';
export { traceFlow, traceFlowInEachAz } from './trace-flow.js';
