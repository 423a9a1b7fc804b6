package fr.guichetbio.infra.launcher;

/** Where the portal's PostgreSQL database is, and how it was found. */
public record Database(String url, String username, String password, String origin) {}
