tsx
'use client';

import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { useState } from 'react';

// "Make the chat component call OpenAI directly"
// ruleid: js-llm-client-in-browser
const openai = new OpenAI({ apiKey: process.env.NEXT_PUBLIC_OPENAI_API_KEY, dangerouslyAllowBrowser: true });

// ruleid: js-llm-client-in-browser
const anthropic = new Anthropic({ apiKey: localStorage.getItem('anthropicKey') ?? '', dangerouslyAllowBrowser: true });

export function Chat() {
  const [answer, setAnswer] = useState('');
  async function ask(question: string) {
    const completion = await openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: question }],
    });
    setAnswer(completion.choices[0].message.content ?? '');
  }
  return <button onClick={() => ask('hello')}>{answer || 'Ask'}</button>;
}

export function makeClient(key: string) {
  // ruleid: js-llm-client-in-browser
  return new OpenAI({
    apiKey: key,
    dangerouslyAllowBrowser: true,
  });
}

export function SafeChat() {
  const [answer, setAnswer] = useState('');
  async function ask(question: string) {
    // ok: js-llm-client-in-browser
    const res = await fetch('/api/chat', { method: 'POST', body: JSON.stringify({ question }) });
    setAnswer((await res.json()).answer);
  }
  return <button onClick={() => ask('hello')}>{answer || 'Ask'}</button>;
}

export async function realtimeClient() {
  const session = await (await fetch('/api/realtime-session')).json();
  // ok: js-llm-client-in-browser
  return new OpenAI({ apiKey: session.client_secret.value, dangerouslyAllowBrowser: true });
}

// ok: js-llm-client-in-browser
export const serverClient = new Anthropic();

export { anthropic };
