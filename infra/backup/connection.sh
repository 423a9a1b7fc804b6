# Sourced by backup and restore: turns the portal's connection settings into libpq's PG* variables, so that pg_dump,
# pg_restore and psql reach the database the portal uses.
#
# GUICHET_DATABASE_URL (or --database-url) is the launcher's JDBC URL, e.g. jdbc:postgresql://db.internal:5432/guichet
# (the jdbc: prefix is optional); its user and password come from GUICHET_DATABASE_USERNAME and
# GUICHET_DATABASE_PASSWORD. Without a URL, the PG* variables already set (PGHOST, PGPORT, PGDATABASE, PGUSER,
# PGPASSWORD or ~/.pgpass) are used as they are. Query parameters of the URL are not read: give TLS settings as
# PGSSLMODE, PGSSLROOTCERT...

guichet_connection() {
    local url="$1"
    if [[ -z "$url" ]]; then
        if [[ -z "${PGDATABASE:-}" ]]; then
            echo "No database given: set GUICHET_DATABASE_URL, pass --database-url, or set PGDATABASE (and PGHOST...)." >&2
            return 2
        fi
        return 0
    fi
    local pattern='^(jdbc:)?postgres(ql)?://([^/?]*)/([^/?]+)(\?.*)?$'
    if [[ ! "$url" =~ $pattern ]]; then
        echo "Not a PostgreSQL URL: $url (expected jdbc:postgresql://host:port/database)" >&2
        return 2
    fi
    local authority="${BASH_REMATCH[3]}"
    export PGDATABASE="${BASH_REMATCH[4]}"
    if [[ "$authority" == *@* ]]; then
        echo "Give the user and password as GUICHET_DATABASE_USERNAME / GUICHET_DATABASE_PASSWORD, not in the URL." >&2
        return 2
    fi
    if [[ "$authority" == *:* ]]; then
        export PGHOST="${authority%:*}" PGPORT="${authority##*:}"
    else
        export PGHOST="${authority:-localhost}"
    fi
    if [[ -n "${GUICHET_DATABASE_USERNAME:-}" ]]; then
        export PGUSER="$GUICHET_DATABASE_USERNAME"
    fi
    if [[ -n "${GUICHET_DATABASE_PASSWORD:-}" ]]; then
        export PGPASSWORD="$GUICHET_DATABASE_PASSWORD"
    fi
}

guichet_require() {
    local tool
    for tool in "$@"; do
        if ! command -v "$tool" >/dev/null; then
            echo "$tool not found: install the PostgreSQL client tools of the server's major version or newer (e.g. apt-get install postgresql-client)." >&2
            return 1
        fi
    done
}
