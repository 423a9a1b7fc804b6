package fr.guichetbio.portal.catalogue.exchange;

import fr.guichetbio.portal.catalogue.CatalogueDocument.Bioreactor;
import fr.guichetbio.portal.catalogue.CatalogueDocument.Capability;
import fr.guichetbio.portal.catalogue.CatalogueDocument.Evidence;
import fr.guichetbio.portal.catalogue.CatalogueDocument.Org;
import fr.guichetbio.portal.catalogue.CatalogueDocument.Site;
import fr.guichetbio.portal.catalogue.vocabulary.Vocabulary;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of the public catalogue: a capability of a site, with the public fields of its site and organisation and
 * the figures its bioreactors give. The catalogue's CSV export and the open data's catalogue dataset are both made of
 * these rows, each choosing its columns, so that the two cannot count differently. Left out (although public on the
 * site pages): the organisation's contact e-mail (it may name a person), the street, the registry identifiers and the
 * evidence references (they identify documents, not capacity).
 *
 * @param services lists are null where the document has none (an empty cell), as in the document
 * @param bioreactorCount the bioreactors of the capability (a line counts its {@code count}, one when absent); 0 when it
 *     lists none
 * @param largestWorkingVolumeLitres the largest working volume of one bioreactor; null when it lists none
 * @param totalWorkingVolumeLitres the working volumes of all its bioreactors, each times its count; null when none
 * @param gmpVerification the strongest verification level of the site's GMP evidence (none checked: SELF_DECLARED);
 *     null when the site lists no evidence
 */
public record CatalogueRow(
        String organisationKey,
        String organisationName,
        String organisationKind,
        String siteKey,
        String siteName,
        String city,
        String postalCode,
        String regionCode,
        String country,
        String modality,
        List<String> services,
        List<String> stages,
        List<String> expressionSystems,
        List<String> technologies,
        Boolean gmp,
        Integer cleanroomSuites,
        Integer batchesPerYear,
        int bioreactorCount,
        BigDecimal largestWorkingVolumeLitres,
        BigDecimal totalWorkingVolumeLitres,
        String gmpVerification) {

    /** The rows of the public catalogue's organisations: site by site, capability by capability, in document order. */
    static List<CatalogueRow> of(List<Org> organisations) {
        List<CatalogueRow> rows = new ArrayList<>();
        for (Org org : organisations) {
            for (Site site : org.sites()) {
                String verification = strongestVerification(site.gmpEvidence());
                for (Capability capability :
                        site.capabilities() == null ? List.<Capability>of() : site.capabilities()) {
                    List<Bioreactor> reactors = capability.bioreactors() == null ? List.of() : capability.bioreactors();
                    rows.add(new CatalogueRow(
                            org.key(),
                            org.name(),
                            org.kind(),
                            site.key(),
                            site.name(),
                            site.address().city(),
                            site.address().postalCode(),
                            site.address().regionCode(),
                            site.address().country(),
                            capability.modality(),
                            capability.services(),
                            capability.stages(),
                            capability.expressionSystems(),
                            capability.technologies(),
                            capability.gmp(),
                            capability.cleanroomSuites(),
                            capability.batchesPerYear(),
                            reactors.stream().mapToInt(CatalogueRow::count).sum(),
                            reactors.stream()
                                    .map(Bioreactor::workingVolumeLitres)
                                    .max(BigDecimal::compareTo)
                                    .orElse(null),
                            reactors.stream()
                                    .map(r -> r.workingVolumeLitres().multiply(BigDecimal.valueOf(count(r))))
                                    .reduce(BigDecimal::add)
                                    .orElse(null),
                            verification));
                }
            }
        }
        return rows;
    }

    /** A line of bioreactors without a count is one bioreactor. */
    private static int count(Bioreactor reactor) {
        return reactor.count() == null ? 1 : reactor.count();
    }

    private static String strongestVerification(List<Evidence> evidence) {
        return evidence == null
                ? null
                : evidence.stream()
                        .map(e -> e.verification() == null
                                ? Vocabulary.VerificationLevel.SELF_DECLARED
                                : Vocabulary.VerificationLevel.valueOf(e.verification()))
                        .max(Enum::compareTo) // the vocabulary lists the levels from weakest to strongest
                        .map(Enum::name)
                        .orElse(null);
    }
}
