"""Django views and a pytest fixture that also takes `request`."""

import sqlite3

import pytest


def get_db():
    return sqlite3.connect("reports.db")


class TestReports:
    @pytest.fixture(params=["daily", "weekly"])
    def seeded(self, request, table_name):
        conn = get_db()
        # ok: python-sql-injection-from-request
        conn.execute(f"DELETE FROM {table_name} WHERE period = 'daily'")
        return conn


def report_view(request, period):
    conn = get_db()
    # ruleid: python-sql-injection-from-request
    conn.execute(f"SELECT * FROM reports WHERE period = '{period}'")
