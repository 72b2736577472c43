export { resolveEndpoint } from './resolve-endpoint.js';
export { describeEndpoint, traceFlow, traceFlowInEachAz } from './trace-flow.js';
