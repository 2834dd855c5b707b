"""Command palette providers: every available action, and jumping to an account by name."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import CommandPalette, DiscoveryHit, Hit, Hits, Provider

from kam_tui.domain.fuzzy import FuzzyMatch, fuzzy_match
from kam_tui.domain.models import Account
from kam_tui.ui.typed_app import KamAppApi, kam_app
from kam_tui.ui.user_text import highlighted, literal, markup_escaped, printable

MAX_ACCOUNT_HITS = 40
"""The most accounts a search lists: with thousands the list must stay instant."""
ACTION_PREFIX_BOOST = 2.0
"""How much more an action whose name starts with the query weighs than its fuzzy score (the
same scale as an account name's)."""
TAB_QUERY_MIN = 2
"""How many letters of a plan tab's name ("sw", "pl") offer that tab of every account."""
JUMP_TO_ACCOUNT = "Jump to account…"
"""The palette entry that opens the account search."""
IMPORT = "Import…"
"""The palette entry that opens the import dialog."""
_HIDDEN_ACTIONS = frozenset({"command_palette", "app.command_palette"})


def _kam(provider: Provider) -> KamAppApi:
    return kam_app(provider.app)


class ActionsProvider(Provider):
    """Every action that works where the palette was opened, plus "Jump to account…"."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        """(name, help, callback) of each action check_action allows right now."""
        app = _kam(self)
        commands: list[tuple[str, str, Callable[[], object]]] = [
            (
                JUMP_TO_ACCOUNT,
                "Search the accounts by name and open one",
                app.action_jump_to_account,
            ),
            (IMPORT, "Import a CRM export (CSV files or a folder), preview it first", self._import),
        ]
        seen: set[tuple[str, str]] = set()
        for key, active in self.screen.active_bindings.items():
            binding = active.binding
            if (
                not binding.description
                or not binding.id  # Textual's own (ctrl+q, focus next): ours all carry an id
                or binding.system
                or binding.action in _HIDDEN_ACTIONS
                or not active.enabled
            ):
                continue
            identity = (binding.id or binding.action, binding.description)
            if identity in seen:
                continue
            seen.add(identity)
            shown_key = app.get_key_display(binding) if key else ""
            help_text = markup_escaped(
                " ".join(part for part in (binding.tooltip, f"({shown_key})") if part)
            )
            run = partial(self.app.run_action, binding.action, active.node)
            commands.append((binding.description, help_text, run))
        return commands

    def _import(self) -> None:
        """Open the import dialog on the current folder."""
        from pathlib import Path

        from kam_tui.ui.importing.dialog import ImportDialog

        self.app.push_screen(ImportDialog(Path.cwd()))

    async def discover(self) -> Hits:
        """List every action when nothing is typed yet."""
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        """Fuzzy-match the actions by name; an action whose name starts with what is typed
        ranks above accounts that merely contain it ("Import" finds Import… before the
        account Wide World Importers)."""
        matcher = self.matcher(query)
        typed = query.strip().casefold()
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                if typed and name.casefold().startswith(typed):
                    score *= ACTION_PREFIX_BOOST
                yield Hit(score, matcher.highlight(name), callback, help=help_text)


def _account_help(account: Account) -> str:
    """The palette's second line for an account (markup: the palette parses it)."""
    parts = [account.status, account.industry, account.assignee or "unassigned"]
    return markup_escaped(" · ".join(part for part in parts if part))


class AccountSearchProvider(Provider):
    """Accounts whose name matches what is typed; enter opens the account.

    Typing "<tab>: <name>" (for example "SWOT: north") offers that tab of the
    account plan directly, for every plan tab the account screen declares.
    """

    def _best_accounts(self, query: str) -> list[tuple[FuzzyMatch, str, Account]]:
        """(match, name as shown, account) of the best matches of `query`, best first."""
        scored = []
        for account in _kam(self).workspace.accounts():
            shown = printable(account.name)
            found = fuzzy_match(query, shown)
            if found.score > 0:
                scored.append((found, shown, account))
        scored.sort(key=lambda item: (-item[0].score, item[1].casefold()))
        return scored[:MAX_ACCOUNT_HITS]

    async def search(self, query: str) -> Hits:
        """Fuzzy-match account names (and "<plan tab>: <name>"); a plan tab's name alone
        ("swot", "plan") offers that tab of the account in focus first, then the accounts
        whose names match, then that tab of the other accounts by name."""
        hits = self._name_hits(query)
        if ":" not in query and len(query.strip()) >= TAB_QUERY_MIN:
            scores = [hit.score for hit in hits] or [1.0]
            hits.extend(self._tab_hits(_plan_tabs(query.strip()), max(scores), min(scores)))
        for hit in hits:
            yield hit

    def _name_hits(self, query: str) -> list[Hit]:
        app = _kam(self)
        tab_part, _, name_part = query.rpartition(":")
        tabs = _plan_tabs(tab_part.strip()) if tab_part.strip() else []
        query = name_part.strip() if tabs else query
        if not query.strip():
            return []
        style = self.matcher(query).match_style
        hits = []
        for found, shown, account in self._best_accounts(query):
            if tabs:
                for tab_id, title in tabs:
                    entry = f"{title}: {shown}"
                    hits.append(
                        Hit(
                            found.score,
                            literal(entry),
                            partial(app.open_account, account.id, tab_id),
                            text=entry,
                            help=_account_help(account),
                        )
                    )
            else:
                hits.append(
                    Hit(
                        found.score,
                        highlighted(shown, found.offsets, style),
                        partial(app.open_account, account.id),
                        text=shown,
                        help=_account_help(account),
                    )
                )
        return hits

    def _tab_hits(self, tabs: list[tuple[str, str]], above: float, below: float) -> list[Hit]:
        """The plan `tabs` of the account in focus where the palette was opened, scored
        `above` every name match, then of the first accounts by name, `below` them all."""
        if not tabs:
            return []
        app = _kam(self)
        focused = getattr(self.screen, "current_account_id", None)
        accounts = sorted(app.workspace.accounts(), key=lambda item: item.name.casefold())
        first = [account for account in accounts if account.id == focused]
        others = [account for account in accounts if account.id != focused]
        hits = []
        for rank, account in enumerate([*first, *others][:MAX_ACCOUNT_HITS]):
            score = above + 1 if account.id == focused else below / 2 * (1 - rank / 1000)
            for tab_id, title in tabs:
                entry = f"{title}: {printable(account.name)}"
                hits.append(
                    Hit(
                        score,
                        literal(entry),
                        partial(app.open_account, account.id, tab_id),
                        text=entry,
                        help=_account_help(account),
                    )
                )
        return hits


class AccountJumpProvider(AccountSearchProvider):
    """The account search of "Jump to account…", which also lists accounts before typing."""

    async def discover(self) -> Hits:
        """The first accounts by name, so the list is not empty before typing."""
        app = _kam(self)
        accounts = sorted(app.workspace.accounts(), key=lambda item: item.name.casefold())
        for account in accounts[:MAX_ACCOUNT_HITS]:
            yield DiscoveryHit(
                literal(account.name),
                partial(app.open_account, account.id),
                text=printable(account.name),
                help=_account_help(account),
            )


def _plan_tabs(prefix: str) -> list[tuple[str, str]]:
    """(tab id, title) of the account plan tabs whose title starts with `prefix`."""
    from kam_tui.ui.plan import PLAN_TABS

    folded = prefix.casefold()
    return [
        (tab_id, title)
        for tab_id, title, _pane in PLAN_TABS
        if title.casefold().startswith(folded) or tab_id.casefold().startswith(folded)
    ]


def account_palette() -> CommandPalette:
    """A palette that only searches accounts."""
    return CommandPalette(
        providers=[AccountJumpProvider], placeholder="Jump to account: type a name…"
    )
