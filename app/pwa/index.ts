export { registerServiceWorker, type UpdateChannel, type UpdateState } from './register';
