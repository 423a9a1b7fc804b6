package fr.guichetbio.devidp;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Every account this provider knows: the configured demo accounts, plus the ones people create on the sign-up page
 * (kept in memory only: a restart forgets them — development only). The one source of passwords and claims.
 */
@Component
class Accounts implements UserDetailsService {

    static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9.-]{2,29}");
    static final int MIN_PASSWORD_LENGTH = 12;

    private final ConcurrentMap<String, Entry> accounts = new ConcurrentHashMap<>();
    private final PasswordEncoder passwordEncoder;

    Accounts(DevIdpProperties properties, PasswordEncoder passwordEncoder) {
        this.passwordEncoder = passwordEncoder;
        properties
                .accounts()
                .forEach((username, account) -> accounts.put(
                        username,
                        new Entry(
                                passwordEncoder.encode(account.password()),
                                new Profile(account.name(), account.email(), account.locale()))));
    }

    /** What the identity provider says about an account in its tokens. */
    record Profile(String name, String email, String locale) {}

    private record Entry(String passwordHash, Profile profile) {}

    Optional<Profile> profile(String username) {
        return Optional.ofNullable(accounts.get(username)).map(Entry::profile);
    }

    int size() {
        return accounts.size();
    }

    /**
     * Creates an account.
     *
     * @return false when the username is taken
     */
    boolean signUp(String username, String rawPassword, Profile profile) {
        return accounts.putIfAbsent(username, new Entry(passwordEncoder.encode(rawPassword), profile)) == null;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        Entry entry = accounts.get(username);
        if (entry == null) {
            throw new UsernameNotFoundException("No such account");
        }
        return User.withUsername(username)
                .password(entry.passwordHash())
                .roles("USER")
                .build();
    }
}
