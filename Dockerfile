# SAMOS production image: gunicorn + whitenoise for the web, the same image for Celery.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# Runtime libraries of WeasyPrint (Pango, HarfBuzz), fonts, and libmagic for uploads.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core libmagic1 curl \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 10001 samos
WORKDIR /app

COPY pyproject.toml README.md ./
COPY samos ./samos
COPY signals ./signals
COPY kernteam ./kernteam
COPY bob ./bob
COPY communicatie ./communicatie
RUN pip install .

COPY manage.py ./
COPY templates ./templates
COPY static ./static

# collectstatic needs settings that load; these throw-away values exist only in this step.
RUN SAMOS_ENVIRONMENT=production SECRET_KEY=collectstatic-only-not-a-secret-0123456789-abcdefghijklmnop \
    ALLOWED_HOSTS=build DATABASE_URL=postgres://build@localhost/build \
    SAMOS_STATIC_ROOT=/app/staticfiles SAMOS_VAR_DIR=/app/var \
    python manage.py collectstatic --noinput \
    && mkdir -p /app/var/private \
    && chown -R samos:samos /app/var

ENV SAMOS_ENVIRONMENT=production \
    SAMOS_STATIC_ROOT=/app/staticfiles \
    SAMOS_VAR_DIR=/app/var \
    SAMOS_PRIVATE_ROOT=/app/var/private

USER samos
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8000/inloggen/ -o /dev/null || exit 1
CMD ["gunicorn", "samos.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "60", "--access-logfile", "-"]
