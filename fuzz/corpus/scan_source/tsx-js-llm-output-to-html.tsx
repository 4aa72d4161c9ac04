tsx
import DOMPurify from "dompurify";
import { marked } from "marked";
import express from "express";
import OpenAI from "openai";
import { openai } from "@ai-sdk/openai";
import { generateText } from "ai";

const client = new OpenAI({ dangerouslyAllowBrowser: true });
const app = express();
app.use(express.json());

async function ask(question: string) {
  const completion = await client.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: question }],
  });
  return completion.choices[0].message.content ?? "";
}

export async function AnswerCard({ question }: { question: string }) {
  const answer = await ask(question);
  const html = marked.parse(answer) as string;
  // ruleid: js-llm-output-to-html
  return <div className="prose" dangerouslySetInnerHTML={{ __html: html }} />;
}

export async function appendMessage(list: HTMLElement, question: string) {
  const reply = await ask(question);
  const item = document.createElement("li");
  // ruleid: js-llm-output-to-html
  item.innerHTML = `<strong>Assistant:</strong> ${reply}`;
  list.appendChild(item);
}

app.post("/summary", async (req, res) => {
  const { text } = await generateText({ model: openai("gpt-4o-mini"), prompt: `Summarize: ${req.body.url}` });
  // ruleid: js-llm-output-to-html
  res.send(`<article>${text}</article>`);
});

export async function SafeAnswerCard({ question }: { question: string }) {
  const answer = await ask(question);
  const html = DOMPurify.sanitize(marked.parse(answer) as string);
  // ok: js-llm-output-to-html
  return <div className="prose" dangerouslySetInnerHTML={{ __html: html }} />;
}

export async function appendMessageSafe(list: HTMLElement, question: string) {
  const reply = await ask(question);
  const item = document.createElement("li");
  // ok: js-llm-output-to-html
  item.textContent = reply;
  list.appendChild(item);
}

export async function PlainAnswer({ question }: { question: string }) {
  const answer = await ask(question);
  // ok: js-llm-output-to-html
  return <p className="answer">{answer}</p>;
}

export async function showSettings(panel: HTMLElement) {
  const settingsHtml = await window.electron.ipcRenderer.invoke("settings:render");
  const local = await ipcRenderer.invoke("settings:render");
  // ok: js-llm-output-to-html
  panel.innerHTML = local;
  return settingsHtml;
}
