// The part of @aws-sdk/client-cloudwatch-logs that src/ uses. Feature code imports this module, not the
// package, so webpack bundles only these commands. Re-export only what src/
// sends: tests/proxy/test_allowlist_matches_src.py compares them.
export {
  CloudWatchLogsClient,
  DescribeLogStreamsCommand,
  GetLogEventsCommand
} from '@aws-sdk/client-cloudwatch-logs';
