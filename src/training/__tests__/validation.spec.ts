import { validateXgboostHyperparameters } from '../hyperparameters';
import { ILaunchRequest, toCreateTrainingJob } from '../request';
import { request } from './fixtures';
import { validateLaunchRequest } from '../validation';

const hp = (rows: [string, string][]) => validateXgboostHyperparameters(rows);

describe('XGBoost hyperparameters (mirrors the container)', () => {
  it('accepts the defaults', () => {
    expect(
      hp([
        ['num_round', '50'],
        ['objective', 'reg:squarederror'],
        ['eta', '0.3'],
        ['max_depth', '6']
      ])
    ).toEqual({});
  });

  it('requires num_round and says how to add it', () => {
    expect(hp([['eta', '0.3']]).num_round).toBe(
      'num_round: required by XGBoost (the number of boosting rounds). Add a row num_round = 50.'
    );
  });

  it.each([
    [
      'num_round',
      'abc',
      'num_round: must be a whole number (1 or more); got "abc". Enter digits only, e.g. 50.'
    ],
    [
      'num_round',
      '2.5',
      'num_round: must be a whole number (1 or more); got "2.5". Enter digits only, e.g. 50.'
    ],
    [
      'num_round',
      '0',
      'num_round: must be 1 or more; got 0. Change it to a value in that range.'
    ],
    [
      'eta',
      '1.5',
      'eta: must be from 0 to 1; got 1.5. Change it to a value in that range.'
    ],
    [
      'eta',
      'fast',
      'eta: must be a number (from 0 to 1); got "fast". Use a dot for decimals, e.g. 0.3.'
    ],
    [
      'max_depth',
      '-1',
      'max_depth: must be 0 or more; got -1. Change it to a value in that range.'
    ],
    [
      'max_depth',
      '3.5',
      'max_depth: must be a whole number (0 or more); got "3.5". Enter digits only, e.g. 0.'
    ],
    [
      'subsample',
      '1.01',
      'subsample: must be from 0 to 1; got 1.01. Change it to a value in that range.'
    ],
    [
      'verbosity',
      '4',
      'verbosity: must be from 0 to 3; got 4. Change it to a value in that range.'
    ],
    [
      'tweedie_variance_power',
      '0.5',
      'tweedie_variance_power: must be from 1 to 2; got 0.5. Change it to a value in that range.'
    ]
  ])('%s = %s → %s', (name, value, message) => {
    expect(
      hp(
        [
          ['num_round', '10'],
          [name, value]
        ].filter((r, i) => i === 1 || name !== 'num_round') as [
          string,
          string
        ][]
      )[name]
    ).toBe(message);
  });

  it('checks objective and other choices against their lists', () => {
    const e = hp([
      ['num_round', '5'],
      ['objective', 'reg:squared'],
      ['booster', 'forest']
    ]);
    expect(e.objective).toMatch(
      /^objective: "reg:squared" is not one of binary:hinge, .*reg:squarederror.*\. Pick one of these\.$/
    );
    expect(e.booster).toBe(
      'booster: "forest" is not one of gbtree, gblinear, dart. Pick one of these.'
    );
  });

  it('checks eval_metric names', () => {
    expect(
      hp([
        ['num_round', '5'],
        ['eval_metric', 'rmse,auc@0.5']
      ])
    ).toEqual({});
    expect(
      hp([
        ['num_round', '5'],
        ['eval_metric', 'rmse, bogus']
      ]).eval_metric
    ).toBe(
      'eval_metric: bogus is not an XGBoost metric. Use comma-separated names such as rmse, mae, auc.'
    );
  });

  it('rejects unknown and duplicate names, needs num_class for multi:*', () => {
    const e = hp([
      ['num_round', '5'],
      ['max_dept', '3'],
      ['eta', '0.1'],
      ['eta', '0.2'],
      ['objective', 'multi:softmax']
    ]);
    expect(e.max_dept).toMatch(
      /^max_dept: not an XGBoost hyperparameter .*Check the spelling/
    );
    expect(e.eta).toBe('eta: given twice. Remove one of the rows.');
    expect(e.num_class).toMatch(
      /^num_class: required for multi-class objective multi:softmax\./
    );
    expect(
      hp([
        ['num_round', '5'],
        ['objective', 'multi:softmax'],
        ['num_class', '3']
      ])
    ).toEqual({});
  });
});

