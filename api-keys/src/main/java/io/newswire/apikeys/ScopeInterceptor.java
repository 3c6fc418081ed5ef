package io.newswire.apikeys;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses (403) a handler marked {@link RequiresScope} to a client whose key lacks that scope. The
 * refusal is an {@link ErrorResponseException}, which Spring MVC renders as problem details.
 */
final class ScopeInterceptor implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method) {
            RequiresScope required = method.getMethodAnnotation(RequiresScope.class);
            if (required == null) {
                return true;
            }
            ApiClient client = ApiClient.boundTo(request);
            if (client == null) {
                // A scoped handler on a path no key is asked for: a configuration mistake. Fail
                // closed (500) rather than serve it to anyone.
                throw new IllegalStateException(method.getShortLogMessage() + " requires scope '" + required.value()
                        + "' but " + request.getRequestURI() + " is not under newswire.api.protected-paths");
            }
            if (!client.scopes().contains(required.value())) {
                ErrorResponseException forbidden = new ErrorResponseException(HttpStatus.FORBIDDEN);
                forbidden.getBody().setTitle("Forbidden");
                forbidden.getBody().setDetail("This API key does not have the scope '" + required.value() + "'.");
                throw forbidden;
            }
        }
        return true;
    }
}
