# SAMOS production image. One image for every role in docker-compose.yml: gunicorn (the
# default command), the Celery worker, Celery beat and one-off management commands.
# No secret is ever baked in: configuration comes from the environment at run time.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# Runtime libraries only, no compilers (every dependency installs from a wheel):
# Pango and HarfBuzz for WeasyPrint 70, DejaVu fonts for the PDFs, libmagic for upload
# sniffing, curl for the health check, openssl for encrypted backups (samos_backup).
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
        libmagic1 curl openssl \
    && rm -rf /var/lib/apt/lists/*

# A fixed unprivileged uid/gid, so the ownership of the volumes survives rebuilds.
RUN groupadd --system --gid 10001 samos \
    && useradd --system --uid 10001 --gid samos --create-home --home-dir /home/samos \
        --shell /usr/sbin/nologin samos

WORKDIR /app

# The dependencies of pyproject.toml first, in their own layer: a code change does not
# reinstall them. No dev extras.
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
        > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

# The project itself (.dockerignore keeps tests, bench, var, .env and .git out).
# PYTHONPATH: every process imports the code from /app, next to templates/ and static/.
COPY . .
RUN pip install . \
    && rm -rf build ./*.egg-info

ENV PYTHONPATH=/app \
    SAMOS_ENVIRONMENT=production \
    SAMOS_STATIC_ROOT=/app/staticfiles \
    SAMOS_VAR_DIR=/app/var \
    SAMOS_PRIVATE_ROOT=/app/var/private \
    WEB_CONCURRENCY=3

# collectstatic runs in production mode (whitenoise's compressed manifest). Production
# settings insist on these variables; the throw-away values exist only inside this one
# RUN step, not in the image's environment. They are no secrets: nothing is signed with
# them and no database is contacted.
RUN SAMOS_ENVIRONMENT=production \
    SECRET_KEY=build-time-only-for-collectstatic-not-a-secret-never-used-at-run-time \
    ALLOWED_HOSTS=build.invalid \
    DATABASE_URL=postgres://build@build.invalid:5432/build \
    python manage.py collectstatic --noinput \
    && mkdir -p /app/var/private \
    && chown -R samos:samos /app/var

USER samos
EXPOSE 8000

# The login page through the same checks a proxied request passes: a Host from
# ALLOWED_HOSTS (its first entry) and X-Forwarded-Proto https (else the SSL redirect).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD curl -fsS -o /dev/null -H "X-Forwarded-Proto: https" -H "Host: ${ALLOWED_HOSTS%%,*}" http://127.0.0.1:8000/inloggen/ || exit 1

# Workers: WEB_CONCURRENCY. The access log leaves out query strings (search terms can be
# personal data); /dev/shm keeps gunicorn's heartbeat files off the container's disk.
CMD ["gunicorn", "samos.wsgi", "--bind", "0.0.0.0:8000", "--worker-tmp-dir", "/dev/shm", "--timeout", "60", "--graceful-timeout", "30", "--access-logfile", "-", "--access-logformat", "%(h)s %(t)s \"%(m)s %(U)s %(H)s\" %(s)s %(b)s %(L)ss"]
