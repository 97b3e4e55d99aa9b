//! Multi-row INSERTs for the demo seed: one statement per few hundred rows instead of one per
//! row, which matters on PostgreSQL where every test seeds a fresh demo world.

use crate::db::Tx;
use crate::error::ApiResult;

/// A value of a seeded row.
#[derive(Debug, Clone)]
pub enum Value {
    Text(String),
    Int(i64),
    NullableText(Option<String>),
    NullableInt(Option<i64>),
}

/// Rows for one table, inserted in batches.
pub struct Rows {
    table_and_columns: &'static str,
    width: usize,
    rows: Vec<Vec<Value>>,
}

impl Rows {
    /// Rows for `INSERT INTO <table_and_columns>`, e.g. `"t (a, b)"` with `width` 2.
    pub fn new(table_and_columns: &'static str, width: usize) -> Self {
        Self {
            table_and_columns,
            width,
            rows: Vec::new(),
        }
    }

    /// Adds a row (as many values as columns).
    pub fn push(&mut self, row: Vec<Value>) {
        debug_assert_eq!(row.len(), self.width, "{}", self.table_and_columns);
        self.rows.push(row);
    }

    /// Inserts every row, at most 200 per statement (well under both engines' bind limits).
    pub async fn insert(self, tx: &mut Tx) -> ApiResult<()> {
        for chunk in self.rows.chunks(200) {
            let sql = statement(self.table_and_columns, self.width, chunk.len());
            let mut query = sqlx::query(&sql);
            for value in chunk.iter().flatten() {
                query = match value {
                    Value::Text(v) => query.bind(v.clone()),
                    Value::Int(v) => query.bind(*v),
                    Value::NullableText(v) => query.bind(v.clone()),
                    Value::NullableInt(v) => query.bind(*v),
                };
            }
            query.execute(&mut **tx).await?;
        }
        Ok(())
    }
}

/// `INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4)` for `rows` rows of `width` values.
fn statement(table_and_columns: &str, width: usize, rows: usize) -> String {
    let groups: Vec<String> = (0..rows)
        .map(|r| {
            let marks: Vec<String> = (1..=width).map(|c| format!("${}", r * width + c)).collect();
            format!("({})", marks.join(", "))
        })
        .collect();
    format!(
        "INSERT INTO {table_and_columns} VALUES {}",
        groups.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::statement;

    #[test]
    fn placeholders_run_on_across_rows() {
        assert_eq!(
            statement("t (a, b)", 2, 2),
            "INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4)"
        );
    }
}
