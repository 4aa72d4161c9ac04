import OpenAI from 'openai';
import { streamText, generateText } from 'ai';
import { openai as openaiProvider } from '@ai-sdk/openai';

const openai = new OpenAI();

// "Create a chat API route"
export async function POST(req: Request) {
  const { messages } = await req.json();
  // ruleid: js-llm-call-without-output-limit
  const completion = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages });
  return Response.json({ reply: completion.choices[0].message.content });
}

export async function stream(req: Request) {
  const { messages } = await req.json();
  // ruleid: js-llm-call-without-output-limit
  const result = streamText({ model: openaiProvider('gpt-4o-mini'), system: 'You are helpful.', messages });
  return result.toTextStreamResponse();
}

export async function summarize(text: string) {
  // ruleid: js-llm-call-without-output-limit
  const { text: summary } = await generateText({ model: openaiProvider('gpt-4o-mini'), prompt: `Summarize:\n${text}` });
  return summary;
}

export async function chatSafe(messages: OpenAI.ChatCompletionMessageParam[]) {
  // ok: js-llm-call-without-output-limit
  return openai.chat.completions.create({ model: 'gpt-4o-mini', messages, max_completion_tokens: 800 });
}

export async function streamSafe(messages: any[]) {
  // ok: js-llm-call-without-output-limit
  return streamText({ model: openaiProvider('gpt-4o-mini'), messages, maxOutputTokens: 800 });
}

const DEFAULTS = { model: 'gpt-4o-mini', max_completion_tokens: 500 };
export async function chatWithDefaults(messages: OpenAI.ChatCompletionMessageParam[]) {
  // ok: js-llm-call-without-output-limit
  return openai.chat.completions.create({ ...DEFAULTS, messages });
}
