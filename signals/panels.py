"""Start-page panels of the signals app (registered with samos.core.dashboard)."""

from samos.core.seek import capped_count

from . import selectors


def signaller_panel_context(request) -> dict:
    mine = selectors.signal_list_visible_for(user=request.user).filter(author=request.user)
    return {"recent_signals": list(mine.order_by("-created_at")[:5])}


def coordinator_panel_context(request) -> dict:
    inbox = selectors.signal_inbox_for(user=request.user)
    # Capped: "meer dan 1.000" costs at most 1,001 rows, the exact figure all of them.
    return {"inbox_count": capped_count(inbox), "oldest": list(inbox[:3])}


def attention_panel_context(request) -> dict:
    open_requests = selectors.attention_request_list_visible_for(user=request.user, only_open=True)
    return {"attention_requests": list(open_requests[:5])}
