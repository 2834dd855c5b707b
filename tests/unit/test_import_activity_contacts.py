"""An activity imported from Salesforce (a task's or event's WhoId) or HubSpot (its
`Associated Contact IDs`) names its contacts: imported with it, or before it; a contact
that is not among them (a Salesforce lead) is left out of the activity, not its row."""

from __future__ import annotations

from pathlib import Path

import pytest

from kam_tui.cli.main import main
from kam_tui.domain.models import Activity, Contact
from kam_tui.store import Repository

HUBSPOT = Path(__file__).resolve().parents[1] / "data" / "hubspot-activities"


def _import(capsys: pytest.CaptureFixture[str], store: Path, *files: Path) -> str:
    args = ["import", "--db", str(store), "--yes", "--skip-bad-rows", *map(str, files)]
    code = main(args)
    out, err = capsys.readouterr()
    assert code == 0, err + out
    return out


def _contacts_of(store: Path) -> dict[str, set[str]]:
    """Each activity's summary -> the names of its contacts."""
    repository = Repository.open(store, read_only=True)
    names = {contact.id: contact.name for contact in repository.all(Contact)}
    found = {
        activity.summary.splitlines()[0]: {names[n] for n in activity.contact_ids}
        for activity in repository.all(Activity)
    }
    repository.close()
    return found


def test_a_hubspot_activity_names_its_contacts(
    capsys: pytest.CaptureFixture[str], store_path: Path, tmp_path: Path
) -> None:
    contacts = tmp_path / "hubspot-crm-exports-contacts-2024-09-01.csv"
    contacts.write_text(
        "Record ID,First Name,Last Name,Job Title,Associated Company IDs,Associated Company\n"
        "7001,Ada,Lovelace,CFO,9001,Acme Robotics\n"
        "7002,Klaus,Berger,Buyer,9002,\n",
        encoding="utf-8",
    )
    meetings = tmp_path / "hubspot-crm-exports-meetings-2024-09-01.csv"
    meetings.write_text(
        "Record ID,Meeting name,Meeting description,Activity date,Activity assigned to,"
        "Associated Company IDs,Associated Company,Associated Contact IDs\n"
        "801,Steering,Quarterly,2024-08-20 09:00,Jane Doe,9001,,7001;7002;7001\n"
        "802,Site visit,,2024-08-21 09:00,Jane Doe,9002,,7999\n",
        encoding="utf-8",
    )
    companies = HUBSPOT / "hubspot-crm-exports-companies-2024-09-01.csv"
    calls = HUBSPOT / "hubspot-crm-exports-calls-2024-09-01.csv"
    out = _import(capsys, store_path, companies, contacts, calls, meetings)
    found = _contacts_of(store_path)
    assert found["Kick-off call"] == {"Ada Lovelace"}  # its Associated Contact IDs: 7001
    assert found["Steering"] == {"Ada Lovelace", "Klaus Berger"}  # each once
    assert found["Site visit"] == set()  # 7999: no such contact, the visit kept
    assert (
        "1 contact id(s) named by activities are not among the contacts imported now or "
        "before (first: hubspot-crm-exports-meetings-2024-09-01.csv:3: 7999;"
    ) in out
    before = store_path.read_bytes()
    again = _import(capsys, store_path, companies, contacts, calls, meetings)
    assert "Nothing to import" in again and store_path.read_bytes() == before


def test_a_salesforce_task_or_event_names_its_contact_not_a_lead(
    capsys: pytest.CaptureFixture[str], store_path: Path, tmp_path: Path
) -> None:
    (tmp_path / "Account.csv").write_text("Id,Name,BillingCity\n001A,Edge Communications,Austin\n")
    (tmp_path / "Contact.csv").write_text(
        "Id,AccountId,FirstName,LastName,Title\n003A,001A,Rose,Gonzalez,CFO\n"
    )
    (tmp_path / "Task.csv").write_text(
        "Id,AccountId,WhoId,Subject,ActivityDate,Status,TaskSubtype\n"
        "00TA,001A,003A,Renewal call,03/05/24,Completed,Call\n"
        "00TB,001A,00QLEAD,Call a lead,03/06/24,Completed,Call\n"
    )
    (tmp_path / "Event.csv").write_text(
        "Id,AccountId,WhoId,Subject,StartDateTime\n00UA,001A,003A,Site visit,03/07/24 02:30 PM\n"
    )
    out = _import(capsys, store_path, *sorted(tmp_path.glob("*.csv")))
    found = _contacts_of(store_path)
    assert found == {
        "Renewal call": {"Rose Gonzalez"},
        "Call a lead": set(),
        "Site visit": {"Rose Gonzalez"},
    }
    assert "are not among the contacts imported now or before (first: Task.csv:3: 00QLEAD;" in out
