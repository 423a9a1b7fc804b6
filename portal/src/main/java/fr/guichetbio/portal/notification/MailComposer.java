package fr.guichetbio.portal.notification;

import fr.guichetbio.portal.identity.People;
import fr.guichetbio.portal.identity.PersonSummary;
import fr.guichetbio.portal.web.PublicUrls;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.stereotype.Component;

/**
 * Writes the e-mail of a notice: plain text from the message bundles in the language the person chose on their
 * account (French then English when they never chose), the notice's text, an absolute link built from {@code
 * guichet.public-base-url}, and where to turn such e-mails off. It names nobody, not even the recipient.
 */
@Component
class MailComposer {

    static final Locale FRENCH = Locale.FRENCH;
    static final Locale ENGLISH = Locale.ENGLISH;
    static final String PREFERENCES_PATH = "/compte/notifications";

    private final People people;
    private final MessageSource messages;
    private final PublicUrls urls;

    MailComposer(People people, MessageSource messages, PublicUrls urls) {
        this.people = people;
        this.messages = messages;
        this.urls = urls;
    }

    /** The message to send, or empty when the person has no usable address (deleted account, none, unverified). */
    Optional<SimpleMailMessage> compose(MailOutbox.Pending pending, String from) {
        Optional<PersonSummary> person = people.find(pending.personId()).filter(p -> !p.deleted());
        Optional<String> address = person.flatMap(p -> people.verifiedEmail(p.id()));
        if (address.isEmpty()) {
            return Optional.empty();
        }
        String language = person.get().language();
        SimpleMailMessage mail = new SimpleMailMessage();
        mail.setFrom(from);
        mail.setTo(address.get());
        if ("en".equals(language)) {
            mail.setSubject(subject(pending, ENGLISH));
            mail.setText(body(pending, ENGLISH));
        } else if ("fr".equals(language)) {
            mail.setSubject(subject(pending, FRENCH));
            mail.setText(body(pending, FRENCH));
        } else {
            // Never chose: French first, the same in English below.
            mail.setSubject(subject(pending, FRENCH) + " / " + text(pending, ENGLISH));
            mail.setText(body(pending, FRENCH) + "\n\n-----\n\n" + body(pending, ENGLISH));
        }
        return Optional.of(mail);
    }

    String text(MailOutbox.Pending pending, Locale locale) {
        return messages.getMessage(pending.messageKey(), pending.arguments().toArray(), pending.messageKey(), locale);
    }

    private String subject(MailOutbox.Pending pending, Locale locale) {
        return messages.getMessage("notification.mail.subject", new Object[] {text(pending, locale)}, locale);
    }

    private String body(MailOutbox.Pending pending, Locale locale) {
        StringBuilder body = new StringBuilder();
        body.append(messages.getMessage("notification.mail.greeting", null, locale))
                .append("\n\n")
                .append(text(pending, locale))
                .append("\n\n");
        if (pending.link() != null) {
            body.append(messages.getMessage("notification.mail.open", new Object[] {urls.of(pending.link())}, locale))
                    .append("\n\n");
        }
        body.append(messages.getMessage("notification.mail.footer", new Object[] {urls.of(PREFERENCES_PATH)}, locale));
        return body.toString();
    }
}
