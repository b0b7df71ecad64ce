/**
 * The SageMaker XGBoost algorithm's hyperparameters, mirrored from
 * sandbox/ml/training/xgboost_hyperparameters.py so the launch form catches
 * what the container would reject — before CreateTrainingJob, not 3 minutes after.
 */

export type Translate = (msg: string, ...args: any[]) => string;
export const plain: Translate = (msg, ...args) =>
  msg.replace(/%(\d+)/g, (_, i) => String(args[Number(i) - 1] ?? ''));

export const OBJECTIVES = [
  'binary:hinge', 'binary:logistic', 'binary:logitraw', 'count:poisson', 'multi:softmax',
  'multi:softprob', 'rank:map', 'rank:ndcg', 'rank:pairwise', 'reg:absoluteerror', 'reg:gamma',
  'reg:linear', 'reg:logistic', 'reg:pseudohubererror', 'reg:squarederror',
  'reg:squaredlogerror', 'reg:tweedie', 'survival:aft', 'survival:cox'
]; // prettier-ignore
export const EVAL_METRICS = [
  'rmse', 'rmsle', 'mae', 'mape', 'mphe', 'logloss', 'error', 'merror', 'mlogloss', 'auc',
  'aucpr', 'ndcg', 'map', 'poisson-nloglik', 'gamma-nloglik', 'cox-nloglik', 'gamma-deviance',
  'tweedie-nloglik', 'aft-nloglik', 'interval-regression-accuracy', 'f1', 'accuracy',
  'balanced_accuracy', 'r2', 'mse'
]; // prettier-ignore

type Kind = 'int' | 'float' | 'choice' | 'list' | 'text';
const I = Infinity;
/** name: [kind, low, high] — closed ranges, like the container's. */
export const SPEC: Record<string, [Kind, number, number]> = {
  num_round: ['int', 1, I], num_class: ['int', 2, I], early_stopping_rounds: ['int', 1, I],
  eta: ['float', 0, 1], gamma: ['float', 0, I], max_depth: ['int', 0, I],
  min_child_weight: ['float', 0, I], max_delta_step: ['float', 0, I], subsample: ['float', 0, 1],
  colsample_bytree: ['float', 0, 1], colsample_bylevel: ['float', 0, 1],
  colsample_bynode: ['float', 0, 1], lambda: ['float', 0, I], alpha: ['float', 0, I],
  scale_pos_weight: ['float', 0, I], max_leaves: ['int', 0, I], max_bin: ['int', 2, I],
  num_parallel_tree: ['int', 1, I], tweedie_variance_power: ['float', 1, 2],
  base_score: ['float', -I, I], seed: ['int', -I, I], verbosity: ['int', 0, 3],
  nthread: ['int', 1, I], csv_weights: ['int', 0, 1], sketch_eps: ['float', 0, 1],
  rate_drop: ['float', 0, 1], skip_drop: ['float', 0, 1], objective: ['choice', 0, 0],
  eval_metric: ['list', 0, 0], booster: ['choice', 0, 0], tree_method: ['choice', 0, 0],
  grow_policy: ['choice', 0, 0], sampling_method: ['choice', 0, 0],
  sample_type: ['choice', 0, 0], normalize_type: ['choice', 0, 0], one_drop: ['int', 0, 1],
  process_type: ['choice', 0, 0], refresh_leaf: ['int', 0, 1],
  save_model_on_termination: ['choice', 0, 0], single_precision_histogram: ['choice', 0, 0],
  deterministic_histogram: ['choice', 0, 0], interaction_constraints: ['text', 0, 0],
  monotone_constraints: ['text', 0, 0], updater: ['text', 0, 0],
  _tuning_objective_metric: ['text', 0, 0]
}; // prettier-ignore
const TF = ['true', 'false'];
export const CHOICES: Record<string, string[]> = {
  objective: OBJECTIVES,
  booster: ['gbtree', 'gblinear', 'dart'],
  tree_method: ['auto', 'exact', 'approx', 'hist', 'gpu_hist'],
  grow_policy: ['depthwise', 'lossguide'],
  sampling_method: ['uniform', 'gradient_based'],
  sample_type: ['uniform', 'weighted'],
  normalize_type: ['tree', 'forest'],
  process_type: ['default', 'update'],
  save_model_on_termination: TF,
  single_precision_histogram: TF,
  deterministic_histogram: TF
};
export const REQUIRED = ['num_round'];

/** What a new XGBoost job starts with: a regression that trains in seconds. */
export const DEFAULT_XGBOOST_HYPERPARAMETERS: [string, string][] = [
  ['num_round', '50'],
  ['objective', 'reg:squarederror'],
  ['eta', '0.3'],
  ['max_depth', '6'],
  ['subsample', '1']
];

