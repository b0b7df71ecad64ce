/**
 * Lake Formation grants name IAM principals; the server's identity may be an
 * STS ARN. These helpers turn one into the other and shorten ARNs for display.
 */

/** Everyone whose IAM policies allow it, when a table is not (only) LF-governed. */
export const IAM_ALLOWED_PRINCIPALS = 'IAM_ALLOWED_PRINCIPALS';

/**
 * The principal Lake Formation evaluates for a caller ARN:
 * `arn:aws:sts::1:assumed-role/R/session` → `arn:aws:iam::1:role/R`,
 * `arn:aws:sts::1:user/U` (what some endpoints report) → `arn:aws:iam::1:user/U`.
 */
export function lakeFormationPrincipal(callerArn: string): string {
  const assumed = /^arn:(aws[\w-]*):sts::(\d+):assumed-role\/([^/]+)\/.+$/.exec(
    callerArn
  );
  if (assumed) {
    return `arn:${assumed[1]}:iam::${assumed[2]}:role/${assumed[3]}`;
  }
  const stsUser = /^arn:(aws[\w-]*):sts::(\d+):user\/(.+)$/.exec(callerArn);
  if (stsUser) {
    return `arn:${stsUser[1]}:iam::${stsUser[2]}:user/${stsUser[3]}`;
  }
  return callerArn;
}

/** `arn:aws:iam::1:role/path/Name` → `role Name`; other identifiers unchanged. */
export function principalLabel(principal: string): string {
  const m = /^arn:aws[\w-]*:iam::\d+:(role|user|group)\/(?:.*\/)?([^/]+)$/.exec(
    principal
  );
  if (m) {
    return `${m[1]} ${m[2]}`;
  }
  if (principal === IAM_ALLOWED_PRINCIPALS) {
    return 'IAM-allowed principals';
  }
  return principal;
}
