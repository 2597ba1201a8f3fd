package ru.gospochta.identity.internal.documents;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import org.jspecify.annotations.Nullable;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.StandardMultipartHttpServletRequest;

import ru.gospochta.identity.internal.documents.UploadRefused.Reason;

/**
 * Reads the upload's body before anything else does, so that one refused (over the size limit,
 * or broken off) becomes an ordinary refusal on the page instead of a failed request.
 *
 * <p>A body whose Content-Length is over identity's own limit is refused without being read: the
 * container's limits are the application's, sized for the API's larger messages, and a scan's
 * form has no business filling its temporary folder with them. A body without a length is read
 * under the container's limits, and the scan's own size is counted by {@link ScanInspection}.
 *
 * <p>Tomcat parses a multipart body on the first {@code getParameter} call, and when that fails it
 * throws from then on. The first caller is the CSRF filter looking for {@code _csrf}, so without
 * this filter an oversized scan ends in a bare 413 and even the error page cannot render. Here
 * the body is parsed first; if that fails, the request goes on with the parameters of its address
 * only (where the page's form puts the CSRF token) and no parts, marked with the {@link #REFUSAL}
 * attribute. Sign-in and CSRF checks then run as for any request, and the controller answers.
 */
class UnreadableUploads extends OncePerRequestFilter {

    /** Request attribute: the {@link Reason} the upload was refused unread, or could not be read, for. */
    static final String REFUSAL = UnreadableUploads.class.getName() + ".refusal";

    private final long maxRequestBytes;

    /** @param maxRequestBytes the largest upload body this module reads: a scan and its form around it */
    UnreadableUploads(long maxRequestBytes) {
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        return !"POST".equals(request.getMethod()) || type == null
                || !type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Reason refusal = null;
        if (request.getContentLengthLong() > maxRequestBytes) {
            refusal = Reason.TOO_LARGE;
        } else {
            try {
                // Spring's own reading of the parts, which tells a size refusal from other failures.
                new StandardMultipartHttpServletRequest(request);
            } catch (MaxUploadSizeExceededException tooLarge) {
                refusal = Reason.TOO_LARGE;
            } catch (MultipartException unreadable) {
                refusal = Reason.NO_FILE;
            }
        }
        if (refusal == null) {
            chain.doFilter(request, response);
            return;
        }
        request.setAttribute(REFUSAL, refusal);
        chain.doFilter(new AddressParametersOnly(request), response);
    }

    /** The request with the parameters of its query string and no body. */
    private static final class AddressParametersOnly extends HttpServletRequestWrapper {

        private final Map<String, String[]> parameters;

        AddressParametersOnly(HttpServletRequest request) {
            super(request);
            this.parameters = Collections.unmodifiableMap(parse(request.getQueryString()));
        }

        private static Map<String, String[]> parse(@Nullable String query) {
            Map<String, List<String>> values = new LinkedHashMap<>();
            if (query != null) {
                for (String pair : query.split("&")) {
                    if (pair.isEmpty()) {
                        continue;
                    }
                    int eq = pair.indexOf('=');
                    String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                    String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                    values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
                }
            }
            Map<String, String[]> result = new LinkedHashMap<>();
            values.forEach((name, list) -> result.put(name, list.toArray(String[]::new)));
            return result;
        }

        private static String decode(String text) {
            try {
                return URLDecoder.decode(text, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                return "";
            }
        }

        @Override
        public @Nullable String getParameter(String name) {
            String[] found = parameters.get(name);
            return found == null ? null : found[0];
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return parameters;
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(parameters.keySet());
        }

        @Override
        public String @Nullable [] getParameterValues(String name) {
            String[] found = parameters.get(name);
            return found == null ? null : found.clone();
        }

        @Override
        public Collection<Part> getParts() {
            return List.of();
        }

        @Override
        public @Nullable Part getPart(String name) {
            return null;
        }
    }
}
