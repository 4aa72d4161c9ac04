from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from fastapi import Depends, FastAPI, HTTPException
from flask import Flask, abort, jsonify
from flask_login import current_user, login_required

from .auth import get_current_user
from .models import Invoice, Order, db

app = Flask(__name__)
api = FastAPI()


@app.route("/admin/users/<int:user_id>", methods=["DELETE"])
@login_required
def delete_user(user_id):
    # ruleid: python-assert-used-for-authorization
    assert current_user.is_admin, "admin only"
    db.session.delete(db.session.get(User, user_id))
    db.session.commit()
    return "", 204


@app.route("/admin/users/<int:user_id>/safe", methods=["DELETE"])
@login_required
def delete_user_safe(user_id):
    if not current_user.is_admin:
        abort(403)
    db.session.delete(db.session.get(User, user_id))
    db.session.commit()
    return "", 204


@api.get("/invoices/{invoice_id}")
def read_invoice(invoice_id: int, user=Depends(get_current_user)) -> dict:
    invoice = Invoice.get(invoice_id)
    # ruleid: python-assert-used-for-authorization
    assert invoice.owner_id == user.id
    return invoice.to_dict()


@api.get("/invoices/{invoice_id}/safe")
def read_invoice_safe(invoice_id: int, user=Depends(get_current_user)):
    invoice = Invoice.get(invoice_id)
    # ok: python-assert-used-for-authorization
    assert invoice is not None
    if invoice.owner_id != user.id:
        raise HTTPException(status_code=403)
    return invoice.to_dict()


def cancel_order(request, order_id):
    # ruleid: python-assert-used-for-authorization
    assert request.user.has_perm("shop.change_order")
    Order.objects.filter(pk=order_id).update(status="cancelled")
    return JsonResponse({"ok": True})


def cancel_order_safe(request, order_id):
    if not request.user.has_perm("shop.change_order"):
        raise PermissionDenied
    # ok: python-assert-used-for-authorization
    assert isinstance(order_id, int)
    Order.objects.filter(pk=order_id).update(status="cancelled")
    return JsonResponse({"ok": True})


def paginate(items, page_size):
    # ok: python-assert-used-for-authorization
    assert page_size > 0, "page_size must be positive"
    return [items[i : i + page_size] for i in range(0, len(items), page_size)]
