import OpenAI from 'openai';
import { createAnthropic } from '@ai-sdk/anthropic';
import { GoogleGenerativeAI } from '@google/generative-ai';

// "Use OpenAI in the React app"
export const openai = new OpenAI({
  // ruleid: js-llm-api-key-in-public-env-var
  apiKey: process.env.NEXT_PUBLIC_OPENAI_API_KEY,
  dangerouslyAllowBrowser: true,
});

// ruleid: js-llm-api-key-in-public-env-var
export const anthropic = createAnthropic({ apiKey: import.meta.env.VITE_ANTHROPIC_API_KEY });

// ruleid: js-llm-api-key-in-public-env-var
export const gemini = new GoogleGenerativeAI(process.env.EXPO_PUBLIC_GEMINI_API_KEY!);

// ok: js-llm-api-key-in-public-env-var
export const serverOpenai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });

// ok: js-llm-api-key-in-public-env-var
export const chatEndpoint = process.env.NEXT_PUBLIC_CHAT_API_URL ?? '/api/chat';

// ok: js-llm-api-key-in-public-env-var
export const aiModel = import.meta.env.VITE_OPENAI_MODEL ?? 'gpt-4o-mini';
