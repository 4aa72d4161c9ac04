import ldap
from flask import Flask, abort, jsonify, request
from ldap3 import ALL, Connection, Server
from ldap3.utils.conv import escape_filter_chars
from ldap.filter import filter_format

app = Flask(__name__)
server = Server("ldaps://ldap.example.com", get_info=ALL)
BASE_DN = "ou=people,dc=example,dc=com"


def authenticate(username: str, password: str) -> bool:
    conn = Connection(server, "cn=reader,dc=example,dc=com", "reader-password", auto_bind=True)
    # ruleid: python-ldap-filter-built-from-string
    conn.search(BASE_DN, f"(&(uid={username})(objectClass=person))", attributes=["cn"])
    if not conn.entries:
        return False
    user_dn = conn.entries[0].entry_dn
    return Connection(server, user_dn, password).bind()


def authenticate_safe(username: str, password: str) -> bool:
    conn = Connection(server, "cn=reader,dc=example,dc=com", "reader-password", auto_bind=True)
    # ok: python-ldap-filter-built-from-string
    conn.search(BASE_DN, f"(&(uid={escape_filter_chars(username)})(objectClass=person))", attributes=["cn"])
    if not conn.entries:
        return False
    user_dn = conn.entries[0].entry_dn
    return Connection(server, user_dn, password).bind()


@app.route("/directory")
def directory_lookup():
    name = request.args.get("name", "")
    conn = ldap.initialize("ldap://ldap.example.com")
    conn.simple_bind_s("cn=reader,dc=example,dc=com", "reader-password")
    # ruleid: python-ldap-filter-built-from-string
    results = conn.search_s(BASE_DN, ldap.SCOPE_SUBTREE, "(cn=*%s*)" % name, ["cn", "mail"])
    return jsonify([entry[1]["mail"][0].decode() for entry in results])


@app.route("/directory/safe")
def directory_lookup_safe():
    name = request.args.get("name", "")
    conn = ldap.initialize("ldap://ldap.example.com")
    conn.simple_bind_s("cn=reader,dc=example,dc=com", "reader-password")
    # ok: python-ldap-filter-built-from-string
    results = conn.search_s(BASE_DN, ldap.SCOPE_SUBTREE, filter_format("(cn=*%s*)", [name]), ["cn", "mail"])
    return jsonify([entry[1]["mail"][0].decode() for entry in results])


def groups_of(conn: Connection, member_dn: str) -> list[str]:
    search_filter = "(&(objectClass=groupOfNames)(member=" + member_dn + "))"
    # ruleid: python-ldap-filter-built-from-string
    conn.search("ou=groups,dc=example,dc=com", search_filter, attributes=["cn"])
    return [e.cn.value for e in conn.entries]


def groups_of_safe(conn: Connection, member_dn: str) -> list[str]:
    search_filter = f"(&(objectClass=groupOfNames)(member={escape_filter_chars(member_dn)}))"
    # ok: python-ldap-filter-built-from-string
    conn.search("ou=groups,dc=example,dc=com", search_filter, attributes=["cn"])
    return [e.cn.value for e in conn.entries]


def all_people(conn: Connection):
    # ok: python-ldap-filter-built-from-string
    conn.search(BASE_DN, "(objectClass=person)", attributes=["cn", "mail"])
    return conn.entries


def vector_search(index, client, filter_expr, limit):
    # a Valkey/Redis search query, not an LDAP filter
    query_str = f"({filter_expr})=>[KNN {limit} @vector $query_vec]"
    # ok: python-ldap-filter-built-from-string
    return index.search(client, "docs", query_str, {"limit": limit})