describe('launch request', () => {
  const check = (patch: Partial<ILaunchRequest>, region = 'us-east-1') =>
    validateLaunchRequest(request(patch), region);

  it('accepts a complete request', () => {
    expect(check({})).toEqual({});
  });

  it.each<[Partial<ILaunchRequest>, string, RegExp]>([
    [
      { jobName: 'bad_name' },
      'jobName',
      /^Job name: 1–63 letters, digits or hyphens.*got "bad_name"/
    ],
    [{ jobName: 'a'.repeat(64) }, 'jobName', /^Job name:/],
    [{ channels: [] }, 'channels', /at least one, named "train"/],
    [
      {
        channels: [
          { name: 'training', s3Uri: 's3://bkt/x/', contentType: 'text/csv' }
        ]
      },
      'channels',
      /channel named "train"/
    ],
    [
      {
        channels: [
          { name: 'train', s3Uri: 'sandbox-demo/x', contentType: 'text/csv' }
        ]
      },
      'channel.0',
      /S3 location: must look like s3:\/\/bucket\/prefix\/; got "sandbox-demo\/x"/
    ],
    [
      {
        channels: [
          { name: 'train', s3Uri: 's3://bkt/x/', contentType: 'text/csv' },
          { name: 'train', s3Uri: 's3://bkt/y/', contentType: 'text/csv' }
        ]
      },
      'channel.1',
      /used twice/
    ],
    [
      {
        channels: [
          { name: 'train', s3Uri: 's3://bkt/x/', contentType: 'text/json' }
        ]
      },
      'channel.0',
      /content type: one of text\/csv/
    ],
    [
      { instanceType: 'm5.large' },
      'instanceType',
      /ml\.m5\.large; got "m5\.large"/
    ],
    [{ instanceCount: 0 }, 'instanceCount', /from 1 to 100/],
    [{ maxRuntimeMinutes: NaN }, 'maxRuntimeMinutes', /from 1 to 40320/],
    [
      { useSpot: true, maxWaitMinutes: 30 },
      'maxWaitMinutes',
      /at least the max runtime \(60\)/
    ],
    [
      { roleArn: 'SageMakerRole' },
      'roleArn',
      /arn:aws:iam::<12-digit account>:role\/<name>/
    ],
    [
      { outputPath: 'https://bucket/x' },
      'outputPath',
      /^Output path: an S3 location/
    ],
    [
      { xgboostVersion: '0.90-1' },
      'xgboostVersion',
      /XGBoost version 0\.90-1 is not offered; use one of 1\.7-1/
    ],
    [
      { mode: 'script', entryPoint: 'train.ipynb', hyperparameters: [] },
      'entryPoint',
      /\.py \(or \.sh\) file/
    ],
    [
      { hyperparameters: [['num_round', 'abc']] },
      'hp.num_round',
      /^num_round: must be a whole number/
    ]
  ])('%j → %s', (patch, field, message) => {
    expect(check(patch)[field]).toMatch(message);
  });

  it('knows no image outside the table, and says which regions are', () => {
    expect(check({}, 'mars-north-1').xgboostVersion).toMatch(
      /No XGBoost image registry known for region mars-north-1; use one of .*us-east-1/
    );
  });

  it("builds CreateTrainingJob for built-in XGBoost with the region's image", () => {
    const input = toCreateTrainingJob(
      request({ useSpot: true, maxWaitMinutes: 90 }),
      'eu-west-1'
    );
    expect(input.AlgorithmSpecification?.TrainingImage).toBe(
      '141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-xgboost:1.7-1'
    );
    expect(input.HyperParameters).toEqual({ num_round: '50' });
    expect(input.StoppingCondition).toEqual({
      MaxRuntimeInSeconds: 3600,
      MaxWaitTimeInSeconds: 5400
    });
    expect(input.EnableManagedSpotTraining).toBe(true);
    expect(input.InputDataConfig?.[0].DataSource?.S3DataSource?.S3Uri).toBe(
      's3://sandbox-demo/train/'
    );
  });

  it('script mode: SKLearn image, JSON-encoded program and source archive', () => {
    const input = toCreateTrainingJob(
      request({
        mode: 'script',
        entryPoint: 'jobs/train.py',
        hyperparameters: [
          ['alpha', '0.1'],
          ['kernel', 'rbf']
        ]
      }),
      'us-east-1'
    );
    expect(input.AlgorithmSpecification?.TrainingImage).toBe(
      '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3'
    );
    expect(input.HyperParameters).toEqual({
      alpha: '0.1',
      kernel: '"rbf"',
      sagemaker_program: '"train.py"',
      sagemaker_submit_directory:
        '"s3://sandbox-demo/sagemaker/xgboost-20250101-120000-ab12/source/sourcedir.tar.gz"',
      sagemaker_region: '"us-east-1"'
    });
  });
});
