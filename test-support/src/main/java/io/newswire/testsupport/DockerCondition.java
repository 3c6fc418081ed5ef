package io.newswire.testsupport;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Spring conditions over {@link RealInfrastructure#dockerAvailable()}, so the switch stays in one place. */
final class DockerCondition {

    private DockerCondition() {
    }

    static final class Available implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return RealInfrastructure.dockerAvailable();
        }
    }

    static final class Unavailable implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !RealInfrastructure.dockerAvailable();
        }
    }
}
