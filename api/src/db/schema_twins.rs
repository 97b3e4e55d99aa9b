//! The two migration folders describe one schema: every table, column, constraint and index
//! written for SQLite is written the same for PostgreSQL (BIGINT for INTEGER). Only triggers
//! differ by design (each engine's own syntax), so they are left out of the comparison.

use std::path::Path;

/// The schema statements of a migration (tables, indexes, added columns), comments and
/// triggers left out, PostgreSQL's BIGINT read as INTEGER.
fn schema_statements(sql: &str) -> Vec<String> {
    let mut statements = Vec::new();
    let mut current: Option<String> = None;
    for line in sql.lines() {
        let line = line.split("--").next().unwrap_or("").trim_end();
        if line.trim().is_empty() {
            continue;
        }
        let starts = [
            "CREATE TABLE",
            "CREATE INDEX",
            "CREATE UNIQUE INDEX",
            "ALTER TABLE",
        ]
        .iter()
        .any(|s| line.starts_with(s));
        if current.is_none() && starts {
            current = Some(String::new());
        }
        if let Some(statement) = current.as_mut() {
            statement.push_str(&line.replace("BIGINT", "INTEGER"));
            statement.push('\n');
            if line.ends_with(';') {
                statements.extend(current.take());
            }
        }
    }
    statements
}

#[test]
fn sqlite_and_postgres_migrations_stay_in_step() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    let mut names: Vec<_> = std::fs::read_dir(root.join("sqlite"))
        .expect("sqlite migrations")
        .filter_map(|e| e.ok().map(|e| e.file_name()))
        .collect();
    names.sort();
    assert!(names.len() >= 4, "{names:?}");
    for name in names {
        let read = |engine: &str| {
            std::fs::read_to_string(root.join(engine).join(&name))
                .unwrap_or_else(|e| panic!("{engine}/{name:?}: {e}"))
        };
        let sqlite = schema_statements(&read("sqlite"));
        let postgres = schema_statements(&read("postgres"));
        assert!(!sqlite.is_empty(), "{name:?} has no schema statement");
        assert_eq!(sqlite, postgres, "{name:?} differs between the engines");
    }
}

#[test]
fn a_column_missing_on_one_side_is_caught() {
    let a = "CREATE TABLE t (\n    a INTEGER,\n    b TEXT\n);\n";
    let b = "-- same table\nCREATE TABLE t (\n    a BIGINT\n);\n";
    assert_ne!(schema_statements(a), schema_statements(b));
    let c = "CREATE TABLE t (\n    a BIGINT, -- a number\n    b TEXT\n);\n";
    assert_eq!(schema_statements(a), schema_statements(c));
}
