package fr.guichetbio.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletResponse;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The request id: the caller's when it is a plain token, a new one otherwise (absent, odd characters, too long), in the
 * logging MDC while the request runs and echoed in the response.
 */
class RequestIdsTest {

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Test
    void aPlainIncomingIdIsKeptLoggedAndEchoed() throws Exception {
        Seen seen = filter("lb-7f3a.42:b_c");
        assertThat(seen.header()).isEqualTo("lb-7f3a.42:b_c");
        assertThat(seen.logged()).isEqualTo("lb-7f3a.42:b_c");
        assertThat(MDC.get(RequestIds.MDC_KEY)).as("cleared after the request").isNull();
    }

    @Test
    void anIdIsGeneratedWhenNoneCame() throws Exception {
        Seen seen = filter(null);
        assertThat(seen.header()).matches(UUID);
        assertThat(seen.logged()).isEqualTo(seen.header());
        assertThat(filter(null).header()).as("one per request").isNotEqualTo(seen.header());
    }

    @Test
    void aBadOrOversizedIdIsReplaced() throws Exception {
        for (String bad :
                new String[] {"", "a b", "abc\ninjected log line", "<script>", "x".repeat(65), "é", "id;drop"}) {
            Seen seen = filter(bad);
            assertThat(seen.header()).as(bad).matches(UUID);
            assertThat(seen.logged()).as(bad).isEqualTo(seen.header());
        }
        assertThat(filter("x".repeat(64)).header())
                .as("64 characters are accepted")
                .isEqualTo("x".repeat(64));
    }

    record Seen(String header, String logged) {}

    private static Seen filter(String incoming) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
        if (incoming != null) {
            request.addHeader(RequestIds.HEADER, incoming);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        AtomicReference<String> logged = new AtomicReference<>();
        new RequestIds.RequestIdFilter()
                .doFilter(request, response, new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
                    @Override
                    protected void service(jakarta.servlet.http.HttpServletRequest req, HttpServletResponse res) {
                        logged.set(MDC.get(RequestIds.MDC_KEY));
                    }
                }));
        return new Seen(response.getHeader(RequestIds.HEADER), logged.get());
    }
}
