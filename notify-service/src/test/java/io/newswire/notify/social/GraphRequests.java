package io.newswire.notify.social;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads what a Graph-style stand-in received: form bodies and query strings, decoded. */
final class GraphRequests {

    private GraphRequests() {
    }

    static Map<String, String> form(PlatformStandIn.Request request) {
        return decode(request.bodyText());
    }

    static Map<String, String> query(PlatformStandIn.Request request) {
        return decode(request.query() == null ? "" : request.query());
    }

    static Map<String, String> decode(String encoded) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (encoded.isEmpty()) {
            return parameters;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            parameters.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }
}
