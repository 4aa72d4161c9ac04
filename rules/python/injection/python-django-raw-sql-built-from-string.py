from django.db.models import F, Q, RawSQL
from django.http import JsonResponse
from django.views.decorators.http import require_GET

from shop.models import Product


@require_GET
def search_products(request):
    term = request.GET.get("q", "")
    products = Product.objects.annotate(
        # ruleid: python-django-raw-sql-built-from-string
        rank=RawSQL(f"ts_rank(search_vector, plainto_tsquery('{term}'))", [])
    ).order_by("-rank")[:20]
    return JsonResponse({"results": [p.name for p in products]})


@require_GET
def search_products_safe(request):
    term = request.GET.get("q", "")
    products = Product.objects.annotate(
        # ok: python-django-raw-sql-built-from-string
        rank=RawSQL("ts_rank(search_vector, plainto_tsquery(%s))", [term])
    ).order_by("-rank")[:20]
    return JsonResponse({"results": [p.name for p in products]})


@require_GET
def cheap_products(request):
    max_price = request.GET["max_price"]
    # ruleid: python-django-raw-sql-built-from-string
    qs = Product.objects.extra(where=["price < %s" % max_price])
    return JsonResponse({"results": list(qs.values("id", "name", "price"))})


@require_GET
def cheap_products_safe(request):
    max_price = request.GET["max_price"]
    # ok: python-django-raw-sql-built-from-string
    qs = Product.objects.extra(where=["price < %s"], params=[max_price])
    return JsonResponse({"results": list(qs.values("id", "name", "price"))})


@require_GET
def products_by_category(request):
    category = request.GET.get("category")
    condition = "category_id IN (SELECT id FROM shop_category WHERE slug = '" + category + "')"
    # ruleid: python-django-raw-sql-built-from-string
    qs = Product.objects.extra(where=[condition])
    return JsonResponse({"results": list(qs.values("id", "name"))})


def products_with_discount(min_discount: int):
    return Product.objects.annotate(
        # ruleid: python-django-raw-sql-built-from-string
        final_price=RawSQL("price * (1 - {} / 100.0)".format(min_discount), ())
    )


def products_in(ids: list[int]):
    placeholders = ", ".join(["%s"] * len(ids))
    # ok: python-django-raw-sql-built-from-string
    return Product.objects.annotate(picked=RawSQL("id IN (%s)" % ", ".join(["%s"] * len(ids)), ids))


def sorted_products(sort_field: str):
    # ok: python-django-raw-sql-built-from-string
    return Product.objects.filter(Q(active=True)).order_by(F(sort_field).asc())


def wrap_subquery(compiled_sql, params):
    # ok: python-django-raw-sql-built-from-string
    return RawSQL("SELECT COUNT(*) FROM (%s) subquery" % compiled_sql, params)
