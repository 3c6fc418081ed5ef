package io.newswire.notify.newsletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class FanOutWorkTest {

    @Test
    void slicesCoverTheWholeIdSpaceInOrderWithoutGapsOrOverlaps() {
        List<FanOutWork> slices = FanOutWork.story("5f0c", 16);

        assertThat(slices).hasSize(16);
        assertThat(slices.get(0).from()).isEqualTo(new UUID(0, 0));
        assertThat(slices.get(15).to()).isNull();
        for (int i = 0; i < 15; i++) {
            assertThat(slices.get(i).to()).isEqualTo(slices.get(i + 1).from());
            // PostgreSQL's order: as unsigned numbers, most significant half first.
            assertThat(Long.compareUnsigned(slices.get(i).from().getMostSignificantBits(),
                    slices.get(i + 1).from().getMostSignificantBits())).isNegative();
        }
    }

    @Test
    void slicesAreEqualSharesOfTheIdSpace() {
        assertThat(FanOutWork.story("5f0c", 4)).extracting(FanOutWork::from).extracting(UUID::toString).containsExactly(
                "00000000-0000-0000-0000-000000000000", "40000000-0000-0000-0000-000000000000",
                "80000000-0000-0000-0000-000000000000", "c0000000-0000-0000-0000-000000000000");
        assertThat(FanOutWork.story("5f0c", 3).get(1).from()).hasToString("55555555-5555-5555-5555-555555555555");
    }

    @Test
    void oneSliceIsTheWholeIdSpace() {
        FanOutWork whole = FanOutWork.story("5f0c", 1).get(0);

        assertThat(whole.from()).isEqualTo(new UUID(0, 0));
        assertThat(whole.to()).isNull();
    }

    @Test
    void recordIsKeyedByStoryAndSliceAndSaysWhatItIs() {
        FanOutWork work = FanOutWork.story("5f0c", 4).get(1);

        assertThat(work.key()).isEqualTo("5f0c/1");
        JsonMapper json = JsonMapper.builder().build();
        assertThat(json.readTree(json.writeValueAsString(work))).isEqualTo(json.readTree("""
                {"type":"story","storyId":"5f0c","slice":1,"slices":4,
                 "from":"40000000-0000-0000-0000-000000000000","to":"80000000-0000-0000-0000-000000000000"}"""));
    }
}
