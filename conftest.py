"""Root conftest: loads the hil_tests plugin (target options, fixtures) for every test run."""

pytest_plugins = ["hil_tests.plugin"]
