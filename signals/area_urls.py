"""/gebieden/: one page per area, by its UUID (stable when the area is renamed, and
names repeat: every kern has a "Dorpskern")."""

from django.urls import path

from .views.area_pages import AreaDetailView

app_name = "areas"

urlpatterns = [
    path("<uuid:uuid>/", AreaDetailView.as_view(), name="area_detail"),
]