/** Name → message naming the hyperparameter, its constraint and the fix. */
export type HyperparameterErrors = Record<string, string>;

function range(low: number, high: number, __: Translate): string {
  if (low === -I && high === I) {
    return __('any number');
  }
  if (high === I) {
    return __('%1 or more', low);
  }
  return __('from %1 to %2', low, high);
}

function checkOne(name: string, raw: string, __: Translate): string | null {
  const [kind, low, high] = SPEC[name];
  const value = raw.trim();
  if (kind === 'int' || kind === 'float') {
    const n = Number(value);
    const whole = kind === 'int';
    if (!value || !Number.isFinite(n) || (whole && !Number.isInteger(n))) {
      return whole
        ? __(
            '%1: must be a whole number (%2); got "%3". Enter digits only, e.g. %4.',
            name,
            range(low, high, __),
            raw,
            name === 'num_round' ? 50 : low === -I ? 0 : low
          )
        : __(
            '%1: must be a number (%2); got "%3". Use a dot for decimals, e.g. %4.',
            name,
            range(low, high, __),
            raw,
            high === 1 ? '0.3' : '1'
          );
    }
    if (n < low || n > high) {
      return __(
        '%1: must be %2; got %3. Change it to a value in that range.',
        name,
        range(low, high, __),
        value
      );
    }
    return null;
  }
  if (kind === 'choice' && !CHOICES[name].includes(value)) {
    return __(
      '%1: "%2" is not one of %3. Pick one of these.',
      name,
      raw,
      CHOICES[name].join(', ')
    );
  }
  if (kind === 'list') {
    const unknown = value
      .split(',')
      .map(v => v.trim())
      .filter(v => v && !EVAL_METRICS.includes(v.split('@')[0]));
    if (unknown.length || !value) {
      return __(
        '%1: %2 is not an XGBoost metric. Use comma-separated names such as rmse, mae, auc.',
        name,
        unknown.join(', ') || '""'
      );
    }
  }
  return null;
}

/** Checks hyperparameters the way the SageMaker XGBoost container does. */
export function validateXgboostHyperparameters(
  given: [string, string][],
  __: Translate = plain
): HyperparameterErrors {
  const errors: HyperparameterErrors = {};
  const names = new Set<string>();
  for (const [rawName, value] of given) {
    const name = rawName.trim();
    if (!name) {
      errors[''] = __(
        'Hyperparameter name: a row has a value but no name. Name it (e.g. max_depth) or remove the row.'
      );
      continue;
    }
    if (names.has(name)) {
      errors[name] = __('%1: given twice. Remove one of the rows.', name);
      continue;
    }
    names.add(name);
    if (name.startsWith('sagemaker_')) {
      continue; // SDK bookkeeping the container ignores
    }
    if (!(name in SPEC)) {
      errors[name] = __(
        '%1: not an XGBoost hyperparameter (the algorithm rejects unknown names). Check the spelling, e.g. max_depth, eta, num_round.',
        name
      );
      continue;
    }
    const message = checkOne(name, value, __);
    if (message) {
      errors[name] = message;
    }
  }
  for (const name of REQUIRED) {
    if (!names.has(name)) {
      errors[name] = __(
        '%1: required by XGBoost (the number of boosting rounds). Add a row %1 = 50.',
        name
      );
    }
  }
  const objective = given.find(([n]) => n.trim() === 'objective')?.[1].trim();
  if (objective?.startsWith('multi:') && !names.has('num_class')) {
    errors.num_class = __(
      'num_class: required for multi-class objective %1. Add a row num_class = the number of classes (2 or more).',
      objective
    );
  }
  return errors;
}

/** Script-mode hyperparameters are the script's own arguments: only names are checked. */
export function validateScriptHyperparameters(
  given: [string, string][],
  __: Translate = plain
): HyperparameterErrors {
  const errors: HyperparameterErrors = {};
  const seen = new Set<string>();
  for (const [rawName] of given) {
    const name = rawName.trim();
    if (!/^[A-Za-z_][\w-]{0,255}$/.test(name)) {
      errors[name] = __(
        'Hyperparameter name "%1": letters, digits, "_" or "-", starting with a letter or "_". Rename it.',
        name
      );
    } else if (seen.has(name)) {
      errors[name] = __('%1: given twice. Remove one of the rows.', name);
    } else if (name.startsWith('sagemaker_')) {
      errors[name] = __(
        '%1: reserved — the launcher sets sagemaker_* itself. Remove this row.',
        name
      );
    }
    seen.add(name);
  }
  return errors;
}
