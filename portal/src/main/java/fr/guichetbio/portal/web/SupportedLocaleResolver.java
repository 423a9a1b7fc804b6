package fr.guichetbio.portal.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

/**
 * French by default, English on request ({@code ?lang=en}), remembered in the {@code guichet_lang} cookie. Any other
 * language asked for (parameter or cookie) falls back to French, so {@code <html lang>} always matches the text.
 */
class SupportedLocaleResolver extends CookieLocaleResolver {

    static final String COOKIE_NAME = "guichet_lang";

    static final String LANG_PARAMETER = "lang";

    static final List<Locale> SUPPORTED = List.of(Locale.FRENCH, Locale.ENGLISH);

    SupportedLocaleResolver() {
        super(COOKIE_NAME);
        setDefaultLocale(Locale.FRENCH);
        setCookieHttpOnly(true);
        setCookieSameSite("Lax");
        setCookieMaxAge(Duration.ofDays(365));
    }

    /**
     * The {@code lang} parameter wins even where no handler interceptor runs (error pages for unknown URLs), so that
     * {@code /anything?lang=en} answers in English.
     */
    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        String asked = request.getParameter(LANG_PARAMETER);
        if (asked != null && !asked.isBlank()) {
            return supported(Locale.forLanguageTag(asked));
        }
        return supported(super.resolveLocale(request));
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        super.setLocale(request, response, locale == null ? null : supported(locale));
    }

    static Locale supported(Locale locale) {
        for (Locale candidate : SUPPORTED) {
            if (candidate.getLanguage().equals(locale.getLanguage())) {
                return candidate;
            }
        }
        return Locale.FRENCH;
    }
}
