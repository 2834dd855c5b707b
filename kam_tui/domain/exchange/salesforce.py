"""Salesforce Data Loader exports: which file is which, and what each column becomes."""

from __future__ import annotations

from types import MappingProxyType

from kam_tui.domain.exchange.sources import Column, ObjectSpec, Source
from kam_tui.domain.exchange.values import (
    parse_cents,
    parse_date,
    parse_flag,
    parse_percent,
    parse_when,
)

_ACTIVITY_REPORTED = MappingProxyType({"summary": "Subject", "day": "ActivityDate"})

ACCOUNT = ObjectSpec(
    name="Account",
    target="accounts",
    recognise_by=frozenset({"Id", "Name", "BillingCity"}),
    id_column="Id",
    parent_column="",
    columns=(
        Column("Name", "name"),
        Column("Industry", "industry"),
        Column("Rating", "rating"),
        Column("BillingCity", "city"),
        Column("BillingState", "state"),
        Column("AnnualRevenue", "annual_revenue", parse_cents),
        Column("OwnerId", "owner_id"),
    ),
    order=1,
    reported=MappingProxyType({"address": "BillingCity"}),
)
CONTACT = ObjectSpec(
    name="Contact",
    target="contacts",
    recognise_by=frozenset({"Id", "AccountId", "LastName", "FirstName"}),
    id_column="Id",
    parent_column="AccountId",
    columns=(
        Column("FirstName", "first_name"),
        Column("LastName", "last_name"),
        Column("Title", "title"),
        Column("Email", "email"),
        Column("Phone", "phone"),
        Column("MobilePhone", "mobile"),
        Column("OwnerId", "owner_id"),
    ),
    order=2,
    reported=MappingProxyType({"name": "LastName", "phone": "Phone"}),
)
OPPORTUNITY = ObjectSpec(
    name="Opportunity",
    target="deals",
    recognise_by=frozenset({"Id", "AccountId", "StageName", "CloseDate"}),
    id_column="Id",
    parent_column="AccountId",
    columns=(
        Column("Name", "title"),
        Column("StageName", "source_stage"),
        Column("Amount", "amount", parse_cents),
        Column("Probability", "probability", parse_percent),
        Column("CreatedDate", "created", parse_date),
        Column("CloseDate", "close_date", parse_date),
        Column("IsClosed", "closed", parse_flag),
        Column("IsWon", "won", parse_flag),
        Column("OwnerId", "owner_id"),
    ),
    order=3,
    reported=MappingProxyType({"stage": "StageName"}),
)
OPPORTUNITY_HISTORY = ObjectSpec(
    name="OpportunityHistory",
    target="status_history",
    recognise_by=frozenset({"Id", "OpportunityId", "StageName", "CreatedDate"}),
    id_column="Id",
    parent_column="OpportunityId",
    columns=(
        Column("StageName", "source_stage"),
        Column("CreatedDate", "when", parse_when),
        Column("CreatedById", "owner_id"),
    ),
    order=4,
    reported=MappingProxyType({"to_value": "StageName", "day": "CreatedDate"}),
)
TASK = ObjectSpec(
    name="Task",
    target="activities",
    recognise_by=frozenset({"Id", "Subject", "ActivityDate", "Status"}),
    id_column="Id",
    parent_column="AccountId",
    columns=(
        Column("Subject", "subject"),
        Column("Description", "description"),
        Column("ActivityDate", "day", parse_date),
        Column("TaskSubtype", "subtype"),
        Column("Status", "state"),
        Column("OwnerId", "owner_id"),
        Column("WhoId", "contacts"),
    ),
    order=5,
    reported=_ACTIVITY_REPORTED,
    activity_kinds=MappingProxyType({"call": "call", "email": "email", "listemail": "email"}),
    done_states=frozenset({"completed"}),
)
EVENT = ObjectSpec(
    name="Event",
    target="activities",
    recognise_by=frozenset({"Id", "Subject", "StartDateTime"}),
    id_column="Id",
    parent_column="AccountId",
    columns=(
        Column("Subject", "subject"),
        Column("Description", "description"),
        Column("StartDateTime", "when", parse_when),
        Column("Location", "location"),
        Column("OwnerId", "owner_id"),
        Column("WhoId", "contacts"),
    ),
    order=5,
    reported=MappingProxyType({"summary": "Subject", "day": "StartDateTime"}),
    default_kind="meeting",
)
USER = ObjectSpec(
    name="User",
    target="users",
    recognise_by=frozenset({"Id", "Username", "LastName"}),
    id_column="Id",
    parent_column="",
    columns=(Column("FirstName", "first_name"), Column("LastName", "last_name")),
    order=0,
)

SALESFORCE = Source(
    "Salesforce", (USER, ACCOUNT, CONTACT, OPPORTUNITY, OPPORTUNITY_HISTORY, TASK, EVENT)
)
"""Salesforce Data Loader exports (files recognised from their headers, not their names)."""
