package io.newswire.apikeys;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Warns at start about a configured scope that no handler of this service asks for: most likely a
 * typo ({@code article:write}) that would leave a client with less than it was meant to have. The
 * scopes a service knows are the ones its {@link RequiresScope} handlers name, so each service
 * keeps its own set without a list to maintain. Only a warning: one client list may be shared by
 * several services, each using some of its scopes.
 */
final class UnusedScopes implements SmartInitializingSingleton {

    private static final Log log = LogFactory.getLog(UnusedScopes.class);

    private final List<ApiKeyProperties.Client> clients;
    private final ObjectProvider<RequestMappingHandlerMapping> handlerMappings;

    UnusedScopes(List<ApiKeyProperties.Client> clients, ObjectProvider<RequestMappingHandlerMapping> handlerMappings) {
        this.clients = clients;
        this.handlerMappings = handlerMappings;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Set<String> required = requiredScopes();
        for (ApiKeyProperties.Client client : clients) {
            for (String scope : client.scopes()) {
                if (!required.contains(scope)) {
                    log.warn("API client '" + client.name() + "' has scope '" + scope
                            + "', which no endpoint of this service requires (known: " + required + ")");
                }
            }
        }
    }

    Set<String> requiredScopes() {
        return handlerMappings.orderedStream()
                .flatMap(mapping -> mapping.getHandlerMethods().values().stream())
                .map(method -> method.getMethodAnnotation(RequiresScope.class))
                .filter(scope -> scope != null)
                .map(RequiresScope::value)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
