package fr.guichetbio.portal.organisation;

/**
 * The limits of an organisation's fields, declared once for the form, the API and the services (which check them
 * before writing: {@link #check}). The database columns have the same sizes.
 */
public final class OrganisationFields {

    public static final int NAME_MAX = 200;
    /** Asked by the API only; pages and catalogue imports accept one character. */
    public static final int NAME_MIN_API = 2;

    public static final int WEBSITE_MAX = 300;
    public static final int DESCRIPTION_MAX = 5000;

    private OrganisationFields() {}

    /**
     * Refuses ({@code organisation.error.invalid}) a blank or too long name, a too long or invalid website, a too long
     * description: the last guard before the database, whatever the caller checked.
     */
    static void check(String name, String website, String description) {
        boolean valid = name != null
                && !name.isBlank()
                && name.length() <= NAME_MAX
                && (website == null || website.length() <= WEBSITE_MAX)
                && Websites.isValid(website)
                && (description == null || description.length() <= DESCRIPTION_MAX);
        if (!valid) {
            throw new OrganisationRefusal("organisation.error.invalid");
        }
    }
}
