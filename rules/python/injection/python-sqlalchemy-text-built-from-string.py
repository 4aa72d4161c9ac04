from fastapi import Depends, FastAPI, HTTPException
from sqlalchemy import Column, Integer, String, select, text
from sqlalchemy.orm import Session

from .db import get_session
from .models import Base, Order, User

app = FastAPI()

SORT_COLUMNS = {"created": Order.created_at, "total": Order.total}


@app.get("/users/by-email")
def user_by_email(email: str, session: Session = Depends(get_session)):
    # ruleid: python-sqlalchemy-text-built-from-string
    stmt = text(f"SELECT id, email, is_admin FROM users WHERE email = '{email}'")
    row = session.execute(stmt).first()
    if row is None:
        raise HTTPException(status_code=404)
    return dict(row._mapping)


@app.get("/users/by-email/safe")
def user_by_email_safe(email: str, session: Session = Depends(get_session)):
    # ok: python-sqlalchemy-text-built-from-string
    stmt = text("SELECT id, email, is_admin FROM users WHERE email = :email")
    row = session.execute(stmt, {"email": email}).first()
    if row is None:
        raise HTTPException(status_code=404)
    return dict(row._mapping)


@app.get("/orders")
def list_orders(status: str, sort: str = "created_at", session: Session = Depends(get_session)):
    query = (
        select(Order)
        # ruleid: python-sqlalchemy-text-built-from-string
        .where(text("status = '%s'" % status))
        # ruleid: python-sqlalchemy-text-built-from-string
        .order_by(text(sort + " DESC"))
        .limit(50)
    )
    return session.scalars(query).all()


@app.get("/orders/safe")
def list_orders_safe(status: str, sort: str = "created", session: Session = Depends(get_session)):
    column = SORT_COLUMNS.get(sort, Order.created_at)
    # ok: python-sqlalchemy-text-built-from-string
    query = select(Order).where(Order.status == status).order_by(column.desc()).limit(50)
    return session.scalars(query).all()


def count_rows(session: Session, table: str, tenant_id: int) -> int:
    sql = "SELECT count(*) FROM {} WHERE tenant_id = {}".format(table, tenant_id)
    # ruleid: python-sqlalchemy-text-built-from-string
    return session.scalar(text(sql))


def active_users(session: Session):
    # ok: python-sqlalchemy-text-built-from-string
    return session.execute(text("SELECT id FROM users WHERE active = true")).all()


def delete_user(session: Session, user_id: int) -> None:
    # execute(text(f"...")) is reported by python-sql-built-from-string, not twice
    # ok: python-sqlalchemy-text-built-from-string
    session.execute(text(f"DELETE FROM users WHERE id = {user_id}"))


class Project(Base):
    __tablename__ = "projects"
    id = Column(Integer, primary_key=True)
    # ok: python-sqlalchemy-text-built-from-string
    status = Column(String, nullable=False, server_default=text(f"'{Order.DEFAULT_STATUS}'"))


def messages_for(session: Session, table_name: str, session_id: str) -> list[str]:
    # ok: python-sqlalchemy-text-built-from-string
    stmt = text(f"SELECT message FROM {table_name} WHERE session_id = :session_id ORDER BY id")
    return list(session.scalars(stmt, {"session_id": session_id}))


def chats_with_tag(session, tag_id, index):
    param = f"tag_{index}"
    # only the bind-parameter name is formatted; the value is bound by .params()
    # ok: python-sqlalchemy-text-built-from-string
    clause = text(f"EXISTS (SELECT 1 FROM json_each(chat.meta, '$.tags') WHERE json_each.value = :{param})")
    return session.query(Chat).filter(clause.params(**{param: tag_id})).all()


def message_sources(table):
    # ok: python-sqlalchemy-text-built-from-string
    return text(f"SELECT COUNT(*) FROM json_each({table}.chat, '$.messages')")
