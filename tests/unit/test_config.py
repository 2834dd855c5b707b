"""Tests for the YAML config layer: defaults, the example file and every error kind."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from kam_tui.config.checks import check_store_usage, validate_keymap
from kam_tui.config.loader import load_config
from kam_tui.config.settings import (
    DEFAULT_CONFIG_NAME,
    ConfigError,
    Settings,
    StoreConfigMismatch,
    default_config_path,
    login_name,
)
from kam_tui.domain.schema import (
    DEFAULT_LISTS,
    DEFAULT_SELLING_STAGES,
    DEFAULT_STATUSES,
    CustomFieldDef,
    Schema,
    StatusDef,
)

EXAMPLE = Path(__file__).resolve().parents[2] / "config.example.yaml"


def write_config(tmp_path: Path, text: str) -> Path:
    """Write `text` (dedented) as a config file and return its path."""
    path = tmp_path / "config.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def load_text(tmp_path: Path, text: str) -> Settings:
    return load_config(write_config(tmp_path, text), required=True)


def config_error(tmp_path: Path, text: str) -> ConfigError:
    """The ConfigError that loading `text` raises."""
    with pytest.raises(ConfigError) as caught:
        load_text(tmp_path, text)
    return caught.value


def where(error: ConfigError) -> tuple[int | None, int | None, str]:
    return error.line, error.column, error.key_path


@pytest.fixture(autouse=True)
def private_config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the user config folder at tmp_path so no test reads the real one."""
    config_home = tmp_path / "xdg-config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config_home))
    return config_home


# Defaults and the default path


def test_default_path_is_in_the_user_config_folder(private_config_home: Path) -> None:
    assert default_config_path() == private_config_home / "kam-tui" / DEFAULT_CONFIG_NAME


def test_missing_default_file_gives_built_in_defaults() -> None:
    settings = load_config()
    assert settings.schema == Schema()
    assert settings.schema.status_names == DEFAULT_STATUSES
    assert settings.user == login_name()
    assert settings.theme == "textual-dark"
    assert dict(settings.keymap) == {}
    assert settings.source is None
    assert dict(settings.positions) == {}


def test_default_file_is_read_when_present(private_config_home: Path) -> None:
    path = private_config_home / "kam-tui" / "config.yaml"
    path.parent.mkdir(parents=True)
    path.write_text("team: [Zoe]\n", encoding="utf-8")
    settings = load_config()
    assert settings.schema.team == ("Zoe",)
    assert settings.source == path


def test_missing_required_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.yaml"
    with pytest.raises(ConfigError) as caught:
        load_config(path, required=True)
    assert str(caught.value) == f"{path}: no such file"
    assert (caught.value.path, caught.value.line) == (path, None)


def test_missing_optional_explicit_file_gives_defaults(tmp_path: Path) -> None:
    assert load_config(tmp_path / "nowhere.yaml") == Settings(user=login_name())


def test_user_defaults_to_the_login_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("getpass.getuser", lambda: "  jdoe  ")
    assert load_config(tmp_path / "nowhere.yaml").user == "jdoe"
    assert load_text(tmp_path, "currency: CHF\n").user == "jdoe"


def test_user_is_empty_when_the_login_name_is_unknown_or_unfit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def unknown() -> str:
        raise OSError("no login name")

    monkeypatch.setattr("getpass.getuser", unknown)
    assert login_name() == ""
    monkeypatch.setattr("getpass.getuser", lambda: "j\x1bdoe")
    assert login_name() == ""
    monkeypatch.setattr("getpass.getuser", lambda: "j" * 121)
    assert login_name() == ""


def test_user_is_read_stripped(tmp_path: Path) -> None:
    assert load_text(tmp_path, "user: '  Bruno Keller '\n").user == "Bruno Keller"
    assert load_text(tmp_path, "user: '[bold]Me'\n").user == "[bold]Me"


