"""The proxy's default allowlist is exactly what the sidebar (`src/`) sends, and no wider."""

from __future__ import annotations

from pathlib import Path

import pytest

from jupyterlab_aws_spark_ml.proxy.allowlist import DEFAULT_ALLOWED_OPERATIONS
from jupyterlab_aws_spark_ml.proxy.iam_policy import iam_actions

from .browser_sends import read_src

SRC = Path(__file__).resolve().parents[3] / "src"
pytestmark = pytest.mark.skipif(not SRC.is_dir(), reason="src/ is not shipped in the wheel")


def test_default_allowlist_is_exactly_what_src_sends():
    reading = read_src(SRC)
    assert not reading.unreadable, "\n".join(reading.unreadable)
    never_sent = sorted(DEFAULT_ALLOWED_OPERATIONS - reading.sends.keys())
    assert not never_sent, (
        f"The proxy allows {never_sent}, which src/ never sends. Remove them from "
        "DEFAULT_ALLOWED_OPERATIONS in proxy/allowlist.py (if the kernel or a job needs them, "
        "list them in proxy/kernel_operations.py for the IAM policy)."
    )
    refused = {
        op: sorted(reading.sends[op]) for op in reading.sends.keys() - DEFAULT_ALLOWED_OPERATIONS
    }
    assert not refused, (
        f"src/ sends {refused} (operation: files), which the proxy refuses. Add them to "
        "DEFAULT_ALLOWED_OPERATIONS in proxy/allowlist.py, then regenerate the README's IAM "
        "policy with `python -m jupyterlab_aws_spark_ml.proxy.iam_policy`."
    )


def test_the_iam_policy_covers_the_browser_allowlist():
    actions = iam_actions()
    assert "elasticmapreduce:RunJobFlow" in actions
    assert "iam:ListRoles" in actions  # sent by hand (no SDK client), read all the same


def read(tmp_path: Path, files: dict[str, str]):
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    return read_src(tmp_path)


def test_every_way_of_naming_a_command_is_read(tmp_path):
    reading = read(
        tmp_path,
        {
            "a.ts": """
import {
  ListClustersCommand,
  type DescribeClusterCommand,
  RunJobFlowCommand as Provision,
} from '../aws/sdk/emr';
import type { GetTablesCommand, GetTablesCommandInput } from '@aws-sdk/client-glue';
// a comment naming StopSessionCommand sends nothing
""",
            "feature/b.tsx": """
const { GetSessionCommand, StopSessionCommand: Stop } = await import(
  '../aws/sdk/glue'
);
const sdk = await import('../aws/sdk/sagemaker');
await sm.send(new sdk.ListEndpointsCommand({}));
function f(logs: typeof import('../aws/sdk/cloudwatch-logs')) {
  return new logs.GetLogEventsCommand({});
}
const c = new (await import('../aws/sdk/sts')).GetCallerIdentityCommand({});
""",
            "raw.ts": """
const handler = new ProxyRequestHandler('iam', 'us-east-1', settings);
const body = new URLSearchParams({ Action: 'ListRoles', Version: '2010-05-08' });
""",
            "aws/clients.ts": "const emr = async c => new (await import('./sdk/emr')).EMRClient(c);",
            "aws/sdk/glue.ts": "export { GetSessionCommand, GlueClient } from '@aws-sdk/client-glue';",
            "__tests__/t.ts": "import { DeleteModelCommand } from '@aws-sdk/client-sagemaker';",
        },
    )
    assert reading.unreadable == []
    assert sorted(reading.sends) == [
        "emr:ListClusters",
        "emr:RunJobFlow",
        "glue:GetSession",
        "glue:StopSession",
        "iam:ListRoles",
        "logs:GetLogEvents",
        "sagemaker:ListEndpoints",
        "sts:GetCallerIdentity",
    ]


def test_sdk_modules_re_export_only_what_is_sent(tmp_path):
    reading = read(
        tmp_path,
        {
            "a.ts": "const { GetSessionCommand } = await import('../aws/sdk/glue');",
            "aws/sdk/glue.ts": "export { GetSessionCommand, StopSessionCommand } from '@aws-sdk/client-glue';",
        },
    )
    assert reading.unreadable == [
        "aws/sdk/glue.ts: re-exports StopSessionCommand, which src/ never sends; remove it"
    ]


@pytest.mark.parametrize(
    "code, says",
    [
        ("const x = new SomeCommand({});", "cannot tell which client SomeCommand"),
        (
            "const sdk = await import('@aws-sdk/client-emr'); new sdk[name]({});",
            "picks a command at run time",
        ),
        ("new ProxyRequestHandler(service, region);", "names its service at run time"),
        (
            "new ProxyRequestHandler('iam', r); const b = { Action: action };",
            "not a literal `Action: 'Name'`",
        ),
        ("import { ListThingsCommand } from '@aws-sdk/client-emr';", "not an operation of emr"),
        ("import { XCommand } from '@aws-sdk/client-kinesis';", "add it to CLIENT_SERVICE"),
        (
            "const { ListClustersCommand } = await import('@aws-sdk/client-emr');",
            "imports @aws-sdk/client-emr itself; import from src/aws/sdk/emr.ts",
        ),
        (
            "import { ListClustersCommand } from '@aws-sdk/client-emr';",
            "imports @aws-sdk/client-emr itself",
        ),
    ],
)
def test_what_cannot_be_read_is_reported(tmp_path, code, says):
    reading = read(tmp_path, {"x.ts": code})
    assert any(says in problem for problem in reading.unreadable), reading.unreadable
