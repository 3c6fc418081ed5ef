package io.newswire.notify.digest;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads the confirmed subscribers of one frequency a page at a time, in id order (keyset
 * pagination: each page starts after the last id of the one before, so the list is never held
 * whole and a deep page costs what the first does).
 */
class DigestSubscribers {

    private final JdbcClient jdbc;

    DigestSubscribers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<DigestSubscriber> pageAfter(DigestFrequency frequency, UUID after, int limit) {
        return jdbc.sql("""
                SELECT id, email, topics FROM subscriber
                WHERE status = 'confirmed' AND frequency = :frequency AND id > :after
                ORDER BY id LIMIT :limit""")
                .param("frequency", frequency.value())
                .param("after", after)
                .param("limit", limit)
                .query((rs, row) -> subscriber(rs))
                .list();
    }

    static DigestSubscriber subscriber(ResultSet rs) throws SQLException {
        return new DigestSubscriber(rs.getObject("id", UUID.class), rs.getString("email"), topics(rs.getArray("topics")));
    }

    private static Set<String> topics(Array array) throws SQLException {
        if (array == null) {
            return Set.of();
        }
        return Arrays.stream((String[]) array.getArray()).filter(Objects::nonNull).collect(Collectors.toUnmodifiableSet());
    }
}
