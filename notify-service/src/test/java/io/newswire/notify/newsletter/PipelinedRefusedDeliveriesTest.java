package io.newswire.notify.newsletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The same refusals, retries and ledger marks as {@link RefusedDeliveriesTest}, with an SMTP server
 * that advertises PIPELINING, as Postfix does: the story's emails go out as pipelined transactions
 * ({@link SmtpPipeline}), and what subscribers and the ledger show must not change.
 */
class PipelinedRefusedDeliveriesTest extends RefusedDeliveriesTest {

    @Override
    SmtpServerStub startSmtp() {
        return SmtpServerStub.startPipelining();
    }

    @Test
    void storyGoesOutAsPipelinedTransactions() {
        List<String> readers = List.of(subscriber(), subscriber(), subscriber());
        int transactions = smtp.transactions();
        int pipelined = smtp.pipelinedTransactions();

        String story = articles.publish("Ferry timetable changes", "Transport");

        await().atMost(PATIENCE).until(() -> sentTo(story, readers.toArray(String[]::new)));
        probe.awaitWorkDone(PATIENCE);
        assertThat(smtp.transactions() - transactions).isEqualTo(readers.size());
        assertThat(smtp.pipelinedTransactions() - pipelined).isEqualTo(readers.size());
    }
}
