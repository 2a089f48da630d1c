"""django-axes glue: where the username comes from in the two-step login wizard."""


def username_for_lockout(request, credentials=None) -> str | None:
    # authenticate() gets `username`; the wizard's POST names the field `auth-username`.
    if credentials and credentials.get("username"):
        return credentials["username"]
    data = getattr(request, "POST", None) or {}
    return data.get("auth-username") or data.get("username")
