package fr.guichetbio.portal.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A request id on every request: the caller's {@value #HEADER} when it is a plain token (a load balancer's or another
 * service's id, so that their logs and ours join), a new UUID otherwise. It is in the logging MDC ({@value #MDC_KEY})
 * for every log line the request writes — the JSON logs carry it as a field — and echoed in the response's
 * {@value #HEADER}, so that a user's report or a client's error can be traced to its log lines.
 */
@Configuration(proxyBeanMethods = false)
public class RequestIds {

    /** The request and response header. */
    public static final String HEADER = "X-Request-Id";

    /** The MDC key, a field of every JSON log line. */
    public static final String MDC_KEY = "request_id";

    /**
     * What an incoming id may be: letters, digits and {@code . _ : -}, at most 64 characters (a UUID, a trace id). Any
     * other value is replaced rather than logged: it would let a caller write what it likes into the logs.
     */
    static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private static final String ATTRIBUTE = RequestIds.class.getName();

    /**
     * Before every other filter, Spring Security's included (its order is -100), so that the lines they log — and the
     * refusals they send — carry the id too.
     */
    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC);
        return registration;
    }

    /** The id to use for an incoming header value: that value when accepted, a new UUID otherwise. */
    static String idFor(String incoming) {
        return incoming != null && ACCEPTED.matcher(incoming).matches()
                ? incoming
                : UUID.randomUUID().toString();
    }

    static final class RequestIdFilter extends OncePerRequestFilter {

        @Override
        protected boolean shouldNotFilterAsyncDispatch() {
            return false;
        }

        @Override
        protected boolean shouldNotFilterErrorDispatch() {
            return false;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            // The error page's dispatch (after the request's own filters returned) keeps the request's id.
            String id =
                    request.getAttribute(ATTRIBUTE) instanceof String kept ? kept : idFor(request.getHeader(HEADER));
            request.setAttribute(ATTRIBUTE, id);
            if (!response.isCommitted()) {
                response.setHeader(HEADER, id);
            }
            MDC.put(MDC_KEY, id);
            try {
                chain.doFilter(request, response);
            } finally {
                MDC.remove(MDC_KEY);
            }
        }
    }
}
