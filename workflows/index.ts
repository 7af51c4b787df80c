export { conventionWorkflow } from './convention';
export { digestWorkflow } from './digest';
export { sdkProbeWorkflow } from './probe';
