"""The blocks the session runner shows inside a step, as a registry.

A step of the werkprotocol names its blocks (bob.protocol); each name is looked up here.
A block is a small object: the template it is drawn with and a function that gives the
template what it needs. bob registers its own blocks (bob.views.blocks); apps above bob
(communicatie) register theirs from their AppConfig.ready(), because bob imports none of
them. A name without a registered block is skipped, so a step may name a block of an app
that is not installed.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["BlockRequest", "RunnerBlock", "blocks_for", "register", "registered"]


@dataclass
class BlockRequest:
    """What a block's context function gets: who looks at which step of which session,
    and the bound forms with errors that must win over fresh ones (keyed by form name).

    Reads more than one block needs are made once, here (`shared`)."""

    user: object
    session: object
    step: object
    forms: dict = field(default_factory=dict)
    shared: dict = field(default_factory=dict)

    @property
    def case(self):
        return self.session.case

    def form(self, name: str, make: Callable[[], object]):
        """The bound form NAME from a failed post, or a fresh one."""
        return self.forms.get(name) or make()

    def once(self, key: str, compute: Callable[[], object]):
        """COMPUTE's result, computed once per request for every block that asks KEY."""
        if key not in self.shared:
            self.shared[key] = compute()
        return self.shared[key]


@dataclass(frozen=True)
class RunnerBlock:
    key: str
    # BlockRequest → dict merged into the runner's context; most blocks need a few reads.
    context: Callable[[BlockRequest], dict] = field(default=lambda request: {})
    # Default: templates/bob/blocks/_<key>.html.
    template: str = ""
    # Drawn below the step's own form instead of above it (decisions, finish).
    after_record: bool = False
    # Shown in every step, before the step's own blocks (the injects of an exercise);
    # its context function decides whether there is anything to show.
    every_step: bool = False

    @property
    def template_name(self) -> str:
        return self.template or f"bob/blocks/_{self.key}.html"


_REGISTRY: dict[str, RunnerBlock] = {}


def register(block: RunnerBlock) -> None:
    """Add BLOCK under its key; registering a key twice is a programming error."""
    existing = _REGISTRY.get(block.key)
    if existing is not None and existing != block:
        raise ValueError(f"Runner block {block.key!r} is already registered.")
    _REGISTRY[block.key] = block


def registered(key: str) -> RunnerBlock | None:
    return _REGISTRY.get(key)


def blocks_for(step) -> list[RunnerBlock]:
    """The every-step blocks, then the registered blocks of STEP in the step's order."""
    every = [block for block in _REGISTRY.values() if block.every_step]
    own = [_REGISTRY[key] for key in step.blocks if key in _REGISTRY]
    return every + [block for block in own if not block.every_step]
