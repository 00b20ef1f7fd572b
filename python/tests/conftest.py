"""Shared fixtures: the CLI's graph of the dev corpus, built once for the session."""

import pytest

from test_vncite import DEV, cli, need


@pytest.fixture(scope="session")
def cli_dev(tmp_path_factory):
    need(DEV.is_dir(), f"the dev corpus at {DEV}")
    out = tmp_path_factory.mktemp("dev")
    cli("build", str(DEV), "-o", str(out), "-q", "--format", "json")
    return out
