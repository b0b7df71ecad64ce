// TODO(#14 integration): remove once the *Actions files import from src/core.
export { changingFrequency, steadyFrequency } from '../core/frequency';
export { retryReason, type RetryReason } from '../core/retry';
export {
  ResourceListModel as ListModel,
  type IListSource,
  type SortKey
} from '../core/ResourceListModel';
