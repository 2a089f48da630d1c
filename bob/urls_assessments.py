"""Vooraf-afweging pages: /afwegingen/ and making one from a case."""

from django.urls import path

from bob.views import assessments

assessment_patterns = [
    path(
        "afwegingen/nieuw/",
        assessments.AssessmentCreateView.as_view(),
        name="assessment_create",
    ),
    path(
        "casussen/<uuid:uuid>/afweging/nieuw/",
        assessments.AssessmentCreateView.as_view(),
        name="case_assessment_create",
    ),
    path(
        "afwegingen/<uuid:uuid>/",
        assessments.AssessmentDetailView.as_view(),
        name="assessment_detail",
    ),
    path(
        "afwegingen/<uuid:uuid>/bijeenroepen/",
        assessments.AssessmentConveneView.as_view(),
        name="assessment_convene",
    ),
]
