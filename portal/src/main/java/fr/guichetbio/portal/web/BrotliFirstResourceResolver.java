package fr.guichetbio.portal.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.Arrays;
import java.util.List;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.util.StringUtils;
import org.springframework.web.servlet.resource.EncodedResourceResolver;
import org.springframework.web.servlet.resource.ResourceResolverChain;

/**
 * Serves the build's {@code .br} file whenever the browser accepts brotli. Spring's {@link EncodedResourceResolver}
 * takes the first coding the browser lists, and Chromium and Firefox send {@code gzip, deflate, br, zstd}: every page
 * got the gzip files (stylesheet 36 KB instead of 28 KB, scripts 41 KB instead of 36 KB).
 */
class BrotliFirstResourceResolver extends EncodedResourceResolver {

    @Override
    protected Resource resolveResourceInternal(
            HttpServletRequest request,
            String requestPath,
            List<? extends Resource> locations,
            ResourceResolverChain chain) {
        return super.resolveResourceInternal(
                request == null ? null : new BrotliFirst(request), requestPath, locations, chain);
    }

    /** The request with {@code br} listed first in its Accept-Encoding when it lists it at all. */
    private static final class BrotliFirst extends HttpServletRequestWrapper {

        BrotliFirst(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getHeader(String name) {
            String value = super.getHeader(name);
            if (!HttpHeaders.ACCEPT_ENCODING.equalsIgnoreCase(name) || value == null) {
                return value;
            }
            boolean brotli = Arrays.stream(StringUtils.tokenizeToStringArray(value, ","))
                    .anyMatch(coding -> coding.split(";")[0].trim().equalsIgnoreCase("br"));
            return brotli ? "br, " + value : value;
        }
    }
}
