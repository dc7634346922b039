"""Moderator tokens: `frontwatch token create` prints one; the ledger keeps only its SHA-256."""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from typing import Optional

from sqlalchemy import Engine, select

from frontwatch.errors import InputError
from frontwatch.store.schema import api_tokens
from frontwatch.store.transaction import writing

TOKEN_PREFIX = "fw_"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(engine: Engine, name: str) -> str:
    """A new random token (shown once, to be given to the moderator); returns the token itself."""
    name = (name or "").strip()
    if not name:
        raise InputError("--name", "a token needs a name (who holds it)")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with writing(engine) as conn:
        conn.execute(api_tokens.insert().values(name=name, token_hash=_hash(token),
                                                created_at=dt.datetime.now(dt.timezone.utc)))
    return token


def verify_token(engine: Engine, token: Optional[str]) -> Optional[str]:
    """The holder's name for a valid, unrevoked token; None otherwise."""
    if not token or not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    digest = _hash(token)
    with writing(engine) as conn:
        row = conn.execute(select(api_tokens.c.id, api_tokens.c.name, api_tokens.c.token_hash, api_tokens.c.revoked_at)
                           .where(api_tokens.c.token_hash == digest)).first()
        if row is None or row.revoked_at is not None or not hmac.compare_digest(row.token_hash, digest):
            return None
        conn.execute(api_tokens.update().where(api_tokens.c.id == row.id)
                     .values(last_used_at=dt.datetime.now(dt.timezone.utc)))
    return row.name


def list_tokens(engine: Engine) -> list[dict]:
    with engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(
            select(api_tokens.c.id, api_tokens.c.name, api_tokens.c.created_at, api_tokens.c.last_used_at,
                   api_tokens.c.revoked_at).order_by(api_tokens.c.id))]


def revoke_token(engine: Engine, token_id: int) -> bool:
    with writing(engine) as conn:
        result = conn.execute(api_tokens.update().where(api_tokens.c.id == token_id, api_tokens.c.revoked_at.is_(None))
                              .values(revoked_at=dt.datetime.now(dt.timezone.utc)))
    return result.rowcount == 1
