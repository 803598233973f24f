"""URLs of this app (included by prongsai.web.urls)."""

urlpatterns: list = []
