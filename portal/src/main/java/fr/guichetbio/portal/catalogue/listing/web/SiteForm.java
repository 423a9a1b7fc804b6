package fr.guichetbio.portal.catalogue.listing.web;

import fr.guichetbio.portal.catalogue.CatalogueDocument.Address;
import fr.guichetbio.portal.catalogue.CatalogueDocument.Identifiers;
import fr.guichetbio.portal.catalogue.CatalogueDocument.Location;
import fr.guichetbio.portal.catalogue.CatalogueDocument.Site;
import fr.guichetbio.portal.catalogue.vocabulary.Luhn;
import fr.guichetbio.portal.catalogue.vocabulary.Vocabulary;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/** A site's details (the catalogue/v1 site without its lists), with the limits of the contract. */
public class SiteForm {

    @NotBlank(message = "{listing.site.name.required}")
    @Size(max = 200, message = "{listing.field.tooLong}")
    private String name;

    @Pattern(regexp = "^$|^[0-9]{14}$", message = "{listing.site.siret.format}")
    private String siret;

    @Size(max = 300, message = "{listing.field.tooLong}")
    private String street;

    @NotBlank(message = "{listing.site.postalCode.required}")
    @Size(max = 12, message = "{listing.field.tooLong}")
    private String postalCode;

    @NotBlank(message = "{listing.site.city.required}")
    @Size(max = 120, message = "{listing.field.tooLong}")
    private String city;

    private String regionCode;

    @NotBlank(message = "{listing.site.country.format}")
    @Pattern(regexp = "^$|^[A-Z]{2}$", message = "{listing.site.country.format}")
    private String country = "FR";

    @DecimalMin(value = "-90", message = "{listing.site.latitude.range}")
    @DecimalMax(value = "90", message = "{listing.site.latitude.range}")
    private BigDecimal latitude;

    @DecimalMin(value = "-180", message = "{listing.site.longitude.range}")
    @DecimalMax(value = "180", message = "{listing.site.longitude.range}")
    private BigDecimal longitude;

    @Size(max = 40, message = "{listing.field.tooLong}")
    private String omsOrganisationId;

    @Size(max = 40, message = "{listing.field.tooLong}")
    private String omsLocationId;

    @Pattern(regexp = "^$|^[0-9]{7,10}$", message = "{listing.site.fdaFei.format}")
    private String fdaFei;

    private int version;

    public static SiteForm of(Site site, int version) {
        SiteForm form = new SiteForm();
        form.name = site.name();
        form.siret = site.siret();
        form.street = site.address().street();
        form.postalCode = site.address().postalCode();
        form.city = site.address().city();
        form.regionCode = site.address().regionCode();
        form.country = site.address().country();
        if (site.location() != null) {
            form.latitude = site.location().lat();
            form.longitude = site.location().lon();
        }
        if (site.identifiers() != null) {
            form.omsOrganisationId = site.identifiers().omsOrganisationId();
            form.omsLocationId = site.identifiers().omsLocationId();
            form.fdaFei = site.identifiers().fdaFei();
        }
        form.version = version;
        return form;
    }

    /** The details as a catalogue/v1 site without key and lists. */
    public Site toSite() {
        return new Site(
                null,
                name.strip(),
                blankToNull(siret),
                new Address(blankToNull(street), postalCode.strip(), city.strip(), blankToNull(regionCode), country),
                latitude == null || longitude == null ? null : new Location(latitude, longitude),
                Identifiers.of(blankToNull(omsOrganisationId), blankToNull(omsLocationId), blankToNull(fdaFei)),
                null,
                null,
                null);
    }

    @AssertTrue(message = "{listing.site.siret.checksum}")
    public boolean isSiretValid() {
        return siret == null || !siret.matches("[0-9]{14}") || Luhn.valid(siret);
    }

    @AssertTrue(message = "{listing.site.region.required}")
    public boolean isRegionValid() {
        if (regionCode == null || regionCode.isBlank()) {
            return !"FR".equals(country);
        }
        return Vocabulary.Region.ofCode(regionCode).isPresent();
    }

    @AssertTrue(message = "{listing.site.location.both}")
    public boolean isLocationValid() {
        return (latitude == null) == (longitude == null);
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getSiret() {
        return siret;
    }

    public void setSiret(String siret) {
        this.siret = siret == null ? null : siret.replace(" ", "");
    }

    public String getStreet() {
        return street;
    }

    public void setStreet(String street) {
        this.street = street;
    }

    public String getPostalCode() {
        return postalCode;
    }

    public void setPostalCode(String postalCode) {
        this.postalCode = postalCode;
    }

    public String getCity() {
        return city;
    }

    public void setCity(String city) {
        this.city = city;
    }

    public String getRegionCode() {
        return regionCode;
    }

    public void setRegionCode(String regionCode) {
        this.regionCode = regionCode;
    }

    public String getCountry() {
        return country;
    }

    public void setCountry(String country) {
        this.country = country == null ? null : country.strip().toUpperCase(java.util.Locale.ROOT);
    }

    public BigDecimal getLatitude() {
        return latitude;
    }

    public void setLatitude(BigDecimal latitude) {
        this.latitude = latitude;
    }

    public BigDecimal getLongitude() {
        return longitude;
    }

    public void setLongitude(BigDecimal longitude) {
        this.longitude = longitude;
    }

    public String getOmsOrganisationId() {
        return omsOrganisationId;
    }

    public void setOmsOrganisationId(String omsOrganisationId) {
        this.omsOrganisationId = omsOrganisationId;
    }

    public String getOmsLocationId() {
        return omsLocationId;
    }

    public void setOmsLocationId(String omsLocationId) {
        this.omsLocationId = omsLocationId;
    }

    public String getFdaFei() {
        return fdaFei;
    }

    public void setFdaFei(String fdaFei) {
        this.fdaFei = fdaFei;
    }

    public int getVersion() {
        return version;
    }

    public void setVersion(int version) {
        this.version = version;
    }
}