@pytest.mark.parametrize(
    ("text", "position", "problem"),
    [
        ('user: "a\\x1bb"\n', (1, 7), "ESC"),
        ('user: "a\\u202eb"\n', (1, 7), "RIGHT-TO-LEFT OVERRIDE"),
        ("user: " + "x" * 121 + "\n", (1, 7), "at most 120 characters"),
        ("user: 12\n", (1, 7), "your name"),
        ("user: ''\n", (1, 7), "empty"),
    ],
    ids=["escape", "rlo", "long", "number", "empty"],
)
def test_hostile_user_names_are_refused_where_they_stand(
    tmp_path: Path, text: str, position: tuple[int, int], problem: str
) -> None:
    error = config_error(tmp_path, text)
    assert (error.line, error.column) == position
    assert error.key_path == "user"
    assert problem in error.problem


def test_empty_file_gives_defaults(tmp_path: Path) -> None:
    path = write_config(tmp_path, "# only a comment\n")
    settings = load_config(path, required=True)
    assert settings.schema == Schema()
    assert settings.source == path


def test_partial_file_keeps_other_defaults(tmp_path: Path) -> None:
    settings = load_text(tmp_path, "contact_cadence_days: 14\ncurrency: CHF\n")
    assert settings.schema.default_cadence_days == 14
    assert settings.schema.currency == "CHF"
    assert settings.schema.lists == DEFAULT_LISTS
    assert settings.schema.selling_stages == DEFAULT_SELLING_STAGES


# The example file


def test_example_file_gives_what_it_documents() -> None:
    settings = load_config(EXAMPLE, required=True)
    schema = settings.schema
    assert schema.statuses == (
        StatusDef("Contacted", "blue"),
        StatusDef("Demo provided", "cyan"),
        StatusDef("Proposal sent", "yellow"),
        StatusDef("Won", "green"),
        StatusDef("Lost", "red"),
    )
    assert schema.lists == ("New", "Existing", "Returning", "Lost")
    assert schema.selling_stages == DEFAULT_SELLING_STAGES
    assert schema.team == ("Alice Martin", "Bruno Keller")
    assert schema.default_cadence_days == 30
    assert schema.currency == "€"
    assert schema.custom_fields == (
        CustomFieldDef("support_tier", "Support tier", "choice", ("Gold", "Silver", "Bronze")),
        CustomFieldDef("employees", "Employees", "number"),
        CustomFieldDef("renewal_date", "Renewal date", "date"),
        CustomFieldDef("fit", "Fit", "rating"),
        CustomFieldDef("segment_note", "Segment note", "text"),
    )
    assert settings.user == "Alice Martin"
    assert settings.user == "Alice Martin"
    assert settings.theme == "textual-dark"
    assert dict(settings.keymap) == {"move-card-right": "shift+right,L"}
    assert settings.source == EXAMPLE


def test_example_documents_every_key() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    for key in ("pipeline:", "statuses:", "lists:", "selling_stages:", "team:", "currency:"):
        assert f"\n{key}" in text or f"  {key}" in text
    for key in ("contact_cadence_days:", "custom_fields:", "theme:", "keymap:", "choices", "user:"):
        assert key in text


