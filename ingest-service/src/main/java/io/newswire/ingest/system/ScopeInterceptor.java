package io.newswire.ingest.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/** Refuses (403) a handler marked {@link RequiresScope} to a client whose key lacks that scope. */
class ScopeInterceptor implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method) {
            RequiresScope required = method.getMethodAnnotation(RequiresScope.class);
            if (required != null && !ApiClient.of(request).scopes().contains(required.value())) {
                ErrorResponseException forbidden = new ErrorResponseException(HttpStatus.FORBIDDEN);
                forbidden.getBody().setTitle("Forbidden");
                forbidden.getBody().setDetail("This API key does not have the scope '" + required.value() + "'.");
                throw forbidden;
            }
        }
        return true;
    }
}
