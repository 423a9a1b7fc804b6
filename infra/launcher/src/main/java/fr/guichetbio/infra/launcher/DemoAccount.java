package fr.guichetbio.infra.launcher;

/** A demo sign-in of the development identity provider: one per portal role. */
public record DemoAccount(String username, String role, String name, String email, String password) {}
