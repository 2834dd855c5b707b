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
"""

from __future__ import annotations

from types import MappingProxyType

from kam_tui.domain.exchange.sources import Column, ObjectSpec, Source
from kam_tui.domain.exchange.values import parse_cents, parse_date, parse_probability

RECORD_ID = "Record ID"
ASSOCIATED_IDS = "Associated Company IDs"
ASSOCIATED_NAME = "Associated Company"


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

HUBSPOT = Source("HubSpot", (COMPANY, COMPANY_BY_NAME, CONTACT, DEAL))
"""HubSpot CSV exports of companies, contacts and deals (recognised from their headers)."""
