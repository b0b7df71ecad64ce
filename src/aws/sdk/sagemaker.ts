// The part of @aws-sdk/client-sagemaker that src/ uses. Feature code imports this module, not the
// package, so webpack bundles only these commands. Re-export only what src/
// sends: tests/proxy/test_allowlist_matches_src.py compares them.
export {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  CreateTrainingJobCommand,
  DeleteEndpointCommand,
  DeleteEndpointConfigCommand,
  DeleteModelCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  DescribeTrainingJobCommand,
  ListEndpointsCommand,
  ListTagsCommand,
  ListTrainingJobsCommand,
  SageMakerClient,
  StopTrainingJobCommand
} from '@aws-sdk/client-sagemaker';
