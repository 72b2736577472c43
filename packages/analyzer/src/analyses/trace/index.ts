export { resolveEndpoint } from './resolve-endpoint.js';
export { describeEndpoint, describeFlow, traceFlow, traceFlowInEachAz } from './trace-flow.js';
