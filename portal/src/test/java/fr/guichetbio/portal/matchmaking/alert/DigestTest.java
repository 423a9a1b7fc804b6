package fr.guichetbio.portal.matchmaking.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.guichetbio.catalogue.index.search.MatchingSites;
import fr.guichetbio.portal.notification.Notice;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/** One person's digest: one notice for all their searches and briefs, naming the sites and nobody. */
class DigestTest {

    private static final MatchingSites.Site LYON = new MatchingSites.Site("bio-lyon", "BioLyon", "Lyon");
    private static final MatchingSites.Site TOURS = new MatchingSites.Site("vecto-tours", "Vecto", "Tours");
    private static final MatchingSites.Site NOWHERE = new MatchingSites.Site("x", "Sans ville", null);

    @Test
    void oneNoticeListsEverySearchAndBriefWithItsNewSites() {
        Notice notice = Digest.notice(
                42,
                List.of(
                        new Digest.Item(1, "Vecteurs AAV", List.of(LYON, TOURS)),
                        new Digest.Item(2, "Anticorps 50 kg/an", List.of(NOWHERE))));

        assertThat(notice.personId()).isEqualTo(42);
        assertThat(notice.category()).isEqualTo("matchmaking.digest");
        assertThat(notice.link()).isEqualTo("/compte/recherches#nouveautes");
        assertThat(notice.arguments())
                .containsExactly("3", "Vecteurs AAV — BioLyon (Lyon), Vecto (Tours); Anticorps 50 kg/an — Sans ville");
    }

    @Test
    void theTextReadsInBothLanguages() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        Notice notice = Digest.notice(1, List.of(new Digest.Item(1, "AAV", List.of(LYON))));
        Object[] arguments = notice.arguments().toArray();

        assertThat(messages.getMessage(notice.messageKey(), arguments, Locale.FRENCH))
                .isEqualTo(
                        "Nouveaux sites correspondant à vos recherches et cahiers des charges (1) : AAV — BioLyon (Lyon)");
        assertThat(messages.getMessage(notice.messageKey(), arguments, Locale.ENGLISH))
                .isEqualTo("New sites matching your searches and briefs (1): AAV — BioLyon (Lyon)");
    }

    @Test
    void aDigestOfNothingIsRefused() {
        assertThatThrownBy(() -> Digest.notice(1, List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
