-- Sessions and their turns. Portable SQL: the same script runs on H2 (embedded) and PostgreSQL.
CREATE TABLE sessions (
    id          VARCHAR(64) PRIMARY KEY,
    user_id     VARCHAR(64),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    turn_count  INTEGER NOT NULL
);

-- Retention prunes by last activity.
CREATE INDEX sessions_updated_at ON sessions (updated_at);

CREATE TABLE turns (
    session_id          VARCHAR(64) NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    -- 1, 2, 3, ... within the session: the paging cursor.
    seq                 INTEGER NOT NULL,
    query               VARCHAR NOT NULL,
    answer              VARCHAR NOT NULL,
    answer_source       VARCHAR(16) NOT NULL,
    outcome             VARCHAR(16) NOT NULL,
    -- The activated dimensions' names as a JSON array, strongest first.
    dimensions          VARCHAR NOT NULL,
    -- Null when the safety gate redirected the query.
    dominant_frequency  DOUBLE PRECISION,
    iterations          INTEGER NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (session_id, seq)
);
