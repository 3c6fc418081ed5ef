package io.newswire.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArticleEventTypeTest {

    @Test
    void everyTypeRoundTripsThroughItsCloudEventsTypeAndUnknownTypesAreEmpty() {
        for (ArticleEventType type : ArticleEventType.values()) {
            assertThat(ArticleEventType.fromCeType(type.ceType())).contains(type);
        }
        assertThat(ArticleEventType.PUBLISHED.ceType()).isEqualTo("newswire.article.published");
        assertThat(ArticleEventType.fromCeType("newswire.article.deleted")).isEmpty();
    }
}
