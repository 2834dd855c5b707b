"""One laptop's sync, on the one thread that owns its shared document: load the document
beside the store, write local changes into it, exchange with the team server, bring the
store up to what came in. The app runs it on a worker thread (syncing.Syncer); `kam sync`
runs it once on its main thread."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pycrdt import Doc, Map, MapEvent

from kam_tui.config.sync_settings import SyncSettings
from kam_tui.domain.hlc import HybridClock
from kam_tui.domain.models import TABLES
from kam_tui.services.syncing_files import SyncFiles
from kam_tui.services.workspace import Workspace
from kam_tui.store.undo import Change
from kam_tui.sync.client import ExchangeReport, exchange
from kam_tui.sync.conflicts import Conflict
from kam_tui.sync.document import LOCAL, ROOT, RemoteRead, SharedDocument
from kam_tui.sync.record_index import IndexedLoad, index_path, read_index, write_index
from kam_tui.sync.tokens import TokenFileError, read_token_file

EXCHANGE_TIMEOUT = 30.0
"""Seconds waited for each answer of the server in an ordinary exchange."""
FIRST_EXCHANGE_TIMEOUT = 600.0
"""The same for a laptop's first exchange: it downloads the whole team document at once."""
MAX_TRIES = 3
"""Connections tried per exchange before the laptop counts as offline."""
COMPACT_BYTES = 4 * 1024 * 1024
"""The size of the document's log past which the next save writes the document whole."""
SAVED_WAIT = 30.0
"""Seconds waited for the store to save remote changes before the mark of them is dropped."""

Exchange = Callable[..., ExchangeReport]
ApplyRemote = Callable[[Change], None]
"""Applies a remote change to the store on the thread that owns the store."""


class SyncRefused(Exception):
    """Syncing cannot go on until the user acts: the message says why and what to do."""


@dataclass
class Outcome:
    """What one sync (`SyncSession.sync`) did."""

    report: ExchangeReport | None = None
    """The last exchange's report (None: no exchange was tried)."""
    records_in: int = 0
    """Records of the store changed by what came from the server."""
    fields_out: int = 0
    """Field entries (and deletions) this laptop wrote into the document in this session
    that the sync verified on the server."""
    conflicts: list[Conflict] = field(default_factory=list)
    """The conflicts this sync brought."""
    rejected: int = 0
    """Records from the server whose values were malformed (the store keeps its own)."""

    bytes_up: int = 0
    bytes_down: int = 0
    """Bytes of the Yjs messages both ways, over every exchange of the sync."""

    def took(self, report: ExchangeReport) -> None:
        self.report = report
        self.bytes_up += report.bytes_up
        self.bytes_down += report.bytes_down

    @property
    def covered(self) -> bool:
        return self.report is not None and self.report.covered


