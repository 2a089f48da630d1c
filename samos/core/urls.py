from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("menu/", views.MenuView.as_view(), name="menu"),
    path("beheer/uitgaande-post/", views.OutboxListView.as_view(), name="outbox"),
    path(
        "beheer/uitgaande-post/<str:key>/", views.OutboxDetailView.as_view(), name="outbox_detail"
    ),
]
