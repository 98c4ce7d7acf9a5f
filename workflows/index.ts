// The workflows the worker runs. Only this file and what it imports are bundled into workflow code.
export { applicationWorkflow } from './application.js';
