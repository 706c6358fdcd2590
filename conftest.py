"""Root conftest: loads the hil_tests plugin (target options, fixtures) for every test run,
and pytester for the plugin's own tests in tests/hil_plugin."""

pytest_plugins = ["hil_tests.plugin", "pytester"]
