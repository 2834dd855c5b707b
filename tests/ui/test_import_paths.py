"""What the import dialog makes of typed paths: quoting, folders, tab completion."""

from __future__ import annotations

from pathlib import Path

import pytest

from kam_tui.ui.importing.paths import choose_files, completed, typed_paths


@pytest.fixture
def export(tmp_path: Path) -> Path:
    """A folder holding an export: two CSV files, a note, a sub-folder, a hidden file."""
    folder = tmp_path / "my export"
    folder.mkdir()
    for name in ("Opportunity.csv", "Account.CSV", "readme.txt", ".hidden.csv"):
        (folder / name).write_text("x", encoding="utf-8")
    (folder / "old").mkdir()
    (folder / "old" / "Account.csv").write_text("x", encoding="utf-8")
    return folder


def test_a_path_with_spaces_needs_no_quotes_when_it_exists(export: Path) -> None:
    assert typed_paths("my export", export.parent) == [export]
    assert typed_paths(f"  {export}  ", Path("/elsewhere")) == [export]


def test_several_paths_are_shell_words_relative_to_the_folder(export: Path) -> None:
    folder = export.parent
    assert typed_paths('"my export/Account.CSV" b.csv', folder) == [
        export / "Account.CSV",
        folder / "b.csv",
    ]
    assert typed_paths("", folder) == []
    with pytest.raises(ValueError):
        typed_paths('"my export/Account.CSV', folder)


def test_a_folder_gives_its_csv_files_in_name_order_each_once(export: Path) -> None:
    chosen = choose_files([export, export / "Opportunity.csv"])
    # not readme.txt, the hidden file, nor the sub-folder's file
    assert [path.name for path in chosen.files] == ["Account.CSV", "Opportunity.csv"]
    assert chosen.problems == []
    hidden = choose_files([export / ".hidden.csv"])  # named, it is taken
    assert hidden.files == [export / ".hidden.csv"]


def test_missing_paths_and_folders_without_csv_are_problems(export: Path) -> None:
    chosen = choose_files([export / "old" / "nope.csv", export / "old" / ".."])
    assert chosen.problems == [f"{export / 'old' / 'nope.csv'}: no such file or folder"]
    empty = export / "empty"
    empty.mkdir()
    assert choose_files([empty]).problems == [f"{empty}: no .csv file in this folder"]


def test_tab_completes_as_far_as_the_names_agree(export: Path) -> None:
    folder = export.parent
    assert completed("my", folder) == "my export/"  # the one match is a folder
    assert completed("my export/O", folder) == "my export/Opportunity.csv"
    assert completed("my export/", folder) is None  # Account.CSV, old, ...: nothing shared
    assert completed(f"a.csv {folder}/my", folder) == f"a.csv {folder}/my export/"
    assert completed(f"{export}/.h", folder) == f"{export}/.hidden.csv"
    assert completed("nothing-here", folder) is None
