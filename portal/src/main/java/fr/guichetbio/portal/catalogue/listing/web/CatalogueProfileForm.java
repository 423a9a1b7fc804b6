package fr.guichetbio.portal.catalogue.listing.web;

import static fr.guichetbio.portal.catalogue.listing.web.SiteForm.blankToNull;

import fr.guichetbio.portal.catalogue.listing.ListingEditor.CatalogueProfile;
import fr.guichetbio.portal.catalogue.vocabulary.Luhn;
import fr.guichetbio.portal.catalogue.vocabulary.Vocabulary;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The organisation's catalogue fields: its kind in the catalogue, SIREN, English description, contact e-mail. */
public class CatalogueProfileForm {

    @NotNull(message = "{listing.profile.kind.required}")
    private Vocabulary.CatalogueKind catalogueKind;

    @Pattern(regexp = "^$|^[0-9]{9}$", message = "{listing.profile.siren.format}")
    private String siren;

    @Size(max = 5000, message = "{listing.field.tooLong}")
    private String descriptionEn;

    @Email(message = "{listing.profile.email.format}")
    @Size(max = 320, message = "{listing.field.tooLong}")
    private String contactEmail;

    private int version;

    public static CatalogueProfileForm of(CatalogueProfile profile, int version) {
        CatalogueProfileForm form = new CatalogueProfileForm();
        form.catalogueKind =
                profile.catalogueKind() == null ? null : Vocabulary.CatalogueKind.valueOf(profile.catalogueKind());
        form.siren = profile.siren();
        form.descriptionEn = profile.descriptionEn();
        form.contactEmail = profile.contactEmail();
        form.version = version;
        return form;
    }

    public CatalogueProfile toProfile() {
        return new CatalogueProfile(
                catalogueKind.name(), blankToNull(siren), blankToNull(descriptionEn), blankToNull(contactEmail));
    }

    @AssertTrue(message = "{listing.profile.siren.checksum}")
    public boolean isSirenValid() {
        return siren == null || !siren.matches("[0-9]{9}") || Luhn.valid(siren);
    }

    public Vocabulary.CatalogueKind getCatalogueKind() {
        return catalogueKind;
    }

    public void setCatalogueKind(Vocabulary.CatalogueKind catalogueKind) {
        this.catalogueKind = catalogueKind;
    }

    public String getSiren() {
        return siren;
    }

    public void setSiren(String siren) {
        this.siren = siren == null ? null : siren.replace(" ", "");
    }

    public String getDescriptionEn() {
        return descriptionEn;
    }

    public void setDescriptionEn(String descriptionEn) {
        this.descriptionEn = descriptionEn;
    }

    public String getContactEmail() {
        return contactEmail;
    }

    public void setContactEmail(String contactEmail) {
        this.contactEmail = contactEmail == null ? null : contactEmail.strip();
    }

    public int getVersion() {
        return version;
    }

    public void setVersion(int version) {
        this.version = version;
    }
}
