export { conventionWorkflow } from './convention';
