package fr.guichetbio.portal.catalogue.listing.web;

import static fr.guichetbio.portal.catalogue.listing.web.SiteForm.blankToNull;

import fr.guichetbio.portal.catalogue.CatalogueDocument.Evidence;
import fr.guichetbio.portal.catalogue.vocabulary.Vocabulary;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * A piece of GMP evidence as a member declares it. There is no verification field: a request that carries one above
 * self-declared is refused ({@code VerificationRaiseRefused}), it is not silently ignored.
 */
public class EvidenceForm {

    @NotNull(message = "{listing.evidence.kind.required}")
    private Vocabulary.EvidenceKind kind;

    @NotBlank(message = "{listing.evidence.authority.required}")
    @Size(min = 2, max = 40, message = "{listing.evidence.authority.size}")
    private String authority;

    @NotBlank(message = "{listing.evidence.reference.required}")
    @Size(max = 80, message = "{listing.field.tooLong}")
    private String reference;

    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate issued;

    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate inspected;

    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate validUntil;

    /** EU scope codes separated by spaces or commas, e.g. "1.3.1.5, 1.3.4". */
    @Pattern(regexp = "^[0-9., ]*$", message = "{listing.evidence.scope.format}")
    @Size(max = 300, message = "{listing.field.tooLong}")
    private String scopeCodes;

    private Vocabulary.EvidenceOutcome outcome;

    /** Only read to refuse a member's attempt to raise the level. */
    private String verification;

    private int version;

    public static EvidenceForm empty(int version) {
        EvidenceForm form = new EvidenceForm();
        form.version = version;
        return form;
    }

    public static EvidenceForm of(Evidence evidence, int version) {
        EvidenceForm form = new EvidenceForm();
        form.kind = Vocabulary.EvidenceKind.valueOf(evidence.kind());
        form.authority = evidence.authority();
        form.reference = evidence.reference();
        form.issued = evidence.issued() == null ? null : LocalDate.parse(evidence.issued());
        form.inspected = evidence.inspected() == null ? null : LocalDate.parse(evidence.inspected());
        form.validUntil = evidence.validUntil() == null ? null : LocalDate.parse(evidence.validUntil());
        form.scopeCodes = evidence.scopeCodes() == null ? null : String.join(", ", evidence.scopeCodes());
        form.outcome = evidence.outcome() == null ? null : Vocabulary.EvidenceOutcome.valueOf(evidence.outcome());
        form.version = version;
        return form;
    }

    public Evidence toEvidence() {
        return new Evidence(
                kind.name(),
                authority.strip(),
                reference.strip(),
                issued == null ? null : issued.toString(),
                inspected == null ? null : inspected.toString(),
                validUntil == null ? null : validUntil.toString(),
                scopeList(),
                outcome == null ? null : outcome.name(),
                blankToNull(verification));
    }

    private List<String> scopeList() {
        if (scopeCodes == null || scopeCodes.isBlank()) {
            return null;
        }
        return Arrays.stream(scopeCodes.split("[,\\s]+"))
                .filter(code -> !code.isBlank())
                .distinct()
                .toList();
    }

    @AssertTrue(message = "{listing.evidence.scope.format}")
    public boolean isScopeValid() {
        List<String> codes = scopeList();
        return codes == null || codes.stream().allMatch(code -> code.matches("^[0-9]+(\\.[0-9]+){1,3}$"));
    }

    @AssertTrue(message = "{listing.evidence.validity.order}")
    public boolean isValidityValid() {
        return issued == null || validUntil == null || !validUntil.isBefore(issued);
    }

    public Vocabulary.EvidenceKind getKind() {
        return kind;
    }

    public void setKind(Vocabulary.EvidenceKind kind) {
        this.kind = kind;
    }

    public String getAuthority() {
        return authority;
    }

    public void setAuthority(String authority) {
        this.authority = authority;
    }

    public String getReference() {
        return reference;
    }

    public void setReference(String reference) {
        this.reference = reference;
    }

    public LocalDate getIssued() {
        return issued;
    }

    public void setIssued(LocalDate issued) {
        this.issued = issued;
    }

    public LocalDate getInspected() {
        return inspected;
    }

    public void setInspected(LocalDate inspected) {
        this.inspected = inspected;
    }

    public LocalDate getValidUntil() {
        return validUntil;
    }

    public void setValidUntil(LocalDate validUntil) {
        this.validUntil = validUntil;
    }

    public String getScopeCodes() {
        return scopeCodes;
    }

    public void setScopeCodes(String scopeCodes) {
        this.scopeCodes = scopeCodes;
    }

    public Vocabulary.EvidenceOutcome getOutcome() {
        return outcome;
    }

    public void setOutcome(Vocabulary.EvidenceOutcome outcome) {
        this.outcome = outcome;
    }

    public String getVerification() {
        return verification;
    }

    public void setVerification(String verification) {
        this.verification = verification;
    }

    public int getVersion() {
        return version;
    }

    public void setVersion(int version) {
        this.version = version;
    }
}
