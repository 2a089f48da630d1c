"""The runner's communication blocks post here (communicatie/views/runner.py)."""

from django.urls import path

from communicatie.views import runner

urlpatterns = [
    path(
        "bijeenkomsten/<uuid:uuid>/communicatie/plan/",
        runner.RunnerPlanView.as_view(),
        name="runner_plan",
    ),
    path(
        "bijeenkomsten/<uuid:uuid>/communicatie/oordelen/",
        runner.RunnerJudgementsView.as_view(),
        name="runner_judgements",
    ),
]
