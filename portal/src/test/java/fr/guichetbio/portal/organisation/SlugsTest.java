package fr.guichetbio.portal.organisation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlugsTest {

    @Test
    void foldsAccentsAndPunctuation() {
        assertThat(Slugs.of("Démo Biotech (fictive)")).isEqualTo("demo-biotech-fictive");
        assertThat(Slugs.of("  Œuvre Thérapies Géniques & Cœur  ")).isEqualTo("oeuvre-therapies-geniques-coeur");
        assertThat(Slugs.of("Ça va !")).isEqualTo("ca-va");
    }

    @Test
    void neverEmptyNorReservedNorTooLong() {
        assertThat(Slugs.of("!!!")).isEqualTo("organisation");
        assertThat(Slugs.of("Nouvelle")).isEqualTo("nouvelle-organisation");
        assertThat(Slugs.of("a".repeat(300))).hasSizeLessThanOrEqualTo(Slugs.MAX_LENGTH - 8);
        assertThat(Slugs.candidate("acme", 1)).isEqualTo("acme");
        assertThat(Slugs.candidate("acme", 3)).isEqualTo("acme-3");
    }

    @Test
    void websiteDomainsWithoutWwwAndOnlyHttp() {
        assertThat(Websites.domainOf("https://www.Exemple.FR/a?b")).isEqualTo("exemple.fr");
        assertThat(Websites.domainOf("https://cdmo.demo.guichet-bio.example"))
                .isEqualTo("cdmo.demo.guichet-bio.example");
        assertThat(Websites.domainOf("javascript:alert(1)")).isNull();
        assertThat(Websites.isValid("javascript:alert(1)")).isFalse();
        assertThat(Websites.isValid("exemple.fr")).isFalse();
        assertThat(Websites.isValid("")).isTrue();
    }
}