def test_uncommenting_payment_issued_adds_the_column(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    commented = "    # - {name: Payment issued, colour: magenta}\n"
    assert commented in text
    path = tmp_path / "config.yaml"
    path.write_text(text.replace(commented, commented.replace("# ", "", 1)), encoding="utf-8")
    schema = load_config(path, required=True).schema
    assert schema.status_names == (
        "Contacted",
        "Demo provided",
        "Proposal sent",
        "Payment issued",
        "Won",
        "Lost",
    )
    assert schema.statuses[3] == StatusDef("Payment issued", "magenta")


def test_plain_status_names_take_default_colours(tmp_path: Path) -> None:
    settings = load_text(tmp_path, "pipeline:\n  statuses: [Won, '  Invoiced  ']\n")
    assert settings.schema.statuses == (StatusDef("Won", "green"), StatusDef("Invoiced", "blue"))


def test_positions_are_one_based_line_and_column(tmp_path: Path) -> None:
    settings = load_text(
        tmp_path,
        """\
        # comment
        pipeline:
          statuses:
            - Contacted
            - Won
        keymap:
          quit: ctrl+q
        """,
    )
    assert settings.positions["pipeline"] == (2, 1)
    assert settings.positions["pipeline.statuses"] == (3, 3)
    assert settings.positions["pipeline.statuses[1]"] == (5, 7)
    assert settings.positions["keymap.quit"] == (7, 3)


# Syntax and structure errors


def test_yaml_syntax_error_has_the_problem_position(tmp_path: Path) -> None:
    path = write_config(tmp_path, "lists: [New, Existing\nteam: [Alice]\n")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert (caught.value.line, caught.value.column) == (2, 5)
    assert str(caught.value) == f"{path}:2:5: expected ',' or ']', but got ':'"


def test_tags_that_safe_load_refuses_are_refused(tmp_path: Path) -> None:
    error = config_error(tmp_path, "team: [Alice]\nlists: [!!python/name:os.system New]\n")
    assert (error.line, error.column) == (2, 9)
    assert error.problem == (
        "could not determine a constructor for the tag 'tag:yaml.org,2002:python/name:os.system'"
    )


def test_a_second_document_is_refused(tmp_path: Path) -> None:
    error = config_error(tmp_path, "team: [Alice]\n---\ntheme: nord\n")
    assert (error.line, error.column) == (2, 1)
    assert error.problem == "expected a single document in the stream, but found another document"


def test_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_bytes("currency: \u20ac\n".encode("utf-16"))
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value) == f"{path}:1:1: not UTF-8 text (byte 0xff: invalid start byte)"


def test_top_level_must_be_a_mapping(tmp_path: Path) -> None:
    error = config_error(tmp_path, "- New\n- Existing\n")
    assert where(error) == (1, 1, "")
    assert error.problem == "expected a mapping of settings, got a list"


def test_unknown_top_level_key_suggests_the_close_one(tmp_path: Path) -> None:
    error = config_error(tmp_path, "team: []\nlits: [New]\n")
    assert where(error) == (2, 1, "lits")
    assert error.problem == "unknown key 'lits'; did you mean 'lists'?"


def test_unknown_nested_key_suggests_the_close_one(tmp_path: Path) -> None:
    error = config_error(tmp_path, "pipeline:\n  statusses: [Won]\n")
    assert where(error) == (2, 3, "pipeline.statusses")
    assert error.problem == "unknown key 'statusses'; did you mean 'statuses'?"


def test_unknown_key_without_close_match_lists_the_keys(tmp_path: Path) -> None:
    error = config_error(tmp_path, "pipeline:\n  zzz: 1\n")
    assert where(error) == (2, 3, "pipeline.zzz")
    assert error.problem == "unknown key 'zzz'; expected one of: statuses"


def test_unknown_key_in_a_status_item(tmp_path: Path) -> None:
    error = config_error(tmp_path, "pipeline:\n  statuses:\n    - {name: Won, color: green}\n")
    assert where(error) == (3, 19, "pipeline.statuses[0].color")
    assert error.problem == "unknown key 'color'; did you mean 'colour'?"


def test_duplicate_key_is_refused(tmp_path: Path) -> None:
    error = config_error(tmp_path, "theme: nord\nteam: [A]\ntheme: dracula\n")
    assert where(error) == (3, 1, "theme")
    assert error.problem == "duplicate key 'theme' (first at line 1)"


def test_error_string_has_path_line_column_key_and_problem(tmp_path: Path) -> None:
    path = write_config(tmp_path, "theme: nord\ntheme: dracula\n")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value) == f"{path}:2:1: theme: duplicate key 'theme' (first at line 1)"


def test_merge_keys_are_refused(tmp_path: Path) -> None:
    error = config_error(tmp_path, "keymap:\n  <<: {quit: q}\n")
    assert where(error) == (2, 3, "keymap")
    assert error.problem == "merge keys (<<) are not supported"


# Wrong types


def test_cadence_as_a_word_is_refused(tmp_path: Path) -> None:
    error = config_error(tmp_path, 'team: []\ncontact_cadence_days: "thirty"\n')
    assert where(error) == (2, 23, "contact_cadence_days")
    assert error.problem == (
        "expected a whole number of days from 1 to 3650, got the string 'thirty'"
    )


