use async_openai::types::CreateChatCompletionRequestArgs;
use async_openai::Client;
use rig::completion::Prompt;
use rusqlite::{params, Connection};
use sqlx::PgPool;

pub async fn answer_question(pool: &PgPool, question: &str) -> anyhow::Result<Vec<sqlx::postgres::PgRow>> {
    let client = Client::new();
    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-4o-mini")
        .messages(vec![system("Translate the question into one PostgreSQL query."), user(question)])
        .build()?;
    let response = client.chat().create(request).await?;
    let sql = response.choices[0].message.content.clone().unwrap_or_default();
    // ruleid: rust-llm-output-executed-as-sql
    let rows = sqlx::query(&sql).fetch_all(pool).await?;
    Ok(rows)
}

pub async fn report_rows(pool: &PgPool, question: &str) -> anyhow::Result<Vec<Report>> {
    let response = openai_chat(question).await?;
    if let Some(generated) = response.choices[0].message.content.clone() {
        let cleaned = generated.trim_matches('`');
        // ruleid: rust-llm-output-executed-as-sql
        return Ok(sqlx::query_as::<_, Report>(&format!("{} LIMIT 100", generated)).fetch_all(pool).await?);
    }
    Ok(vec![])
}

pub fn run_generated(conn: &Connection, completion: &ChatCompletion) -> rusqlite::Result<usize> {
    for choice in &completion.choices {
        let statement: String = choice.message.content.clone().unwrap_or_default();
        // ruleid: rust-llm-output-executed-as-sql
        conn.execute_batch(&statement)?;
    }
    Ok(0)
}

pub async fn agent_sql(db: &tokio_postgres::Client, question: &str) -> anyhow::Result<u64> {
    let agent = openai_client().agent("gpt-4o").preamble("Write SQL for the question.").build();
    let answer = agent.prompt(question).await?;
    // ruleid: rust-llm-output-executed-as-sql
    let n = db.execute(answer.as_str(), &[]).await?;
    Ok(n)
}

pub async fn store_answer(conn: &Connection, completion: &ChatCompletion) -> rusqlite::Result<usize> {
    let answer = completion.choices[0].message.content.clone().unwrap_or_default();
    // ok: rust-llm-output-executed-as-sql
    conn.execute("INSERT INTO answers (body) VALUES (?1)", params![answer])
}

pub async fn store_answer_pg(pool: &PgPool, completion: &ChatCompletion) -> sqlx::Result<()> {
    let answer = completion.choices[0].message.content.clone().unwrap_or_default();
    // ok: rust-llm-output-executed-as-sql
    sqlx::query("INSERT INTO answers (body) VALUES ($1)").bind(&answer).execute(pool).await?;
    Ok(())
}

pub async fn cached_total(pool: &PgPool, db: &tokio_postgres::Client) -> anyhow::Result<i64> {
    let row = db.query_one("SELECT sql_text FROM saved_reports WHERE id = 1", &[]).await?;
    let saved: String = row.get(0);
    // ok: rust-llm-output-executed-as-sql
    let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM reports").fetch_one(pool).await?;
    Ok(total + saved.len() as i64)
}

pub fn log_answer(completion: &ChatCompletion, history: &mut Vec<String>) {
    let answer = completion.choices[0].message.content.clone().unwrap_or_default();
    // ok: rust-llm-output-executed-as-sql
    history.push(answer.clone());
}

pub async fn pick_report(pool: &PgPool, agent: &Agent, question: &str) -> anyhow::Result<Vec<Report>> {
    let intent: String = agent.prompt(question).await?;
    let query = match intent.trim() {
        "top_products" => "SELECT * FROM products ORDER BY sales DESC LIMIT 10",
        _ => "SELECT * FROM orders ORDER BY created_at DESC LIMIT 10",
    };
    // ok: rust-llm-output-executed-as-sql
    Ok(sqlx::query_as::<_, Report>(query).fetch_all(pool).await?)
}

pub async fn replay_saved(pool: &PgPool, store: &Store) -> anyhow::Result<u64> {
    let sql = store.fetch_one("latest").await?;
    // ok: rust-llm-output-executed-as-sql
    Ok(sqlx::query(&sql).execute(pool).await?.rows_affected())
}
