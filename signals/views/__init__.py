"""Views of the signals app: parse input, call one service or selector, render."""

from .attention import (  # noqa: F401
    AttentionRequestCloseView,
    AttentionRequestCreateView,
    AttentionRequestDetailView,
    AttentionRequestListView,
)
from .corrections import (  # noqa: F401
    SignalEditView,
    SignalWithdrawView,
)
from .export import (  # noqa: F401
    SignalExportView,
)
from .signal_pages import (  # noqa: F401
    AttachmentDownloadView,
    SignalConfirmView,
    SignalCreateView,
    SignalDeleteView,
    SignalDetailView,
    SignalListView,
    SignalsToConfirmView,
)
from .triage import (  # noqa: F401
    SignalInboxView,
    SignalStatusView,
)
