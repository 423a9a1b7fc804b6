package fr.guichetbio.portal.organisation.web;

import fr.guichetbio.portal.organisation.OrganisationFields;
import fr.guichetbio.portal.organisation.OrganisationKind;
import fr.guichetbio.portal.organisation.Websites;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The organisation form (creation and profile edit); {@code kind} only counts at creation. */
public class OrganisationForm {

    /** Checks that only apply when creating. */
    public interface Creation {}

    @NotBlank(message = "{organisation.form.name.required}")
    @Size(max = OrganisationFields.NAME_MAX, message = "{organisation.form.name.size}")
    private String name;

    @NotNull(message = "{organisation.form.kind.required}", groups = Creation.class)
    private OrganisationKind kind;

    @Size(max = OrganisationFields.WEBSITE_MAX, message = "{organisation.form.website.invalid}")
    private String website;

    @Size(max = OrganisationFields.DESCRIPTION_MAX, message = "{organisation.form.description.size}")
    private String description;

    private int version;

    @AssertTrue(message = "{organisation.form.website.invalid}")
    public boolean isWebsiteValid() {
        return Websites.isValid(website);
    }

    /** The limits, for the fields' {@code maxlength} in the page. */
    public int getNameMax() {
        return OrganisationFields.NAME_MAX;
    }

    public int getWebsiteMax() {
        return OrganisationFields.WEBSITE_MAX;
    }

    public int getDescriptionMax() {
        return OrganisationFields.DESCRIPTION_MAX;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public OrganisationKind getKind() {
        return kind;
    }

    public void setKind(OrganisationKind kind) {
        this.kind = kind;
    }

    public String getWebsite() {
        return website;
    }

    public void setWebsite(String website) {
        this.website = website;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public int getVersion() {
        return version;
    }

    public void setVersion(int version) {
        this.version = version;
    }
}
