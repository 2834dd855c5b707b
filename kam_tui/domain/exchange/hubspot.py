"""HubSpot CRM exports (companies, contacts, deals): which file is which, and what each
column becomes.

The headers are the property labels HubSpot writes when a view is exported to CSV: every
file leads with `Record ID`; owners are written as the owner's name under `<Object> owner`
(HubSpot's own import takes the same column, "Set up your import files",
knowledge.hubspot.com/crm-setup/set-up-your-import-file); a deal's `Deal Stage` is its
stage's label in the default pipeline, whose internal values are appointmentscheduled,
qualifiedtobuy, presentationscheduled, decisionmakerboughtin, contractsent, closedwon and
closedlost (developers.hubspot.com, CRM pipelines guide: every account starts with the
pipeline `default`), written with the pipeline's name in brackets for a stage of another
pipeline; `Deal probability` is a fraction (0.2), left empty it is the stage's default
(tuning.DEFAULT_STAGE_PROBABILITY); an export including associations adds `Associated
Company IDs` (the primary company first, several separated by `;`) and `Associated Company`
(its name).
Companies were exported as `Name` before HubSpot renamed the property's label to
`Company name`: both are recognised.

Activities (HubSpot's engagements: calls, meetings, emails, notes, tasks) are exported from
their index pages with the same `Record ID` and associations, and their properties'
labels ("HubSpot's default activity properties", knowledge.hubspot.com): `Activity date`
(when it happened), `Activity assigned to` (its owner, by name), `Call title` and `Call
notes`, `Meeting name` and `Meeting description`, `Email subject` and `Email body`, `Note
body`, `Task title`, `Notes` (a task's body), `Task status` and `Task type`. Each is an
activity of its account (the first of `Associated Company IDs`, else `Associated
Company`), with the contacts its `Associated Contact IDs` name (separated by `;`); a task
only once completed (one not done yet is no touch: left out, counted).
"""

from __future__ import annotations

from types import MappingProxyType

from kam_tui.domain.exchange.sources import Column, ObjectSpec, Source
from kam_tui.domain.exchange.values import (
    parse_cents,
    parse_date,
    parse_probability,
    parse_when,
)

RECORD_ID = "Record ID"
ASSOCIATED_IDS = "Associated Company IDs"
ASSOCIATED_NAME = "Associated Company"
ASSOCIATED_CONTACTS = "Associated Contact IDs"


def _company(name_column: str) -> ObjectSpec:
    return ObjectSpec(
        name="Company",
        target="accounts",
        recognise_by=frozenset({RECORD_ID, name_column}),
        id_column=RECORD_ID,
        parent_column="",
        columns=(
            Column(name_column, "name"),
            Column("Industry", "industry"),
            Column("Company Domain Name", "website"),
            Column("City", "city"),
            Column("State/Region", "state"),
            Column("Country/Region", "country"),
            Column("Annual Revenue", "annual_revenue", parse_cents),
            Column("Company owner", "owner"),
        ),
        order=1,
        reported=MappingProxyType({"address": "City", "assignee": "Company owner"}),
    )


COMPANY = _company("Company name")
COMPANY_BY_NAME = _company("Name")
CONTACT = ObjectSpec(
    name="Contact",
    target="contacts",
    recognise_by=frozenset({RECORD_ID, "First Name", "Last Name"}),
    id_column=RECORD_ID,
    parent_column=ASSOCIATED_IDS,
    parent_split=";",
    parent_name_column=ASSOCIATED_NAME,
    columns=(
        Column("First Name", "first_name"),
        Column("Last Name", "last_name"),
        Column("Job Title", "title"),
        Column("Email", "email"),
        Column("Phone Number", "phone"),
        Column("Mobile Phone Number", "mobile"),
        Column("Contact owner", "owner"),
    ),
    order=2,
    reported=MappingProxyType({"name": "Last Name", "phone": "Phone Number"}),
)
DEAL = ObjectSpec(
    name="Deal",
    target="deals",
    recognise_by=frozenset({RECORD_ID, "Deal Name", "Deal Stage"}),
    id_column=RECORD_ID,
    parent_column=ASSOCIATED_IDS,
    parent_split=";",
    parent_name_column=ASSOCIATED_NAME,
    columns=(
        Column("Deal Name", "title"),
        Column("Deal Stage", "source_stage"),
        Column("Pipeline", "pipeline"),
        Column("Deal probability", "probability", parse_probability),
        Column("Amount", "amount", parse_cents),
        Column("Create Date", "created", parse_date),
        Column("Close Date", "close_date", parse_date),
        Column("Deal owner", "owner"),
    ),
    order=3,
    reported=MappingProxyType({"stage": "Deal Stage", "outcome": "Deal Stage"}),
)

ACTIVITY_DATE = "Activity date"
ACTIVITY_OWNER = "Activity assigned to"


def _activity(
    name: str,
    subject: str,
    body: str,
    kind: str,
    *more: Column,
    done_states: frozenset[str] = frozenset(),
    kinds: dict[str, str] | None = None,
) -> ObjectSpec:
    """A HubSpot activity export: recognised by its record id and its subject or body
    column (a file holds one kind of activity)."""
    recognise = RECORD_ID, (subject or body)
    return ObjectSpec(
        name=name,
        target="activities",
        recognise_by=frozenset(recognise),
        id_column=RECORD_ID,
        parent_column=ASSOCIATED_IDS,
        parent_split=";",
        parent_name_column=ASSOCIATED_NAME,
        columns=(
            *((Column(subject, "subject"),) if subject else ()),
            Column(body, "description"),
            Column(ACTIVITY_DATE, "when", parse_when),
            Column(ACTIVITY_OWNER, "owner"),
            Column(ASSOCIATED_CONTACTS, "contacts"),
            *more,
        ),
        order=5,
        reported=MappingProxyType(
            {"summary": subject or body, "day": ACTIVITY_DATE, "logged_by": ACTIVITY_OWNER}
        ),
        activity_kinds=MappingProxyType(kinds or {}),
        default_kind=kind,
        done_states=done_states,
    )


CALL = _activity("Call", "Call title", "Call notes", "call")
MEETING = _activity("Meeting", "Meeting name", "Meeting description", "meeting")
EMAIL = _activity("Email", "Email subject", "Email body", "email")
NOTE = _activity("Note", "", "Note body", "note")
TASK = _activity(
    "Task",
    "Task title",
    "Notes",
    "note",
    Column("Task status", "state"),
    Column("Task type", "subtype"),
    done_states=frozenset({"completed"}),
    kinds={"call": "call", "email": "email"},
)

HUBSPOT = Source(
    "HubSpot",
    (COMPANY, COMPANY_BY_NAME, CONTACT, DEAL, CALL, MEETING, EMAIL, NOTE, TASK),
)
"""HubSpot CSV exports of companies, contacts, deals and activities (recognised from
their headers)."""
