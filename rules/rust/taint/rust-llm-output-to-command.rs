use std::process::Command;

use async_openai::{
    types::{ChatCompletionRequestUserMessageArgs, CreateChatCompletionRequestArgs},
    Client,
};
use rig::completion::Prompt;

const ALLOWED: [&str; 3] = ["status", "diff", "log"];

async fn suggest_command(client: &Client<async_openai::config::OpenAIConfig>, error_log: &str) -> anyhow::Result<String> {
    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-4o-mini")
        .messages([ChatCompletionRequestUserMessageArgs::default()
            .content("Reply with one shell command that fixes:\n".to_string() + error_log)
            .build()?
            .into()])
        .build()?;
    let response = client.chat().create(request).await?;
    let command = response.choices[0].message.content.clone().unwrap_or_default();
    return Ok(command.trim().to_string());
}

pub async fn auto_fix(client: &Client<async_openai::config::OpenAIConfig>, log: &str) -> anyhow::Result<()> {
    let command = suggest_command(client, log).await?;
    // ruleid: rust-llm-output-to-command
    let status = Command::new("sh").arg("-c").arg(&command).status()?;
    println!("fix exited with {status}");
    Ok(())
}

pub async fn agent_step(agent: &rig::agent::Agent<rig::providers::openai::CompletionModel>, task: &str) -> anyhow::Result<String> {
    let answer = agent.prompt(task).await?;
    let script = answer.trim().trim_start_matches("```sh").trim_end_matches("```").to_string();
    // ruleid: rust-llm-output-to-command
    let out = tokio::process::Command::new("bash").args(["-c", &script]).output().await?;
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

pub async fn choose_tool(client: &Client<async_openai::config::OpenAIConfig>, question: &str) -> anyhow::Result<String> {
    let request = CreateChatCompletionRequestArgs::default()
        .model("gpt-4o-mini")
        .messages([ChatCompletionRequestUserMessageArgs::default().content(question).build()?.into()])
        .build()?;
    let response = client.chat().create(request).await?;
    let tool = response.choices[0].message.content.clone().unwrap_or_default();
    // ruleid: rust-llm-output-to-command
    let out = Command::new(tool.trim()).arg("--help").output()?;
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

pub async fn git_agent(agent: &rig::agent::Agent<rig::providers::openai::CompletionModel>, task: &str) -> anyhow::Result<String> {
    let choice = agent.prompt(task).await?;
    let sub = choice.trim().to_string();
    if !ALLOWED.contains(&sub.as_str()) {
        anyhow::bail!("model chose a command that is not allowed");
    }
    // ok: rust-llm-output-to-command
    let out = Command::new("git").arg(&sub).output()?;
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

pub async fn summarize(agent: &rig::agent::Agent<rig::providers::openai::CompletionModel>, text: &str) -> anyhow::Result<String> {
    let summary = agent.prompt(text).await?;
    // ok: rust-llm-output-to-command
    Command::new("notify-send").arg("summary ready").status()?;
    Ok(summary)
}

pub async fn echo_answer(agent: &rig::agent::Agent<rig::providers::openai::CompletionModel>, q: &str) -> anyhow::Result<()> {
    let answer = agent.prompt(q).await?;
    let quoted = shell_escape::escape(answer.into());
    // ok: rust-llm-output-to-command
    Command::new("sh").arg("-c").arg("echo ".to_string() + &quoted).status()?;
    Ok(())
}