@pytest.mark.parametrize(
    ("written", "described"),
    [
        ("yes", "the boolean true (written yes)"),
        ("0", "the number 0"),
        ("3651", "the number 3651"),
        ("7.5", "the number 7.5"),
        ("", "nothing"),
        ("[30]", "a list"),
    ],
)
def test_cadence_must_be_a_whole_number_in_range(
    tmp_path: Path, written: str, described: str
) -> None:
    error = config_error(tmp_path, f"contact_cadence_days: {written}\n")
    assert error.key_path == "contact_cadence_days"
    assert error.problem == f"expected a whole number of days from 1 to 3650, got {described}"


def test_cadence_bounds_are_accepted(tmp_path: Path) -> None:
    assert load_text(tmp_path, "contact_cadence_days: 1\n").schema.default_cadence_days == 1
    assert load_text(tmp_path, "contact_cadence_days: 3650\n").schema.default_cadence_days == 3650


def test_status_read_as_boolean_gets_a_quote_hint(tmp_path: Path) -> None:
    error = config_error(tmp_path, "pipeline:\n  statuses:\n    - Won\n    - no\n")
    assert where(error) == (4, 7, "pipeline.statuses[1]")
    assert error.problem == (
        "expected a status name, got the boolean false (written no);"
        ' quote it to keep it as text: "no"'
    )


def test_list_name_read_as_number_gets_a_quote_hint(tmp_path: Path) -> None:
    error = config_error(tmp_path, "lists: [New, 1.10]\n")
    assert where(error) == (1, 14, "lists[1]")
    assert error.problem == (
        "expected a lifecycle list name, got the number 1.1 (written 1.10); "
        'quote it to keep it as text: "1.10"'
    )


def test_quoted_yaml_traps_are_accepted(tmp_path: Path) -> None:
    settings = load_text(tmp_path, "lists: ['no', \"1.10\"]\n")
    assert settings.schema.lists == ("no", "1.10")


def test_lists_must_be_a_list(tmp_path: Path) -> None:
    error = config_error(tmp_path, "lists: New\n")
    assert where(error) == (1, 8, "lists")
    assert error.problem == "expected a list of lifecycle list names, got the string 'New'"


def test_pipeline_must_be_a_mapping(tmp_path: Path) -> None:
    error = config_error(tmp_path, "pipeline: [Won]\n")
    assert where(error) == (1, 11, "pipeline")
    assert error.problem == "expected a mapping, got a list"


def test_theme_must_be_non_empty_text(tmp_path: Path) -> None:
    error = config_error(tmp_path, "theme: '  '\n")
    assert where(error) == (1, 8, "theme")
    assert error.problem == "expected a theme name, got an empty string"
    assert load_text(tmp_path, "theme: nord\n").theme == "nord"


def test_currency_must_be_text(tmp_path: Path) -> None:
    error = config_error(tmp_path, "currency: 5\n")
    assert where(error) == (1, 11, "currency")
    assert error.problem == (
        'expected a currency symbol, got the number 5; quote it to keep it as text: "5"'
    )


# Names: empty, duplicates, at least one


def test_duplicate_status_names_the_first_line(tmp_path: Path) -> None:
    error = config_error(
        tmp_path,
        """\
        pipeline:
          statuses:
            - Contacted
            - {name: Won, colour: green}
            - Lost
            - Won
        """,
    )
    assert where(error) == (6, 7, "pipeline.statuses[3]")
    assert error.problem == "duplicate status 'Won' (first at line 4)"


def test_duplicate_after_stripping_is_refused(tmp_path: Path) -> None:
    error = config_error(tmp_path, "team:\n  - Alice\n  - ' Alice '\n")
    assert where(error) == (3, 5, "team[1]")
    assert error.problem == "duplicate team member 'Alice' (first at line 2)"


def test_duplicate_stage_is_refused(tmp_path: Path) -> None:
    error = config_error(tmp_path, "selling_stages: [Pitch, Close, Pitch]\n")
    assert where(error) == (1, 32, "selling_stages[2]")
    assert error.problem == "duplicate stage 'Pitch' (first at line 1)"


