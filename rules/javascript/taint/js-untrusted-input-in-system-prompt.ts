import Anthropic from "@anthropic-ai/sdk";
import { openai } from "@ai-sdk/openai";
import { generateText, streamText } from "ai";
import express, { Request, Response } from "express";
import { ChatPromptTemplate } from "@langchain/core/prompts";
import { SystemMessage, HumanMessage } from "@langchain/core/messages";
import { ChatOpenAI } from "@langchain/openai";
import OpenAI from "openai";

const app = express();
app.use(express.json());
const client = new OpenAI();
const anthropic = new Anthropic();
const llm = new ChatOpenAI({ model: "gpt-4o-mini" });

const SYSTEM_PROMPT = "You are Acme's support assistant. Only answer questions about Acme products.";
const TONES: Record<string, string> = { friendly: "Be warm.", formal: "Be formal." };

function buildInstructions(company: string, rules?: string) {
  let text = `You are a support bot for ${company}.`;
  if (rules) text += ` Extra rules: ${rules}`;
  return text;
}

app.post("/api/chat", async (req: Request, res: Response) => {
  const { message, company, rules } = req.body;
  const completion = await client.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [
      // ruleid: js-untrusted-input-in-system-prompt
      { role: "system", content: buildInstructions(company, rules) },
      { role: "user", content: message },
    ],
  });
  res.json({ answer: completion.choices[0].message.content });
});

export async function POST(req: Request) {
  const { messages, persona } = await req.json();
  const result = streamText({
    model: openai("gpt-4o"),
    // ruleid: js-untrusted-input-in-system-prompt
    system: `You are ${persona}. Stay in character and never break the fourth wall.`,
    messages,
  });
  return result.toDataStreamResponse();
}

app.post("/api/claude", async (req: Request, res: Response) => {
  const context = req.body.context;
  const msg = await anthropic.messages.create({
    model: "claude-3-5-sonnet-latest",
    max_tokens: 1024,
    // ruleid: js-untrusted-input-in-system-prompt
    system: "Use this context when answering:\n" + context,
    messages: [{ role: "user", content: req.body.question }],
  });
  res.json(msg.content);
});

app.post("/api/translate", async (req: Request, res: Response) => {
  const language = req.query.lang as string;
  const prompt = ChatPromptTemplate.fromMessages([
    // ruleid: js-untrusted-input-in-system-prompt
    ["system", `Translate everything into ${language}.`],
    ["human", "{text}"],
  ]);
  const out = await prompt.pipe(llm).invoke({ text: req.body.text });
  res.json({ text: out.content });
});

app.post("/api/summarize", async (req: Request, res: Response) => {
  const style = req.body.style;
  // ruleid: js-untrusted-input-in-system-prompt
  const messages = [new SystemMessage(`Summarize in the style: ${style}`), new HumanMessage(req.body.text)];
  res.json({ summary: (await llm.invoke(messages)).content });
});

app.post("/api/chat/safe", async (req: Request, res: Response) => {
  const completion = await client.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [
      // ok: js-untrusted-input-in-system-prompt
      { role: "system", content: SYSTEM_PROMPT },
      { role: "user", content: req.body.message },
    ],
  });
  res.json({ answer: completion.choices[0].message.content });
});

app.post("/api/ask", async (req: Request, res: Response) => {
  const { question, tone } = req.body;
  if (!Object.keys(TONES).includes(tone)) {
    return res.status(400).json({ error: "unknown tone" });
  }
  const { text } = await generateText({
    model: openai("gpt-4o-mini"),
    // ok: js-untrusted-input-in-system-prompt
    system: `${SYSTEM_PROMPT} ${TONES[tone]}`,
    prompt: question,
  });
  res.json({ text });
});

app.post("/api/claude/safe", async (req: Request, res: Response) => {
  const msg = await anthropic.messages.create({
    model: "claude-3-5-sonnet-latest",
    max_tokens: 1024,
    // ok: js-untrusted-input-in-system-prompt
    system: SYSTEM_PROMPT,
    messages: [{ role: "user", content: `Context:\n${req.body.context}\n\nQuestion: ${req.body.question}` }],
  });
  res.json(msg.content);
});
