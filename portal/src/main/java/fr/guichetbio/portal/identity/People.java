package fr.guichetbio.portal.identity;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The identity module's public read API: find people by login, by id, or by name/email. Changes go elsewhere. */
@Service
@Transactional(readOnly = true)
public class People {

    /** Search result page size. */
    public static final int PAGE_SIZE = 20;

    private final Persons persons;

    People(Persons persons) {
        this.persons = persons;
    }

    /** The person who signs in with this (issuer, subject), if they ever did (or a seeder created them). */
    public Optional<Long> idOf(String issuer, String subject) {
        return persons.idOf(issuer, subject);
    }

    public Optional<PersonSummary> find(long id) {
        return persons.find(id);
    }

    /** The names to show for these people, in one query (people without a name to show are absent). */
    public Map<Long, String> displayNames(Collection<Long> ids) {
        Map<Long, String> names = new HashMap<>();
        persons.findAll(ids).stream()
                .filter(person -> person.displayName() != null)
                .forEach(person -> names.put(person.id(), person.displayName()));
        return names;
    }

    /**
     * The person's address, lower-cased, if they have one and the identity provider did not say at their last sign-in
     * that it is unverified ({@code email_verified} true, or not sent by the provider). Empty for a deleted account.
     */
    public Optional<String> verifiedEmail(long personId) {
        return persons.verifiedEmail(personId);
    }

    /**
     * People whose name, chosen name or email contains {@code text} (case-insensitive; all when blank), deleted
     * accounts excluded, by name; pages of {@link #PAGE_SIZE} starting at 0.
     */
    public List<PersonSummary> search(String text, int page) {
        return persons.search(text, Math.max(0, page), PAGE_SIZE);
    }

    /**
     * The current state of a signed-in person, read at every request (one query) by the filter that ends the sessions
     * of suspended or deleted people and refreshes roles and name. Empty when no such person exists.
     */
    public Optional<SessionState> sessionState(long personId) {
        return persons.sessionState(personId);
    }

    /** @param displayName the name to show, {@code null} when neither chosen nor given by the identity provider */
    public record SessionState(boolean suspended, boolean deleted, String displayName, Set<PlatformRole> roles) {}
}
