// TODO(#14 integration): delete once endpoints/interruptedDeploys.ts imports core/notify.
export { notifyError } from '../core/notify';