def test_empty_name_is_refused(tmp_path: Path) -> None:
    error = config_error(tmp_path, "lists:\n  - New\n  - ''\n")
    assert where(error) == (3, 5, "lists[1]")
    assert error.problem == "expected a lifecycle list name, got an empty string"


def test_missing_name_is_refused(tmp_path: Path) -> None:
    error = config_error(tmp_path, "lists:\n  - New\n  -\n")
    assert where(error) == (3, 4, "lists[1]")
    assert error.problem == "expected a lifecycle list name, got nothing"


@pytest.mark.parametrize(
    ("text", "key_path", "what"),
    [
        ("pipeline:\n  statuses: []\n", "pipeline.statuses", "status"),
        ("lists: []\n", "lists", "lifecycle list"),
        ("selling_stages: []\n", "selling_stages", "stage"),
    ],
)
def test_at_least_one_is_required(tmp_path: Path, text: str, key_path: str, what: str) -> None:
    error = config_error(tmp_path, text)
    assert error.key_path == key_path
    assert error.line is not None
    assert error.problem == f"expected at least one {what}, got an empty list"


def test_empty_team_is_allowed(tmp_path: Path) -> None:
    assert load_text(tmp_path, "team: []\n").schema.team == ()
    assert load_text(tmp_path, "team:\n").schema.team == ()


def test_status_mapping_needs_a_name(tmp_path: Path) -> None:
    error = config_error(tmp_path, "pipeline:\n  statuses:\n    - {colour: red}\n")
    assert where(error) == (3, 7, "pipeline.statuses[0]")
    assert error.problem == "expected a 'name' for this status"


# Colours


def test_unknown_colour_is_refused_with_a_suggestion(tmp_path: Path) -> None:
    error = config_error(tmp_path, "pipeline:\n  statuses:\n    - {name: Won, colour: gren}\n")
    assert where(error) == (3, 27, "pipeline.statuses[0].colour")
    assert error.problem == (
        "unknown colour 'gren'; expected a Rich colour such as 'green'; did you mean 'green'?"
    )


def test_hex_and_named_colours_are_accepted(tmp_path: Path) -> None:
    text = """\
        pipeline:
          statuses:
            - {name: A, colour: '#ff8800'}
            - {name: B, colour: bright_magenta}
        """
    statuses = load_text(tmp_path, text).schema.statuses
    assert statuses == (StatusDef("A", "#ff8800"), StatusDef("B", "bright_magenta"))


# Custom fields


def test_custom_field_defaults(tmp_path: Path) -> None:
    settings = load_text(tmp_path, "custom_fields:\n  - key: contract_end\n")
    assert settings.schema.custom_fields == (
        CustomFieldDef("contract_end", "Contract end", "text"),
    )


@pytest.mark.parametrize(
    ("field", "column", "key_path", "problem"),
    [
        (
            "{key: Employees}",
            11,
            "custom_fields[0].key",
            "expected a key of lower-case letters, digits and _, got 'Employees'",
        ),
        (
            "{key: industry}",
            11,
            "custom_fields[0].key",
            "'industry' is a built-in account field; choose another key",
        ),
        (
            "{key: size, type: nmber}",
            23,
            "custom_fields[0].type",
            "expected a field type (text, number, date, choice, rating), got 'nmber';"
            " did you mean 'number'?",
        ),
        (
            "{key: size, type: choice}",
            5,
            "custom_fields[0]",
            "a 'choice' field needs a list of 'choices'",
        ),
        (
            "{key: size, type: choice, choices: []}",
            40,
            "custom_fields[0].choices",
            "expected at least one choice, got an empty list",
        ),
        (
            "{key: size, type: choice, choices: [S, M, S]}",
            47,
            "custom_fields[0].choices[2]",
            "duplicate choice 'S' (first at line 2)",
        ),
        (
            "{key: size, type: number, choices: [S]}",
            40,
            "custom_fields[0].choices",
            "choices are only for type 'choice', not 'number'",
        ),
        (
            "{label: Size}",
            5,
            "custom_fields[0]",
            "expected a 'key' for this custom field",
        ),
        (
            "{key: size, kind: number}",
            17,
            "custom_fields[0].kind",
            "unknown key 'kind'; expected one of: key, label, type, choices",
        ),
    ],
)
def test_custom_field_errors(
    tmp_path: Path, field: str, column: int, key_path: str, problem: str
) -> None:
    error = config_error(tmp_path, f"custom_fields:\n  - {field}\n")
    assert where(error) == (2, column, key_path)
    assert error.problem == problem