class SyncSession:
    """The shared document of one store and everything done with it, on one thread."""

    def __init__(
        self,
        workspace: Workspace,
        settings: SyncSettings,
        *,
        apply_remote: ApplyRemote | None = None,
        exchange_with: Exchange = exchange,
    ) -> None:
        self.workspace = workspace
        self.settings = settings
        self.files = SyncFiles(workspace.repository.path)
        self._apply_remote = apply_remote or workspace.apply_remote
        self._exchange = exchange_with
        self.repository = workspace.repository
        self.clock = HybridClock(workspace.clock, self.repository.origin)
        self.shared: SharedDocument | None = None
        self.joined = False
        """True once the document holds the team's data and this store's records."""
        self.conflicts: list[Conflict] = []
        """The conflicts not yet dealt with (kept in a file beside the store)."""
        self._saved_whole = False
        """True while appending to the saved document's log is sound: it was loaded whole
        (no record cut short), or written whole in this session."""
        self._unsaved: list[bytes] = []
        """The updates of the document's transactions since the last save."""
        self._log_bytes = 0
        self.fields_unsent = 0
        """Field entries (and deletions) this laptop wrote into the document in this session
        and no exchange verified on the server yet."""

    @property
    def author(self) -> str:
        return self.settings.name

    # Loading

    def load(self) -> int:
        """Load the document saved beside the store, write into it the local edits a
        killed session left unwritten, and bring the store up to it when a killed session
        left remote changes unsaved; returns how many unwritten edits were written."""
        updates = self.files.read_document()
        doc: Doc[Any] = Doc()
        index = read_index(self._index_file) if updates is not None else None
        indexed = IndexedLoad(doc, doc.get(ROOT, type=Map), index)
        for update in updates or ():
            indexed.apply(update)
        indexed.close()
        self.joined = updates is not None
        # A whole write of a large document holds the interpreter (0.6 s at 115 MB): go on
        # appending to a sound log rather than writing it again at every start.
        self._saved_whole = self.joined and self.files.log_whole
        with contextlib.suppress(FileNotFoundError):
            self._log_bytes = self.files.document_log.stat().st_size
        self._watching = doc.observe(lambda event: self._unsaved.append(event.update))
        self.shared = SharedDocument(
            doc, self.repository, parents=indexed.parents, stale=indexed.touched
        )
        if self.joined and indexed.parents is None:
            self._write_index()  # the next start skips the whole read this one made
        self._counting = doc.get(ROOT, type=Map).observe_deep(self._count_local)
        self.conflicts = self.files.read_conflicts()
        size = self.files.journal_size()
        repository = self.repository
        edits = self.files.unsent_edits(lambda t, i: repository.get(TABLES[t], i))
        if edits:
            self.shared.write_change(Change("Unsent edits", tuple(edits)), self.clock, self.author)
        if self.joined and self.files.remote_marked:
            self._bring_in(self.shared.read_remote(self.clock, everything=True), Outcome())
        if edits or self.joined:
            self.save()
        self.files.forget_unsent(size)
        return len(edits)

    def _count_local(self, events: list[Any]) -> None:
        for event in events:
            if event.transaction.origin != LOCAL or not isinstance(event, MapEvent):
                continue
            path: list[Any] = event.path  # type: ignore[attr-defined]
            for change in event.keys.values():  # type: ignore[attr-defined]
                new = change.get("newValue")
                self.fields_unsent += max(len(new) - 1, 1) if not path and new else 1

    @property
    def doc(self) -> Doc[Any]:
        assert self.shared is not None, "load() first"
        return self.shared.doc

    def save(self) -> None:
        """Save the document beside the store: the updates of its transactions since the
        last save, appended to its log (as Yjs hands them over: no diff is computed); the
        whole document (atomically) when there is none yet, when the log ended in a record
        cut short, and when the log has grown past COMPACT_BYTES."""
        updates, self._unsaved = self._unsaved, []
        if not self._saved_whole or self._log_bytes > COMPACT_BYTES:
            self.files.write_document(self.doc.get_update())
            self._write_index()
            self._saved_whole = True
            self._log_bytes = 0
        elif updates:
            self._log_bytes = self.files.append_document(updates)

    @property
    def _index_file(self) -> Path:
        return index_path(self.files.document)

    def _write_index(self) -> None:
        """Save the record index of the document as it is now (see record_index)."""
        assert self.shared is not None
        write_index(self._index_file, self.doc.get_state(), self.shared.parents)

    # Local changes

    def write_local(self, changes: Iterable[Change]) -> None:
        """Write local changes into the document (the caller saves it)."""
        assert self.shared is not None, "load() first"
        for change in changes:
            self.shared.write_change(change, self.clock, self.author)

    # Exchanging

    def token(self) -> str:
        try:
            return read_token_file(self.settings.token_file)
        except TokenFileError as error:
            raise SyncRefused(str(error)) from None

    def sync(self) -> Outcome:
        """Join when this laptop has not yet, then exchange until verified (values Yjs
        displaced are written again and sent at once), bring the store up to what came in
        and save the document. Raises SyncRefused when the user must act first."""
        outcome = Outcome()
        token = self.token()
        if not self.joined and not self._join(token, outcome):
            return outcome
        for _ in range(MAX_TRIES):
            outcome.took(self._exchange_once(token, EXCHANGE_TIMEOUT))
            reasserted = 0
            if self.shared is not None and self.shared.pending:
                read = self.shared.read_remote(self.clock)
                reasserted = read.reasserted
                self._bring_in(read, outcome)
            self.save()
            if not reasserted or not outcome.covered:
                break
        if outcome.covered:
            outcome.fields_out, self.fields_unsent = self.fields_unsent, 0
        return outcome

    def _exchange_once(
        self, token: str, timeout: float, doc: Doc[Any] | None = None
    ) -> ExchangeReport:
        ca_file = str(self.settings.ca_file) if self.settings.ca_file else None
        return self._exchange(
            doc if doc is not None else self.doc,
            self.settings.url,
            token,
            timeout=timeout,
            ca_file=ca_file,
            max_tries=MAX_TRIES,
        )

    def _join(self, token: str, outcome: Outcome) -> bool:
        """Download the team's document into a blank one first: refuse when it already
        holds records of this store's origin (a copied store), else take it in, bring the
        store up to it and publish the store's own records."""
        blank: Doc[Any] = Doc()
        outcome.took(self._exchange_once(token, FIRST_EXCHANGE_TIMEOUT, blank))
        if not outcome.covered:
            return False
        origin = self.repository.origin
        team: Map[Any] = blank.get(ROOT, type=Map)
        if any(key.startswith(f"{origin}:") for key in team.keys()):  # noqa: SIM118
            raise SyncRefused(
                f"the team's document already holds records of this store (origin {origin}): "
                "this store is a copy of another laptop's. Join with a store of its own "
                "(kam export, then kam import into a new store), or, if this is the same "
                f"laptop whose {self.files.document.name} was lost, ask the team lead"
            )
        assert self.shared is not None
        self.doc.apply_update(blank.get_update())
        if self.shared.pending:
            self._bring_in(self.shared.read_remote(self.clock), outcome)
        records = [record for kind in TABLES.values() for record in self.repository.all(kind)]
        self.shared.publish(records, self.clock, self.author)
        self.save()
        self.joined = True
        return True

    def _bring_in(self, read: RemoteRead, outcome: Outcome) -> None:
        """Apply a remote read to the store (on its thread), keep its conflicts. The mark
        stays until the store saved the change: a kill before that is repaired at the next
        load by reading the whole document."""
        outcome.rejected += len(read.rejected)
        if read.conflicts:
            outcome.conflicts.extend(read.conflicts)
            self.conflicts.extend(read.conflicts)
            self.files.write_conflicts(self.conflicts)
        if not read.change.edits:
            return
        self.files.mark_remote()
        self.save()
        self._apply_remote(read.change)
        outcome.records_in += len(read.change.edits)
        if self.repository.wait_saved(SAVED_WAIT):
            self.files.unmark_remote()

    def forget_conflict(self, conflict: Conflict) -> None:
        """Drop a conflict the user dealt with."""
        if conflict in self.conflicts:
            self.conflicts.remove(conflict)
            self.files.write_conflicts(self.conflicts)
