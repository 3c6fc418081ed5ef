package io.newswire.notify.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubscriptionInputTest {

    private final SubscriptionInput input = new SubscriptionInput(List.of("World", "Politics", "Technology", "Culture"));

    @Test
    void addressIsTrimmedAndLowerCased() {
        assertThat(SubscriptionInput.address("  Reader.One+news@Example.COM \n")).contains("reader.one+news@example.com");
        assertThat(SubscriptionInput.address("o'brien@mail.example.org")).contains("o'brien@mail.example.org");
    }

    @Test
    void anythingButOneBareAddressWithADottedDomainIsRefused() {
        assertThat(Arrays.asList(null, "", "   ", "reader", "reader@", "@example.com", "reader@localhost",
                "reader@example.", "reader@.example.com", "reader@exa..mple.com", "reader@[192.0.2.1]",
                "Reader <reader@example.com>", "reader@example.com, other@example.com", "reader@example.com other",
                "rea der@example.com", "reader@example.com\r\nBcc: x@example.com", "list: a@example.com;",
                "a".repeat(250) + "@example.com"))
                .allSatisfy(raw -> assertThat(SubscriptionInput.address(raw)).as("%s", raw).isEmpty());
    }

    @Test
    void topicsAreMatchedIgnoringCaseAndKeptInTheConfiguredOrder() {
        SubscriptionInput.Checked<Preferences> checked = input.preferences(List.of("technology", " WORLD ", "World"), "daily");

        assertThat(checked.isValid()).isTrue();
        assertThat(checked.value()).isEqualTo(new Preferences(List.of("world", "technology"), Frequency.DAILY));
    }

    @Test
    void noTopicsMeanEveryStoryAndNoFrequencyMeansEachStory() {
        assertThat(input.preferences(null, null).value()).isEqualTo(new Preferences(List.of(), Frequency.EACH));
        assertThat(input.preferences(List.of(), "").value()).isEqualTo(new Preferences(List.of(), Frequency.EACH));
    }

    @Test
    void unknownTopicOrFrequencyIsNamedWithoutEchoingTheValue() {
        SubscriptionInput.Checked<Signup> checked = input.signup("not an address", List.of("world", "gossip"), "hourly");

        assertThat(checked.isValid()).isFalse();
        assertThat(checked.errors()).containsExactly(
                org.assertj.core.api.Assertions.entry("email", "Enter an email address like name@example.com"),
                org.assertj.core.api.Assertions.entry("topics", "Choose topics from the list"),
                org.assertj.core.api.Assertions.entry("frequency", "Choose how often: each story, daily digest or weekly digest"));
        assertThat(checked.errors().values()).noneMatch(message -> message.contains("not an address")
                || message.contains("gossip") || message.contains("hourly"));
    }

    @Test
    void signupNeverPrintsItsAddress() {
        Signup signup = input.signup("reader@example.com", List.of(), "weekly").value();

        assertThat(signup.email()).isEqualTo("reader@example.com");
        assertThat(signup.toString()).doesNotContain("reader");
    }
}
