// The part of @aws-sdk/client-lakeformation that src/ uses. Feature code imports this module, not the
// package, so webpack bundles only these commands. Re-export only what src/
// sends: tests/proxy/test_allowlist_matches_src.py compares them.
export {
  GetDataLakeSettingsCommand,
  GetResourceLFTagsCommand,
  LakeFormationClient,
  ListDataCellsFilterCommand,
  ListPermissionsCommand,
  ListResourcesCommand
} from '@aws-sdk/client-lakeformation';
