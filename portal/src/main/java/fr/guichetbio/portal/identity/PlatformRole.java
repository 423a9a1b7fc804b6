package fr.guichetbio.portal.identity;

/**
 * What a person may do on the platform, granted in the portal's database (identity providers do not carry roles).
 * Every signed-in person is at least a {@link #TRAINEE}.
 */
public enum PlatformRole {
    SPONSOR,
    CDMO_MEMBER,
    TRAINEE,
    INSTRUCTOR,
    AGENCY_ANALYST,
    ADMIN;

    /** The Spring Security authority of this role, e.g. {@code ROLE_ADMIN}. */
    public String authority() {
        return "ROLE_" + name();
    }
}
