import GRDB

/// The database schema, as named migrations applied in order and recorded in the database.
/// Never edit a migration that has shipped: add a new one.
enum EventStoreMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-events") { db in
            try db.execute(sql: """
                CREATE TABLE events (
                    seq INTEGER PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE,
                    type TEXT NOT NULL,
                    at_ns INTEGER NOT NULL,
                    conversation TEXT,
                    customer TEXT,
                    channel TEXT,
                    team TEXT,
                    agent TEXT,
                    priority TEXT,
                    body TEXT NOT NULL,
                    stored_at_ns INTEGER NOT NULL
                );
                CREATE INDEX events_by_conversation ON events (conversation, seq);
                CREATE INDEX events_by_time ON events (at_ns);
                """)
        }
        migrator.registerMigration("v1-dead-letters") { db in
            try db.execute(sql: """
                CREATE TABLE dead_letters (
                    seq INTEGER PRIMARY KEY,
                    recorded_at_ns INTEGER NOT NULL,
                    source TEXT NOT NULL,
                    line INTEGER,
                    field TEXT,
                    reason TEXT NOT NULL,
                    payload BLOB NOT NULL
                );
                CREATE UNIQUE INDEX dead_letters_by_origin ON dead_letters (source, line) WHERE line IS NOT NULL;
                """)
        }
        return migrator
    }
}