def test_a_built_in_account_field_cannot_be_a_custom_key(tmp_path: Path) -> None:
    error = config_error(tmp_path, "custom_fields: [{key: offer_type, type: text}]\n")
    assert error.key_path == "custom_fields[0].key"
    assert error.problem == "'offer_type' is a built-in account field; choose another key"


def test_duplicate_custom_field_key_is_refused(tmp_path: Path) -> None:
    error = config_error(tmp_path, "custom_fields:\n  - key: fit\n  - key: fit\n    type: rating\n")
    assert where(error) == (3, 10, "custom_fields[1].key")
    assert error.problem == "duplicate custom field key 'fit' (first at line 2)"


# Keymap


def test_keymap_values_are_cleaned(tmp_path: Path) -> None:
    settings = load_text(tmp_path, "keymap:\n  quit: ' ctrl+q , f10 '\n")
    assert dict(settings.keymap) == {"quit": "ctrl+q,f10"}


def test_keymap_empty_keys_are_refused_on_load(tmp_path: Path) -> None:
    error = config_error(tmp_path, "keymap:\n  quit: ''\n")
    assert where(error) == (2, 9, "keymap.quit")
    assert error.problem == "expected keys like 'ctrl+s' or 'shift+right,L', got an empty string"


def test_keymap_value_must_be_text(tmp_path: Path) -> None:
    error = config_error(tmp_path, "keymap:\n  quit: [q]\n")
    assert where(error) == (2, 9, "keymap.quit")
    assert error.problem == "expected keys like 'ctrl+s' or 'shift+right,L', got a list"


def test_keymap_must_be_a_mapping(tmp_path: Path) -> None:
    error = config_error(tmp_path, "keymap: [quit]\n")
    assert where(error) == (1, 9, "keymap")
    assert error.problem == "expected a mapping, got a list"


def test_validate_keymap_accepts_known_ids(tmp_path: Path) -> None:
    settings = load_text(tmp_path, "keymap:\n  quit: ctrl+q\n")
    validate_keymap(settings, ["quit", "move-card-right"])


def test_validate_keymap_refuses_unknown_id_with_suggestion(tmp_path: Path) -> None:
    path = write_config(tmp_path, "theme: nord\nkeymap:\n  quit: q\n  move-card-rigth: L\n")
    settings = load_config(path)
    with pytest.raises(ConfigError) as caught:
        validate_keymap(settings, ["quit", "move-card-right", "move-card-left"])
    assert where(caught.value) == (4, 3, "keymap.move-card-rigth")
    assert str(caught.value) == (
        f"{path}:4:3: keymap.move-card-rigth: unknown binding id 'move-card-rigth';"
        " did you mean 'move-card-right'?"
    )


def test_validate_keymap_refuses_empty_keys_in_built_settings() -> None:
    settings = Settings(keymap={"quit": "q,,x"})
    with pytest.raises(ConfigError) as caught:
        validate_keymap(settings, ["quit"])
    assert str(caught.value) == (
        "keymap.quit: expected keys like 'ctrl+s' or 'shift+right,L', got 'q,,x'"
    )


# The store still using what the config dropped


def test_check_store_usage_passes_when_everything_is_listed() -> None:
    check_store_usage(Settings(), {"Won": 3, "Lost": 1}, {"New": 4})


def test_check_store_usage_ignores_zero_counts_and_blank_status(tmp_path: Path) -> None:
    settings = load_text(tmp_path, "pipeline:\n  statuses: [Won]\n")
    check_store_usage(settings, {"Won": 2, "Lost": 0, "": 5}, {})


