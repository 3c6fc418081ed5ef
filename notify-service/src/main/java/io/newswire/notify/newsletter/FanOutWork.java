package io.newswire.notify.newsletter;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One work record on {@code newswire.newsletter.work}: send story {@code storyId} to the
 * subscribers whose id lies in {@code [from, to)}. A story's fan-out is {@code slices} such
 * records, one per equal share of the UUID space; subscriber ids are random (version 4), so the
 * shares hold about as many subscribers each, and the instances of the consumer group share
 * the records through the topic's partitions.
 *
 * @param type    what to send; {@value #STORY} is the only type so far (digests may use the topic later)
 * @param storyId the article id
 * @param slice   which share, from 0
 * @param slices  how many shares the story was cut into
 * @param from    the lowest subscriber id of the share (inclusive)
 * @param to      the end of the share (exclusive); {@code null} for the last share, which runs to the
 *                top of the UUID space
 */
record FanOutWork(String type, String storyId, int slice, int slices, UUID from, UUID to) {

    static final String STORY = "story";

    private static final BigInteger UUID_SPACE = BigInteger.ONE.shiftLeft(128);
    private static final BigInteger LONG_MASK = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    /** The story's fan-out: share {@code i} covers {@code [i·2¹²⁸/slices, (i+1)·2¹²⁸/slices)}. */
    static List<FanOutWork> story(String storyId, int slices) {
        List<FanOutWork> work = new ArrayList<>(slices);
        for (int i = 0; i < slices; i++) {
            work.add(new FanOutWork(STORY, storyId, i, slices, bound(i, slices), i + 1 == slices ? null : bound(i + 1, slices)));
        }
        return work;
    }

    /** Same key, same partition: a slice planned twice is worked on in order, by one consumer. */
    String key() {
        return storyId + "/" + slice;
    }

    /** PostgreSQL orders uuid values as unsigned 128-bit numbers, most significant byte first, as here. */
    private static UUID bound(int i, int slices) {
        BigInteger value = UUID_SPACE.multiply(BigInteger.valueOf(i)).divide(BigInteger.valueOf(slices));
        return new UUID(value.shiftRight(64).longValue(), value.and(LONG_MASK).longValue());
    }
}
