"""ModuleProfile: the built-in profiles, TOML overrides on a base, and clear refusals."""

import tomllib

import pytest

from emulator.profile import ModuleProfile


def write(tmp_path, text, name="bench.toml"):
    path = tmp_path / name
    path.write_text(text)
    return path


def test_fast_is_the_default_and_has_no_delays():
    profile = ModuleProfile.load()
    assert profile == ModuleProfile.load("fast")
    assert profile.name == "fast"
    assert profile.time_scale == 1.0
    assert profile.uart.pacing_baud == 0
    timings = profile.timings
    assert (timings.command_delay, timings.boot, timings.boot_step, timings.pdp_activation) == (0, 0, 0, 0)
    assert timings.command_delays == {}


def test_realistic_adds_delays_and_pacing_on_top_of_fast():
    profile = ModuleProfile.load("realistic")
    assert profile.name == "realistic"
    assert profile.uart.pacing_baud == 115200
    assert profile.timings.boot == 2.0
    assert profile.timings.command_delays["+CNACT"] == 0.2
    # what realistic.toml does not set comes from fast
    assert profile.identity == ModuleProfile().identity
    assert profile.limits == ModuleProfile().limits


def test_loading_a_profile_object_gives_an_independent_copy():
    original = ModuleProfile.load("realistic")
    copy = ModuleProfile.load(original)
    copy.timings.command_delays["+CGMI"] = 9.0
    copy.network.addresses[0] = "1.2.3.4"
    assert "+CGMI" not in original.timings.command_delays
    assert original.network.addresses[0] == "10.94.36.44"


def test_a_toml_file_overrides_its_base(tmp_path):
    path = write(
        tmp_path,
        'base = "realistic"\n'
        "time_scale = 0.5\n"
        "[identity]\n"
        'revision = "1951B17SIM7080"\n'
        "[timings]\n"
        "data_urc_repeat = 2\n"  # an int where a float is due: taken as 2.0
        "[network]\n"
        'addresses = ["10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4"]\n'
        "[host_map]\n"
        '"ftp.example.com" = "127.0.0.1:2121"\n',
    )
    profile = ModuleProfile.load(path)
    assert profile.name == "bench"
    assert profile.time_scale == 0.5
    assert profile.identity.revision == "1951B17SIM7080"
    assert profile.identity.imei == "869951030006302"  # untouched field of an overridden section
    assert profile.timings.data_urc_repeat == 2.0 and isinstance(profile.timings.data_urc_repeat, float)
    assert profile.timings.boot == 2.0  # from the realistic base
    assert profile.uart.pacing_baud == 115200
    assert profile.network.addresses[0] == "10.0.0.1"
    assert profile.host_map == {"ftp.example.com": "127.0.0.1:2121"}


def test_a_toml_file_without_base_starts_from_fast(tmp_path):
    profile = ModuleProfile.load(str(write(tmp_path, "[uart]\npacing_baud = 9600\n")))
    assert profile.uart.pacing_baud == 9600
    assert profile.timings.boot == 0.0


def test_a_base_may_be_another_file(tmp_path):
    write(tmp_path, 'base = "realistic"\n[identity]\nati = "R1951.09"\n', name="lab.toml")
    child = write(tmp_path, f'base = "{tmp_path / "lab.toml"}"\n[timings]\nboot = 0.0\n')
    profile = ModuleProfile.load(child)
    assert (profile.identity.ati, profile.timings.boot, profile.uart.pacing_baud) == ("R1951.09", 0.0, 115200)


def test_merged_leaves_the_original_alone():
    base = ModuleProfile()
    changed = base.merged({"timings": {"boot": 1.0}, "quirks": {"etput_ok_before_prompt": False}})
    assert (changed.timings.boot, changed.quirks.etput_ok_before_prompt) == (1.0, False)
    assert (base.timings.boot, base.quirks.etput_ok_before_prompt) == (0.0, True)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("colour = 1\n", ["'colour'", "known", "timings"]),
        ("[timing]\nboot = 1.0\n", ["'timing'", "known"]),
        ("[timings]\nbot = 1.0\n", ["'bot'", "[timings]", "boot_step"]),
        ("[identity]\nrevison = 'x'\n", ["'revison'", "[identity]", "revision"]),
    ],
)
def test_unknown_keys_are_refused_by_name(tmp_path, text, words):
    with pytest.raises(ValueError) as failure:
        ModuleProfile.load(write(tmp_path, text))
    for word in words:
        assert word in str(failure.value)


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ('[timings]\nboot = "slow"\n', "timings.boot"),
        ("[timings]\nboot = true\n", "timings.boot"),
        ("[uart]\npacing_baud = 1.5\n", "uart.pacing_baud"),
        ('[uart]\npacing_baud = "115200"\n', "uart.pacing_baud"),
        ("[network]\nattached = 1\n", "network.attached"),
        ("[identity]\nimei = 869951030006302\n", "identity.imei"),
        ('[network]\naddresses = "10.0.0.1"\n', "network.addresses"),
        ("[network]\naddresses = [1, 2, 3, 4]\n", "network.addresses[0]"),
        ('[timings]\ncommand_delays = { "+CNACT" = "slow" }\n', "timings.command_delays.+CNACT"),
        ('[timings]\ncommand_delays = { "+CNACT" = true }\n', "timings.command_delays.+CNACT"),
        ("host_map = { ftp = 21 }\n", "host_map.ftp"),
        ('time_scale = "fast"\n', "time_scale"),
        ("identity = 3\n", "[identity]"),
        ("base = 3\n", "base"),
    ],
)
def test_wrong_types_are_refused_by_name(tmp_path, text, field):
    with pytest.raises(ValueError) as failure:
        ModuleProfile.load(write(tmp_path, text))
    assert field in str(failure.value)


def test_bad_toml_is_a_value_error(tmp_path):
    with pytest.raises(tomllib.TOMLDecodeError):
        ModuleProfile.load(write(tmp_path, "[timings\n"))
    assert issubclass(tomllib.TOMLDecodeError, ValueError)


def test_a_missing_file_is_an_os_error(tmp_path):
    with pytest.raises(OSError):
        ModuleProfile.load(tmp_path / "absent.toml")
    with pytest.raises(OSError):
        ModuleProfile.load(write(tmp_path, 'base = "absent-profile"\n'))


def test_a_user_file_may_share_a_builtin_name(tmp_path):
    # a lab's own realistic.toml, based on the built-in realistic
    path = write(tmp_path, 'base = "realistic"\n[identity]\nati = "R1951.09"\n', name="realistic.toml")
    profile = ModuleProfile.load(path)
    assert (profile.identity.ati, profile.uart.pacing_baud, profile.timings.boot) == ("R1951.09", 115200, 2.0)


def test_a_base_chain_that_loops_is_refused(tmp_path):
    write(tmp_path, f'base = "{tmp_path / "b.toml"}"\n', name="a.toml")
    write(tmp_path, f'base = "{tmp_path / "a.toml"}"\n', name="b.toml")
    with pytest.raises(ValueError, match="base"):
        ModuleProfile.load(tmp_path / "a.toml")
    with pytest.raises(ValueError, match="base"):
        ModuleProfile.load(write(tmp_path, f'base = "{tmp_path / "self.toml"}"\n', name="self.toml"))
