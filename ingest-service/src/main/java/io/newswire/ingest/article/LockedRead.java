package io.newswire.ingest.article;

import java.sql.ResultSet;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCallback;
import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.jdbc.core.RowMapper;

/**
 * A transaction-scoped advisory lock and a read under it, sent as two statements in one round trip.
 * PostgreSQL runs them in order and, in READ COMMITTED, the read takes its snapshot after the lock
 * was granted, so it sees what the previous holder of the lock committed.
 */
final class LockedRead {

    private LockedRead() {
    }

    /**
     * @param lock       the locking statement, e.g. {@code SELECT pg_advisory_xact_lock(?)}
     * @param read       the query run once the lock is held; its first row, if any, is the answer
     * @param parameters sets the parameters of both statements, numbered across them
     */
    static <T> Optional<T> query(JdbcTemplate jdbc, String lock, String read, PreparedStatementSetter parameters,
            RowMapper<T> row) {
        return jdbc.execute(lock + "; " + read, (PreparedStatementCallback<Optional<T>>) statement -> {
            parameters.setValues(statement);
            statement.execute();
            if (!statement.getMoreResults()) {
                throw new IllegalStateException("No result for: " + read);
            }
            try (ResultSet rs = statement.getResultSet()) {
                return rs.next() ? Optional.of(row.mapRow(rs, 0)) : Optional.empty();
            }
        });
    }
}
