package dev.iotlocal.edge;

import dev.iotlocal.sigv4.SignedRequest;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletRequest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads a request as it arrived on the wire (raw path and query, every header value) for SigV4 checks. */
final class SignedRequests {

    private SignedRequests() {
    }

    static SignedRequest of(Context ctx, byte[] body) {
        HttpServletRequest request = ctx.req();
        return new SignedRequest(request.getMethod(), request.getRequestURI(), request.getQueryString(), headers(request), body);
    }

    static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.computeIfAbsent(name, n -> new ArrayList<>()).addAll(Collections.list(request.getHeaders(name)));
        }
        return headers;
    }
}
