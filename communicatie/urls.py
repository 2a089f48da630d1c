from django.urls import include, path

app_name = "communicatie"

# One module per part, each with its own views (communicatie/views/<part>.py).
urlpatterns = [
    path("", include("communicatie.urls_plan")),
    path("", include("communicatie.urls_messages")),
    path("", include("communicatie.urls_overview")),
    path("", include("communicatie.urls_runner")),
]
