export { conventionWorkflow } from './convention';
export { digestWorkflow } from './digest';
