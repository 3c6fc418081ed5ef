package io.newswire.notify.social;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/** The four adapters are beans Spring can build from the application's Clock alone. */
class MetaAndXChannelsWiringTest {

    @Test
    void eachAdapterIsABeanForItsNetwork() {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            context.registerBean(Clock.class, Clock::systemUTC);
            context.register(XChannel.class, FacebookChannel.class, InstagramChannel.class, ThreadsChannel.class);
            context.refresh();

            assertThat(context.getBeansOfType(SocialChannel.class).values()).extracting(SocialChannel::network)
                    .containsExactlyInAnyOrder(Network.X, Network.FACEBOOK, Network.INSTAGRAM, Network.THREADS);
        }
    }
}