def test_check_store_usage_points_at_the_statuses_node(tmp_path: Path) -> None:
    path = write_config(
        tmp_path,
        """\
        team: [Alice]
        pipeline:
          statuses: [Contacted, Proposal sent, Won, Lost]
        """,
    )
    settings = load_config(path)
    with pytest.raises(ConfigError) as caught:
        check_store_usage(settings, {"Contacted": 4, "Demo provided": 12}, {"New": 1})
    assert where(caught.value) == (3, 3, "pipeline.statuses")
    assert isinstance(caught.value, StoreConfigMismatch)
    assert str(caught.value) == (
        f"{path}:3:3: pipeline.statuses: the store holds 12 accounts in status 'Demo provided',"
        " which pipeline.statuses in config.yaml does not list. Either add 'Demo provided' to"
        " pipeline.statuses, or move those accounts to a status it lists:"
        " kam move-accounts --status 'Demo provided' NEW"
    )


def test_check_store_usage_lists_every_missing_status() -> None:
    settings = Settings(schema=Schema(statuses=(StatusDef("Won"),)))
    with pytest.raises(ConfigError) as caught:
        check_store_usage(settings, {"Lost": 2, "Contacted": 5}, {}, Path("/s/kam.json"))
    assert str(caught.value) == (
        "pipeline.statuses: the store /s/kam.json holds accounts in statuses 'Contacted' (5),"
        f" 'Lost' (2), which the built-in pipeline.statuses (there is no {default_config_path()})"
        " does not list. Either add them to pipeline.statuses, or move those accounts to a"
        " status it lists: kam move-accounts --status Contacted NEW"
    )


def test_check_store_usage_checks_lifecycle_lists(tmp_path: Path) -> None:
    settings = load_text(tmp_path, "lists:\n  - New\n  - Existing\n")
    with pytest.raises(ConfigError) as caught:
        check_store_usage(settings, {"Won": 1}, {"Existing": 2, "Returning": 1})
    assert where(caught.value) == (1, 1, "lists")
    assert caught.value.problem == (
        "the store holds 1 account in lifecycle list 'Returning', which lists in config.yaml"
        " does not list. Either add 'Returning' to lists, or move those accounts to a"
        " lifecycle list it lists: kam move-accounts --list Returning NEW"
    )


def test_check_store_usage_names_the_built_in_side_when_the_file_does_not_set_it(
    tmp_path: Path,
) -> None:
    settings = load_text(tmp_path, "team: [Alice]\n")
    with pytest.raises(StoreConfigMismatch) as caught:
        check_store_usage(settings, {"Paid": 1}, {})
    assert "which the built-in pipeline.statuses (config.yaml does not set it)" in str(caught.value)


def test_older_form_binding_ids_set_the_shared_ones(tmp_path: Path) -> None:
    settings = load_text(tmp_path, "keymap:\n  quit: q\n  swot-item-save: f2\n")
    assert dict(settings.keymap) == {"quit": "q", "form-save": "f2"}
    assert settings.positions["keymap.form-save"] == (3, 3)
    validate_keymap(settings, {"quit", "form-save"}, {}, lambda key: key)


def test_an_older_and_a_newer_id_of_one_binding_are_refused(tmp_path: Path) -> None:
    error = config_error(tmp_path, "keymap:\n  form-cancel: f3\n  cell-editor-cancel: f4\n")
    assert where(error) == (3, 23, "keymap.cell-editor-cancel")
    assert error.problem == (
        "'cell-editor-cancel' and 'form-cancel' both set 'form-cancel', the one binding of "
        "every form; keep one line"
    )


def test_example_file_gives_the_import_section() -> None:
    importing = load_config(EXAMPLE, required=True).importing
    assert importing.status_of_stage("negotiation/review") == "Proposal sent"
    assert importing.status_of_stage("Closed Won") == "Won"
    assert importing.lifecycle.gap_months == 12
    assert (importing.won_status, importing.lost_status) == ("Won", "Lost")
