def drop_slash_duplicates(endpoints, **kwargs):
    """The file downloads are documented at the contract's spelling (no trailing slash) only."""
    return [e for e in endpoints if not (e[0].endswith("/file/") or e[0].endswith("/pdf/"))]
